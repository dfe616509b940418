"""Seed-like aggregator pages in en/zh/de/es/fr: title, date, credited outlet and language.

The pages are built here from parts (layouts x title formats x meta lines x charsets) so
that no single template is learnt; each case states what the record must say.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest

from extractors import extract

SEED = Path("/work/shared/seed/000_de896aa84291d4c6.txt")


@dataclass(frozen=True)
class Story:
    language: str
    headline: str
    paragraphs: tuple[str, ...]
    list_intro: str
    items: tuple[str, ...]
    outlet: str
    site: str
    host: str


STORIES = {
    "en": Story("en", "Police use of Chinese cameras criticised", (
        "Police use of cameras made by Chinese firms should be at least as concerning a security "
        "issue as alleged spy balloons, a watchdog head has said.",
        "Forces were using kit despite acknowledging security and ethical concerns about "
        "suppliers, the camera commissioner said on Monday.",
        "He made the comments after a survey revealed the use of foreign surveillance equipment "
        "by police forces across the country.",
        "The Home Office said the security of public institutions was of vital importance and "
        "that new guidance had been published for police.",
    ), "This affected:", ("Body-worn video", "Drones", "Facial recognition cameras"),
        "NBC News", "Daily Digest", "dailydigest.example.com"),
    "zh": Story("zh", "警方使用中国摄像头受到批评", (
        "一名监管机构负责人表示，警方使用中国公司制造的摄像头至少应当像所谓的间谍气球一样引起安全方面的关注。",
        "尽管承认供应商存在安全和伦理方面的担忧，各地警队仍在使用这些设备，摄像头专员周一表示。",
        "他是在一项调查显示警方使用外国监控设备之后发表上述评论的，调查覆盖了全国所有警队。",
        "内政部表示，公共机构的安全至关重要，并已为警方发布了新的采购指南。",
    ), "受影响的设备包括：", ("执法记录仪", "无人机", "人脸识别摄像头"),
        "新华社", "新闻速递", "xinwen.example.cn"),
    "de": Story("de", "Kritik an Kameras aus China bei der Polizei", (
        "Der Einsatz von Kameras chinesischer Hersteller durch die Polizei sei mindestens so "
        "bedenklich wie angebliche Spionageballons, sagte der Leiter der Aufsichtsbehörde.",
        "Die Behörden nutzten die Geräte, obwohl sie Sicherheitsbedenken gegenüber den "
        "Lieferanten eingeräumt hätten, sagte der Beauftragte am Montag.",
        "Er äußerte sich, nachdem eine Umfrage den Einsatz ausländischer Überwachungstechnik "
        "bei der Polizei im ganzen Land gezeigt hatte.",
        "Das Innenministerium erklärte, die Sicherheit öffentlicher Einrichtungen sei von "
        "größter Bedeutung, neue Leitlinien seien veröffentlicht worden.",
    ), "Betroffen waren:", ("Körperkameras", "Drohnen", "Kameras zur Gesichtserkennung"),
        "dpa", "Nachrichten Heute", "nachrichten-heute.example.de"),
    "es": Story("es", "Críticas al uso policial de cámaras chinas", (
        "El uso por parte de la policía de cámaras fabricadas por empresas chinas debería "
        "preocupar tanto como los supuestos globos espía, según el responsable del organismo.",
        "Los cuerpos policiales utilizaban los equipos pese a reconocer problemas de seguridad "
        "y éticos con los proveedores, afirmó el comisionado el lunes.",
        "Hizo estas declaraciones después de que una encuesta revelara el uso de equipos de "
        "vigilancia extranjeros por la policía en todo el país.",
        "El Ministerio del Interior señaló que la seguridad de las instituciones públicas es "
        "fundamental y que se han publicado nuevas directrices.",
    ), "Esto afectó a:", ("Cámaras corporales", "Drones", "Cámaras de reconocimiento facial"),
        "EFE", "Diario Digital", "diariodigital.example.es"),
    "fr": Story("fr", "L'usage de caméras chinoises par la police critiqué", (
        "L'utilisation par la police de caméras fabriquées par des entreprises chinoises devrait "
        "inquiéter autant que les prétendus ballons espions, selon le responsable de l'autorité.",
        "Les forces de l'ordre utilisaient ces équipements malgré des préoccupations éthiques "
        "et de sécurité envers les fournisseurs, a déclaré le commissaire lundi.",
        "Il s'est exprimé après qu'une enquête a révélé l'usage d'équipements de surveillance "
        "étrangers par la police dans tout le pays.",
        "Le ministère de l'Intérieur a indiqué que la sécurité des institutions publiques était "
        "essentielle et que de nouvelles consignes avaient été publiées.",
    ), "Cela concernait :", ("Caméras-piétons", "Drones", "Caméras de reconnaissance faciale"),
        "AFP", "Actu Express", "actuexpress.example.fr"),
}

# How each language writes the meta line: (date text, expected ISO, credit text).
META_LINES = {
    "en": [("Published on 2023-06-04 15:52:03", "2023-06-04T15:52:03", "source:{o}"),
           ("June 4, 2023 15:52", "2023-06-04T15:52", "Source: {o}"),
           ("Posted on 2023-06-04", "2023-06-04", "Source: {o} | 1520 views")],
    "zh": [("发布时间：2023-06-04 15:52:03", "2023-06-04T15:52:03", "来源：{o}"),
           ("2023年06月04日 15:52", "2023-06-04T15:52", "来源: {o} 阅读：1520"),
           ("时间：2023-06-04", "2023-06-04", "[来源：{o}]")],
    "de": [("Veröffentlicht am 04.06.2023 15:52", "2023-06-04T15:52", "Quelle: {o}"),
           ("4. Juni 2023, 15:52 Uhr", "2023-06-04T15:52", "Quelle:{o} Gelesen: 1520"),
           ("Datum: 04.06.2023", "2023-06-04", "Quelle: {o}")],
    "es": [("Publicado el 04/06/2023 15:52", "2023-06-04T15:52", "Fuente: {o}"),
           ("4 de junio de 2023 - 15:52", "2023-06-04T15:52", "Fuente: {o} 1520 visitas"),
           ("Fecha: 04/06/2023", "2023-06-04", "Fuente:{o}")],
    "fr": [("Publié le 04/06/2023 à 15h52", "2023-06-04T15:52", "Source : {o}"),
           ("4 juin 2023 à 15:52", "2023-06-04T15:52", "Source : {o} Lu 1520 fois"),
           ("Date : 04/06/2023", "2023-06-04", "Source: {o}")],
}
TITLE_FORMATS = ("{h},{o}", "{h} | {s}", "{s} - {h}", "{h}_{s}", "{h}")
CHARSETS = {"en": ("utf-8", "windows-1252"), "zh": ("utf-8", "gbk"),
            "de": ("utf-8", "windows-1252"), "es": ("utf-8", "utf-16"), "fr": ("utf-8", "utf-8")}
CLUTTER_TOP = "<div class='search'><form><input name='q'><button>search for</button></form></div>"
CLUTTER_BOTTOM = (
    "<div class='recommend'><h3>Randomly recommend to you</h3><ul><li><a href='/a/9.html'>"
    "Another story 2023-05-01</a></li><li><a href='/a/8.html'>One more 2023-04-30</a></li>"
    "</ul></div><div class='statement'>Copyright statement: All resources on this website come "
    "from the internet.</div><div class='footer'>Copyright © 2016 Powered by {title} sitemap"
    "</div><a href='#top'>Back to top</a>"
)


def _body(story: Story) -> str:
    paragraphs = [f"<p>{p}</p>" for p in story.paragraphs]
    items = "".join(f"<li>{item}</li>" for item in story.items)
    return "".join(paragraphs[:2]) + f"<p>{story.list_intro}</p><ul>{items}</ul>" + "".join(
        paragraphs[2:])


def _page(story: Story, layout: int, meta_index: int, title_format: str, charset: str) -> bytes:
    date_text, _, credit = META_LINES[story.language][meta_index]
    credit = credit.format(o=story.outlet)
    title = title_format.format(h=story.headline, o=story.outlet, s=story.site)
    headline = (f"<h1>{story.headline}</h1>" if layout != 2
                else f"<div class='title'><b>{story.headline}</b></div>")
    body = _body(story)
    if layout == 0:  # meta line beside the headline, credit on it
        main = f"{headline}<div class='info'>{date_text} {credit}</div><div class='content'>{body}"
        main += "</div>"
    elif layout == 1:  # date under the headline, credit at the end of the article
        main = (f"<article>{headline}<p class='time'>{date_text}</p>{body}"
                f"<p class='source'>{credit}</p></article>")
    else:  # table layout, no h1, date and credit in separate cells
        main = (f"<table><tr><td>{headline}</td></tr><tr><td><span>{date_text}</span></td>"
                f"<td><span>{credit}</span></td></tr><tr><td>{body}</td></tr></table>")
    declared = "utf-8" if charset == "utf-16" else charset
    page = (f"<!DOCTYPE html><html lang='en'><head><meta charset='{declared}'>"
            f"<title>{title}</title></head><body>{CLUTTER_TOP}<div class='main'>{main}</div>"
            f"{CLUTTER_BOTTOM.format(title=title)}</body></html>")
    return page.encode(charset, errors="xmlcharrefreplace")  # GBK has no ©: &#169;


CASES = [
    (language, layout, meta_index, title_format, charset)
    for language in STORIES
    for (layout, meta_index), title_format, charset in zip(
        itertools.product(range(3), range(3)), itertools.cycle(TITLE_FORMATS),
        itertools.cycle(CHARSETS[language]), strict=False)
]


@pytest.mark.parametrize(("language", "layout", "meta_index", "title_format", "charset"), CASES)
def test_aggregator_page_fields(language: str, layout: int, meta_index: int, title_format: str,
                                charset: str) -> None:
    story = STORIES[language]
    raw = _page(story, layout, meta_index, title_format, charset)
    article = extract(raw, f"https://www.{story.host}/news/123.html")
    assert article.title == story.headline
    assert article.published_at == META_LINES[language][meta_index][1]
    assert article.original_source == story.outlet
    assert article.language == language
    assert story.outlet not in article.text, "the credit line stays out of the body"
    assert story.outlet not in article.markdown
    assert story.paragraphs[-1][:30] in article.text


def test_the_seed_page_text_as_an_aggregator_page() -> None:
    lines = [x for x in SEED.read_text("utf-8").split("\n") if x.strip()]
    headline = lines[1]
    start = lines.index("This affected:")
    story = "".join(f"<p>{x}</p>" for x in lines[3:start + 1])
    rest = "".join(f"<p>{x}</p>" for x in lines[start + 1:-4])
    page = (f"<html><head><meta charset='utf-8'><title>{headline},NBC News</title></head><body>"
            f"{CLUTTER_TOP}<div class='main'><h1>{headline}</h1><div class='info'>{lines[2]}"
            f"</div><div class='content'>{story}<ul><li>Hikvision</li><li>Dahua</li></ul>{rest}"
            f"</div></div>{CLUTTER_BOTTOM.format(title=headline + ',NBC News')}</body></html>")
    article = extract(page.encode(), "https://www.example-agg.com/news/2023/0604/1.html")
    assert lines[2] == "Published on 2023-06-04 15:52:03 source:NBC News"
    assert article.title == "Police use of Chinese cameras criticised"
    assert (article.published_at, article.published_raw) == ("2023-06-04T15:52:03",
                                                             "2023-06-04 15:52:03")
    assert article.original_source == "NBC News"
    assert article.language == "en"
    assert article.site_name == "example-agg.com"
    assert "source:NBC News" not in article.text
    provenance = dict(article.extraction.provenance)
    assert provenance["published_at"] == "visible" and provenance["title"] == "h1"
