"""How the aggregator benchmark judges one extraction against a page's ground truth."""

from dataclasses import replace

from benchmarks.aggregator import Outcome, judge, summary
from benchmarks.aggregator_gen import GeneratedPage, Truth
from benchmarks.aggregator_pieces import ClutterLine

BODY = ("Police use of cameras made by Chinese firms is a concern, a watchdog said.\n\n"
        "This affected:\n\nfacial recognition cameras in stations\nbody-worn video units\n\n"
        "The company said it welcomed any review of camera use by UK police.")
TRUTH = Truth(
    title="Police use of Chinese cameras criticised",
    published="2023-06-04T15:52:03",
    original_source="NBC News",
    language="en",
    body=BODY,
    list_items=("facial recognition cameras in stations", "body-worn video units"),
    clutter=(ClutterLine("search", "search for"),
             ClutterLine("recommend", "Randomly recommend to you"),
             ClutterLine("back_to_top", "Back to top")),
)
PAGE = GeneratedPage("dev-0-0", "dev", "clutter_inside", "https://agg.example/a/1.html",
                     "utf-8", b"<html></html>", TRUTH, "en:x")


def _outcome(text, **fields):
    values = {"title": TRUTH.title, "day": "2023-06-04", "original_source": "NBC News",
              "language": "en"}
    values.update(fields)
    return Outcome(text=text, ms=1.0, **values)


def test_a_perfect_extraction_passes_everything():
    result = judge(PAGE, _outcome(BODY), has_extra_fields=True)
    assert not result.failed
    assert result.page_f1 == 1.0
    assert result.list_missing == ()
    assert all(result.fields.values())


def test_kept_clutter_lost_list_and_wrong_fields_are_failures():
    text = ("search for\n" + BODY.replace("body-worn video units", "")
            + "\nRandomly recommend to you")
    wrong = _outcome(text, original_source="NBC News Editor: X", day="2016-01-01")
    result = judge(PAGE, wrong, has_extra_fields=True)
    assert result.kept_clutter == ("search for", "Randomly recommend to you")
    assert result.kept_kinds == ("recommend", "search")
    assert result.list_missing == ("body-worn video units",)
    assert result.fields["original_source"] is False and result.fields["date"] is False
    assert result.failed


def test_a_distinctive_clutter_line_counts_even_inside_a_longer_line():
    text = BODY + "\nShare this. Back to top"
    assert judge(PAGE, _outcome(text), has_extra_fields=True).kept_clutter == ("Back to top",)


def test_a_short_clutter_line_counts_only_as_a_whole_line():
    truth = replace(TRUTH, clutter=(ClutterLine("back_to_top", "Top"),))
    page = replace(PAGE, truth=truth)
    in_sentence = judge(page, _outcome(BODY + "\nStocks hit the top of the range."), True)
    alone = judge(page, _outcome(BODY + "\nTop"), True)
    assert in_sentence.kept_clutter == ()
    assert alone.kept_clutter == ("Top",)


def test_fields_a_system_does_not_produce_are_not_scored():
    result = judge(PAGE, _outcome(BODY, original_source=None, language=None), False)
    assert result.fields["original_source"] is None and result.fields["language"] is None
    totals = summary([result])
    assert totals["original_source"] is None and totals["clutter_pages"] == 0.0
