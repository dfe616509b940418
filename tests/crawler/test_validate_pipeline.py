"""The validation pipeline: schema-valid records pass, invalid ones become errors lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.context import CrawlContext, RunPlan
from crawler.extract_job import RECORD, ExtractJob, run_extract_job
from crawler.items import RecordItem
from crawler.pipelines.validate import SchemaValidationPipeline
from crawler.sources import Source
from extractors import ExtractOptions

PAGE = ("<html><head><title>Valid record</title></head><body><article>"
        + "<p>A record made by the real extractor must pass the published schema. " * 10
        + "</p></article></body></html>").encode()


def _record() -> dict:
    job = ExtractJob(body=PAGE, url="https://a.example/news/1.html",
                     final_url="https://a.example/news/1.html", source="gazette",
                     fetched_at="2025-01-01T00:00:00Z", options=ExtractOptions())
    outcome = run_extract_job(job)
    assert outcome.kind == RECORD and outcome.record is not None
    return outcome.record


def _pipeline(tmp_path: Path) -> tuple[SchemaValidationPipeline, CrawlContext]:
    plan = RunPlan(Source(name="gazette", start_urls=("https://a.example/",)), "RUN", tmp_path)
    crawler = get_crawler(settings_dict={"THRESHER_RUN": plan})
    crawler.stats = MemoryStatsCollector(crawler)
    pipeline = SchemaValidationPipeline.from_crawler(crawler)
    pipeline.open_spider()
    return pipeline, CrawlContext.of(crawler)


def test_a_real_record_passes_and_a_broken_one_is_an_error(tmp_path: Path) -> None:
    pipeline, context = _pipeline(tmp_path)
    assert pipeline.validator is not None  # the schema was found
    good = RecordItem(_record(), "https://a.example/news/1.html", "f" * 40)
    assert pipeline.process_item(good) is good
    broken = dict(good.record, word_count="many", fetched_at="yesterday")
    with pytest.raises(DropItem):
        pipeline.process_item(RecordItem(broken, "https://a.example/news/2.html", "e" * 40))
    context.close()
    (error,) = [json.loads(x) for x in context.plan.errors_path.read_text("utf-8").splitlines()]
    assert (error["url"], error["stage"], error["reason"]) == (
        "https://a.example/news/2.html", "validate", "schema_invalid")
    assert error["message"].split(":")[0] in ("word_count", "fetched_at")
    assert "e" * 40 in context.ledger
