"""Thresher's downloader middlewares, one per module, enabled in :mod:`crawler.settings`."""
