"""`thresher fixtures check|update` on a temporary suite."""

import json

import pytest

from crawler.cli import main

CASE = "ferries-en/night-ferry"
PARAGRAPHS = (
    "The night ferry between the two harbours will run again from Friday.",
    "All winter the last crossing left at six in the evening, which islanders said cut them "
    "off from the mainland's hospitals, cinemas and evening classes.",
    "The operator says the late sailing will continue at least until the end of October.",
)
PAGE = ("<html><head><meta charset='utf-8'><title>Night ferry returns</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/ferries'>Ferries</a></nav>"
        "<article><h1>Night ferry returns</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article><footer><a href='#top'>Back to top</a></footer></body></html>")
META = {"url": "https://ferries.example/night-ferry",
        "headers": {"Content-Type": "text/html; charset=utf-8"},
        "fetched_at": "2023-06-04T16:10:00Z", "layout": "html5-article", "language": "en",
        "checks": {"must_contain": list(PARAGRAPHS), "must_not_contain": ["Back to top"],
                   "list_items": []}}


@pytest.fixture
def suite(tmp_path):
    """A one-case suite whose expected.json is what the extractor makes now."""
    root = tmp_path / "fixtures"
    case = root / CASE
    case.mkdir(parents=True)
    (case / "input.html").write_bytes(PAGE.encode("utf-8"))
    (case / "meta.json").write_text(json.dumps(META), "utf-8")
    assert main(["fixtures", "update", str(root)]) == 0
    return root


def expected_of(root):
    return json.loads((root / CASE / "expected.json").read_text("utf-8"))


def write_expected(root, record):
    (root / CASE / "expected.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")


def test_update_writes_a_new_expected_record(suite, capsys):
    record = expected_of(suite)
    assert record["url"] == META["url"]
    assert all(p in record["text"] for p in PARAGRAPHS)


def test_check_passes_a_case_that_matches(suite, capsys):
    capsys.readouterr()
    assert main(["fixtures", "check", str(suite)]) == 0
    out = capsys.readouterr().out
    assert f"PASS {CASE}" in out and "1 passed, 0 failed" in out


def test_check_runs_the_page_checks(suite, capsys):
    meta = json.loads((suite / CASE / "meta.json").read_text("utf-8"))
    meta["checks"]["must_contain"].append("A sentence the page never had.")
    meta["checks"]["must_not_contain"].append("night ferry")
    (suite / CASE / "meta.json").write_text(json.dumps(meta), "utf-8")
    capsys.readouterr()
    assert main(["fixtures", "check", str(suite)]) == 1
    out = capsys.readouterr().out
    assert "must_contain missing" in out and "A sentence the page never had." in out
    assert "must_not_contain present" in out


def test_check_fails_with_a_field_diff(suite, capsys):
    record = expected_of(suite)
    record["title"] = "A title the page never had"
    record["text"] = record["text"].replace("harbours", "HARBOURS", 1)
    write_expected(suite, record)
    capsys.readouterr()
    assert main(["fixtures", "check", str(suite / CASE)]) == 1
    out = capsys.readouterr().out
    assert f"FAIL {CASE}" in out
    assert 'expected: "A title the page never had"' in out
    assert "text: text differs" in out and "--- expected" in out and "+++ actual" in out
    assert "0 passed, 1 failed" in out


def test_check_ignores_library_versions_but_not_package_names(suite, capsys):
    record = expected_of(suite)
    record["extraction"]["versions"] = {k: "0.0.1" for k in record["extraction"]["versions"]}
    record["extraction"]["rules_fired"] = ["made:up"]
    write_expected(suite, record)
    capsys.readouterr()
    main(["fixtures", "check", str(suite)])
    assert "extraction." not in capsys.readouterr().out
    record["extraction"]["versions"]["some-new-lib"] = "1.0"
    write_expected(suite, record)
    main(["fixtures", "check", str(suite)])
    assert "extraction.versions (package names)" in capsys.readouterr().out


def test_check_reports_a_missing_expected_record(suite, capsys):
    (suite / CASE / "expected.json").unlink()
    capsys.readouterr()
    assert main(["fixtures", "check", str(suite)]) == 1
    assert "no expected.json" in capsys.readouterr().out


def test_check_reports_a_missing_path(suite, capsys):
    capsys.readouterr()
    assert main(["fixtures", "check", str(suite), str(suite / "nope")]) == 1
    assert f"{suite / 'nope'}: not_found" in capsys.readouterr().err


def test_update_rewrites_expected_and_says_what_changed(suite, capsys):
    record = expected_of(suite)
    record["title"] = "Stale title"
    write_expected(suite, record)
    capsys.readouterr()
    assert main(["fixtures", "update", str(suite)]) == 0
    out = capsys.readouterr().out
    assert f"UPDATED {CASE}" in out and '"Stale title"' in out
    assert expected_of(suite)["title"] != "Stale title"
    assert main(["fixtures", "update", str(suite)]) == 0
    assert f"UNCHANGED {CASE}" in capsys.readouterr().out


def test_update_leaves_expected_alone_when_extraction_fails(suite, capsys):
    (suite / CASE / "input.html").write_bytes(b"%PDF-1.4 not a page")
    before = (suite / CASE / "expected.json").read_bytes()
    capsys.readouterr()
    assert main(["fixtures", "update", str(suite)]) == 1
    assert "binary_input" in capsys.readouterr().err
    assert (suite / CASE / "expected.json").read_bytes() == before


def test_no_cases_is_an_error(tmp_path, capsys):
    assert main(["fixtures", "check", str(tmp_path)]) == 1
    assert "no fixture cases" in capsys.readouterr().err
