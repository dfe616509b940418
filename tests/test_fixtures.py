"""Replay every fixture case through extract() and hold it to its reviewed expected record.

One test id per case ("<site>/<case>") per aspect, so a failure says which page and what:
the record differs field by field, the page's own checks fail on the output, or the
expected record itself is unclean. Comparison rules: crawler/fixture_suite.py.
"""

import tomllib
from pathlib import Path

import pytest

from crawler.fixture_suite import (
    compare_records,
    expected_clutter,
    find_cases,
    list_item_problems,
    phrase_problems,
    run_case,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CASES = list(find_cases([FIXTURES]))
IDS = [case.name for case in CASES]
# Cases the extractor does not get right yet, per aspect ("record", "checks"), with the reason.
# Strict xfail: a listed case that starts passing fails the suite until its entry goes.
KNOWN_FAILURES_FILE = FIXTURES / "known_failures.toml"
KNOWN_FAILURES = (tomllib.loads(KNOWN_FAILURES_FILE.read_text("utf-8")).get("cases", {})
                  if KNOWN_FAILURES_FILE.is_file() else {})


def _params(aspect):
    """One param per case; a case listed as failing this aspect is a strict xfail."""
    params = []
    for case in CASES:
        reason = KNOWN_FAILURES.get(case.name, {}).get(aspect)
        marks = [pytest.mark.xfail(strict=True, reason=f"known failure: {reason}")]
        params.append(pytest.param(case, id=case.name, marks=marks if reason else []))
    return params


@pytest.fixture(scope="module")
def actual():
    """The record extract() makes of a case, made once per case for all tests here."""
    made = {}

    def record_of(case):
        if case.name not in made:
            made[case.name] = run_case(case)
        return made[case.name]

    return record_of


def test_known_failures_name_real_cases():
    unknown = set(KNOWN_FAILURES) - set(IDS)
    assert not unknown, f"known_failures.toml names cases that do not exist: {sorted(unknown)}"


def test_the_suite_is_big_and_varied_enough():
    assert len(CASES) >= 30
    metas = [case.meta() for case in CASES]
    assert len({m.get("layout") for m in metas}) >= 8
    assert {m.get("language") for m in metas} >= {"en", "zh", "de", "es", "fr"}
    assert len({case.path.parent.name for case in CASES}) >= 5


@pytest.mark.parametrize("case", _params("record"))
def test_record_matches_expected(case, actual):
    expected = case.expected()
    assert expected is not None, f"{case.name}: no expected.json (run `thresher fixtures update`)"
    diffs = compare_records(expected, actual(case))
    assert not diffs, f"{case.name}: {len(diffs)} field(s) differ\n\n" + "\n\n".join(
        d.render() for d in diffs)


@pytest.mark.parametrize("case", _params("checks"))
def test_output_passes_the_page_checks(case, actual):
    must_contain, must_not_contain = case.checks()
    assert must_contain and must_not_contain, f"{case.name}: meta.json has no checks"
    text = actual(case)["text"]
    problems = phrase_problems(text, must_contain, must_not_contain)
    problems += list_item_problems(text, case.list_items())
    assert not problems, f"{case.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_expected_record_is_clean_and_complete(case):
    expected = case.expected()
    assert expected is not None, f"{case.name}: no expected.json"
    must_contain, must_not_contain = case.checks()
    problems = phrase_problems(expected["text"], must_contain, must_not_contain)
    problems += list_item_problems(expected["text"], case.list_items())
    assert not problems, f"{case.name}: expected.json fails the page checks\n" + "\n".join(
        problems)
    assert expected_clutter(expected) == (), f"{case.name}: clutter lint on expected text"
    assert expected["extraction"]["clutter_lint"] == []
