"""The end-of-crawl summary: one row per source, as a rich table or plain aligned text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from rich.console import Console
from rich.table import Table

from .run import CrawlOutcome

COLUMNS = ("source", "run", "pages", "records", "errors", "listings", "duplicates",
           "new", "changed", "unchanged", "not modified", "unaccounted", "seconds", "pages/s",
           "finish")


def summary_rows(outcomes: Sequence[CrawlOutcome]) -> list[tuple[str, ...]]:
    rows = []
    for outcome in outcomes:
        stats = outcome.stats
        seconds = float(stats.get("elapsed_time_seconds", 0.0) or 0.0)
        pages = int(stats.get("thresher/pages_seen", 0))
        rows.append((
            outcome.plan.source.name, outcome.plan.run_id, str(pages),
            str(stats.get("thresher/records", 0)), str(stats.get("thresher/errors", 0)),
            str(stats.get("thresher/skipped_listing", 0)),
            str(stats.get("thresher/duplicates", 0)),
            *(str(stats.get(f"thresher/{key}", 0))  # changed-only recrawls (pipelines.changed)
              for key in ("new", "changed", "unchanged", "not_modified")),
            str(stats.get("thresher/unaccounted", 0)), f"{seconds:.1f}",
            f"{pages / seconds:.1f}" if seconds > 0 else "-", outcome.finish_reason,
        ))
    return rows


def plain_table(rows: list[tuple[str, ...]]) -> str:
    table = [COLUMNS, *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     .rstrip() for row in table)


def print_summary(outcomes: Sequence[CrawlOutcome], stream: IO[str]) -> None:
    rows = summary_rows(outcomes)
    if not stream.isatty():
        stream.write(plain_table(rows) + "\n")
    else:
        table = Table(*COLUMNS, title="crawl summary")
        for row in rows:
            table.add_row(*row)
        Console(file=stream).print(table)
    for outcome in outcomes:
        plan = outcome.plan
        stream.write(f"{plan.source.name}: records {plan.records_path}, errors "
                     f"{plan.errors_path}, store {plan.sqlite_path}\n")
