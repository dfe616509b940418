"""Every error out of the extractors is typed and pickles; degenerate bodies keep their reason
across the extraction pool (an empty body once came back as ``worker_crashed``: lxml's
``ParserError`` from the link parse escaped the worker and its error log does not pickle).
"""

from __future__ import annotations

import pickle

import pytest
from lxml import etree

import extractors.errors as errors_module
from crawler.extract_job import ERROR, ExtractJob, run_extract_job
from crawler.page_kind import read_page_links
from crawler.pool import ExtractionPool
from extractors import ExtractionError, ExtractOptions, extract
from extractors.errors import ExtractionError as Base
from extractors.parsing import parse_html


def _all_error_types() -> list[type[Base]]:
    found: list[type[Base]] = []
    pending: list[type[Base]] = [Base]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: c.__name__)


def test_the_error_tree_is_the_documented_one() -> None:
    names = {cls.__name__ for cls in _all_error_types()}
    assert names == set(errors_module.__all__)


@pytest.mark.parametrize("error_type", _all_error_types(), ids=lambda c: c.__name__)
@pytest.mark.parametrize("url", [None, "https://example.org/a?b=1"])
def test_every_error_type_round_trips_through_pickle(error_type: type[Base],
                                                     url: str | None) -> None:
    try:
        try:
            etree.fromstring(b"<unclosed")  # a real lxml error, with its error log, as cause
        except etree.XMLSyntaxError as cause:
            raise error_type("what went wrong", url=url) from cause
    except Base as raised:
        error = raised
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is error_type
    assert (copy.reason, copy.message, copy.url, str(copy)) == (
        error.reason, "what went wrong", url, str(error))
    assert copy.args == error.args


def test_lxml_errors_themselves_do_not_pickle() -> None:
    # Why no lxml exception may leave the extractors or a worker (the guard this file tests).
    with pytest.raises(TypeError, match="_ListErrorLog"):
        pickle.dumps(etree.ParserError("Document is empty"))


@pytest.mark.parametrize("text", ["", " ", "\x00", "<", "<!-- only a comment -->", "<?xml?>"])
def test_the_parser_gives_typed_errors_only(text: str) -> None:
    try:
        parse_html(text, 100)
    except ExtractionError as error:
        pickle.loads(pickle.dumps(error))


DEGENERATE_BODIES = {
    "empty": (b"", "empty_input"),
    "whitespace": (b" \r\n\t  \n", "empty_input"),
    "nul": (b"\x00" * 64, "binary_input"),
    "bom-only": (b"\xef\xbb\xbf", "empty_input"),
    "utf16-whitespace": ("   \n".encode("utf-16"), "empty_input"),
}


@pytest.mark.parametrize("body", [b"", b" \n\t", b"\x00"])
def test_the_link_parse_survives_degenerate_bodies(body: bytes) -> None:
    assert read_page_links(body, "https://example.org/").urls == ()


def _job(name: str, body: bytes) -> ExtractJob:
    url = f"https://example.org/{name}"
    return ExtractJob(body=body, url=url, final_url=url, source="hardening",
                      fetched_at="2026-01-01T00:00:00Z", options=ExtractOptions(),
                      want_links=True)  # the crawl wants links: the path that crashed


@pytest.mark.parametrize("name", DEGENERATE_BODIES)
def test_degenerate_bodies_are_named_in_process(name: str) -> None:
    body, reason = DEGENERATE_BODIES[name]
    with pytest.raises(ExtractionError) as raised:
        extract(body, f"https://example.org/{name}")
    assert raised.value.reason == reason
    outcome = run_extract_job(_job(name, body))
    assert (outcome.kind, outcome.reason) == (ERROR, reason)


def test_degenerate_bodies_keep_their_reason_through_the_pool() -> None:
    pool = ExtractionPool(workers=1, start_method="spawn")
    pool.start()
    try:
        futures = {name: pool.submit(_job(name, body))
                   for name, (body, _) in DEGENERATE_BODIES.items()}
        outcomes = {name: future.result(timeout=300) for name, future in futures.items()}
    finally:
        pool.shutdown()
    assert {name: (o.kind, o.reason) for name, o in outcomes.items()} == {
        name: (ERROR, reason) for name, (_, reason) in DEGENERATE_BODIES.items()}
