"""Network guard: refused addresses in every spelling, names, and redirects."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest
from scrapy import Request
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.guard import classify_address, classify_host_name, classify_resolved
from crawler.middlewares.network_guard import GuardRefused, NetworkGuardMiddleware


@pytest.mark.parametrize(("host", "reason"), [
    ("127.0.0.1", "loopback"),
    ("127.1", "loopback"),
    ("2130706433", "loopback"),  # decimal
    ("0x7f.0.0.1", "loopback"),  # hex
    ("0177.0.0.1", "loopback"),  # octal
    ("[::1]", "loopback"),
    ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped IPv6
    ("localhost", "loopback"),
    ("localhost.", "loopback"),
    ("LOCALHOST", "loopback"),
    ("api.localhost", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.9", "private"),
    ("192.168.1.1", "private"),
    ("0xc0a80101", "private"),  # 192.168.1.1 as one hex number
    ("fd12::1", "private"),
    ("169.254.10.10", "link_local"),
    ("fe80::1", "link_local"),
    ("169.254.169.254", "metadata"),
    ("100.100.100.200", "metadata"),
    ("fd00:ec2::254", "metadata"),
    ("100.64.0.1", "cgnat"),
    ("0.0.0.0", "unspecified"),
    ("224.0.0.1", "multicast"),
    ("2002:7f00:1::", "loopback"),  # 6to4 wrapping 127.0.0.1
])
def test_refused_hosts_in_every_spelling(host: str, reason: str) -> None:
    verdict = classify_host_name(host)
    assert not verdict.allowed
    assert verdict.reason == reason


@pytest.mark.parametrize("host", ["93.184.216.34", "example.com", "2606:4700::1111",
                                  "news.example.co.uk"])
def test_public_hosts_pass(host: str) -> None:
    assert classify_host_name(host).allowed


def test_one_private_address_among_resolved_ones_refuses_the_name() -> None:
    assert classify_resolved("x.example", ["93.184.216.34"]).allowed
    verdict = classify_resolved("x.example", ["93.184.216.34", "10.0.0.5"])
    assert (verdict.allowed, verdict.reason, verdict.address) == (False, "private", "10.0.0.5")
    assert "x.example -> 10.0.0.5" in verdict.message("x.example")


def test_address_classes_match_ipaddress_semantics() -> None:
    assert classify_address(ipaddress.ip_address("8.8.8.8")).allowed
    assert not classify_address(ipaddress.ip_address("192.0.2.1")).allowed  # documentation


def _guard() -> tuple[NetworkGuardMiddleware, MemoryStatsCollector]:
    crawler = get_crawler(settings_dict={"GUARD_ALLOW_PRIVATE": False})
    crawler.stats = MemoryStatsCollector(crawler)
    return NetworkGuardMiddleware.from_crawler(crawler), crawler.stats


def test_middleware_refuses_literal_and_redirect_targets() -> None:
    guard, stats = _guard()
    start = Request("http://127.0.0.1:8080/news/1.html")
    with pytest.raises(GuardRefused) as caught:
        asyncio.run(guard.process_request(start))
    assert caught.value.reason == "loopback"
    # A redirect arrives as a new request through the same chain: same check.
    redirect = start.replace(url="http://169.254.169.254/latest/meta-data/",
                             meta={"redirect_urls": [start.url]})
    with pytest.raises(GuardRefused) as caught:
        asyncio.run(guard.process_request(redirect))
    assert caught.value.reason == "metadata"
    assert stats.get_value("thresher/guard/metadata") == 1


def test_middleware_checks_the_address_a_name_resolves_to(monkeypatch) -> None:
    from twisted.internet import defer, reactor

    answers = {"intranet.example": "10.0.0.7", "news.example": "93.184.216.34"}
    monkeypatch.setattr(reactor, "resolve", lambda name: defer.succeed(answers[name]),
                        raising=False)
    guard, _ = _guard()
    with pytest.raises(GuardRefused) as caught:
        asyncio.run(guard.process_request(Request("http://intranet.example/")))
    assert caught.value.reason == "private"
    assert asyncio.run(guard.process_request(Request("http://news.example/"))) is None


def test_middleware_is_off_when_private_addresses_are_allowed() -> None:
    from scrapy.exceptions import NotConfigured

    crawler = get_crawler(settings_dict={"GUARD_ALLOW_PRIVATE": True})
    with pytest.raises(NotConfigured):
        NetworkGuardMiddleware.from_crawler(crawler)
