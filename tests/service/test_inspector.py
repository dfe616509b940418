"""The inspector's data: the archived page made inert, or an honest reconstruction."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from crawler.service.inspector import inert_html, inspect_record
from crawler.service.pages import PageArchive

from .sample_page import PAGE, URL, archive_page, sample_record


def test_the_archived_page_is_found_by_url_and_made_inert(tmp_path: Path) -> None:
    archive = PageArchive(tmp_path / "runs.sqlite")
    archive.initialise()
    archive_page(tmp_path / "runs" / "7" / "pages.warc.gz")
    assert archive.index_run(7, tmp_path / "runs" / "7" / "pages.warc.gz") == 1

    record = sample_record()
    inspection = inspect_record(record, archive).to_dict()
    assert inspection["page"]["view"] == "archived"
    assert inspection["page"]["url"] == URL
    assert inspection["removed"] == record["extraction"]["removed"]
    assert inspection["removed"], "the sample page's clutter must have been removed"

    html = inspection["page"]["html"]
    document = lxml.html.document_fromstring(html)
    assert "Randomly recommend to you" in document.text_content()
    assert "corroded cables" in document.text_content()
    assert not document.xpath("//script | //link | //form | //iframe")
    assert not document.xpath("//@onload | //@onclick | //@src | //@href")


def test_without_an_archived_page_the_view_is_a_reconstruction(tmp_path: Path) -> None:
    archive = PageArchive(tmp_path / "runs.sqlite")
    archive.initialise()
    inspection = inspect_record(sample_record(), archive).to_dict()
    assert inspection["page"] == {"available": False, "view": "reconstructed", "url": None,
                                  "html": None}


def test_the_newest_archived_copy_of_a_page_wins(tmp_path: Path) -> None:
    archive = PageArchive(tmp_path / "runs.sqlite")
    archive.initialise()
    for run_id, word in ((3, "older"), (9, "newer")):
        path = tmp_path / f"{run_id}.warc.gz"
        archive_page(path, html=PAGE.replace("corroded cables", f"{word} cables"))
        archive.index_run(run_id, path)
    page = archive.find([None, URL])
    assert page is not None and page.run_id == 9 and "newer cables" in page.html


def test_a_missing_or_damaged_archive_is_no_page_not_an_error(tmp_path: Path) -> None:
    archive = PageArchive(tmp_path / "runs.sqlite")
    archive.initialise()
    path = tmp_path / "gone.warc.gz"
    archive_page(path)
    archive.index_run(1, path)
    path.write_bytes(b"not a warc at all")
    assert archive.find([URL]) is None
    assert archive.index_run(2, tmp_path / "never-written.warc.gz") == 0


def test_inert_html_keeps_text_and_drops_everything_active() -> None:
    html = inert_html('<p onclick="x()">Hello <img src="https://t.test/p.gif"> world'
                      '<script>alert(1)</script><iframe src="https://t.test"></iframe></p>')
    assert "Hello" in html and "world" in html
    for active in ("onclick", "<script", "alert", "<iframe", "src="):
        assert active not in html
    assert inert_html("   ") == "<html><body></body></html>"
