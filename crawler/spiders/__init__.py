"""Thresher spiders."""
