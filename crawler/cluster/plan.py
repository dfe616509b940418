"""The run plan of one cluster worker: the usual plan plus where the shared stores are.

A :class:`ClusterRunPlan` is a :class:`crawler.context.RunPlan` (so every component that
reads ``THRESHER_RUN`` works unchanged) that also names the PostgreSQL target, the cluster
run and this worker. Its ``run_id`` is ``<cluster run>-<worker>``, so the local files of
several workers sharing one output folder (errors, stats) never collide.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..context import RunPlan
from .pg import PgTarget


@dataclass(frozen=True)
class ClusterRunPlan(RunPlan):
    pg: PgTarget | None = None
    cluster_run: str = ""
    worker: str = ""


def pg_target_of(plan: RunPlan) -> PgTarget:
    """The plan's PostgreSQL target, or a clear error when the plan has none."""
    target = getattr(plan, "pg", None)
    if not isinstance(target, PgTarget):
        raise ValueError(f"source {plan.source.name}: the PostgreSQL sink and state store "
                         "need a cluster run plan with a PostgreSQL target (--pg DSN)")
    return target
