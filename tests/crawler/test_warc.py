"""WARC writing (every exchange, digests, gzip per record) and streaming HTML pages back out."""

from __future__ import annotations

import gzip
import zlib
from collections import Counter
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.warc import HttpExchange, WarcArchive, WarcPage, WarcProblem, iter_warc_pages

HTML = "<html><body><h1>Title</h1><p>Grüße aus Köln.</p></body></html>".encode()


def _exchange(url: str, body: bytes = HTML, content_type: str = "text/html; charset=utf-8",
              status: int = 200, **headers: str) -> HttpExchange:
    response_headers = (("Content-Type", content_type), *headers.items())
    return HttpExchange(url=url, method="GET", request_headers=(("User-Agent", "test"),),
                        request_body=b"", status=status, reason="OK",
                        response_headers=tuple((k.replace("_", "-"), v)
                                               for k, v in response_headers),
                        body=body, fetched_at="2024-05-01T10:00:00Z", ip_address="10.0.0.1")


def _write(path: Path, exchanges: list[HttpExchange]) -> Path:
    archive = WarcArchive(path)
    archive.open()
    for exchange in exchanges:
        archive.write(exchange)
    archive.close()
    return path


def _gzip_members(data: bytes) -> int:
    members = 0
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        inflater.decompress(data)
        data = inflater.unused_data
        members += 1
    return members


def test_every_exchange_is_a_request_and_a_response_record_with_digests(tmp_path):
    path = _write(tmp_path / "crawl.warc.gz",
                  [_exchange("https://a.example/one"), _exchange("https://a.example/two")])
    with path.open("rb") as stream:
        records = list(
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
             r.rec_headers.get_header("WARC-Payload-Digest"),
             r.rec_headers.get_header("WARC-Record-ID"),
             r.rec_headers.get_header("WARC-Concurrent-To"),
             r.rec_headers.get_header("WARC-Date"))
            for r in ArchiveIterator(stream))
    assert [r[0] for r in records] == ["warcinfo", "response", "request", "response", "request"]
    responses = [r for r in records if r[0] == "response"]
    requests = [r for r in records if r[0] == "request"]
    assert [r[1] for r in responses] == ["https://a.example/one", "https://a.example/two"]
    assert all(r[2] and r[2].startswith("sha1:") for r in responses)
    assert [q[4] for q in requests] == [r[3] for r in responses]  # request points at response
    assert {r[5] for r in responses} == {"2024-05-01T10:00:00Z"}


def test_each_record_is_its_own_gzip_member(tmp_path):
    path = _write(tmp_path / "crawl.warc.gz", [_exchange("https://a.example/one")])
    assert _gzip_members(path.read_bytes()) == 3  # warcinfo, response, request


def test_pages_read_back_with_url_status_headers_body_and_date(tmp_path):
    path = _write(tmp_path / "crawl.warc.gz", [_exchange("https://a.example/one")])
    counts: Counter = Counter()
    [page] = list(iter_warc_pages(path, counts))
    assert isinstance(page, WarcPage)
    assert (page.url, page.status, page.body) == ("https://a.example/one", 200, HTML)
    assert dict(page.headers)["Content-Type"] == "text/html; charset=utf-8"
    assert page.fetched_at == "2024-05-01T10:00:00Z"
    assert counts == Counter(pages=1, skipped_warcinfo=1, skipped_request=1)


def test_a_compressed_payload_is_archived_as_served_and_decoded_on_read(tmp_path):
    served = gzip.compress(HTML)
    path = _write(tmp_path / "crawl.warc.gz",
                  [_exchange("https://a.example/z", body=served, Content_Encoding="gzip")])
    with path.open("rb") as stream:
        raw = [r.raw_stream.read() for r in ArchiveIterator(stream) if r.rec_type == "response"]
    assert raw == [served]
    [page] = list(iter_warc_pages(path, Counter()))
    assert page.body == HTML
    assert "Content-Encoding" not in dict(page.headers)


def test_chunked_transfer_encoding_is_renamed_because_the_body_is_dechunked(tmp_path):
    path = _write(tmp_path / "crawl.warc.gz",
                  [_exchange("https://a.example/c", Transfer_Encoding="chunked")])
    [page] = list(iter_warc_pages(path, Counter()))
    assert page.body == HTML
    assert dict(page.headers)["X-Crawler-Transfer-Encoding"] == "chunked"


def test_only_2xx_html_responses_are_pages_the_rest_is_counted(tmp_path):
    path = _write(tmp_path / "crawl.warc.gz", [
        _exchange("https://a.example/page"),
        _exchange("https://a.example/page.xhtml", content_type="application/xhtml+xml"),
        _exchange("https://a.example/sitemap.xml", b"<urlset/>", "application/xml"),
        _exchange("https://a.example/gone", status=404),
        _exchange("https://a.example/logo.png", b"\x89PNG", "image/png"),
    ])
    counts: Counter = Counter()
    pages = list(iter_warc_pages(path, counts))
    assert [p.url for p in pages] == ["https://a.example/page", "https://a.example/page.xhtml"]
    assert counts["skipped_not_html"] == 2
    assert counts["skipped_status_not_2xx"] == 1
    assert counts["skipped_request"] == 5


def test_a_payload_over_the_cap_is_a_problem_not_a_page(tmp_path):
    path = _write(tmp_path / "crawl.warc.gz", [_exchange("https://a.example/huge",
                                                         body=b"<p>" + b"x" * 5000)])
    [problem] = list(iter_warc_pages(path, Counter(), max_payload_bytes=1000))
    assert isinstance(problem, WarcProblem)
    assert problem.url == "https://a.example/huge"
    assert problem.reason.startswith("too_large")


def _corrupt_copy(good: Path, cut: int) -> Path:
    corrupt = good.with_name(f"corrupt-{cut}.warc.gz")
    corrupt.write_bytes(good.read_bytes()[:cut] + b"\x00not a warc record" * 50)
    return corrupt


def test_a_corrupt_file_gives_pages_before_the_damage_then_one_problem(tmp_path):
    good = _write(tmp_path / "good.warc.gz",
                  [_exchange(f"https://a.example/{n}") for n in range(6)])
    corrupt = _corrupt_copy(good, good.stat().st_size // 2)
    counts: Counter = Counter()
    found = list(iter_warc_pages(corrupt, counts))
    pages = [f for f in found if isinstance(f, WarcPage)]
    problems = [f for f in found if isinstance(f, WarcProblem)]
    assert 0 < len(pages) < 6
    assert len(problems) == 1
    assert problems[0].warc_file == str(corrupt)
    assert problems[0].reason.startswith("warc_corrupt")
    assert problems[0].offset is not None and problems[0].offset > 0
    assert counts["corrupt_file"] == 1


def test_damage_at_any_byte_gives_the_pages_before_it_and_exactly_one_problem(tmp_path):
    # Record IDs are random, so where one fixed cut lands differs run to run; a cut inside a
    # record's WARC headers once let warcio read compressed bytes as a Target-URI and the
    # damage went unreported. Every cut point is tried, so no run depends on luck.
    urls = [f"https://a.example/{n}" for n in range(6)]
    good = _write(tmp_path / "good.warc.gz", [_exchange(url) for url in urls])
    with good.open("rb") as stream:
        records = ArchiveIterator(stream)
        ends = [records.get_record_offset() + records.get_record_length()
                for record in records if record.rec_type == "response"]
    for cut in range(ends[0] - 200, good.stat().st_size, 7):
        found = list(iter_warc_pages(_corrupt_copy(good, cut), Counter()))
        problems = [f for f in found if isinstance(f, WarcProblem)]
        pages = [f for f in found if isinstance(f, WarcPage)]
        whole = sum(end <= cut for end in ends)  # responses the cut left intact
        assert len(problems) == 1, (cut, found)
        assert problems[0].reason.startswith("warc_corrupt"), (cut, problems)
        assert [p.url for p in pages] == urls[: len(pages)], (cut, pages)
        # A cut inside the last bytes of a member (its gzip trailer) leaves the record whole.
        assert whole <= len(pages) <= whole + 1, (cut, pages)
        assert all(p.body == HTML for p in pages), (cut, pages)


def _plain_warc(path: Path, target_uris: list[str]) -> Path:
    """An uncompressed WARC as another tool writes it: an HTML response per target URI."""
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
    for uri in target_uris:
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=BytesIO(HTML), http_headers=headers))
    path.write_bytes(buffer.getvalue())
    return path


def test_a_record_with_junk_for_a_target_uri_is_damage(tmp_path):
    path = _plain_warc(tmp_path / "junk.warc", ["http://b.example/", "\x1f\x8b\x08junk"])
    found = list(iter_warc_pages(path, Counter()))
    assert [type(f) for f in found] == [WarcPage, WarcProblem]
    assert "WARC-Target-URI" in found[1].reason and found[1].offset > 0


def test_a_missing_file_is_a_problem_naming_it(tmp_path):
    [problem] = list(iter_warc_pages(tmp_path / "nope.warc.gz", Counter()))
    assert isinstance(problem, WarcProblem)
    assert "nope.warc.gz" in problem.warc_file
    assert problem.reason.startswith("warc_unreadable")


def test_reads_uncompressed_warc_written_by_another_tool(tmp_path):
    path = _plain_warc(tmp_path / "plain.warc", ["http://b.example/"])
    [page] = list(iter_warc_pages(path, Counter()))
    assert page.url == "http://b.example/" and page.body == HTML


def test_appending_to_an_existing_archive_keeps_one_warcinfo(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _write(path, [_exchange("https://a.example/1")])
    _write(path, [_exchange("https://a.example/2")])
    counts: Counter = Counter()
    assert [p.url for p in iter_warc_pages(path, counts)] == [
        "https://a.example/1", "https://a.example/2"]
    assert counts["skipped_warcinfo"] == 1


def test_a_file_cut_short_is_reported_not_read_as_if_it_ended_there(tmp_path):
    good = _write(tmp_path / "good.warc.gz",
                  [_exchange(f"https://a.example/{n}") for n in range(6)])
    data = good.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) // 2])  # ends inside a gzip member
    found = list(iter_warc_pages(cut, Counter()))
    problems = [f for f in found if isinstance(f, WarcProblem)]
    assert len(problems) == 1
    assert "truncated" in problems[0].reason
    assert len(found) - 1 < 6
