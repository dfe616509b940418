"""Extraction off the reactor thread: a process pool whose results come back as Deferreds.

The reactor thread only hands bytes to a worker and gets a small picklable outcome back, so
downloads go on while pages are parsed, on every core. Workers start with "forkserver"
(never plain fork: the parent runs threads) and import the extractors once, up front.
A worker that dies (OOM, segfault in a C parser) costs its page an ``extract`` error, not
the crawl: the broken pool is replaced and later pages go on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from twisted.internet.defer import Deferred

from .extract_job import ERROR, ExtractJob, ExtractOutcome, run_extract_job


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


_WARM_UP_PAGE = (b"<html><head><title>Warm up</title></head><body><article><p>"
                 + b"This short page loads the parsers and language models once. " * 8
                 + b"</p></article></body></html>")


def _warm_up() -> None:
    """Import the extractors and run one tiny extraction, so lazily loaded models (language
    detection, date parsing) load while the first pages are still downloading."""
    from extractors import ExtractionError, extract

    with contextlib.suppress(ExtractionError):
        extract(_WARM_UP_PAGE, "http://warm.up/page")


class ExtractionPool:
    """``workers == 0`` runs extraction inline on the calling thread (debugging, baselines)."""

    def __init__(self, workers: int, start_method: str = "forkserver") -> None:
        self.workers = workers
        self.start_method = start_method
        self._executor: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self.workers > 0 and self._executor is None:
            context = multiprocessing.get_context(self.start_method)
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_warm_up)
            for _ in range(self.workers):  # start every worker now, not on the first page
                self._executor.submit(int)

    def run(self, job: ExtractJob) -> Deferred[ExtractOutcome]:
        """The outcome of ``job``, fired on the reactor thread."""
        from twisted.internet import reactor

        deferred: Deferred[ExtractOutcome] = Deferred()
        if self._executor is None:
            deferred.callback(run_extract_job(job))
            return deferred
        try:
            future = self._executor.submit(run_extract_job, job)
        except BrokenProcessPool:  # an earlier worker died: replace the pool, submit again
            self._restart()
            assert self._executor is not None
            future = self._executor.submit(run_extract_job, job)

        def deliver(done: Future[ExtractOutcome]) -> None:
            reactor.callFromThread(deferred.callback, self._outcome(done))

        future.add_done_callback(deliver)
        return deferred

    def _outcome(self, done: Future[ExtractOutcome]) -> ExtractOutcome:
        try:
            return done.result()
        except BrokenProcessPool as exc:
            return _crashed(f"a worker process died: {exc}")
        except Exception as exc:  # e.g. the outcome could not be pickled
            return _crashed(f"{type(exc).__name__}: {exc}")

    def _restart(self) -> None:
        old, self._executor = self._executor, None
        if old is not None:
            old.shutdown(wait=False, cancel_futures=True)
        self.start()

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _crashed(message: str) -> ExtractOutcome:
    return ExtractOutcome(ERROR, reason="worker_crashed", message=message)
