"""The published JSON Schema: every expected record validates, broken records do not."""

import copy
import json
from pathlib import Path

import pytest

from crawler.fixture_suite import find_cases, load_article_schema, record_validator
from extractors import extract

REPO = Path(__file__).resolve().parents[1]
CASES = list(find_cases([REPO / "fixtures"]))
PAGE = (b"<html><head><title>Harbour crane returns</title></head><body><article>"
        b"<h1>Harbour crane returns</h1>"
        + b"<p>The restored steam crane was lifted back onto the north quay on Tuesday, "
          b"forty years after it last moved a cargo, and will open to visitors in May.</p>" * 3
        + b"</article></body></html>")


@pytest.fixture(scope="module")
def validator():
    return record_validator()


@pytest.fixture(scope="module")
def good_record():
    return extract(PAGE, "https://harbour.example/crane").to_dict()


def test_repo_schema_is_the_packaged_schema():
    published = REPO / "schema" / "article.schema.json"
    assert json.loads(published.read_text("utf-8")) == load_article_schema()


def test_schema_is_valid_draft_2020_12(validator):
    schema = load_article_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator.check_schema(schema)


def test_schema_names_every_field_of_the_record(good_record):
    schema = load_article_schema()
    assert set(schema["properties"]) == set(good_record)
    assert set(schema["required"]) == set(good_record)
    extraction = schema["$defs"]["extraction"]
    assert set(extraction["properties"]) == set(good_record["extraction"])


def test_a_fresh_record_validates(validator, good_record):
    assert list(validator.iter_errors(good_record)) == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_expected_record_validates(case, validator):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator.iter_errors(case.expected())]
    assert errors == []


def test_crawl_time_fields_validate_when_filled(validator, good_record):
    record = dict(good_record, fetched_at="2023-06-04T16:10:00Z", source="harbour",
                  final_url="https://harbour.example/crane?x=1", revision=2,
                  duplicate_of="0" * 32, group_id="g1", previous_content_hash="a" * 64,
                  published_at="2023-06-04T15:52:03+01:00", modified_at="2023-06-05")
    assert list(validator.iter_errors(record)) == []


BROKEN = {
    "wrong schema version": ("schema_version", 2),
    "unknown field": ("colour", "red"),
    "language not ISO 639-1": ("language", "English"),
    "upper-case language": ("language", "EN"),
    "date in words": ("published_at", "June 4, 2023"),
    "date with a space": ("published_at", "2023-06-04 15:52:03"),
    "month 13": ("published_at", "2023-13-04"),
    "fetched_at without offset": ("fetched_at", "2023-06-04T16:10:00"),
    "empty title instead of null": ("title", ""),
    "authors as a string": ("authors", "Jane Doe"),
    "negative word count": ("word_count", -1),
    "word count as text": ("word_count", "12"),
    "short content hash": ("content_hash", "abc"),
    "id not hex": ("id", "not-an-id"),
    "revision zero": ("revision", 0),
    "text null": ("text", None),
}


@pytest.mark.parametrize("field,value", BROKEN.values(), ids=list(BROKEN))
def test_broken_records_are_rejected(validator, good_record, field, value):
    record = dict(good_record)
    record[field] = value
    assert list(validator.iter_errors(record)) != []


def test_a_missing_field_is_rejected(validator, good_record):
    record = dict(good_record)
    del record["canonical_url"]
    assert list(validator.iter_errors(record)) != []


@pytest.mark.parametrize("field,value", [
    ("charset_source", "guessed"), ("confidence", 1.5), ("removed", [{"rule": "x"}]),
    ("versions", {"lxml": 6}), ("surprise", True),
])
def test_broken_extraction_info_is_rejected(validator, good_record, field, value):
    record = copy.deepcopy(good_record)
    record["extraction"][field] = value
    assert list(validator.iter_errors(record)) != []
