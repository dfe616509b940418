"""`thresher cluster seed|worker|status|settle|migrate`: one crawl, many worker processes.

    thresher cluster seed SOURCE --redis URL                 # start a run: queue entry points
    thresher cluster worker SOURCE --redis URL --pg DSN      # run one worker (start N of them)
    thresher cluster status SOURCE --redis URL               # queue, in flight, workers, seen
    thresher cluster settle --pg DSN                         # decide dedup groups (idempotent)
    thresher cluster migrate --pg DSN                        # create/upgrade the schema

See docs/scale-out.md. Sources come from the sources file as for ``thresher crawl``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..sources import Source, SourcesError, find_source, load_sources

if TYPE_CHECKING:  # the cluster modules import Redis and psycopg: only when used
    from ..cluster.config import ClusterConfig
    from ..cluster.pg import PgTarget

DEFAULT_SOURCES = Path("sources.toml")
_PREFIX = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "cluster", help="crawl one source with many workers (Redis frontier, PostgreSQL store)")
    commands = parser.add_subparsers(dest="cluster_command", required=True, metavar="ACTION")

    seed = commands.add_parser("seed", help="start a run: put the source's entry points on "
                                            "the shared queue")
    _source_args(seed)
    _redis_args(seed)
    seed.add_argument("--force", action="store_true",
                      help="start a new run even while workers of the last one are alive")
    seed.set_defaults(handler=run_seed)

    worker = commands.add_parser("worker", help="run one worker until the frontier is quiet")
    _source_args(worker)
    _redis_args(worker)
    _pg_args(worker, required=True)
    worker.add_argument("--idle-timeout", type=float, default=30.0, metavar="S",
                        help="exit once the frontier has been quiet this long (default 30)")
    worker.add_argument("--heartbeat-ttl", type=float, default=10.0, metavar="S",
                        help="a worker silent this long is dead; its requests are "
                             "requeued (default 10)")
    worker.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                        help="where this worker's errors and stats files go (default: output)")
    worker.add_argument("--workers", type=int, metavar="N",
                        help="extraction processes of this worker (default: one per core up to "
                             "two cores, else cores - 1, within free memory; "
                             "0: inline)")
    worker.add_argument("--no-settle", action="store_true",
                        help="do not settle dedup groups when the crawl is over")
    worker.add_argument("--log-level", default="WARNING",
                        help="Scrapy log level on stderr (default: WARNING)")
    worker.set_defaults(handler=run_worker_command)

    status = commands.add_parser("status", help="the shared frontier of a source")
    status.add_argument("name", metavar="SOURCE")
    _redis_args(status)
    status.set_defaults(handler=run_status)

    settle = commands.add_parser("settle", help="decide near-duplicate groups and originals "
                                                "from all members (idempotent)")
    _pg_args(settle, required=True)
    settle.set_defaults(handler=run_settle)

    migrate = commands.add_parser("migrate", help="create or upgrade the PostgreSQL schema")
    _pg_args(migrate, required=True)
    migrate.set_defaults(handler=run_migrate)


def _source_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="SOURCE", help="a source name from the sources file")
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, metavar="FILE",
                        help="the sources file (default: sources.toml)")


def _redis_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--redis", required=True, metavar="URL",
                        help="the Redis server holding the frontier, e.g. redis://host:6379/0")
    parser.add_argument("--prefix", default="thresher", metavar="P",
                        help="Redis key prefix (default: thresher)")


def _pg_args(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--pg", required=required, metavar="DSN",
                        help="PostgreSQL DSN for records and state, e.g. "
                             "'host=127.0.0.1 dbname=test'")
    parser.add_argument("--pg-schema", default="thresher", metavar="NAME",
                        help="schema holding Thresher's tables (default: thresher)")


def run_seed(args: argparse.Namespace) -> int:
    from ..cluster.seed import ClusterError, seed

    source = _source_or_none(args)
    config = _config(args, source) if source else None
    if source is None or config is None:
        return 2
    try:
        report = seed(source, config.frontier("seed"), force=args.force)
    except ClusterError as exc:
        print(f"thresher cluster seed: {exc}", file=sys.stderr)
        return 1
    print(f"run {report.run_id}: {report.queued} entry points queued for {source.name} "
          f"under {config.keys.base}")
    return 0


def run_worker_command(args: argparse.Namespace) -> int:
    from ..cluster.pg import PgError
    from ..cluster.seed import ClusterError
    from ..cluster.worker import run_worker

    source = _source_or_none(args)
    config = _config(args, source) if source else None
    if source is None or config is None:
        return 2
    settings: dict[str, Any] = {"LOG_LEVEL": args.log_level.upper()}
    if args.workers is not None:
        settings["THRESHER_EXTRACT_WORKERS"] = args.workers
    try:
        outcome = run_worker(source, config, args.output, settings=settings,
                             settle_after=not args.no_settle)
    except (ClusterError, PgError) as exc:
        print(f"thresher cluster worker: {exc}", file=sys.stderr)
        return 1
    stats = outcome.stats
    print(f"worker {outcome.plan.worker}: {stats.get('thresher/pages_seen', 0)} pages, "
          f"{stats.get('thresher/records', 0)} records, {stats.get('thresher/errors', 0)} "
          f"errors, finish {outcome.finish_reason}, stats {outcome.plan.stats_path}")
    if outcome.settled is not None:
        s = outcome.settled
        print(f"settled {s.groups} groups ({s.renamed} renamed, {s.records_rewritten} "
              "records rewritten)")
    return 0 if outcome.ok else 1


def run_status(args: argparse.Namespace) -> int:
    config = _config(args, None, source_name=args.name)
    if config is None:
        return 2
    frontier = config.frontier("status")
    state = frontier.state()
    print(f"{config.keys.base}: run {frontier.run_id() or '-'}, {state.queued} queued, "
          f"{state.in_flight} in flight, {state.seen} seen, "
          f"{len(frontier.live_workers())}/{state.workers} workers alive")
    return 0


def run_settle(args: argparse.Namespace) -> int:
    from ..cluster.pg import PgError
    from ..cluster.settle import settle

    try:
        report = settle(_pg_target(args))
    except PgError as exc:
        print(f"thresher cluster settle: {exc}", file=sys.stderr)
        return 1
    print(f"settled {report.groups} groups ({report.renamed} renamed, "
          f"{report.records_rewritten} records rewritten)")
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    from ..cluster.pg import PgError, migrate, schema_version

    try:
        target = _pg_target(args)
        applied = migrate(target)
        version = schema_version(target)
    except PgError as exc:
        print(f"thresher cluster migrate: {exc}", file=sys.stderr)
        return 1
    print(f"{target.label}: schema version {version} (applied now: "
          f"{', '.join(map(str, applied)) or 'none'})")
    return 0


def _source_or_none(args: argparse.Namespace) -> Source | None:
    try:
        return find_source(load_sources(args.sources), args.name)
    except SourcesError as exc:
        for line in exc.problems:
            print(f"thresher cluster: {line}", file=sys.stderr)
        return None


def _config(args: argparse.Namespace, source: Source | None,
            source_name: str = "") -> ClusterConfig | None:
    from ..cluster.config import ClusterConfig
    from ..cluster.pg import PgError

    if not _PREFIX.match(args.prefix):
        print(f"thresher cluster: --prefix {args.prefix!r}: letters, digits, '.', '_' or '-'",
              file=sys.stderr)
        return None
    try:
        pg = _pg_target(args) if getattr(args, "pg", None) else None
    except PgError as exc:
        print(f"thresher cluster: --pg-schema: {exc}", file=sys.stderr)
        return None
    return ClusterConfig(
        redis_url=args.redis, source=source.name if source else source_name, pg=pg,
        prefix=args.prefix, idle_timeout=getattr(args, "idle_timeout", 30.0),
        heartbeat_ttl=getattr(args, "heartbeat_ttl", 10.0))


def _pg_target(args: argparse.Namespace) -> PgTarget:
    from ..cluster.pg import PgTarget

    return PgTarget(args.pg, args.pg_schema)
