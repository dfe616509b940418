"""`thresher extract PATH... --dedup`: template memory and groups across a batch of pages."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from benchmarks.syndication_corpus import generate_corpus, to_html
from crawler.cli import main

from .templated_site import CLUTTER, make_pages


def _case(folder: Path, name: str, url: str, html: bytes) -> None:
    case = folder / name
    case.mkdir(parents=True)
    (case / "input.html").write_bytes(html)
    (case / "meta.json").write_text(json.dumps({"url": url, "headers": {
        "Content-Type": "text/html; charset=utf-8"}}), "utf-8")


def _batch(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Twelve pages of a templated site, and syndicated copies on several outlets."""
    folder = tmp_path / "pages"
    for page in make_pages(12, "en", seed=8):
        _case(folder, "lantern" + page.path.replace("/", "-"),
              "https://lanternfold.example" + page.path, page.html())
    stories = {}
    corpus = generate_corpus(seed=77, stories_per_topic=2, copy_share=1.0, languages=("en",))
    for number, page in enumerate(corpus):
        _case(folder, f"news-{number:03d}", page.url, to_html(page))
        stories[page.url] = page.story_id
    return folder, stories


def _run(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_extract_dedup_groups_copies_and_strips_templates(tmp_path, capsys):
    folder, stories = _batch(tmp_path)
    code, records, err = _run(capsys, str(folder), "--dedup")
    assert code == 0, err
    lantern = [r for r in records if "lanternfold" in r["url"]]
    news = [r for r in records if r["url"] in stories]
    assert len(lantern) == 12 and len(news) == len(stories)
    for record in lantern:
        assert not any(phrase in record["text"] for phrase in CLUTTER["en"])
        assert "template:lanternfold.example" in record["extraction"]["rules_fired"]
    by_story: dict[str, set[str]] = {}
    for record in news:
        by_story.setdefault(stories[record["url"]], set()).add(record["group_id"])
    assert all(len(groups) == 1 for groups in by_story.values())
    assert len({g for groups in by_story.values() for g in groups}) == len(by_story)
    originals = {r["id"] for r in news if r["duplicate_of"] is None}
    assert len(originals) == len(by_story)  # exactly one original per story
    assert all(r["duplicate_of"] in originals for r in news if r["duplicate_of"])


def test_without_dedup_records_are_untouched(tmp_path, capsys):
    folder, _ = _batch(tmp_path)
    code, records, _ = _run(capsys, str(folder))
    assert code == 0
    assert all(r["group_id"] is None and r["duplicate_of"] is None for r in records)
    lantern = [r for r in records if "lanternfold" in r["url"]]
    assert all(CLUTTER["en"][0] in r["text"] for r in lantern)


def test_state_file_carries_groups_to_the_next_batch(tmp_path, capsys):
    state = tmp_path / "state.sqlite"
    corpus = generate_corpus(seed=78, stories_per_topic=1, copy_share=1.0, languages=("en",))
    first, second = tmp_path / "first", tmp_path / "second"
    for number, page in enumerate(corpus):
        target = first if page.is_original else second
        _case(target, f"p{number}", page.url, to_html(replace(page)))
    _, one, _ = _run(capsys, str(first), "--dedup", "--state", str(state))
    _, two, _ = _run(capsys, str(second), "--dedup", "--state", str(state))
    original_ids = {r["id"] for r in one}
    assert two and all(r["duplicate_of"] in original_ids for r in two)


def test_bad_state_file_and_state_without_dedup_are_clear_errors(tmp_path, capsys):
    folder, _ = _batch(tmp_path)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database" * 50)
    code, _, err = _run(capsys, str(folder), "--dedup", "--state", str(bad))
    assert code == 2 and str(bad) in err and "not a usable SQLite database" in err
    code, _, err = _run(capsys, str(folder), "--state", str(bad))
    assert code == 2 and "--state goes with --dedup" in err
