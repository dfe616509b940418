"""The crawl benchmark's baseline: the Scrapy project a newcomer would write.

A CrawlSpider that follows listing and article links, and an item pipeline that calls
``trafilatura.extract`` inline, on the Twisted reactor thread, for every article page.
Nothing here is tuned; it is the honest default against which Thresher is compared.
"""
