"""JSONL sink: one file per source per run, ``<source>-<run_id>.jsonl`` in the output folder.

Built on :class:`crawler.jsonl_file.AtomicJsonlFile`: whole lines only, flushed per record,
fsynced and renamed into place at the end; a resumed run continues the same file and skips
record ids already in it.
"""

from __future__ import annotations

from typing import Any

from ..context import RunPlan
from ..jsonl_file import AtomicJsonlFile


class JsonlSink:
    name = "jsonl"

    def __init__(self, plan: RunPlan) -> None:
        self.path = plan.records_path
        self._file = AtomicJsonlFile(plan.records_path, lambda record: record["id"])

    @classmethod
    def from_plan(cls, plan: RunPlan) -> JsonlSink:
        return cls(plan)

    def open(self) -> None:
        self._file.open()

    def write(self, record: dict[str, Any]) -> bool:
        return self._file.write(record)

    def close(self, ok: bool) -> None:
        self._file.close()
