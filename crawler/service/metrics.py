"""``/metrics`` in the Prometheus text format (prometheus-client), one registry per app.

Run and feed figures are read from the stores at scrape time (a custom collector), so they
are right even after a restart; HTTP request counts and latencies are observed by a small
middleware. Nothing goes to prometheus-client's global default registry.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .lifecycle import ThresherService

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class ServiceCollector(Collector):
    def __init__(self, service: ThresherService) -> None:
        self._service = service

    def collect(self) -> Iterator[Metric]:
        service = self._service
        runs = CounterMetricFamily("thresher_runs", "Crawl runs by source and final status",
                                   labels=["source", "status"])
        for source, status, count in service.runs.counts():
            runs.add_metric([source, status], count)
        yield runs
        pages = CounterMetricFamily("thresher_run_pages", "Pages fetched by runs",
                                    labels=["source"])
        records = CounterMetricFamily("thresher_run_records", "Records written by runs",
                                      labels=["source"])
        errors = CounterMetricFamily("thresher_run_errors", "Pages that became errors",
                                     labels=["source"])
        for source, page_count, record_count, error_count in service.runs.totals():
            pages.add_metric([source], page_count)
            records.add_metric([source], record_count)
            errors.add_metric([source], error_count)
        yield from (pages, records, errors)
        running = GaugeMetricFamily("thresher_crawls_running", "Crawls running now",
                                    labels=["source"])
        next_run = GaugeMetricFamily("thresher_next_run_timestamp_seconds",
                                     "Next scheduled run (Unix time)", labels=["source"])
        for status in service.source_statuses():
            running.add_metric([status.name], 1.0 if status.running else 0.0)
            if status.next_run is not None:
                next_run.add_metric([status.name], status.next_run.timestamp())
        yield from (running, next_run)
        yield GaugeMetricFamily("thresher_feed_records", "Records in the store",
                                value=service.feed.record_count())
        yield GaugeMetricFamily("thresher_feed_last_seq", "Highest feed sequence number",
                                value=service.feed.last_seq())
        yield GaugeMetricFamily("thresher_scheduler_up", "1 while the scheduler runs",
                                value=1.0 if service.scheduler_running() else 0.0)


class HttpMetrics:
    """Counts and times requests by route template (not raw path: bounded label values)."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.requests = Counter("thresher_http_requests", "HTTP requests",
                                ["method", "route", "status"], registry=registry)
        self.latency = Histogram("thresher_http_request_seconds", "HTTP request latency",
                                 ["method", "route"], registry=registry,
                                 buckets=_LATENCY_BUCKETS)

    def middleware(self, app: ASGIApp) -> ASGIApp:
        """Plain ASGI (not BaseHTTPMiddleware): no extra task or body copy per response."""

        async def observe(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            started = time.perf_counter()
            status = [500]

            async def send_and_note(message: Message) -> None:
                if message["type"] == "http.response.start":
                    status[0] = message["status"]
                await send(message)

            try:
                await app(scope, receive, send_and_note)
            finally:
                route = scope.get("route")
                template = getattr(route, "path", None) or "unmatched"
                method = scope.get("method", "")
                self.requests.labels(method, template, str(status[0])).inc()
                self.latency.labels(method, template).observe(time.perf_counter() - started)

        return observe


def build_registry(service: ThresherService) -> tuple[CollectorRegistry, HttpMetrics]:
    registry = CollectorRegistry()  # no auto-describe: no store reads at startup
    registry.register(ServiceCollector(service))
    return registry, HttpMetrics(registry)


def render(registry: CollectorRegistry) -> bytes:
    return generate_latest(registry)
