"""The HTTP API: auth on every route but health, clear 4xx on bad input, runs, sources, drift."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crawler.service.api import create_app
from crawler.service.lifecycle import ThresherService

from .conftest import YEARLY, Harness, wait_until
from .records import churn, make_record, open_sink

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def service(harness: Harness) -> ThresherService:
    return harness.service()


@pytest.fixture
def client(service: ThresherService) -> Iterator[TestClient]:
    with TestClient(create_app(service, TOKEN)) as test_client:  # starts and stops the service
        yield test_client


def sample_path(path: str) -> str:
    return re.sub(r"\{record_id\}", "0" * 32, path).replace("{run_id}", "1").replace(
        "{name}", "app.css")


# Routes outside the OpenAPI document: the document itself and the dashboard's pages.
UNLISTED = [("GET", "/openapi.json"), ("GET", "/dashboard"), ("GET", "/dashboard/inspector"),
            ("GET", "/dashboard/static/app.css"), ("POST", "/dashboard/logout")]


def guarded_routes(client: TestClient) -> list[tuple[str, str]]:
    routes = list(UNLISTED)
    for path, operations in client.app.openapi()["paths"].items():
        if path != "/healthz":
            routes += [(method.upper(), sample_path(path)) for method in operations]
    return routes


def test_every_route_but_health_refuses_a_missing_or_wrong_token(client: TestClient) -> None:
    routes = guarded_routes(client)
    assert ("GET", "/v1/records") in routes and ("POST", "/v1/runs") in routes
    assert ("GET", "/dashboard") in routes and ("GET", "/openapi.json") in routes
    for method, path in routes:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            response = client.request(method, path, headers=headers)
            assert response.status_code == 401, (method, path, headers)
    api = client.get("/v1/records")
    assert api.headers["www-authenticate"] == "Bearer"
    assert "missing bearer token" in api.json()["detail"]
    page = client.get("/dashboard")
    assert 'action="/dashboard/login"' in page.text  # a browser gets the login form


def test_health_needs_no_token(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["scheduler"] is True


def test_the_dashboard_login_sets_a_cookie_that_opens_the_pages(client: TestClient) -> None:
    refused = client.post("/dashboard/login", data={"token": "nope"})
    assert refused.status_code == 401 and "not right" in refused.text
    response = client.post("/dashboard/login", data={"token": TOKEN}, follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/dashboard").status_code == 200
    assert client.get("/v1/sources").status_code == 200  # the cookie works for the API too
    client.post("/dashboard/logout")
    assert client.get("/v1/sources").status_code == 401


@pytest.mark.parametrize(("path", "status", "says"), [
    ("/v1/records?since=abc", 400, "since: not a cursor"),
    ("/v1/records?since=-3", 400, "since: not a cursor"),
    ("/v1/records?since=999999", 400, "ahead of the feed"),
    ("/v1/records?limit=0", 422, "limit: Input should be greater than or equal to 1"),
    ("/v1/records?limit=ten", 422, "limit: Input should be a valid integer"),
    ("/v1/records?limit=5000", 400, "limit: at most 1000 with format=json"),
    ("/v1/records?limit=200000&format=ndjson", 422, "limit: Input should be less than"),
    ("/v1/records?format=xml", 422, "format: Input should be 'json' or 'ndjson'"),
    ("/v1/records?source=../etc", 422, "source: String should match pattern"),
    ("/v1/records/NOT-AN-ID", 422, "record_id: String should match pattern"),
    ("/v1/records/" + "a" * 32, 404, "no such record"),
    ("/v1/runs?limit=0", 422, "limit: Input should be greater than or equal to 1"),
    ("/v1/runs?before=x", 422, "before: Input should be a valid integer"),
    ("/v1/runs/0", 422, "run_id: Input should be greater than or equal to 1"),
    ("/v1/runs/12345", 404, "no such run"),
    ("/v1/drift?limit=5000", 422, "limit: Input should be less than or equal to 1000"),
])
def test_bad_parameters_get_a_4xx_naming_the_parameter(
        client: TestClient, harness: Harness, path: str, status: int, says: str) -> None:
    churn(harness.config.output_dir, 3)
    response = client.get(path, headers=AUTH)
    assert response.status_code == status, response.text
    assert says in response.json()["detail"]


def test_bad_run_requests_get_a_4xx(client: TestClient, harness: Harness) -> None:
    assert client.post("/v1/runs", json={}, headers=AUTH).status_code == 422
    assert "source: Field required" in client.post("/v1/runs", json={},
                                                       headers=AUTH).json()["detail"]
    unknown = client.post("/v1/runs", json={"source": "nope"}, headers=AUTH)
    assert unknown.status_code == 404 and "known: alpha, beta" in unknown.json()["detail"]
    bad_json = client.post("/v1/runs", content=b"{", headers={**AUTH,
                           "Content-Type": "application/json"})
    assert bad_json.status_code == 422


def test_run_now_answers_202_then_409_while_the_source_runs(
        client: TestClient, harness: Harness) -> None:
    harness.set_mode("alpha", "block")
    started = client.post("/v1/runs", json={"source": "alpha"}, headers=AUTH)
    assert started.status_code == 202
    run = started.json()["run"]
    assert (run["source"], run["trigger"], run["status"]) == ("alpha", "manual", "running")
    busy = client.post("/v1/runs", json={"source": "alpha"}, headers=AUTH)
    assert busy.status_code == 409 and "already running" in busy.json()["detail"]
    sources = {s["name"]: s for s in client.get("/v1/sources", headers=AUTH).json()["sources"]}
    assert sources["alpha"]["running"] is True
    assert sources["alpha"]["schedule"] == YEARLY and sources["alpha"]["next_run"]
    assert sources["beta"]["schedule"] is None and sources["beta"]["next_run"] is None

    harness.release("alpha")
    wait_until(lambda: client.get(f"/v1/runs/{run['id']}", headers=AUTH).json()["status"]
               == "succeeded", what="the run to finish")
    runs = client.get("/v1/runs?source=alpha", headers=AUTH).json()
    assert [r["id"] for r in runs["runs"]] == [run["id"]] and runs["next_before"] is None


def test_runs_record_their_records_and_drift(client: TestClient, harness: Harness) -> None:
    harness.write_records("alpha", 10)
    run = client.post("/v1/runs", json={"source": "alpha"}, headers=AUTH).json()["run"]
    wait_until(lambda: client.get(f"/v1/runs/{run['id']}", headers=AUTH).json()["status"]
               == "succeeded", what="the run to finish")
    drift = client.get("/v1/drift?source=alpha", headers=AUTH).json()["sources"]["alpha"]
    assert len(drift) == 1
    figures = drift[0]["drift"]
    # The fake crawl's first run: version 1, ten more words on every third record.
    words = sorted([0] + [make_record(n)["word_count"] + 10 * (n % 3) for n in range(1, 10)])
    assert figures["records"] == 10
    assert figures["median_word_count"] == (words[4] + words[5]) / 2
    assert figures["empty_body_rate"] == round(2 / 11, 4)  # 1 empty record + 1 short-body error
    assert figures["clutter_lint_hits"] == 3  # records 2, 5, 8
    assert figures["duplicate_rate"] == 0.2  # records 4, 9
    source = {s["name"]: s for s in client.get("/v1/sources", headers=AUTH).json()["sources"]}
    assert source["alpha"]["records"] == 10
    assert source["alpha"]["last_run"]["id"] == run["id"]


def test_http_pagination_sees_every_record_once_while_a_writer_runs(
        client: TestClient, harness: Harness) -> None:
    output = harness.config.output_dir
    open_sink(output).close(True)
    final: dict[str, str] = {}
    writer = threading.Thread(target=lambda: final.update(churn(output, 400, seed=3)))
    writer.start()
    seen, cursor = [], "0"
    while True:
        alive = writer.is_alive()
        fmt = "ndjson" if len(seen) % 2 else "json"
        response = client.get(f"/v1/records?since={cursor}&limit=9&format={fmt}", headers=AUTH)
        assert response.status_code == 200
        if fmt == "json":
            records = response.json()["records"]
            assert response.json()["next_cursor"] == response.headers["x-next-cursor"]
        else:
            records = [json.loads(line) for line in response.text.splitlines()]
        seen += [(r["id"], r["content_hash"]) for r in records]
        cursor = response.headers["x-next-cursor"]
        if not alive and response.headers["x-has-more"] == "false":
            break
    writer.join()
    assert len(seen) == len(set(seen)), "a version was delivered twice"
    assert dict(seen) == final, "a record or its latest version was missed"


def test_records_by_id_and_feed_end(client: TestClient, harness: Harness) -> None:
    final = churn(harness.config.output_dir, 5)
    record_id = make_record(2)["id"]
    response = client.get(f"/v1/records/{record_id}", headers=AUTH)
    assert response.status_code == 200
    assert response.json()["content_hash"] == final[record_id]
    feed = client.get("/v1/feed", headers=AUTH).json()
    assert feed["records"] == 5
    tail = client.get(f"/v1/records?since={feed['last_cursor']}", headers=AUTH).json()
    assert tail["records"] == [] and tail["next_cursor"] == feed["last_cursor"]


def test_metrics_are_prometheus_text(client: TestClient, harness: Harness) -> None:
    harness.write_records("alpha", 4)
    run = client.post("/v1/runs", json={"source": "alpha"}, headers=AUTH).json()["run"]
    wait_until(lambda: client.get(f"/v1/runs/{run['id']}", headers=AUTH).json()["status"]
               == "succeeded", what="the run to finish")
    response = client.get("/metrics", headers=AUTH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = response.text
    assert 'thresher_runs_total{source="alpha",status="succeeded"} 1.0' in text
    assert 'thresher_run_records_total{source="alpha"} 2.0' in text  # from the crawl's stats
    assert "thresher_feed_records 4.0" in text
    assert 'thresher_crawls_running{source="alpha"} 0.0' in text
    assert "thresher_next_run_timestamp_seconds{source=\"alpha\"}" in text
    assert "thresher_scheduler_up 1.0" in text
    assert 'thresher_http_requests_total{method="POST",route="/v1/runs",status="202"} 1.0' in text


def test_a_locked_store_keeps_the_event_loop_free(
        client: TestClient, harness: Harness, service: ThresherService,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A page read finding the store locked waits in a worker thread, not on the event loop:
    other requests are answered meanwhile (here /healthz, before the lock is released)."""
    churn(harness.config.output_dir, 4)
    store = harness.config.records_path
    with sqlite3.connect(store) as db:
        db.execute("PRAGMA journal_mode=DELETE")  # as a store restored from a backup may be
    waiting = threading.Event()
    page = service.feed.page

    def noting_page(*args: Any, wait: bool = True, **kwargs: Any) -> Any:
        if wait:
            waiting.set()  # the read that may wait for the lock has begun
        return page(*args, wait=wait, **kwargs)

    monkeypatch.setattr(service.feed, "page", noting_page)
    writer = sqlite3.connect(store, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    answers: dict[str, Any] = {}
    reader = threading.Thread(target=lambda: answers.update(
        records=client.get("/v1/records", headers=AUTH)))
    reader.start()
    try:
        wait_until(waiting.is_set, what="the page read to wait for the lock")
        assert client.get("/healthz").status_code == 200  # answered: the loop was free
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        reader.join()
    response = answers["records"]
    assert response.status_code == 200, response.text
    assert len(response.json()["records"]) == 4
