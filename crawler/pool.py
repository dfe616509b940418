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
import threading
from collections.abc import Callable
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


def warm_up() -> None:
    """Import the extractors and run one tiny extraction, so lazily loaded models (language
    detection, date parsing) load while the first pages are still downloading."""
    from extractors import ExtractionError, extract

    with contextlib.suppress(ExtractionError):
        extract(_WARM_UP_PAGE, "http://warm.up/page")


class ExtractionPool:
    """``workers == 0`` runs extraction inline on the calling thread (debugging, baselines).

    When a worker dies, every page in flight in that pool fails with it; each is tried once
    more in a fresh pool, so only a page that kills a worker twice becomes an error.
    """

    def __init__(self, workers: int, start_method: str = "forkserver",
                 work: Callable[[ExtractJob], ExtractOutcome] = run_extract_job,
                 attempts: int = 2) -> None:
        self.workers = workers
        self.start_method = start_method
        self.work = work
        self.attempts = attempts
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()  # the executor is replaced from callback threads
        self._closed = False

    def start(self) -> None:
        with self._lock:
            self._start_locked()

    def _start_locked(self) -> None:
        if self.workers > 0 and self._executor is None:
            context = multiprocessing.get_context(self.start_method)
            if self.start_method == "forkserver":
                # The fork server imports and warms the extractors once; every worker (and
                # every replacement after a crash) forks from it already warm.
                context.set_forkserver_preload(["crawler.worker_preload"])
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=warm_up)
            for _ in range(self.workers):  # start every worker now, not on the first page
                self._executor.submit(int)

    def submit(self, job: ExtractJob) -> Future[ExtractOutcome]:
        """A future that always ends in an outcome (a crash is an ``error`` outcome)."""
        result: Future[ExtractOutcome] = Future()
        self._submit_into(job, result, self.attempts)
        return result

    def run(self, job: ExtractJob) -> Deferred[ExtractOutcome]:
        """The outcome of ``job``, fired on the reactor thread."""
        from twisted.internet import reactor

        deferred: Deferred[ExtractOutcome] = Deferred()
        future = self.submit(job)
        if future.done():  # inline mode: already on the reactor thread
            deferred.callback(future.result())
        else:
            future.add_done_callback(
                lambda done: reactor.callFromThread(deferred.callback, done.result()))
        return deferred

    def _submit_into(self, job: ExtractJob, result: Future[ExtractOutcome],
                     attempts_left: int) -> None:
        if self.workers <= 0:
            result.set_result(self.work(job))
            return
        try:
            inner = self._executor_submit(job)
        except Exception as exc:  # shut down, or cannot start processes
            result.set_result(_crashed(f"{type(exc).__name__}: {exc}"))
            return

        def settle(done: Future[ExtractOutcome]) -> None:
            try:
                result.set_result(done.result())
            except BrokenProcessPool as exc:
                if attempts_left > 1:
                    self._submit_into(job, result, attempts_left - 1)
                else:
                    result.set_result(_crashed(f"a worker process died on this page: {exc}"))
            except Exception as exc:  # e.g. the outcome could not be pickled
                result.set_result(_crashed(f"{type(exc).__name__}: {exc}"))

        inner.add_done_callback(settle)

    def _executor_submit(self, job: ExtractJob) -> Future[ExtractOutcome]:
        with self._lock:
            if self._closed:
                raise RuntimeError("the extraction pool is shut down")
            if self._executor is None:
                self._start_locked()
            assert self._executor is not None
            try:
                return self._executor.submit(self.work, job)
            except BrokenProcessPool:  # a worker died earlier: replace the pool
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None
                self._start_locked()
                assert self._executor is not None
                return self._executor.submit(self.work, job)

    def shutdown(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
            self._closed = True
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _crashed(message: str) -> ExtractOutcome:
    return ExtractOutcome(ERROR, reason="worker_crashed", message=message)
