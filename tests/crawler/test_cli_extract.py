"""`thresher extract`: files, fixture folders, folders of both, --url, and bad inputs."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.fixture_suite import record_validator

REPO = Path(__file__).resolve().parents[2]
GBK_CASE = REPO / "fixtures" / "xinwen-zh" / "metro-line-gbk-http"
PAGE = ("<html><head><title>Night ferry returns</title></head><body><article>"
        "<h1>Night ferry returns</h1>"
        + "<p>The night ferry between the two harbours will run again from Friday, after a "
          "winter in which the only crossing left at six in the evening.</p>" * 3
        + "</article></body></html>").encode("utf-8")


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "ferry.html"
    path.write_bytes(PAGE)
    return path


def run(capsys, *argv):
    status = main(["extract", *map(str, argv)])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    return status, records, err


def test_one_file_gives_one_valid_record(capsys, page):
    status, records, err = run(capsys, page)
    assert (status, err) == (0, "")
    [record] = records
    assert record["url"] is None
    assert "night ferry between the two harbours" in record["text"]
    assert list(record_validator().iter_errors(record)) == []


def test_url_option_sets_the_records_url(capsys, page):
    status, [record], _err = run(capsys, page, "--url", "https://ferry.example/night")
    assert status == 0
    assert record["url"] == "https://ferry.example/night"


def test_url_option_needs_exactly_one_file(capsys, page, tmp_path):
    status = main(["extract", str(page), str(tmp_path), "--url", "https://ferry.example/"])
    assert status == 2
    assert "--url" in capsys.readouterr().err


def test_fixture_folder_uses_its_meta_url_and_http_charset(capsys, tmp_path):
    case = shutil.copytree(GBK_CASE, tmp_path / "case")
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    status, [record], err = run(capsys, case)
    assert (status, err) == (0, "")
    assert record["url"] == meta["url"]
    assert record["extraction"]["charset_source"] == "http"
    assert "地铁五号线南延段正式开通运营" in record["text"]


def test_folder_of_both_finds_cases_and_loose_pages(capsys, tmp_path, page):
    shutil.copytree(GBK_CASE, tmp_path / "cases" / "zh")
    (tmp_path / "notes.txt").write_text("not a page")  # not .html: not picked up
    status, records, err = run(capsys, tmp_path)
    assert (status, err) == (0, "")
    assert sorted(r["url"] is None for r in records) == [False, True]


def test_bad_inputs_are_reported_and_the_rest_still_print(capsys, tmp_path, page):
    missing = tmp_path / "gone.html"
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    status, records, err = run(capsys, missing, binary, page)
    assert status == 1
    assert len(records) == 1 and "night ferry" in records[0]["text"]
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{missing}: ") and "not_found" in lines[0]
    assert lines[1].startswith(f"{binary}: ") and "binary_input" in lines[1]


def test_console_entry_point_runs(page):
    done = subprocess.run([sys.executable, "-m", "crawler.cli", "extract", str(page)],
                          capture_output=True, text=True, check=False, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"] == "Night ferry returns"
