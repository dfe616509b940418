"""Size caps: over-size pages, endless bodies and a 900 MiB gzip bomb, cut off and reported.

Memory is judged against a control: the same crawl of one ordinary article with and without
the three size faults, each crawl in its own process, each peak the kernel's high-water mark
of that process alone (``VmHWM``; see ``crawl_child``). What the crawl machinery costs (the
reactor, pipelines, stores, lazily imported modules) is in both peaks; the difference is what
the faults cost, and the design bounds it: Scrapy stops reading a body at ``DOWNLOAD_MAXSIZE``
(Content-Length checked before the body, bytes counted as they arrive) and decompresses in
64 KiB steps, stopping at the same cap. A capped response therefore holds at most its
received body, the decompressed output and that output's one copy: three caps for the bomb,
one each for the plain pages, five caps in all if the three are in flight at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import FaultCrawl
from .fault_server import FaultServer, Page
from .fault_site import HUGE_BYTES, article_html, build_fault_site, listing_html
from .harness import FAST_SETTINGS, CrawlRun, crawl, source_toml

CAP = FAST_SETTINGS["DOWNLOAD_MAXSIZE"]
SIZE_FAULTS = ("/f/huge", "/f/endless", "/f/gzip-bomb")
# Five caps in flight (see above) and three for the allocator's rounding and free lists. A
# body buffered whole would cost 64 caps (the huge page) or 450 (the bomb).
FAULT_MEMORY_LIMIT_KIB = 8 * CAP // 1024


def _socket_buffer_limit() -> int:
    """The most bytes the kernel can hold for one localhost connection: the receiver's and
    the sender's largest TCP buffers. A server's writes beyond this wait for the reader."""
    most = 0
    for name in ("tcp_rmem", "tcp_wmem"):
        most += int(Path(f"/proc/sys/net/ipv4/{name}").read_text("ascii").split()[2])
    return most


@pytest.mark.parametrize("path", SIZE_FAULTS)
def test_over_the_cap_is_too_large(fault_crawl: FaultCrawl, path: str) -> None:
    url = fault_crawl.url(path)
    error = fault_crawl.page_errors[url]
    assert (error["stage"], error["reason"]) == ("fetch", "too_large")
    assert url not in fault_crawl.records


def test_an_endless_body_is_cut_off_not_retried_forever(fault_crawl: FaultCrawl) -> None:
    assert fault_crawl.hits.count("/f/endless") == 1


def test_an_endless_body_is_read_no_further_than_the_cap(fault_crawl: FaultCrawl) -> None:
    # The crawler hung up (the answer ended: an endless route only ends on a closed socket)
    # after reading the cap; the rest is what the two kernels buffered.
    (sent,) = fault_crawl.hits.bytes_sent["/f/endless"]
    assert CAP < sent <= CAP + _socket_buffer_limit()


def test_a_declared_over_size_body_is_refused_before_it_is_read(
        fault_crawl: FaultCrawl) -> None:
    # Content-Length says 128 MiB: the crawler hangs up on the headers, so the server never
    # gets far into the body (it would send all of it to a crawler that reads on).
    sent = fault_crawl.hits.bytes_sent["/f/huge"]
    assert len(sent) == 1
    assert sent[0] <= _socket_buffer_limit() < HUGE_BYTES


@dataclass
class SizeCrawls:
    control: CrawlRun
    faults: CrawlRun


@pytest.fixture(scope="module")
def size_crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SizeCrawls]:
    with FaultServer() as server:
        site = build_fault_site(server.base_url)
        server.routes.update({path: site.routes[path] for path in SIZE_FAULTS})
        server.routes["/article"] = Page(200, article_html(7, 1))
        server.routes["/control"] = Page(200, listing_html("Control", ["/article"]))
        server.routes["/faults"] = Page(200, listing_html("Faults",
                                                          ["/article", *SIZE_FAULTS]))
        runs = [crawl(tmp_path_factory.mktemp(name),
                      source_toml("faults", server.base_url, start=[f"/{name}"]))
                for name in ("control", "faults")]
    for run in runs:
        assert run.returncode == 0, run.stderr[-4000:]
        assert run.peak_rss_kib > run.baseline_rss_kib > 0
    yield SizeCrawls(*runs)


def test_the_size_faults_end_as_too_large_next_to_a_record(size_crawls: SizeCrawls) -> None:
    # (The bare start page is judged like any page; only the faults and the article count.)
    reasons = {urlsplit(e["url"]).path: e["reason"] for e in size_crawls.faults.errors("faults")}
    assert {path: reasons.get(path) for path in SIZE_FAULTS} == dict.fromkeys(SIZE_FAULTS,
                                                                              "too_large")
    for run in (size_crawls.control, size_crawls.faults):
        assert [urlsplit(r["url"]).path for r in run.records("faults")] == ["/article"]


def test_peak_memory_stays_bounded_whatever_the_server_sends(size_crawls: SizeCrawls) -> None:
    extra = size_crawls.faults.peak_rss_kib - size_crawls.control.peak_rss_kib
    print(f"peak RSS: control {size_crawls.control.peak_rss_kib} KiB, with the size faults "
          f"{size_crawls.faults.peak_rss_kib} KiB (+{extra} KiB)")
    assert extra < FAULT_MEMORY_LIMIT_KIB, (
        f"the size faults cost {extra} KiB over the control crawl "
        f"({size_crawls.control.peak_rss_kib} KiB peak)")
