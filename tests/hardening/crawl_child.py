"""Run one crawl in this (child) process: ``python -m tests.hardening.crawl_child SPEC.json``.

The spec names the sources file, output folder, optional job directory and Scrapy settings.
Writes ``peak_rss.json`` (this process's peak resident size) into the output folder.
A Twisted reactor cannot restart, hence one process per crawl.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from crawler.run import run_crawls
from crawler.sources import load_sources


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text("utf-8"))
    output = Path(spec["output"])
    jobdir = Path(spec["jobdir"]) if spec.get("jobdir") else None
    sources = load_sources(Path(spec["sources"]))
    outcomes = run_crawls(sources, output, jobdir=jobdir, settings=spec.get("settings"))
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (output / "peak_rss.json").write_text(json.dumps({"peak_rss_kib": peak_kib}), "utf-8")
    return 0 if all(o.finish_reason == "finished" for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
