"""Turn a failed request (a Twisted Failure) into an errors-output stage, reason and message."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as net
from twisted.python.failure import Failure

from ..middlewares.network_guard import GuardRefused


@dataclass(frozen=True)
class FailureInfo:
    stage: str
    reason: str
    message: str


_NETWORK_REASONS: tuple[tuple[type[BaseException], str], ...] = (
    # Scrapy >= 2.13 wraps Twisted's errors in its own download exceptions.
    (CannotResolveHostError, "dns_failed"),
    (DownloadConnectionRefusedError, "connection_refused"),
    (DownloadTimeoutError, "timeout"),
    (ResponseDataLossError, "truncated"),  # fewer body bytes than Content-Length promised
    (DownloadFailedError, "connection_lost"),
    (net.DNSLookupError, "dns_failed"),
    (net.ConnectionRefusedError, "connection_refused"),
    (net.TimeoutError, "timeout"),
    (net.TCPTimedOutError, "timeout"),
    (net.ConnectionLost, "connection_lost"),
    (net.ConnectionDone, "connection_lost"),
    (net.ConnectError, "connect_failed"),
)


def classify_failure(failure: Failure) -> FailureInfo:
    exc = failure.value
    message = str(exc) or type(exc).__name__
    if isinstance(exc, GuardRefused):
        return FailureInfo("guard", exc.reason, message)
    if isinstance(exc, IgnoreRequest) and isinstance(getattr(exc, "reason", None), str):
        # Thresher's own refusals (middlewares.refusals.FetchRefused, replay's NotInRecording)
        # name their reason slug, and their stage when it is not "fetch".
        return FailureInfo(getattr(exc, "stage", "fetch"), exc.reason, message)
    if isinstance(exc, HttpError):
        status = exc.response.status
        return FailureInfo("fetch", f"http_{status}", f"HTTP {status} for {exc.response.url}")
    if _is_size_cap(exc, message):
        return FailureInfo("fetch", "too_large", message)
    if isinstance(exc, IgnoreRequest):
        if "robots.txt" in message:
            return FailureInfo("fetch", "robots_disallowed", message)
        if "offsite" in message.lower():
            return FailureInfo("fetch", "offsite_redirect", message)
        return FailureInfo("fetch", "ignored", message)
    for kind, reason in _NETWORK_REASONS:
        if isinstance(exc, kind):
            return FailureInfo("fetch", reason, message)
    if type(exc).__name__ in ("ResponseNeverReceived", "ResponseFailed"):
        return FailureInfo("fetch", "connection_lost", _inner_reasons(exc) or message)
    return FailureInfo("fetch", type(exc).__name__.lower(), message)


def _is_size_cap(exc: BaseException, message: str) -> bool:
    """Scrapy cancels over-size downloads (HTTP handler) and over-size decompression.

    A body that outgrows the cap mid-stream is cancelled with a bare CancelledError; nothing
    else in a Thresher crawl cancels downloads, so every cancellation is the size cap.
    """
    if "DOWNLOAD_MAXSIZE" in message or "max size" in message:
        return True
    return isinstance(exc, DownloadCancelledError | defer.CancelledError)


def _inner_reasons(exc: BaseException) -> str:
    reasons = getattr(exc, "reasons", None) or []
    return "; ".join(str(getattr(r, "value", r)) for r in reasons)
