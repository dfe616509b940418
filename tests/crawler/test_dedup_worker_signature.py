"""The near-duplicate signature computed in the extraction worker is the one the dedup
pipeline would compute, and the pipeline recomputes it when a pipeline changed the text."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import numpy as np

from crawler.dedup import NearDupIndex
from crawler.dedup.signature import from_bytes
from crawler.extract_job import RECORD, ExtractJob, near_dup_signature, run_extract_job
from crawler.items import NearDupSignature, RecordItem
from crawler.pipelines.dedup import DedupPipeline
from crawler.pipelines.extract import _near_dup
from crawler.state import SQLiteStateStore
from extractors import Article, ExtractOptions

PARAGRAPH = ("The harbour council in Saltreach voted on Tuesday to close the old ferry pier "
             "after engineers found the timber piles had rotted faster than predicted. ")
PAGE = ("<html><head><title>Ferry pier closes</title></head><body><article><h1>Ferry pier "
        f"closes</h1><p>{PARAGRAPH * 3}</p><p>{PARAGRAPH * 2}Commuters will use the freight "
        "quay.</p></article></body></html>").encode()
URL = "https://news.example/2024/pier.html"


def _job(near_dup: bool) -> ExtractJob:
    return ExtractJob(body=PAGE, url=URL, final_url=URL, source="t", fetched_at="2024-05-01T"
                      "00:00:00Z", options=ExtractOptions(), near_dup_signature=near_dup)


def test_the_worker_signs_only_when_asked_and_signs_as_the_index_does(tmp_path):
    assert run_extract_job(_job(False)).signature == b""
    outcome = run_extract_job(_job(True))
    assert outcome.kind == RECORD and outcome.record is not None
    record = Article.from_dict(outcome.record)
    signed = NearDupIndex(SQLiteStateStore.open().dedup)
    recomputed = NearDupIndex(SQLiteStateStore.open().dedup)
    assignment = signed.add_signed(record, from_bytes(outcome.signature), outcome.shingles)
    assert assignment == recomputed.add(record)
    assert outcome.shingles > 10


class _Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str) -> None:
        self.values[key] = self.values.get(key, 0) + 1


def _pipeline(tmp_path, signed: NearDupSignature | None
              ) -> tuple[DedupPipeline, list[tuple[str, object]]]:
    calls: list[tuple[str, object]] = []
    index = NearDupIndex(SQLiteStateStore.open().dedup)
    add, add_signed = index.add, index.add_signed
    index.add = lambda record: calls.append(("add", record.id)) or add(record)
    index.add_signed = lambda record, signature, size: (
        calls.append(("signed", record.id)) or add_signed(record, signature, size))
    pipeline = DedupPipeline(SimpleNamespace(stats=_Stats()), drop_copies=False)
    pipeline.index = index
    pipeline.state = SimpleNamespace(commit=lambda: None)
    pipeline.context = SimpleNamespace(near_dup={"fp": signed} if signed else {})
    return pipeline, calls


def test_the_pipeline_uses_the_worker_signature_while_the_text_is_unchanged(tmp_path):
    outcome = run_extract_job(_job(True))
    item = RecordItem(outcome.record, URL, "fp")
    pipeline, calls = _pipeline(tmp_path, _near_dup(outcome))
    result = pipeline.process_item(item)
    assert calls == [("signed", outcome.record["id"])]
    assert pipeline.context.near_dup == {}  # taken, not kept
    assert result.record["group_id"] == outcome.record["id"]


def test_a_changed_text_is_signed_again(tmp_path):
    outcome = run_extract_job(_job(True))
    item = RecordItem(outcome.record, URL, "fp")
    stripped = replace(item, record={**item.record, "text": item.record["text"] + "\n\nMore."})
    pipeline, calls = _pipeline(tmp_path, _near_dup(outcome))
    pipeline.process_item(stripped)
    record_id = outcome.record["id"]
    assert calls == [("add", record_id), ("signed", record_id)]  # add() signs, then indexes


def test_the_signature_is_of_the_text_title_and_language():
    article = Article.from_dict(run_extract_job(_job(False)).record)
    signature, size = near_dup_signature(article)
    other, _ = near_dup_signature(replace(article, text=article.text + " Extra words here."))
    assert size > 0 and not np.array_equal(from_bytes(signature), from_bytes(other))
    signed = NearDupSignature(article.text, article.title, article.language, signature, size)
    assert signed.matches(article.text, article.title, article.language)
    assert not signed.matches(article.text, "Another title", article.language)
    assert not signed.matches(article.text, article.title, "de")


def test_a_dropped_record_leaves_its_signature_behind(tmp_path):
    from crawler.context import CrawlContext

    context = object.__new__(CrawlContext)
    context.near_dup = {"fp": "signature", "other": "signature"}
    context.item_dropped(RecordItem({}, URL, "fp"))
    assert context.near_dup == {"other": "signature"}
