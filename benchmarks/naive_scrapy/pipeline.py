"""Extract inline with trafilatura and append one JSON line per article."""

from __future__ import annotations

import trafilatura


class TrafilaturaPipeline:
    def __init__(self, output: str) -> None:
        self.output = output
        self.file = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("NAIVE_OUTPUT"))

    def open_spider(self) -> None:
        self.file = open(self.output, "w", encoding="utf-8")  # noqa: SIM115

    def close_spider(self) -> None:
        self.file.close()

    def process_item(self, item):
        extracted = trafilatura.extract(item["html"], url=item["url"], output_format="json",
                                        with_metadata=True)
        if extracted:
            self.file.write(extracted + "\n")
        return {"url": item["url"]}
