"""A pipeline with a bug, for the test that a crashing pipeline still leaves a trace."""

from __future__ import annotations

from crawler.items import RecordItem


class BoomOnStoryTwo:
    def process_item(self, item: object) -> object:
        if isinstance(item, RecordItem) and item.url.endswith("/news/2.html"):
            raise KeyError("a bug in a pipeline")
        return item
