"""`thresher service`: schedules, the HTTP feed API and the dashboard in one process.

Configuration: ``--config FILE`` (a ``[service]`` table), then ``THRESHER_*`` environment
variables, then these flags (see crawler/service/config.py and docs/operations.md). The API
token comes from ``THRESHER_API_TOKEN`` only. SIGTERM or Ctrl-C: stop scheduling, let the
running crawls finish for ``shutdown_grace`` seconds, then stop them cleanly.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ..service.config import TOKEN_ENV, ServiceConfigError, load_service_config
from ..sources import SourcesError, load_sources

UVICORN_DRAIN_SECONDS = 10  # open HTTP connections get this long on shutdown


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "service", help="run the scheduler, the HTTP feed API and the dashboard")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="a TOML file with a [service] table")
    parser.add_argument("--sources", type=Path, metavar="FILE", help="the sources file")
    parser.add_argument("--state-dir", type=Path, metavar="DIR",
                        help="where the job store, run history, logs and locks live")
    parser.add_argument("--output", type=Path, metavar="DIR",
                        help="where crawls write records (default: STATE_DIR/output)")
    parser.add_argument("--host", help="listen address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="listen port (default 8080)")
    parser.add_argument("--log-level", default="INFO", help="log level (default INFO)")
    parser.add_argument("--access-log", action=argparse.BooleanOptionalAction, default=True,
                        help="log every HTTP request (default: on)")
    parser.add_argument("--openapi", type=Path, metavar="FILE",
                        help="write the OpenAPI document to FILE and exit")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load_service_config(args.config, overrides={
            "sources": args.sources, "state_dir": args.state_dir, "output": args.output,
            "host": args.host, "port": args.port})
    except ServiceConfigError as exc:
        print(f"thresher service: {exc}", file=sys.stderr)
        return 2
    if args.openapi is not None:
        return write_openapi(args.openapi)
    try:
        sources = load_sources(config.sources)
    except SourcesError as exc:
        for line in exc.problems:
            print(f"thresher service: {line}", file=sys.stderr)
        return 2
    if not config.api_token:
        print(f"thresher service: set {TOKEN_ENV} to the bearer token clients must send",
              file=sys.stderr)
        return 2

    import uvicorn  # the server stack: only when serving

    from ..service.api import create_app
    from ..service.lifecycle import ThresherService

    app = create_app(ThresherService(config, sources), config.api_token)
    server = uvicorn.Server(uvicorn.Config(
        app, host=config.host, port=config.port, log_level=args.log_level.lower(),
        lifespan="on", access_log=args.access_log,
        timeout_graceful_shutdown=UVICORN_DRAIN_SECONDS))
    server.run()
    return 0 if server.started else 1


def write_openapi(path: Path) -> int:
    from ..service.openapi import openapi_document

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {path}")
    return 0
