"""The soak benchmark at a small scale: its accounting and memory report are real numbers.

``python -m benchmarks.soak`` runs 20,000 pages (minutes); here 150 pages with a quarter of
them hostile go through the same code, so a change that breaks the soak's bookkeeping (a page
neither a record nor an error, an outcome unlike the ground truth, a memory report of zeros)
fails a test instead of the next long run.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.soak import run_soak

# Thresher's limits, shortened so the stalls cost seconds (the soak's ground truth is the
# reason, not the time).
QUICK = {"THRESHER_IDLE_TIMEOUT": 2.0, "THRESHER_TOTAL_TIMEOUT": 10.0,
         "THRESHER_EXTRACT_WORKERS": 1}


def test_a_small_soak_accounts_for_every_page_and_reports_tree_memory(tmp_path: Path) -> None:
    report = run_soak(150, 0.25, seed=3, out=tmp_path / "soak", extra_settings=QUICK,
                      sample_every=0.2)
    assert report["returncode"] == 0 and report["finish_reason"] == "finished"
    assert report["outcome_mismatches"] == {}
    assert report["records"] + report["error_entries"] + report["skipped_listings"] + report[
        "duplicates"] == report["pages"] == 150
    assert report["unaccounted"] == 0
    assert report["error_entries"] == sum(report["errors_by_reason"].values()) > 0
    assert "too_large" in report["errors_by_reason"]
    # Memory: the summed tree is at least the crawler plus a worker, PSS at most the sum.
    roles = report["peak_rss_by_role_mb"]
    assert roles["crawler"] > 0 and roles["worker"] > 0
    assert report["peak_rss_tree_mb"] >= report["peak_rss_main_mb"] > 0
    assert 0 < report["peak_pss_tree_mb"] <= report["peak_rss_tree_mb"]
    assert report["peak_hwm_main_mb"] >= report["peak_rss_main_mb"] - 1  # sampled <= the mark
    assert report["rss_timeline_mb"]
