"""Service configuration: defaults, then an optional TOML file, then the environment, then flags.

    # thresher-service.toml (every key optional)
    [service]
    sources = "sources.toml"         # relative paths are relative to this file
    state_dir = "/var/lib/thresher"
    output = "/srv/thresher/output"  # JSONL files + thresher.sqlite; default <state_dir>/output
    host = "127.0.0.1"
    port = 8080
    timezone = "UTC"                 # the zone cron expressions are read in
    crawl_timeout = 3600             # seconds a crawl may run before it is stopped
    stop_grace = 30                  # seconds between SIGINT and SIGKILL when stopping a crawl
    shutdown_grace = 60              # seconds running crawls get to finish on SIGTERM
    misfire_grace = 3600             # a missed run is caught up on start if this late at most
    keep_pages = true                # archive raw pages per run (WARC) for the inspector

The API token is read from the environment only (``THRESHER_API_TOKEN``) so it never lands in
a file that is committed or backed up by accident.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TOKEN_ENV = "THRESHER_API_TOKEN"

# environment variable -> config key
ENV_KEYS: dict[str, str] = {
    "THRESHER_SOURCES": "sources",
    "THRESHER_STATE_DIR": "state_dir",
    "THRESHER_OUTPUT": "output",
    "THRESHER_HOST": "host",
    "THRESHER_PORT": "port",
    "THRESHER_TIMEZONE": "timezone",
    "THRESHER_CRAWL_TIMEOUT": "crawl_timeout",
    "THRESHER_STOP_GRACE": "stop_grace",
    "THRESHER_SHUTDOWN_GRACE": "shutdown_grace",
    "THRESHER_MISFIRE_GRACE": "misfire_grace",
    "THRESHER_KEEP_PAGES": "keep_pages",
}


class ServiceConfigError(ValueError):
    """A configuration value that cannot be used; the message names where it came from."""


@dataclass(frozen=True)
class ServiceConfig:
    sources: Path = Path("sources.toml")
    state_dir: Path = Path("state")
    output: Path | None = None  # None: <state_dir>/output
    host: str = "127.0.0.1"
    port: int = 8080
    timezone: str = "UTC"
    crawl_timeout: float = 3600.0
    stop_grace: float = 30.0
    shutdown_grace: float = 60.0
    misfire_grace: int = 3600
    keep_pages: bool = True
    api_token: str | None = field(default=None, repr=False)
    # The child command, for wrappers and tests; placeholders: {python} {source} {sources}
    # {output} {jobs} {stats} {pages} {run_dir}. Empty: `python -m crawler.service.crawl_child`.
    crawl_command: tuple[str, ...] = ()

    @property
    def output_dir(self) -> Path:
        return self.output or self.state_dir / "output"

    @property
    def records_path(self) -> Path:
        """The crawl's SQLite store (``crawler.context.RunPlan.sqlite_path``): the feed."""
        return self.output_dir / "thresher.sqlite"

    @property
    def jobs_dir(self) -> Path:
        """Job directories: a stopped crawl resumes on the source's next run."""
        return self.state_dir / "jobs"

    @property
    def runs_path(self) -> Path:
        return self.state_dir / "runs.sqlite"

    @property
    def jobs_path(self) -> Path:
        return self.state_dir / "scheduler.sqlite"

    @property
    def run_dir(self) -> Path:
        return self.state_dir / "runs"

    @property
    def lock_dir(self) -> Path:
        return self.state_dir / "locks"


def load_service_config(
    path: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> ServiceConfig:
    """Defaults < ``[service]`` in ``path`` < environment < ``overrides`` (CLI flags)."""
    env = os.environ if env is None else env
    config = ServiceConfig()
    if path is not None:
        config = _apply(config, _read_file(path), str(path), base=path.parent)
    from_env = {key: env[name] for name, key in ENV_KEYS.items() if env.get(name)}
    config = _apply(config, from_env, "environment")
    config = _apply(config, {k: v for k, v in (overrides or {}).items() if v is not None},
                    "command line")
    token = env.get(TOKEN_ENV) or None
    return replace(config, api_token=token)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ServiceConfigError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ServiceConfigError(f"{path}: unreadable: {exc}") from None
    section = data.get("service", {})
    if not isinstance(section, dict):
        raise ServiceConfigError(f"{path}: service: expected a [service] table")
    return section


_PATH_KEYS = ("sources", "state_dir", "output")
_FLOAT_KEYS = ("crawl_timeout", "stop_grace", "shutdown_grace")
_INT_KEYS = ("port", "misfire_grace")


def _apply(config: ServiceConfig, values: Mapping[str, Any], origin: str,
           base: Path | None = None) -> ServiceConfig:
    known = {f.name for f in fields(ServiceConfig)} - {"api_token"}
    changes: dict[str, Any] = {}
    for key, raw in values.items():
        if key not in known:
            raise ServiceConfigError(f"{origin}: {key}: unknown key")
        changes[key] = _convert(key, raw, origin, base)
    return replace(config, **changes)


def _convert(key: str, raw: Any, origin: str, base: Path | None) -> Any:
    where = f"{origin}: {key}"
    if key in _PATH_KEYS:
        path = Path(str(raw)).expanduser()
        return base / path if base is not None and not path.is_absolute() else path
    if key in _FLOAT_KEYS:
        return _number(where, raw, float, minimum=0.001)
    if key in _INT_KEYS:
        number = _number(where, raw, int, minimum=0)
        if key == "port" and number > 65535:
            raise ServiceConfigError(f"{where}: expected a port 0..65535 (got {raw!r})")
        return number
    if key == "keep_pages":
        return _boolean(where, raw)
    if key == "timezone":
        try:
            ZoneInfo(str(raw))
        except (ZoneInfoNotFoundError, ValueError):
            raise ServiceConfigError(f"{where}: unknown time zone {raw!r}") from None
        return str(raw)
    if key == "crawl_command":
        if isinstance(raw, str):
            raw = raw.split()
        if not isinstance(raw, list | tuple) or not all(isinstance(a, str) for a in raw):
            raise ServiceConfigError(f"{where}: expected a list of strings (got {raw!r})")
        return tuple(raw)
    return str(raw)


def _number(where: str, raw: Any, kind: type, minimum: float) -> Any:
    try:
        if isinstance(raw, bool):
            raise ValueError
        number = kind(raw)
    except (TypeError, ValueError):
        raise ServiceConfigError(f"{where}: expected a number (got {raw!r})") from None
    if number < minimum:
        raise ServiceConfigError(f"{where}: expected a number >= {minimum} (got {raw!r})")
    return number


def _boolean(where: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ServiceConfigError(f"{where}: expected true or false (got {raw!r})")
