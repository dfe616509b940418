"""A CrawlSpider: start at the home page, follow section listings, parse every article."""

from __future__ import annotations

from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule


class NewsSpider(CrawlSpider):
    name = "naive_news"
    rules = (
        Rule(LinkExtractor(allow=r"/news/.+\.html$"), callback="parse_article", follow=True),
        Rule(LinkExtractor(allow=(r"/section/",)), follow=True),
    )

    def __init__(self, base_url: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.start_urls = [base_url.rstrip("/") + "/"]
        self.allowed_domains = [base_url.split("//", 1)[1].split("/", 1)[0].split(":")[0]]

    def parse_article(self, response):
        yield {"url": response.url, "html": response.text}
