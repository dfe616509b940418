"""Run a command and measure it with its whole process tree, from /proc (Linux).

CPU is user+sys summed over every process of the tree (the command, its extraction workers,
a forkserver...), each at its last sample; memory is the peak, over samples, of the summed
RSS (and PSS, which counts pages shared between forked workers once) of the tree. Sampling
every ``interval`` seconds misses at most one interval of CPU per process at its exit.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class TreeUsage:
    returncode: int
    wall_seconds: float
    cpu_seconds: float  # user + sys of every process in the tree
    main_cpu_seconds: float  # user + sys of the command's own process (the reactor thread's)
    peak_rss_bytes: int  # peak of the summed RSS of the tree
    peak_pss_bytes: int  # peak of the summed PSS of the tree
    peak_main_rss_bytes: int  # peak RSS of the command's own process
    processes: int  # distinct processes seen
    peak_parts: tuple[tuple[str, int], ...] = ()  # (process, RSS bytes) at the summed peak


def run_measured(command: Sequence[str], *, cwd: Path | None = None,
                 stdout_path: Path | None = None, interval: float = 0.05) -> TreeUsage:
    out = stdout_path.open("wb") if stdout_path else subprocess.DEVNULL
    start = time.perf_counter()
    process = subprocess.Popen(list(command), cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    sampler = _Sampler(process.pid, interval)
    sampler.start()
    returncode = process.wait()
    wall = time.perf_counter() - start
    sampler.stop()
    if stdout_path:
        out.close()
    return TreeUsage(returncode, wall, sampler.cpu_seconds(),
                     sampler.cpu_ticks.get(process.pid, 0) / _CLOCK_TICKS, sampler.peak_rss,
                     sampler.peak_pss, sampler.peak_main_rss, len(sampler.cpu_ticks),
                     sampler.peak_parts)


class _Sampler(threading.Thread):
    def __init__(self, root: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.cpu_ticks: dict[int, int] = {}
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_main_rss = 0
        self.peak_parts: tuple[tuple[str, int], ...] = ()
        self._stopping = threading.Event()

    def run(self) -> None:
        while not self._stopping.is_set():
            self.sample()
            self._stopping.wait(self.interval)

    def stop(self) -> None:
        self._stopping.set()
        self.join()

    def cpu_seconds(self) -> float:
        return sum(self.cpu_ticks.values()) / _CLOCK_TICKS

    def sample(self) -> None:
        rss = pss = 0
        parts = []
        for pid in _tree(self.root):
            stat = _read(f"/proc/{pid}/stat")
            if stat is None:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            ticks = int(fields[11]) + int(fields[12])  # utime, stime
            self.cpu_ticks[pid] = max(ticks, self.cpu_ticks.get(pid, 0))
            rss += int(fields[21]) * _PAGE
            pss += _pss(pid)
            parts.append((_role(pid, self.root), int(fields[21]) * _PAGE))
            if pid == self.root:
                self.peak_main_rss = max(self.peak_main_rss, int(fields[21]) * _PAGE)
        if rss > self.peak_rss:
            self.peak_parts = tuple(parts)
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        stat = _read(f"/proc/{entry}/stat")
        if stat is not None:
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _role(pid: int, root: int) -> str:
    """A short name for a process of the tree: main, or what multiprocessing started."""
    if pid == root:
        return "main"
    command = (_read(f"/proc/{pid}/cmdline") or "").replace("\0", " ")
    if "resource_tracker" in command:
        return "tracker"
    if "forkserver" in command:
        return "forkserver"
    return "worker" if "multiprocessing" in command or "spawn_main" in command else "other"


def _pss(pid: int) -> int:
    rollup = _read(f"/proc/{pid}/smaps_rollup") or ""
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def _read(path: str) -> str | None:
    try:
        with open(path) as handle:
            return handle.read()
    except OSError:  # the process ended between listing and reading
        return None
