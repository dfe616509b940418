"""Run the naive baseline: ``python -m benchmarks.naive_scrapy.run BASE_URL OUT.jsonl STATS.json``.

Settings are Scrapy's defaults (16 concurrent requests, 8 per domain, robots.txt obeyed)
except what the benchmark fixes for every contender alike: AutoThrottle off, no delay.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess

from .spider import NewsSpider

SETTINGS = {
    "ROBOTSTXT_OBEY": True,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "ITEM_PIPELINES": {"benchmarks.naive_scrapy.pipeline.TrafilaturaPipeline": 300},
    "LOG_LEVEL": "INFO",
    "TELNETCONSOLE_ENABLED": False,
}


def main(argv: list[str]) -> int:
    base_url, output, stats_path = argv
    process = CrawlerProcess({**SETTINGS, "NAIVE_OUTPUT": output})
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, base_url=base_url)
    process.start()
    stats = {k: v if isinstance(v, int | float | str) else str(v)
             for k, v in crawler.stats.get_stats().items()}
    Path(stats_path).write_text(json.dumps(stats, indent=2, sort_keys=True), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
