"""A pipeline that crashes on one page costs that page an errors line, not the crawl."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.server import SiteServer

from .crawl_runner import REPO, one, read_jsonl, stats_of

SCRIPT = """
import sys
from pathlib import Path
from crawler.run import run_crawls
from crawler.sources import adhoc_source
source = adhoc_source([sys.argv[1]], allow_private=True, max_depth=1)
settings = {"ITEM_PIPELINES": {"tests.crawler.boom_pipeline.BoomOnStoryTwo": 450},
            "THRESHER_EXTRACT_WORKERS": 0, "LOG_LEVEL": "CRITICAL"}
(outcome,) = run_crawls([source], Path(sys.argv[2]), settings=settings)
print(outcome.stats.get("thresher/unaccounted"))
"""


def test_a_crashing_pipeline_becomes_an_errors_line(tmp_path: Path,
                                                     news_server: SiteServer) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, news_server.url("/section/page/1/"), str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    errors = read_jsonl(one("adhoc-*.errors.jsonl", out))
    crashed = [e for e in errors if e["stage"] == "pipeline"]
    assert [(e["url"], e["reason"]) for e in crashed] == [
        (news_server.url("/news/2.html"), "keyerror")]
    urls = {r["url"] for r in read_jsonl(one("adhoc-*[0-9]Z.jsonl", out))}
    assert news_server.url("/news/1.html") in urls
    assert news_server.url("/news/2.html") not in urls
    assert stats_of(out)["thresher/unaccounted"] == 0
