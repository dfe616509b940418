"""The HTTP API (FastAPI): the record feed, sources, runs, drift, health, metrics, dashboard.

Handlers are plain ``def`` functions, which FastAPI runs in its thread pool, except the one
route polled hundreds of times a second: ``GET /v1/records`` is ``async`` and reads a page
near the head of the feed (the steady state of polling) on the event loop. That read is a
bounded index range scan on a kept read-only connection that does not wait for the writer
(WAL; a store found locked is read in the thread pool instead), well under a millisecond,
while the hop to a worker thread and back cost more than the read itself and, under load,
most of each request's time (benchmarks/feed_load.py). Full pages, for clients far behind,
still go to the thread pool (see ``_records_page``). Errors a client can fix
get a 4xx whose ``detail`` names the parameter and the reason.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from ..sources import NAME_PATTERN
from .auth import TokenAuth
from .dashboard import mount_dashboard
from .feed import (
    MAX_PAGE,
    MAX_STREAM,
    FeedError,
    FeedPage,
    FeedRow,
    RecordFeed,
    StoreBusy,
    check_limit,
    parse_cursor,
)
from .inspector import inspect_record
from .lifecycle import ThresherService
from .metrics import CONTENT_TYPE, build_registry, render
from .models import (
    DriftOut,
    FeedInfo,
    Health,
    InspectionOut,
    RecordsPage,
    RunOut,
    RunRequest,
    RunsPage,
    RunStarted,
    SourcesOut,
)
from .runner import ServiceStopping, SourceBusy

API_VERSION = "1.0.0"
RECORD_ID = r"^[0-9a-f]{8,128}$"
SOURCE_NAME = NAME_PATTERN.pattern
NDJSON = "application/x-ndjson"


def create_app(service: ThresherService, token: str, manage_service: bool = True) -> FastAPI:
    """The app. With ``manage_service`` it starts and stops ``service`` with the server."""
    auth = TokenAuth(token)
    registry, http_metrics = build_registry(service)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if manage_service:
            await asyncio.to_thread(service.start)
        try:
            yield
        finally:
            if manage_service:
                # Uvicorn got SIGTERM/SIGINT and drained HTTP; now the crawls.
                await asyncio.to_thread(service.shutdown)

    # No Swagger/ReDoc pages (they load scripts from a CDN); /openapi.json is guarded below.
    app = FastAPI(
        title="Thresher", version=API_VERSION, lifespan=lifespan,
        openapi_url=None, docs_url=None, redoc_url=None,
        description="Clean, deduplicated article records from scheduled crawls. Every route "
                    "but /healthz needs `Authorization: Bearer <THRESHER_API_TOKEN>`.",
    )
    app.add_middleware(_Wrap, wrap=http_metrics.middleware)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(FeedError, _feed_error)

    @app.get("/healthz", response_model=Health, tags=["operations"])
    def healthz() -> JSONResponse:
        """Liveness without auth: 200 while the scheduler runs, else 503."""
        up = service.scheduler_running() or not manage_service
        body = {"status": "ok" if up else "degraded", "scheduler": service.scheduler_running(),
                "store": service.feed.exists()}
        return JSONResponse(body, status_code=200 if up else 503)

    guarded = APIRouter(dependencies=[Depends(auth)])
    _add_record_routes(guarded, service)
    _add_run_routes(guarded, service)

    @guarded.get("/metrics", tags=["operations"], response_class=Response,
                 responses={200: {"content": {CONTENT_TYPE: {}}}})
    def metrics() -> Response:
        """Prometheus text exposition."""
        return Response(render(registry), media_type=CONTENT_TYPE)

    @guarded.get("/openapi.json", include_in_schema=False)
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    app.include_router(guarded)
    mount_dashboard(app, auth)
    return app


def _add_record_routes(router: APIRouter, service: ThresherService) -> None:
    feed = service.feed

    @router.get("/v1/records", response_model=RecordsPage, tags=["records"],
                responses={200: {"content": {NDJSON: {}}, "headers": {
                    "X-Next-Cursor": {"description": "the cursor after this page"}}}})
    async def list_records(
        since: Annotated[str | None, Query(
            description="`next_cursor` of the previous page; omit to start at the beginning"
        )] = None,
        source: Annotated[str | None, Query(pattern=SOURCE_NAME,
                                            description="only this source's records")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_STREAM, description=(
            f"records per page: 1..{MAX_PAGE} (json), 1..{MAX_STREAM} (ndjson)"))] = 100,
        format: Annotated[Literal["json", "ndjson"], Query(
            description="json: one page object; ndjson: one record per line, streamed, "
                        "cursor in the X-Next-Cursor header")] = "json",
    ) -> Response:
        """Records in write order after `since`; poll with `next_cursor`, forever.

        Every record that is written or changed gets a new position, so a poller sees each
        new record once and each change once more, never missing one while crawls write.
        """
        cursor = parse_cursor(since)
        if format == "ndjson":
            # Up to 100,000 positions: too long for the event loop, so in a worker thread.
            end, has_more = await run_in_threadpool(
                feed.page_end, cursor, check_limit(limit, MAX_STREAM), source)
            return StreamingResponse(
                _ndjson(feed.stream(cursor, end, source)), media_type=NDJSON,
                headers={"X-Next-Cursor": str(end), "X-Has-More": _flag(has_more)})
        if limit > MAX_PAGE:
            raise FeedError(f"limit: at most {MAX_PAGE} with format=json (got {limit}); "
                            f"use format=ndjson for pages up to {MAX_STREAM}")
        page = await _records_page(feed, cursor, limit, source)
        # The stored JSON goes out as stored: no parse and re-encode per record per poll.
        body = b"".join((b'{"records": [', b", ".join(row.raw for row in page.rows),
                         b'], "next_cursor": ', json.dumps(page.next_cursor).encode(),
                         b', "has_more": ', _flag(page.has_more).encode(), b"}"))
        return Response(body, media_type="application/json",
                        headers={"X-Next-Cursor": page.next_cursor,
                                 "X-Has-More": _flag(page.has_more)})

    @router.get("/v1/records/{record_id}", tags=["records"],
                responses={404: {"description": "no record with this id"}})
    def get_record(record_id: Annotated[str, Path(pattern=RECORD_ID)]) -> Response:
        """One record by id (its current version)."""
        row = _found(feed.get(record_id), record_id)
        return Response(row.raw, media_type="application/json",
                        headers={"X-Cursor": str(row.seq)})

    @router.get("/v1/records/{record_id}/inspect", response_model=InspectionOut,
                tags=["records"])
    def inspect(record_id: Annotated[str, Path(pattern=RECORD_ID)]) -> dict[str, Any]:
        """A record with its archived page (made inert) and the texts extraction removed."""
        row = _found(feed.get(record_id), record_id)
        return inspect_record(row.record, service.archive).to_dict()

    @router.get("/v1/feed", response_model=FeedInfo, tags=["records"])
    def feed_info() -> dict[str, Any]:
        """Where the feed ends now: start from `last_cursor` to get only what comes next."""
        return {"last_cursor": str(feed.last_seq()), "records": feed.record_count()}

    @router.get("/v1/sources", response_model=SourcesOut, tags=["sources"])
    def sources() -> dict[str, Any]:
        """Every configured source: schedule, next and last run, records in the store."""
        return {"sources": [s.to_dict() for s in service.source_statuses()]}


def _add_run_routes(router: APIRouter, service: ThresherService) -> None:
    @router.get("/v1/runs", response_model=RunsPage, tags=["runs"])
    def list_runs(
        source: Annotated[str | None, Query(pattern=SOURCE_NAME)] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        before: Annotated[int | None, Query(ge=1, description="`next_before` of the "
                                                               "previous page")] = None,
    ) -> dict[str, Any]:
        """Run history, newest first."""
        runs = service.runs.list(source=source, limit=limit, before_id=before)
        next_before = runs[-1].id if len(runs) == limit else None
        return {"runs": [r.to_dict() for r in runs], "next_before": next_before}

    @router.get("/v1/runs/{run_id}", response_model=RunOut, tags=["runs"])
    def get_run(run_id: Annotated[int, Path(ge=1)]) -> dict[str, Any]:
        try:
            return service.runs.get(run_id).to_dict()
        except KeyError:
            raise HTTPException(404, f"run {run_id}: no such run") from None

    @router.post("/v1/runs", response_model=RunStarted, status_code=status.HTTP_202_ACCEPTED,
                 tags=["runs"], responses={
                     404: {"description": "no such source"},
                     409: {"description": "the source is already running"},
                     503: {"description": "the service is shutting down"}})
    def start_run(request: RunRequest) -> dict[str, Any]:
        """Run a source now, outside its schedule. 409 while a run of it is going."""
        try:
            run = service.run_now(request.source)
        except KeyError:
            known = ", ".join(sorted(service.sources)) or "none"
            raise HTTPException(404, f"source {request.source!r}: not in the sources file "
                                     f"(known: {known})") from None
        except SourceBusy as exc:
            raise HTTPException(409, str(exc)) from None
        except ServiceStopping as exc:
            raise HTTPException(503, str(exc)) from None
        return {"run": run.to_dict()}

    @router.get("/v1/drift", response_model=DriftOut, tags=["runs"])
    def drift(
        source: Annotated[str | None, Query(pattern=SOURCE_NAME)] = None,
        limit: Annotated[int, Query(ge=1, le=1000, description="runs per source")] = 100,
    ) -> dict[str, Any]:
        """Extraction drift per source over time (one point per finished crawl)."""
        names = [source] if source is not None else sorted(service.sources)
        return {"sources": {
            name: [{"run_id": r.id, "started_at": r.started_at, "status": r.status,
                    "drift": r.drift} for r in service.runs.drift_series(name, limit)]
            for name in names}}


class _Wrap:
    """Adapts a function ``app -> app`` to Starlette's middleware list."""

    def __init__(self, app: ASGIApp, wrap: Callable[[ASGIApp], ASGIApp]) -> None:
        self._app = wrap(app)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._app(scope, receive, send)


async def _records_page(feed: RecordFeed, since: int, limit: int,
                        source: str | None) -> FeedPage:
    """Near the head of the feed, where polling clients spend their time, a page is small:
    read on the event loop. A client a full page or more behind (catching up; every client
    at once after a restart) reads in a worker thread, where SQLite's copying of the rows
    runs beside the loop (it releases the GIL) instead of holding up every other request."""
    try:
        if feed.last_seq(wait=False) - since < limit:
            return feed.page(since, limit, source, wait=False)
    except StoreBusy:  # a store outside WAL mode, mid-commit: wait, but not on the loop
        pass
    return await run_in_threadpool(feed.page, since, limit, source)


def _ndjson(rows: Iterator[FeedRow]) -> Iterator[bytes]:
    for row in rows:  # the sink stores one-line JSON (json.dumps without indent)
        yield row.raw + b"\n"


def _found(row: FeedRow | None, record_id: str) -> FeedRow:
    if row is None:
        raise HTTPException(404, f"record {record_id}: no such record")
    return row


def _flag(value: bool) -> str:
    return "true" if value else "false"


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
        got = error.get("input")
        shown = f" (got {got!r})" if got is not None and not isinstance(got, dict) else ""
        problems.append(f"{where}: {error.get('msg', 'invalid')}{shown}")
    return JSONResponse({"detail": "; ".join(problems), "errors": _plain(exc.errors())},
                        status_code=422)


async def _feed_error(_: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_400_BAD_REQUEST)


def _plain(errors: Any) -> Any:
    return json.loads(json.dumps(errors, default=str))
