"""Extraction workers leave the language to the crawl process (ExtractJob.detect_language
False): one ~54 MB language model in the crawl, not one per worker. The record the crawl
process completes is the one a worker detecting the language itself would have made."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import crawler.pipelines.extract as extract_pipeline
from crawler.dedup.index import matching_text
from crawler.dedup.shingles import uses_characters
from crawler.extract_job import ERROR, RECORD, ExtractJob, run_extract_job
from crawler.pipelines.extract import _finished, _near_dup
from extractors import ExtractOptions

PARAGRAPH = ("The harbour council in Saltreach voted on Tuesday to close the old ferry pier "
             "after engineers found the timber piles had rotted faster than predicted. ")
PAGES = {
    "en": ("<html><head><title>Ferry pier closes</title></head><body><article><h1>Ferry pier "
           f"closes</h1><p>{PARAGRAPH * 3}</p><p>{PARAGRAPH * 2}</p></article></body></html>"),
    "de": ("<html lang='en'><head><title>Fähre</title></head><body><article><h1>Die Fähre"
           "</h1><p>" + "Der Hafenrat von Saltreach hat am Dienstag beschlossen, den alten "
           "Fähranleger zu schließen, nachdem die Pfähle schneller verrottet waren. " * 5
           + "</p></article></body></html>"),
    "zh": ("<html><head><title>渡轮码头关闭</title></head><body><article><h1>渡轮码头关闭</h1><p>"
           + ("周二，萨尔特里奇港务委员会投票决定关闭旧渡轮码头，"
              "因为工程师发现木桩腐烂的速度比预期快。") * 6
           + "</p></article></body></html>"),
}
URL = "https://news.example/2024/pier.html"


def _job(html: str, detect_language: bool, hint: str | None = None) -> ExtractJob:
    return ExtractJob(body=html.encode(), url=URL, final_url=URL, source="t",
                      fetched_at="2024-05-01T00:00:00Z",
                      options=ExtractOptions(language_hint=hint), near_dup_signature=True,
                      detect_language=detect_language)


def test_the_crawl_process_completes_the_record_a_worker_would_have_made():
    for expected_language, html in PAGES.items():
        for hint in (None, "fr"):
            whole = run_extract_job(_job(html, True, hint))
            pending = run_extract_job(_job(html, False, hint))
            assert pending.kind == RECORD and pending.record is None
            assert pending.pending is not None and pending.pending.article.language is None
            record = _finished(pending).record
            assert record == whole.record
            assert list(record["extraction"]["provenance"]) == list(
                whole.record["extraction"]["provenance"])  # same order in the JSON
            assert record["language"] == expected_language


def test_the_worker_signature_holds_for_the_detected_language_when_it_shingles_alike():
    for html in PAGES.values():
        whole = run_extract_job(_job(html, True))
        pending = run_extract_job(_job(html, False))
        finished = _finished(pending)
        record = finished.record
        signed = _near_dup(finished)
        assert signed is not None
        assert signed.signature == whole.signature and signed.shingles == whole.shingles
        assert signed.matches(record["text"], record["title"], record["language"])


def test_a_language_that_shingles_otherwise_leaves_the_signing_to_the_dedup_pipeline():
    finished = _finished(run_extract_job(_job(PAGES["en"], False)))
    record = {**finished.record, "language": "ja"}  # say a detector said so
    matching = matching_text(replace(finished.pending.article, language="ja"))
    assert uses_characters(matching, "ja") != uses_characters(matching, None)
    signed = _near_dup(replace(finished, record=record))
    assert signed is not None
    assert not signed.matches(record["text"], record["title"], "ja")  # so it is made anew


def test_a_worker_that_leaves_the_language_never_loads_the_model():
    # A fresh interpreter, as a pool worker is: warm-up and a job, then the model's cache.
    program = (
        "from crawler.extract_job import ExtractJob, run_extract_job, warm_up\n"
        "from extractors import ExtractOptions\n"
        "from extractors.language import _compact_model\n"
        "warm_up()\n"
        f"page = {PAGES['en']!r}.encode()\n"
        f"job = ExtractJob(body=page, url={URL!r}, final_url={URL!r}, source='t',\n"
        "                 fetched_at='2024-05-01T00:00:00Z', options=ExtractOptions(),\n"
        "                 near_dup_signature=True, detect_language=False)\n"
        "assert run_extract_job(job).pending is not None\n"
        "print(_compact_model.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "0"


def test_a_detection_that_fails_is_an_extract_error_for_that_page(monkeypatch):
    def broken(pending):
        raise RuntimeError("model file damaged")

    monkeypatch.setattr(extract_pipeline, "with_language", broken)
    job = replace(_job(PAGES["en"], False), want_links=True)
    pending = run_extract_job(job)
    outcome = _finished(pending)
    assert outcome.kind == ERROR and outcome.record is None
    assert outcome.reason == "extractor_crashed"
    assert "language detection: RuntimeError: model file damaged" in outcome.message
    assert outcome.links == pending.links  # the page's links are still followed
