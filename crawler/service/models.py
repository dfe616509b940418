"""The API's request and response shapes (they make the published OpenAPI document)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class RecordsPage(BaseModel):
    records: list[dict[str, Any]] = Field(
        description="Records in feed order (schema v1, see schema/article.schema.json)")
    next_cursor: str = Field(description="Pass as `since` to get what follows; store it only "
                                         "after the records are safely processed")
    has_more: bool = Field(description="True when more records follow right now")


class FeedInfo(BaseModel):
    last_cursor: str = Field(description="the cursor after the newest record")
    records: int = Field(description="records in the store")


class Drift(BaseModel):
    records: int | None = None
    median_word_count: float | None = None
    empty_body_rate: float | None = None
    clutter_lint_hits: int | None = None
    duplicate_rate: float | None = None


class RunOut(BaseModel):
    id: int
    source: str
    trigger: str = Field(description="schedule | manual")
    scheduled_for: str | None = Field(None, description="the cron fire time (UTC)")
    started_at: str
    ended_at: str | None
    status: str = Field(description="running | succeeded | failed | timed_out | stopped | "
                                    "interrupted | skipped | missed")
    exit_code: int | None
    pages: int | None
    records: int | None
    errors: int | None
    reason: str | None
    drift: Drift


class RunsPage(BaseModel):
    runs: list[RunOut]
    next_before: int | None = Field(description="Pass as `before` for older runs")


class RunRequest(BaseModel):
    source: str = Field(description="the name of a source in the sources file")


class RunStarted(BaseModel):
    run: RunOut


class SourceOut(BaseModel):
    name: str
    schedule: str | None = Field(description="cron expression (service time zone)")
    next_run: str | None
    last_run: RunOut | None
    running: bool
    records: int = Field(description="records of this source in the store")


class SourcesOut(BaseModel):
    sources: list[SourceOut]


class DriftPoint(BaseModel):
    run_id: int
    started_at: str
    status: str
    drift: Drift


class DriftOut(BaseModel):
    sources: dict[str, list[DriftPoint]] = Field(description="per source, oldest run first")


class RemovedOut(BaseModel):
    rule: str
    text: str


class PageOut(BaseModel):
    available: bool
    view: str = Field(description="archived | reconstructed")
    url: str | None
    html: str | None = Field(description="the archived page made inert (no scripts, no "
                                         "remote resources), or null")


class InspectionOut(BaseModel):
    record: dict[str, Any]
    removed: list[RemovedOut]
    page: PageOut


class Health(BaseModel):
    status: str
    scheduler: bool
    store: bool
