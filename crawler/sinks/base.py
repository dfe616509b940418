"""The sink Protocol: what the sink pipeline needs from any record store.

A sink is built with ``from_plan(plan)``, opened once, written once per record (in the reactor
thread, so ``write`` must be quick), and closed once. ``write`` returns ``False`` when the
record was already there (a resumed run): the sink must make a repeat harmless, because a
crash between a sink write and the ledger commit replays that record. ``close(ok)`` is told
whether the crawl finished normally.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..context import RunPlan


class Sink(Protocol):
    name: str

    @classmethod
    def from_plan(cls, plan: RunPlan) -> Sink: ...

    def open(self) -> None: ...

    def write(self, record: dict[str, Any]) -> bool: ...

    def close(self, ok: bool) -> None: ...
