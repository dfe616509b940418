"""Network guard in every spelling, via redirects, and other ports of an allowed host.

Three sources in one crawl, plus one crawl through a proxy:

* ``spellings`` (guard on): start URLs naming this machine in every form the resolver takes;
* ``ports`` (``allow_private``): its own server is allowed, but a link or redirect to another
  port of the same address, or to another private address, is refused;
* ``proxied`` (guard on): ``*.example`` resolves to a public address and the fault server is
  the HTTP proxy, so the first hop passes the guard and its redirects to loopback spellings
  are what the guard must refuse.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .fault_server import FaultServer, Page
from .fault_site import article_html, listing_html
from .harness import CrawlRun, crawl, source_toml

SECRET = "/secret"


def _spellings(port: int) -> dict[str, str]:
    """URL -> the guard reason it must be refused with."""
    path = f":{port}{SECRET}"
    return {
        f"http://2130706433{path}": "loopback",  # decimal
        f"http://0177.0.0.1{path}": "loopback",  # octal
        f"http://0x7f.0.0.1{path}": "loopback",  # hex
        f"http://127.1{path}": "loopback",  # short form
        f"http://[::ffff:127.0.0.1]{path}": "loopback",  # IPv4-mapped IPv6
        f"http://[::1]{path}": "loopback",
        f"http://localhost.{path}": "loopback",  # trailing dot
        f"http://LOCALHOST{path}": "loopback",  # (written lower-case in the errors output)
        "http://169.254.169.254/latest/meta-data/": "metadata",
        f"http://10.0.0.7{path}": "private",
        f"http://[fe80::1]{path}": "link_local",
    }


@pytest.fixture(scope="module")
def guard_crawl(tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[tuple[CrawlRun, FaultServer, FaultServer]]:
    tmp_path: Path = tmp_path_factory.mktemp("guard")
    with FaultServer() as site, FaultServer() as other:
        other.routes[SECRET] = Page(200, article_html(5, 99))
        site.routes[SECRET] = Page(200, article_html(5, 98))
        site.routes["/"] = Page(200, listing_html("Index", [
            "/ok", "/hop-other-port", f"http://127.0.0.1:{other.port}/linked",
            "/hop-private", "/hop-metadata"]))
        site.routes["/ok"] = Page(200, article_html(5, 1))
        site.routes["/hop-other-port"] = Page(302, b"", {"Location": other.url(SECRET)})
        site.routes["/hop-private"] = Page(302, b"", {"Location": "http://10.1.2.3/x"})
        site.routes["/hop-metadata"] = Page(302, b"", {"Location": "http://169.254.169.254/"})
        sources = (source_toml("spellings", site.base_url, start=list(_spellings(site.port)),
                               allow_private=False)
                   + source_toml("ports", site.base_url))
        run = crawl(tmp_path, sources)
        assert run.returncode == 0, run.stderr[-3000:]
        yield run, site, other


def _errors(run: CrawlRun, source: str) -> dict[str, tuple[str, str]]:
    return {e["url"]: (e["stage"], e["reason"]) for e in run.errors(source)}


def test_every_spelling_of_this_machine_is_refused_before_any_request(guard_crawl) -> None:
    run, site, _ = guard_crawl
    expected = {url.replace("LOCALHOST", "localhost"): ("guard", reason)
                for url, reason in _spellings(site.port).items()}
    assert _errors(run, "spellings") == expected
    assert run.records("spellings") == []
    assert site.hits.count(SECRET) == 0


def test_other_ports_and_other_private_addresses_are_refused(guard_crawl) -> None:
    run, site, other = guard_crawl
    errors = _errors(run, "ports")
    assert errors[site.url("/hop-other-port")] == ("guard", "other_port")
    assert errors[other.url("/linked")] == ("guard", "other_port")  # a link, not followed
    assert errors[site.url("/hop-private")] == ("guard", "private")
    assert errors[site.url("/hop-metadata")] == ("guard", "metadata")
    assert other.hits.times == {}  # no request reached the other port at all
    assert [r["url"] for r in run.records("ports")] == [site.url("/ok")]


REDIRECTS = {  # path on news.example -> (Location template, reason)
    "/go-decimal": ("http://2130706433:{port}/secret", "loopback"),
    "/go-octal": ("http://0177.0.0.1:{port}/secret", "loopback"),
    "/go-mapped": ("http://[::ffff:127.0.0.1]:{port}/secret", "loopback"),
    "/go-localhost": ("http://localhost.:{port}/secret", "loopback"),
    "/go-metadata": ("http://169.254.169.254/latest/meta-data/", "metadata"),
}


def test_redirects_from_a_public_host_to_this_machine_are_refused(tmp_path: Path) -> None:
    with FaultServer() as proxy:
        proxy.routes["//news.example/robots.txt"] = Page(404, b"")
        proxy.routes["//news.example/ok"] = Page(200, article_html(6, 1))
        for path, (location, _) in REDIRECTS.items():
            proxy.routes["//news.example" + path] = Page(
                302, b"", {"Location": location.format(port=proxy.port)})
        proxy.routes[SECRET] = Page(200, article_html(6, 2))
        starts = [f"http://news.example{p}" for p in ("/ok", *REDIRECTS)]
        run = crawl(tmp_path, source_toml("proxied", "http://news.example", start=starts,
                                          allow_private=False),
                    {"DNS_RESOLVER": "tests.hardening.fake_dns.PublicExampleResolver"},
                    env={"http_proxy": proxy.base_url, "no_proxy": "", "NO_PROXY": ""})
        assert run.returncode == 0, run.stderr[-3000:]
    assert [r["url"] for r in run.records("proxied")] == ["http://news.example/ok"]
    assert _errors(run, "proxied") == {
        f"http://news.example{path}": ("guard", reason)
        for path, (_, reason) in REDIRECTS.items()}
    assert proxy.hits.count(SECRET) == 0
    assert proxy.hits.count("//news.example/go-decimal") == 1  # the first hop did happen
