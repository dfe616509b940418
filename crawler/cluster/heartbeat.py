"""A worker's heartbeat, beaten from its own thread.

Liveness must mean "the process is alive", not "the reactor answered in time": a worker
whose reactor is busy for a few seconds (a burst of pages extracted inline, a slow commit, a
machine shared with other work) is not dead, and requeueing its requests would fetch those
pages twice. So a daemon thread refreshes the ``alive`` key every ``interval`` seconds; a
process killed with -9 takes the thread with it and its key expires after the TTL.

A process that is alive but hung must not hold its requests forever either: the reactor
reports in (``reactor_alive``) from its own loop, and the thread stops beating once the
reactor has been silent for ``stall_limit`` seconds.
"""

from __future__ import annotations

import logging
import threading
import time

from .frontier import Frontier

logger = logging.getLogger(__name__)


class HeartbeatThread:
    def __init__(self, frontier: Frontier, interval: float, stall_limit: float) -> None:
        self.frontier = frontier
        self.interval = interval
        self.stall_limit = stall_limit
        self._reactor_seen = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="thresher-heartbeat",
                                        daemon=True)

    def start(self) -> None:
        self.frontier.heartbeat()
        self._thread.start()

    def reactor_alive(self) -> None:
        self._reactor_seen = time.monotonic()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            silent = time.monotonic() - self._reactor_seen
            if silent > self.stall_limit:
                logger.error("the reactor has been silent for %.0f s: no more heartbeats, "
                             "other workers will take this worker's requests", silent)
                return
            try:
                self.frontier.heartbeat()
            except Exception:  # Redis away for a moment: the next beat may get through
                logger.exception("heartbeat failed")
