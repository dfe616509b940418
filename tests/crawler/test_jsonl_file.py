"""The atomic JSONL file: whole lines, atomic final name, crash recovery without repeats."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.jsonl_file import AtomicJsonlFile


def _file(path: Path) -> AtomicJsonlFile:
    return AtomicJsonlFile(path, lambda obj: obj["id"])


def test_lines_go_to_a_part_file_until_close(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    sink = _file(target)
    sink.open()
    assert sink.write({"id": "a", "text": "first"})
    assert not target.exists()
    assert sink.part_path.read_text("utf-8") == '{"id":"a","text":"first"}\n'  # flushed
    sink.close()
    assert target.read_text("utf-8") == '{"id":"a","text":"first"}\n'
    assert not sink.part_path.exists()


def test_a_repeated_key_writes_nothing(tmp_path: Path) -> None:
    sink = _file(tmp_path / "out.jsonl")
    sink.open()
    assert sink.write({"id": "a"})
    assert not sink.write({"id": "a", "other": 1})
    sink.close()
    assert (tmp_path / "out.jsonl").read_text("utf-8").count("\n") == 1


def test_reopening_after_a_crash_cuts_the_partial_line_and_remembers_keys(
        tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    part = target.with_name("out.jsonl.part")
    part.write_bytes(b'{"id":"a"}\n{"id":"b"}\n{"id":"c","te')  # killed mid-write
    sink = _file(target)
    sink.open()
    assert sink.resumed_lines == 2
    assert "a" in sink and "b" in sink and "c" not in sink
    assert not sink.write({"id": "b"})
    assert sink.write({"id": "c", "text": "whole"})
    sink.close()
    lines = [json.loads(x) for x in target.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a", "b", "c"]


def test_a_finished_file_of_the_same_run_is_continued_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    first = _file(target)
    first.open()
    first.write({"id": "a"})
    first.close()
    again = _file(target)
    again.open()
    assert not again.write({"id": "a"})
    again.write({"id": "b"})
    again.close()
    assert [json.loads(x)["id"] for x in target.read_text("utf-8").splitlines()] == ["a", "b"]


def test_non_ascii_text_is_kept_as_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    sink = _file(target)
    sink.open()
    sink.write({"id": "z", "title": "新高铁线路 · Fernwärme"})
    sink.close()
    assert "新高铁线路 · Fernwärme" in target.read_text("utf-8")
