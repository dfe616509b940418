"""The fixture suite: saved pages replayed through ``extract`` and compared with expected records.

A case is a folder ``fixtures/<site>/<case>/`` holding

* ``input.html``    the raw bytes as the server sent them (any charset, never re-encoded);
* ``meta.json``     ``url``, ``headers`` (the ``Content-Type`` carries the HTTP charset),
                    ``fetched_at``, ``layout``, ``language`` and ``checks``: ``must_contain``
                    / ``must_not_contain`` phrases and ``list_items`` (each must be a line of
                    its own in the text), written from the page, not from the extractor;
* ``expected.json`` the full record as it should be (reviewed by a person).

How fields are compared (``FIELD_POLICY``; every field not named there is compared exactly):

* ``extraction.versions``    by package names only: a library upgrade must not fail the suite;
* ``extraction.confidence``  within ``CONFIDENCE_TOLERANCE``: a score, not a fact about the page;
* ``extraction.removed``, ``extraction.rules_fired``, ``extraction.provenance``: not compared.
  They describe how the extractor got there, rule ids change with every rule edit, and a
  hand-corrected record cannot know them. What was removed is checked through ``text``,
  ``markdown`` and the ``must_not_contain`` checks instead.

The phrase checks fold whitespace on both sides; ``must_contain`` is case-sensitive,
``must_not_contain`` is not (clutter in any case is still clutter).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jsonschema import Draft202012Validator

from extractors import DEFAULT_LEXICON, ExtractionError, ExtractOptions, extract
from extractors.lint import clutter_lint

from .inputs import PageInput, is_fixture_case, read_fixture_input
from .schema import load_article_schema as find_article_schema

EXPECTED_FILE = "expected.json"
META_FILE = "meta.json"
CONFIDENCE_TOLERANCE = 0.1
FIELD_POLICY = MappingProxyType({
    "extraction.versions": "keys",
    "extraction.confidence": "approx",
    "extraction.removed": "ignored",
    "extraction.rules_fired": "ignored",
    "extraction.provenance": "ignored",
})


@dataclass(frozen=True)
class FixtureCase:
    path: Path  # the case folder
    name: str  # "<site>/<case>", the test id

    @property
    def expected_path(self) -> Path:
        return self.path / EXPECTED_FILE

    def meta(self) -> dict[str, Any]:
        meta_path = self.path / META_FILE
        return json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}

    def checks(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(must_contain, must_not_contain) from meta.json."""
        checks = self.meta().get("checks") or {}
        return tuple(checks.get("must_contain", ())), tuple(checks.get("must_not_contain", ()))

    def list_items(self) -> tuple[str, ...]:
        return tuple((self.meta().get("checks") or {}).get("list_items", ()))

    def expected(self) -> dict[str, Any] | None:
        if not self.expected_path.is_file():
            return None
        return json.loads(self.expected_path.read_text("utf-8"))


@dataclass(frozen=True)
class FieldDiff:
    field: str  # "title", "extraction.charset", ...
    expected: Any
    actual: Any
    how: str  # the policy that found the difference: "exact" | "keys" | "approx"

    def render(self) -> str:
        if _is_long_text(self.expected) or _is_long_text(self.actual):
            return f"{self.field}: text differs\n{text_diff(self.expected, self.actual)}"
        if self.how == "keys":
            return (f"{self.field} (package names): expected {sorted(self.expected or ())}, "
                    f"actual {sorted(self.actual or ())}")
        how = f" (±{CONFIDENCE_TOLERANCE})" if self.how == "approx" else ""
        return (f"{self.field}{how}:\n  expected: {_show(self.expected)}\n"
                f"  actual:   {_show(self.actual)}")


@dataclass(frozen=True)
class CaseResult:
    case: FixtureCase
    problems: tuple[str, ...]  # one readable paragraph per problem; empty = PASS

    @property
    def passed(self) -> bool:
        return not self.problems

    def report(self) -> str:
        status = "PASS" if self.passed else "FAIL"
        lines = [f"{status} {self.case.name}"]
        lines += [_indent(p) for p in self.problems]
        return "\n".join(lines)


# --- finding cases -----------------------------------------------------------------------


def find_cases(paths: Sequence[Path]) -> Iterator[FixtureCase | Path]:
    """Every case under ``paths`` (case folders or folders of them), sorted.

    A path that does not exist is yielded as the bare ``Path`` so the caller can report it.
    """
    for path in paths:
        if is_fixture_case(path):
            yield _case(path)
        elif path.is_dir():
            yield from (_case(p.parent) for p in sorted(path.rglob("input.html"))
                        if not _hidden(p.relative_to(path)))
        else:
            yield path


def _hidden(relative: Path) -> bool:
    # "_tools/", ".cache/" and the like hold helpers, not cases.
    return any(part.startswith(("_", ".")) for part in relative.parts)


def _case(path: Path) -> FixtureCase:
    path = path.resolve()
    return FixtureCase(path=path, name=f"{path.parent.name}/{path.name}")


# --- running and comparing ---------------------------------------------------------------


def page_input(case: FixtureCase) -> PageInput:
    """The page as `thresher extract` would see it: bytes path, URL, HTTP charset."""
    return read_fixture_input(case.path)


def run_case(case: FixtureCase) -> dict[str, Any]:
    """The record ``extract`` makes of the case now. Raises ``ExtractionError``."""
    page = page_input(case)
    options = ExtractOptions(http_charset=page.http_charset, http_content_type=page.content_type)
    return extract(page.path.read_bytes(), page.url, options=options).to_dict()


def compare_records(expected: dict[str, Any], actual: dict[str, Any]) -> tuple[FieldDiff, ...]:
    """Field-by-field differences under ``FIELD_POLICY``, in record order."""
    flat_expected, flat_actual = _flatten(expected), _flatten(actual)
    names = list(flat_expected) + [k for k in flat_actual if k not in flat_expected]
    diffs = []
    for name in names:
        how = FIELD_POLICY.get(name, "exact")
        if how == "ignored":
            continue
        want, got = flat_expected.get(name, _MISSING), flat_actual.get(name, _MISSING)
        if not _same(want, got, how):
            diffs.append(FieldDiff(name, want, got, how))
    return tuple(diffs)


def phrase_problems(text: str, must_contain: Sequence[str],
                    must_not_contain: Sequence[str]) -> tuple[str, ...]:
    """The meta checks on one text: phrases missing and clutter present."""
    folded = _fold(text)
    lowered = folded.casefold()
    missing = [p for p in must_contain if _fold(p) not in folded]
    present = [p for p in must_not_contain if _fold(p).casefold() in lowered]
    problems = []
    if missing:
        problems.append("must_contain missing:\n" + "\n".join(f"  - {p!r}" for p in missing))
    if present:
        problems.append("must_not_contain present:\n" + "\n".join(f"  - {p!r}" for p in present))
    return tuple(problems)


def list_item_problems(text: str, items: Sequence[str]) -> tuple[str, ...]:
    """List items that are not a line of their own ("item", or "3. item" in an ordered list)."""
    lines = {_fold(line) for line in text.split("\n")}
    lines |= {line.split(". ", 1)[1] for line in lines if line.split(". ", 1)[0].isdigit()}
    lost = [item for item in items if _fold(item) not in lines]
    if not lost:
        return ()
    return ("list items lost or merged:\n" + "\n".join(f"  - {item!r}" for item in lost),)


def expected_clutter(expected: dict[str, Any]) -> tuple[str, ...]:
    """Clutter-lexicon hits in an expected record's text: must be empty for a clean record."""
    return clutter_lint(expected.get("text") or "", DEFAULT_LEXICON)


def load_article_schema() -> dict[str, Any]:
    """The published JSON Schema, found the way the crawl's validation finds it."""
    schema, _path = find_article_schema()
    if schema is None:
        raise FileNotFoundError("article.schema.json: neither schema/ nor extractors/data/ has it")
    return schema


def record_validator() -> Draft202012Validator:
    return Draft202012Validator(load_article_schema())


def schema_problems(record: dict[str, Any], validator: Draft202012Validator) -> tuple[str, ...]:
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path))
    return tuple(f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}"
                 for e in errors)


def check_case(case: FixtureCase, validator: Draft202012Validator) -> CaseResult:
    """Everything the suite asserts about one case, as a list of readable problems."""
    expected = case.expected()
    if expected is None:
        return CaseResult(case, (f"no {EXPECTED_FILE}: run `thresher fixtures update` "
                                 "and review the record",))
    try:
        actual = run_case(case)
    except ExtractionError as exc:
        return CaseResult(case, (f"extraction failed: {exc}",))
    must_contain, must_not_contain = case.checks()
    problems = [d.render() for d in compare_records(expected, actual)]
    problems += [f"actual text {p}" for p in
                 phrase_problems(actual["text"], must_contain, must_not_contain)]
    problems += [f"actual text {p}"
                 for p in list_item_problems(actual["text"], case.list_items())]
    problems += [f"actual record breaks the schema: {p}"
                 for p in schema_problems(actual, validator)]
    problems += [f"expected text {p}" for p in
                 phrase_problems(expected.get("text") or "", must_contain, must_not_contain)]
    problems += [f"expected text {p}"
                 for p in list_item_problems(expected.get("text") or "", case.list_items())]
    problems += [f"expected text still has clutter: {hit}" for hit in expected_clutter(expected)]
    problems += [f"expected record breaks the schema: {p}"
                 for p in schema_problems(expected, validator)]
    return CaseResult(case, tuple(problems))


# --- updating ----------------------------------------------------------------------------


def write_expected(case: FixtureCase, record: dict[str, Any]) -> None:
    """Write ``record`` as the case's expected.json (UTF-8, readable, stable key order)."""
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    case.expected_path.write_text(text, encoding="utf-8")


def text_diff(expected: Any, actual: Any) -> str:
    """A unified diff of two texts, line by line."""
    want = "" if expected in (None, _MISSING) else str(expected)
    got = "" if actual in (None, _MISSING) else str(actual)
    lines = difflib.unified_diff(want.split("\n"), got.split("\n"), "expected", "actual",
                                 lineterm="", n=1)
    return "\n".join(lines)


# --- helpers -----------------------------------------------------------------------------


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


def _flatten(record: dict[str, Any]) -> dict[str, Any]:
    flat = {}
    for key, value in record.items():
        if key == "extraction" and isinstance(value, dict):
            flat.update({f"extraction.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    return flat


def _same(expected: Any, actual: Any, how: str) -> bool:
    if how == "keys":
        return isinstance(expected, dict) and isinstance(actual, dict) and (
            set(expected) == set(actual))
    if how == "approx":
        numbers = (int, float)
        return (isinstance(expected, numbers) and isinstance(actual, numbers)
                and abs(expected - actual) <= CONFIDENCE_TOLERANCE)
    return expected == actual


def _fold(text: str) -> str:
    return " ".join(text.split())


def _is_long_text(value: Any) -> bool:
    return isinstance(value, str) and ("\n" in value or len(value) > 100)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if value is not _MISSING else "<missing>"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))
