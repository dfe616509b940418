"""Titles without the site's name around them; h1 / og:title / JSON-LD when they agree."""

from __future__ import annotations

import pytest
from lxml import html

from extractors.metadata import extract_page_metadata
from extractors.titles import TitleCandidates, choose_title, strip_site_affixes


@pytest.mark.parametrize(("title", "names", "expected"), [
    ("Police use of Chinese cameras criticised,NBC News", ("NBC News",),
     "Police use of Chinese cameras criticised"),
    ("Police use of Chinese cameras criticised,NBC News", (),
     "Police use of Chinese cameras criticised"),
    ("Story about the harbour | Harbour Post", (), "Story about the harbour"),
    ("Harbour Post - Story about the harbour and the town", ("Harbour Post",),
     "Story about the harbour and the town"),
    ("警方使用中国摄像头受到批评_新浪新闻", (), "警方使用中国摄像头受到批评"),
    ("警方使用中国摄像头受到批评-新浪网", (), "警方使用中国摄像头受到批评"),
    ("百年老茶馆重新开门迎客--城东周刊", (), "百年老茶馆重新开门迎客"),
    ("唐纳德·特朗普宣布新的关税措施将于下月生效", (), "唐纳德·特朗普宣布新的关税措施将于下月生效"),
    ("The 2019–20 budget is approved", (), "The 2019–20 budget is approved"),
    ("Le gouvernement annonce un plan – Le Monde", ("Le Monde",),
     "Le gouvernement annonce un plan"),
    ("Gemeinde testet Rufbus auf dem Land-FAZ-Nachrichten Heute",
     ("FAZ", "nachrichtenheute"), "Gemeinde testet Rufbus auf dem Land"),
    ("Bäckerhandwerk kämpft mit hohen Energiekosten_Regional_Info Blick", ("infoblick",),
     "Bäckerhandwerk kämpft mit hohen Energiekosten"),
    ("COVID-19 cases rise again in Europe", (), "COVID-19 cases rise again in Europe"),
    ("Biden, Xi meet in Bali", (), "Biden, Xi meet in Bali"),
    ("Exclusive: the harbour deal", (), "Exclusive: the harbour deal"),
    ("Reuters", ("Reuters",), "Reuters"),
])
def test_strip_site_affixes(title: str, names: tuple[str, ...], expected: str) -> None:
    assert strip_site_affixes(title, names) == expected


def test_the_h1_confirmed_by_the_title_wins() -> None:
    title, source = choose_title(TitleCandidates(
        title_tag="Police use of Chinese cameras criticised,NBC News",
        h1s=("Police use of Chinese cameras criticised",)))
    assert (title, source) == ("Police use of Chinese cameras criticised", "h1")


def test_a_sidebar_h1_loses_to_og_title_confirmed_by_the_title() -> None:
    title, source = choose_title(TitleCandidates(
        title_tag="Simple Hiking Survival Kit (with Kids) - The Anti-June Cleaver",
        og_title="Simple Hiking Survival Kit (with Kids) - The Anti-June Cleaver",
        jsonld_headline="Hiking the Boulder Flat Irons",
        h1s=("Hiking the Boulder Flat Irons",)), names=("The Anti-June Cleaver",))
    assert (title, source) == ("Simple Hiking Survival Kit (with Kids)", "og:title")


def test_a_logo_h1_is_not_the_headline() -> None:
    tree = html.document_fromstring(
        "<html><head><title>Harbour deal signed | Harbour Post</title></head><body>"
        "<header><h1 class='site-logo'><a href='/'>Harbour Post</a></h1></header>"
        "<h2>Harbour deal signed</h2><p>Text.</p></body></html>")
    meta = extract_page_metadata(tree, "https://harbourpost.example/a/1.html")
    assert meta.title == "Harbour deal signed"


def test_og_title_without_agreement_comes_before_a_lone_h1() -> None:
    title, source = choose_title(TitleCandidates(og_title="Social headline", h1s=("Headline",)))
    assert (title, source) == ("Social headline", "og:title")


def test_nothing_gives_none() -> None:
    assert choose_title(TitleCandidates()) == (None, None)


def test_title_provenance_is_recorded() -> None:
    tree = html.document_fromstring(
        "<html><head><title>Budget passes,NBC News</title></head><body><h1>Budget passes</h1>"
        "</body></html>")
    meta = extract_page_metadata(tree, None)
    assert meta.title == "Budget passes"
    assert dict(meta.provenance)["title"] == "h1"
