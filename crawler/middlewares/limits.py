"""Per-source hardening limits: the source's own value from ``sources.toml``, else the setting.

Every crawler crawls one source (``THRESHER_RUN``, see :mod:`crawler.run`), so the limits a
middleware or download handler applies to a request are its crawler's source's:

==================  =============================  ======================================
sources.toml key    setting (the default)          applied by
==================  =============================  ======================================
idle_timeout        THRESHER_IDLE_TIMEOUT          :mod:`.timeouts` (0 = off)
total_timeout       THRESHER_TOTAL_TIMEOUT         :mod:`.timeouts` (0 = off)
trap_max_page       THRESHER_TRAP_MAX_PAGE         :mod:`.traps`
trap_max_chain      THRESHER_TRAP_MAX_CHAIN        :mod:`.traps`
trap_max_segments   THRESHER_TRAP_MAX_SEGMENTS     :mod:`.traps`
trap_max_url        THRESHER_TRAP_MAX_URL          :mod:`.traps`
session_params      (none: url_noise.toml only)    :mod:`.canonical`, added to the list
==================  =============================  ======================================

A crawler without a source (a bare Scrapy crawl in a test) gets the settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.crawler import Crawler

from ..sources import Source


@dataclass(frozen=True)
class TrapLimits:
    max_url: int = 2000
    max_segments: int = 25
    max_page: int = 200
    max_chain: int = 50
    future_years: int = 1


@dataclass(frozen=True)
class TimeLimits:
    idle: float = 0.0  # seconds without a byte; 0 = no limit
    total: float = 0.0  # seconds for a whole response; 0 = no limit


def crawl_source(crawler: Crawler | None) -> Source | None:
    """The source this crawler crawls, if it was started with one."""
    if crawler is None:
        return None
    source = getattr(crawler.settings.get("THRESHER_RUN"), "source", None)
    return source if isinstance(source, Source) else None


def time_limits(crawler: Crawler) -> TimeLimits:
    source, settings = crawl_source(crawler), crawler.settings
    idle = source.idle_timeout if source else None
    total = source.total_timeout if source else None
    return TimeLimits(
        idle=settings.getfloat("THRESHER_IDLE_TIMEOUT", 0.0) if idle is None else idle,
        total=settings.getfloat("THRESHER_TOTAL_TIMEOUT", 0.0) if total is None else total)


def trap_limits(crawler: Crawler) -> TrapLimits:
    source, settings, defaults = crawl_source(crawler), crawler.settings, TrapLimits()

    def pick(name: str) -> int:
        own = getattr(source, f"trap_{name}") if source else None
        if own is not None:
            return int(own)
        return settings.getint(f"THRESHER_TRAP_{name.upper()}", getattr(defaults, name))

    return TrapLimits(max_url=pick("max_url"), max_segments=pick("max_segments"),
                      max_page=pick("max_page"), max_chain=pick("max_chain"))


def session_params(crawler: Crawler | None) -> tuple[str, ...]:
    """The source's own session-id parameter names (beside ``url_noise.toml``'s)."""
    source = crawl_source(crawler)
    return source.session_params if source else ()
