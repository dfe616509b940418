"""Thresher's crawler side: Scrapy, files, stores, schedules and the CLI."""
