"""How the extraction benchmark times both contenders: interleaved, fastest of N, fair order."""

from __future__ import annotations

import itertools

import pytest

from benchmarks import extraction
from benchmarks.extraction import Outcome, Page, time_pages


def _pages(n: int) -> list[Page]:
    return [Page(f"p{i}", f"http://example.test/{i}", "truth", b"<html></html>")
            for i in range(n)]


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Two fake runners whose 'seconds' come from a script; the calls are recorded."""
    calls: list[tuple[str, str]] = []
    seconds = {"thresher": itertools.cycle([0.5, 0.2, 0.9]),
               "trafilatura": itertools.cycle([0.4, 0.6, 0.3])}

    def runner(name: str):
        def run(page: Page) -> Outcome:
            calls.append((name, page.id))
            return Outcome(f"{name} text of {page.id} call {len(calls)}", next(seconds[name]))
        return run

    monkeypatch.setattr(extraction, "RUNNERS",
                        {"thresher": runner("thresher"), "trafilatura": runner("trafilatura")})
    return calls


def test_each_page_counts_its_fastest_run_and_keeps_the_first_output(scripted):
    outcomes = time_pages(_pages(1), repeat=3)
    # warm-up (one call each, its 'seconds' consumed), then 3 rounds
    assert [o.seconds for o in outcomes["thresher"]] == [0.2]  # of 0.2, 0.9, 0.5
    assert [o.seconds for o in outcomes["trafilatura"]] == [0.3]  # of 0.6, 0.3, 0.4
    assert outcomes["thresher"][0].text.endswith("call 3")  # first timed call, not the warm-up


def test_runs_interleave_and_swap_order_every_round(scripted):
    time_pages(_pages(2), repeat=3)
    timed = scripted[2:]  # after the warm-up
    assert timed == [
        ("thresher", "p0"), ("trafilatura", "p0"),
        ("trafilatura", "p0"), ("thresher", "p0"),
        ("thresher", "p0"), ("trafilatura", "p0"),
        ("thresher", "p1"), ("trafilatura", "p1"),
        ("trafilatura", "p1"), ("thresher", "p1"),
        ("thresher", "p1"), ("trafilatura", "p1"),
    ]


def test_one_repeat_is_a_single_pass(scripted):
    outcomes = time_pages(_pages(3), repeat=1)
    assert len(scripted) == 2 + 3 * 2
    assert [len(v) for v in outcomes.values()] == [3, 3]


def test_repeat_below_one_is_refused(tmp_path, capsys):
    (tmp_path / "ground-truth.json").write_text("{}", "utf-8")
    with pytest.raises(SystemExit):
        extraction.main(["--bench", str(tmp_path), "--repeat", "0"])
    assert "--repeat" in capsys.readouterr().err
