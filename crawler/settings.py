"""Scrapy settings for Thresher (scrapy.cfg points here)."""

BOT_NAME = "thresher"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
ROBOTSTXT_OBEY = True
