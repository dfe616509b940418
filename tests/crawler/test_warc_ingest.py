"""`thresher ingest-warc FILE...`: WARC files written here with warcio, one of them corrupt."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.support.news_site import article_html, listing_html

from .crawl_runner import one, read_jsonl, sqlite_rows, stats_of, thresher

BASE = "https://gazette.example"


def _warc(path: Path, pages: list[tuple[str, str, bytes]]) -> Path:
    """A Common-Crawl-like file: warcinfo, then a request and a response per page."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, content_type, body in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                    protocol="HTTP/1.1")
            response = writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                 length=len(body), http_headers=http)
            request = writer.create_warc_record(
                url, "request", http_headers=StatusAndHeaders(
                    f"GET {url.removeprefix(BASE)} HTTP/1.1", [("Host", "gazette.example")],
                    is_http_request=True))
            writer.write_request_response_pair(request, response)
    return path


def _article(n: int) -> tuple[str, str, bytes]:
    return (f"{BASE}/news/{n}.html", "text/html; charset=utf-8", article_html(n).encode())


def test_ingest_turns_html_responses_into_records_and_survives_a_corrupt_file(
        tmp_path: Path) -> None:
    first = _warc(tmp_path / "a.warc.gz", [
        _article(1), _article(2),
        (f"{BASE}/", "text/html", listing_html("Front", [1, 2], []).encode()),
        (f"{BASE}/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
    ])
    damaged = _warc(tmp_path / "damaged.warc.gz", [_article(n) for n in range(3, 9)])
    data = damaged.read_bytes()
    damaged.write_bytes(data[: len(data) // 2] + b"\x00this is not a WARC record" * 40)
    last = _warc(tmp_path / "z.warc.gz", [_article(9), _article(10)])

    out = tmp_path / "out"
    result = thresher("ingest-warc", str(first), str(damaged), str(last), "--output", str(out),
                      "--workers", "2")
    assert result.returncode == 1  # a file was damaged: say so in the exit status
    records = read_jsonl(one("warc-*[0-9]Z.jsonl", out))
    urls = {r["url"] for r in records}
    assert {f"{BASE}/news/{n}.html" for n in (1, 2, 9, 10)} <= urls  # files around the damage
    assert 0 < len(urls & {f"{BASE}/news/{n}.html" for n in range(3, 9)}) < 6  # before it
    assert all(r["source"] == "warc" and r["title"].startswith("Council story") for r in records)
    assert {r["id"] for r in sqlite_rows(out / "thresher.sqlite")} == {r["id"] for r in records}

    errors = read_jsonl(one("warc-*.errors.jsonl", out))
    corrupt = [e for e in errors if e["kind"] == "warc"]
    assert [(e["url"], e["reason"]) for e in corrupt] == [(str(damaged), "warc_corrupt")]
    assert "offset" in corrupt[0]["message"]

    stats = stats_of(out)
    assert stats["thresher/warc/files"] == 3
    assert stats["thresher/warc/skipped_not_html"] == 1
    assert stats["thresher/warc/corrupt_file"] == 1
    assert stats["thresher/pages_seen"] == len(urls) + 1  # + the front page: not a record
    assert f"{BASE}/" not in urls
    assert stats["thresher/unaccounted"] == 0
    assert "skipped_not_html 1" in result.stdout


def test_ingest_names_a_missing_file_and_a_bad_target_uri_and_ingests_the_rest(
        tmp_path: Path) -> None:
    good = _warc(tmp_path / "good.warc.gz", [
        ("http://gazette.example:99999/x.html", "text/html", article_html(5).encode()),
        _article(4)])
    out = tmp_path / "out"
    result = thresher("ingest-warc", str(tmp_path / "missing.warc.gz"), str(good),
                      "--output", str(out), "--workers", "0")
    assert result.returncode == 1
    assert "missing.warc.gz: not_found" in result.stderr
    assert [r["url"] for r in read_jsonl(one("warc-*[0-9]Z.jsonl", out))] == [
        f"{BASE}/news/4.html"]
    errors = read_jsonl(one("warc-*.errors.jsonl", out))
    assert [(e["url"], e["reason"]) for e in errors] == [
        ("http://gazette.example:99999/x.html", "bad_url")]
    assert stats_of(out)["thresher/unaccounted"] == 0
