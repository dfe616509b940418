"""Extraction off the reactor thread: a process pool whose results come back as Deferreds.

The reactor thread only puts a job on a queue and later gets a small picklable outcome back,
so downloads go on while pages are parsed, on every core. A submitter thread owns the
executor: starting workers (which can take seconds) and replacing a broken pool never block
the reactor. A worker that dies (OOM, segfault in a C parser) costs its page an ``extract``
error, not the crawl: the broken pool is replaced and later pages go on.

Memory: every worker holds the extractors (about 70 MB resident). The crawl's jobs leave the
language to the crawl process (``ExtractJob.detect_language``), so the ~54 MB language model
is loaded there once, not in every worker. Workers are fresh interpreters ("spawn", never
plain fork: the parent runs threads, and a forked worker would also keep the crawl's own
pages resident) that import only :mod:`crawler.extract_job` and warm up once in their
initializer. They do not re-import the crawl's ``__main__`` (the CLI or a script: Scrapy and
everything it loads), which multiprocessing does by default; so work functions must live in
importable modules.
"forkserver" is still available: its server preloads a warm worker (faster worker starts and
restarts, but one more warm process resident for the whole crawl).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from twisted.internet.defer import Deferred

from .extract_job import ERROR, ExtractJob, ExtractOutcome, run_extract_job, run_pooled_job, warm_up

__all__ = ["ExtractionPool", "default_workers", "warm_up"]


# What one warm extraction worker holds resident (the extractors and lxml, ~70 MB measured;
# ~125 MB for jobs that detect the language there too), with headroom for a large page's parse.
WORKER_MEMORY_BYTES = 160 * 2**20


def default_workers() -> int:
    """As many workers as keep every core busy, and no more than free memory holds.

    The crawl process needs about a third of a worker's CPU per page (downloads, pipelines,
    sinks), so on one or two cores every core gets a worker (with one worker on two cores,
    the crawl process leaves most of the second core idle); from three cores on, one core
    is left to the crawl process. A worker more
    than the cores only adds a resident copy of the extractors while the processes take
    turns on the same cores.
    """
    cores = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
             else (os.cpu_count() or 1))
    by_cores = cores if cores <= 2 else cores - 1
    available = _available_memory()
    if available is not None:
        by_cores = min(by_cores, available // WORKER_MEMORY_BYTES)
    return max(1, by_cores)


def _available_memory() -> int | None:
    """MemAvailable from /proc/meminfo (Linux), else None (no memory cap)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """While workers start, multiprocessing does not see the parent's ``__main__``, so a
    worker does not import it again (for ``thresher crawl`` that is Scrapy and the whole
    crawl: tens of MB in every worker, used by none)."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {name: main.__dict__[name] for name in ("__spec__", "__file__")
             if name in main.__dict__}
    main.__spec__ = None  # type: ignore[assignment]  # multiprocessing reads it: None, not gone
    main.__dict__.pop("__file__", None)
    try:
        yield
    finally:
        main.__dict__.update(saved)
        if "__spec__" not in saved:
            del main.__spec__


class ExtractionPool:
    """``workers == 0`` runs extraction inline on the calling thread (debugging, baselines).

    When a worker dies, every page in flight in that pool fails with it; each is tried once
    more in a fresh pool, so only a page that kills a worker twice becomes an error.
    """

    def __init__(self, workers: int, start_method: str = "spawn",
                 work: Callable[[ExtractJob], ExtractOutcome] | None = None,
                 attempts: int = 2) -> None:
        self.workers = workers
        self.start_method = start_method
        self.work = work or run_extract_job  # inline (workers == 0)
        self._pooled_work = work or run_pooled_job  # in a worker process: trims its heap
        self.attempts = attempts
        self._executor: ProcessPoolExecutor | None = None  # touched by the submitter only
        # Jobs wait here, not in the executor's FIFO, so a listing (whose links the crawl is
        # waiting for) overtakes the articles queued before it.
        self._jobs: queue.PriorityQueue[tuple[int, int, _Pending | None]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._in_flight = threading.BoundedSemaphore(max(1, workers) * 2)
        self._submitter: threading.Thread | None = None
        self._closed = False

    def start(self) -> None:
        if self.workers > 0 and self._submitter is None and not self._closed:
            self._submitter = threading.Thread(target=self._submit_loop, daemon=True,
                                               name="thresher-extraction-submitter")
            self._submitter.start()

    def submit(self, job: ExtractJob) -> Future[ExtractOutcome]:
        """A future that always ends in an outcome (a crash is an ``error`` outcome)."""
        result: Future[ExtractOutcome] = Future()
        if self.workers <= 0:
            result.set_result(self.work(job))
        elif self._closed:
            result.set_result(_crashed("the extraction pool is shut down"))
        else:
            self.start()
            self._enqueue(_Pending(job, result, self.attempts))
        return result

    def _enqueue(self, pending: _Pending) -> None:
        urgent = pending.job.listing_hint or pending.attempts_left < self.attempts
        self._jobs.put((0 if urgent else 1, next(self._order), pending))

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

    def shutdown(self) -> None:
        self._closed = True
        if self._submitter is not None:
            self._jobs.put((-1, next(self._order), None))
            self._submitter.join()
            self._submitter = None
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        while not self._jobs.empty():  # submitted after the end: say so, never hang
            pending = self._jobs.get_nowait()[2]
            if pending is not None and not pending.result.done():
                pending.result.set_result(_crashed("the extraction pool is shut down"))

    # -- the submitter thread -------------------------------------------------------------

    def _submit_loop(self) -> None:
        self._ensure_executor()
        while (pending := self._jobs.get()[2]) is not None:
            self._in_flight.acquire()  # at most two jobs per worker inside the executor
            self._submit(pending)

    def _ensure_executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context(self.start_method)
            if self.start_method == "forkserver":
                # The fork server imports and warms the extractors once; every worker (and
                # every replacement after a crash) forks from it already warm.
                context.set_forkserver_preload(["crawler.worker_preload"])
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=warm_up)
            with _main_module_hidden():
                for _ in range(self.workers):  # start every worker now, not on the first page
                    self._executor.submit(int)
        return self._executor

    def _executor_submit(self, job: ExtractJob) -> Future[ExtractOutcome]:
        executor = self._ensure_executor()
        with _main_module_hidden():  # an executor may start a worker on any submit
            return executor.submit(self._pooled_work, job)

    def _submit(self, pending: _Pending) -> None:
        try:
            inner = self._executor_submit(pending.job)
        except BrokenProcessPool:  # a worker died earlier: replace the pool
            broken, self._executor = self._executor, None
            if broken is not None:
                broken.shutdown(wait=False, cancel_futures=True)
            try:
                inner = self._executor_submit(pending.job)
            except Exception as exc:
                self._in_flight.release()
                pending.result.set_result(_crashed(f"{type(exc).__name__}: {exc}"))
                return
        except Exception as exc:  # cannot start processes at all
            self._in_flight.release()
            pending.result.set_result(_crashed(f"{type(exc).__name__}: {exc}"))
            return
        inner.add_done_callback(lambda done: self._settle(pending, done))

    def _settle(self, pending: _Pending, done: Future[ExtractOutcome]) -> None:
        self._in_flight.release()
        try:
            pending.result.set_result(done.result())
        except BrokenProcessPool as exc:
            if pending.attempts_left > 1 and not self._closed:
                self._enqueue(_Pending(pending.job, pending.result, pending.attempts_left - 1))
            else:
                pending.result.set_result(_crashed(f"a worker process died on this page: {exc}"))
        except Exception as exc:  # e.g. the outcome could not be pickled
            pending.result.set_result(_crashed(f"{type(exc).__name__}: {exc}"))


@dataclass(frozen=True)
class _Pending:
    job: ExtractJob
    result: Future[ExtractOutcome]
    attempts_left: int


def _crashed(message: str) -> ExtractOutcome:
    return ExtractOutcome(ERROR, reason="worker_crashed", message=message)
