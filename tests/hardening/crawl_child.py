"""Run one crawl in this (child) process: ``python -m tests.hardening.crawl_child SPEC.json``.

The spec names the sources file, output folder, optional job directory and Scrapy settings.
Writes ``peak_rss.json`` into the output folder: this process's resident size once the crawl
code is imported (``baseline_rss_kib``) and its peak over the crawl (``peak_rss_kib``).

The peak is the kernel's ``VmHWM`` (high-water mark of *this* address space), not
``getrusage().ru_maxrss``: Linux carries ``ru_maxrss`` over ``execve``, so a child started by
``subprocess`` (vfork + exec) reports at least its parent's peak — under a long pytest session
that was 480-550 MB, whatever the crawl did.
A Twisted reactor cannot restart, hence one process per crawl.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from crawler.run import run_crawls
from crawler.sources import load_sources


def memory_kib(field: str) -> int:
    """``VmRSS`` / ``VmHWM`` of this process from /proc (KiB); -1 where /proc is missing."""
    try:
        status = Path("/proc/self/status").read_text("ascii")
    except OSError:
        return -1
    found = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else -1


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text("utf-8"))
    output = Path(spec["output"])
    jobdir = Path(spec["jobdir"]) if spec.get("jobdir") else None
    sources = load_sources(Path(spec["sources"]))
    baseline_kib = memory_kib("VmRSS")
    outcomes = run_crawls(sources, output, jobdir=jobdir, settings=spec.get("settings"))
    peak = {"baseline_rss_kib": baseline_kib, "peak_rss_kib": memory_kib("VmHWM")}
    (output / "peak_rss.json").write_text(json.dumps(peak), "utf-8")
    return 0 if all(o.finish_reason == "finished" for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
