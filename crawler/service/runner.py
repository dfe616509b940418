"""Run one source's crawl in a child process, with a time limit, and record it in the history.

One run of a source at a time, across threads *and* processes: a run first claims the source
(an in-process set plus an exclusive ``flock`` on ``<state>/locks/<source>.lock``). The child
inherits the locked file, so even if the service dies, a new service cannot start the same
source again while the orphaned crawl still runs.

Stopping a crawl is always gentle first: SIGINT to the child, which makes Scrapy close its
spider and sinks (JSONL parts are renamed, SQLite commits, nothing half-written); SIGKILL to
the child's whole process group only if it has not exited ``stop_grace`` seconds later.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from .clock import Clock, iso, utc_now
from .config import ServiceConfig
from .drift import drift_of
from .feed import RecordFeed
from .runs import Run, RunOutcome, RunStore


class SourceBusy(RuntimeError):
    """The source already has a run going (here or in another process)."""


class ServiceStopping(RuntimeError):
    """The service is shutting down and starts no new runs."""


@dataclass
class ActiveRun:
    run: Run
    process: subprocess.Popen
    lock_file: IO[bytes]
    run_dir: Path
    log_file: IO[bytes]
    stop_reason: str | None = None  # "timed_out" | "stopped", set by whoever signals it
    done: threading.Event = field(default_factory=threading.Event)


class CrawlRunner:
    def __init__(self, config: ServiceConfig, runs: RunStore, feed: RecordFeed,
                 clock: Clock = utc_now,
                 on_finish: Callable[[Run], None] | None = None) -> None:
        self.config = config
        self.runs = runs
        self.feed = feed
        self.clock = clock
        self._on_finish = on_finish
        self._guard = threading.Lock()
        self._active: dict[str, ActiveRun] = {}
        self._claimed: set[str] = set()
        self._stopping = threading.Event()

    # -- starting ---------------------------------------------------------------------------

    def run(self, source: str, trigger: str, scheduled_for: datetime | None = None) -> Run:
        """Start a crawl and wait for it to end. Raises SourceBusy / ServiceStopping."""
        active = self.start(source, trigger, scheduled_for)
        return self.wait(active)

    def start(self, source: str, trigger: str,
              scheduled_for: datetime | None = None) -> ActiveRun:
        """Claim the source, record the run as running, spawn the child; do not wait."""
        lock_file = self._claim(source)
        try:
            run = self.runs.start(source, trigger, iso(self.clock()), iso(scheduled_for),
                                  feed_seq_start=self.feed.last_seq())
            return self._spawn(run, lock_file)
        except BaseException:
            self._release(source, lock_file)
            raise

    def is_running(self, source: str) -> bool:
        with self._guard:
            return source in self._claimed

    def active_runs(self) -> list[Run]:
        with self._guard:
            return [a.run for a in self._active.values()]

    def is_locked_elsewhere(self, source: str) -> bool:
        """Whether another process (an orphaned crawl, another service) holds the source."""
        path = self.config.lock_dir / f"{source}.lock"
        if not path.exists():
            return False
        with open(path, "ab") as probe:
            try:
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(probe, fcntl.LOCK_UN)
        return False

    def _claim(self, source: str) -> IO[bytes]:
        with self._guard:
            if self._stopping.is_set():
                raise ServiceStopping("the service is shutting down")
            if source in self._claimed:
                raise SourceBusy(f"source {source!r} is already running")
            self.config.lock_dir.mkdir(parents=True, exist_ok=True)
            lock_file = open(self.config.lock_dir / f"{source}.lock", "ab")  # noqa: SIM115
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock_file.close()
                raise SourceBusy(f"source {source!r} is already running in another "
                                 f"process (lock {self.config.lock_dir / source}.lock)") from None
            self._claimed.add(source)
            return lock_file

    def _release(self, source: str, lock_file: IO[bytes]) -> None:
        lock_file.close()  # the child closed its copy when it exited: the flock is gone
        with self._guard:
            self._claimed.discard(source)
            self._active.pop(source, None)

    def _spawn(self, run: Run, lock_file: IO[bytes]) -> ActiveRun:
        run_dir = self.config.run_dir / str(run.id)
        run_dir.mkdir(parents=True, exist_ok=True)
        command = self._command(run.source, run_dir)
        log_file = open(run_dir / "crawl.log", "wb")  # noqa: SIM115 - closed in wait()
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
                # Own session: a Ctrl-C or SIGTERM aimed at the service's group does not hit
                # the crawl directly; the service decides how and when to stop it.
                start_new_session=True,
                pass_fds=(lock_file.fileno(),),
                env={**os.environ, "THRESHER_RUN_ID": str(run.id)},
            )
        except OSError as exc:
            log_file.close()
            self.runs.finish(run.id, iso(self.clock()), RunOutcome(
                "failed", reason=f"could not start the crawl ({command[0]}): {exc}"))
            raise
        self.runs.set_pid(run.id, process.pid)
        active = ActiveRun(run, process, lock_file, run_dir, log_file)
        with self._guard:
            self._active[run.source] = active
        return active

    def _command(self, source: str, run_dir: Path) -> list[str]:
        pages = run_dir / "pages.warc.gz" if self.config.keep_pages else None
        values = {
            "python": sys.executable, "source": source, "sources": str(self.config.sources),
            "output": str(self.config.output_dir), "jobs": str(self.config.jobs_dir),
            "stats": str(run_dir / "stats.json"), "pages": str(pages or ""),
            "run_dir": str(run_dir),
        }
        if self.config.crawl_command:
            return [part.format(**values) for part in self.config.crawl_command]
        command = [sys.executable, "-m", "crawler.service.crawl_child", "--source", source,
                   "--sources", values["sources"], "--output", values["output"],
                   "--jobdir", values["jobs"], "--stats", values["stats"]]
        return [*command, "--warc-out", values["pages"]] if pages else command

    # -- waiting and finishing --------------------------------------------------------------

    def wait(self, active: ActiveRun) -> Run:
        """Block until the child exits (stopping it at the time limit); record the outcome."""
        try:
            try:
                exit_code = active.process.wait(timeout=self.config.crawl_timeout)
            except subprocess.TimeoutExpired:
                self._stop(active, "timed_out")
                exit_code = active.process.wait()
            outcome = self._outcome(active, exit_code)
            finished = self.runs.finish(active.run.id, iso(self.clock()), outcome)
        finally:
            active.log_file.close()
            self._release(active.run.source, active.lock_file)
            active.done.set()
        if self._on_finish is not None:
            self._on_finish(finished)
        return finished

    def _stop(self, active: ActiveRun, reason: str) -> None:
        """SIGINT (Scrapy's graceful close), then SIGKILL to the group after stop_grace."""
        if active.stop_reason is None:
            active.stop_reason = reason
        process = active.process
        if process.poll() is not None:
            return
        _signal(process, signal.SIGINT, group=False)
        try:
            process.wait(timeout=self.config.stop_grace)
        except subprocess.TimeoutExpired:
            _signal(process, signal.SIGKILL, group=True)
            process.wait()
        else:
            # Scrapy's own helpers (extraction pool workers) go with it.
            _signal(process, signal.SIGKILL, group=True)

    def _outcome(self, active: ActiveRun, exit_code: int) -> RunOutcome:
        stats = _read_stats(active.run_dir / "stats.json")
        changed = self.feed.changed_since(active.run.source, active.run.feed_seq_start or 0)
        drift = drift_of(changed, _error_reasons(stats))
        if active.stop_reason == "timed_out":
            status = "timed_out"
            reason = f"stopped after the time limit of {self.config.crawl_timeout:g} s"
        elif active.stop_reason == "stopped":
            status, reason = "stopped", "stopped by the service shutting down"
        elif exit_code == 0:
            status, reason = "succeeded", None
        else:
            status = "failed"
            reason = f"exit code {exit_code}: {_log_tail(active.run_dir / 'crawl.log')}"
        records = stats.get("records")
        return RunOutcome(
            status=status, exit_code=exit_code, pages=_int_or_none(stats.get("pages")),
            records=_int_or_none(records) if records is not None else len(changed),
            errors=_int_or_none(stats.get("errors")), reason=reason, drift=drift)

    # -- shutting down ----------------------------------------------------------------------

    def shutdown(self, finish_grace: float) -> None:
        """Start no new runs; let running ones finish for ``finish_grace`` s, then stop them."""
        self._stopping.set()
        with self._guard:
            actives = list(self._active.values())
        deadline = time.monotonic() + finish_grace
        for active in actives:
            active.done.wait(timeout=max(0.0, deadline - time.monotonic()))
        stoppers = [threading.Thread(target=self._stop, args=(a, "stopped"), daemon=True)
                    for a in actives if not a.done.is_set()]
        for thread in stoppers:
            thread.start()
        for thread in stoppers:
            thread.join()
        for active in actives:  # the waiting threads record the outcome; let them finish
            active.done.wait(timeout=self.config.stop_grace + 5)


def _signal(process: subprocess.Popen, signum: int, group: bool) -> None:
    try:
        if group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
    except (ProcessLookupError, PermissionError):
        pass  # already gone


def _read_stats(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _error_reasons(stats: dict[str, Any]) -> dict[str, int]:
    by_reason = stats.get("error_reasons") or {}
    if not isinstance(by_reason, dict):
        return {}
    return {str(reason): _int_or_none(count) or 0 for reason, count in by_reason.items()}


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _log_tail(path: Path, size: int = 400) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - size))
            tail = handle.read().decode("utf-8", "replace")
    except OSError:
        return "(no log)"
    lines = [line for line in tail.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "(empty log)"
