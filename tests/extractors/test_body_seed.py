"""Seed-like aggregator pages in five languages: the story and its list, none of the clutter."""

import pytest

from extractors import extract
from extractors.lexicon import DEFAULT_LEXICON
from extractors.lint import clutter_lint

from .body_pages import HEADLINES, STORY, link_box, page, paragraphs

# (language, title, clutter planted around the story, list lead-in, list items)
SEEDS = {
    "en": dict(
        title="Police use of foreign cameras criticised",
        top=[
            "search for",
            "Current location: Home > World",
            "Text size: Large Medium Small",
        ],
        bottom=[
            "(Responsible editor: Wang Lei)",
            "Views: 1,024",
            "Share to: Facebook Twitter Weibo",
            "Previous: Markets rally after central bank decision",
            "Copyright statement: All resources on this website come from the internet. If "
            "your rights are violated, please contact us and we will delete them within 24 "
            "hours。",
            "Copyright © 2016 Powered by Police use of foreign cameras criticised,NBC News "
            "sitemap",
            "Back to top",
        ],
        box="Randomly recommend to you",
        lead_in="This affected:",
        items=[
            "18 police forces",
            "the Ministry of Defence",
            "the British Transport Police",
        ],
    ),
    "zh": dict(
        title="社区食堂让老人吃上放心饭",
        top=[
            "站内搜索",
            "您的位置：首页 > 社会",
            "字号：大 中 小",
        ],
        bottom=[
            "责任编辑：李娜",
            "浏览次数：56529",
            "分享到：微信 微博 QQ空间",
            "上一篇：本市启动夏季防汛应急演练",
            "免责声明：本站部分内容转载自网络，如有侵权请联系我们删除。",
            "Copyright © 2016 天天资讯网 版权所有",
            "返回顶部",
        ],
        box="猜你喜欢",
        lead_in="食堂的做法包括：",
        items=[
            "菜品少油少盐",
            "每周公布菜单",
            "预约送餐上门",
        ],
    ),
    "de": dict(
        title="Freibäder melden Besucherrekord",
        top=[
            "Suche",
            "Sie sind hier: Startseite > Panorama",
            "Schriftgröße: A A A",
        ],
        bottom=[
            "Verantwortlicher Redakteur: Anna Schmidt",
            "Aufrufe: 4.512",
            "Teilen: Facebook Twitter",
            "Vorheriger Artikel: Forscher entwickeln günstigeren Akku",
            "Hinweis: Dieser Artikel wurde von einem anderen Medium übernommen und gibt nicht "
            "unbedingt die Meinung dieser Website wieder.",
            "© 2021 Nachrichten Portal. Alle Rechte vorbehalten.",
            "Nach oben",
        ],
        box="Das könnte Sie auch interessieren",
        lead_in="Die Bäderbetriebe planen:",
        items=[
            "Online-Tickets mit Zeitfenstern",
            "mehr Rettungsschwimmer",
            "mehr Schattenplätze",
        ],
    ),
    "es": dict(
        title="Los mercados municipales apuestan por la venta a domicilio",
        top=[
            "Buscar",
            "Está en: Inicio > Sociedad",
            "Tamaño de letra: A+ A A-",
        ],
        bottom=[
            "Redacción: María García",
            "Visitas: 3.210",
            "Compartir: Facebook Twitter WhatsApp",
            "Artículo anterior: Inauguran un museo dedicado a la ciencia",
            "Aviso legal: Todos los recursos de este sitio web provienen de internet. Si se "
            "vulneran sus derechos, contáctenos y los eliminaremos.",
            "© 2020 Diario Digital. Todos los derechos reservados.",
            "Volver arriba",
        ],
        box="Noticias relacionadas",
        lead_in="El servicio incluye:",
        items=[
            "productos frescos",
            "entrega gratuita",
            "pago con tarjeta",
        ],
    ),
    "fr": dict(
        title="Un nouveau parc au bord du canal",
        top=[
            "Rechercher",
            "Vous êtes ici : Accueil > Société",
            "Taille du texte : A+ A A-",
        ],
        bottom=[
            "Rédaction : Claire Dubois",
            "Lu 4496 fois",
            "Partager : Facebook Twitter",
            "Article précédent : La ville rénove ses écoles",
            "Avertissement : Toutes les ressources de ce site proviennent d'internet. Si vos "
            "droits sont violés, contactez-nous.",
            "© 2022 Info Direct. Tous droits réservés.",
            "Retour en haut",
        ],
        box="À lire aussi",
        lead_in="Le parc comprend :",
        items=[
            "deux mille arbres",
            "une aire de jeux",
            "un jardin partagé",
        ],
    ),
}


def _seed_page(language: str, clutter_inside: bool = False) -> bytes:
    """The story with clutter around it, or (``clutter_inside``) in the story's own
    container, where trafilatura keeps it and only Thresher's rules can take it out."""
    seed = SEEDS[language]
    top = "".join(f"<div>{x}</div>" for x in seed["top"])
    bottom = "".join(f"<div>{x}</div>" for x in seed["bottom"])
    items = "".join(f"<li>{x}</li>" for x in seed["items"])
    content = (paragraphs(language, last=3) + f"<p>{seed['lead_in']}</p><ul>{items}</ul>"
               + paragraphs(language, first=3))
    box = link_box(seed["box"], HEADLINES)
    if clutter_inside:  # as paragraphs of the story's container, where trafilatura keeps them
        top = "".join(f"<p>{x}</p>" for x in seed["top"])
        bottom = "".join(f"<p>{x}</p>" for x in seed["bottom"])
        body = (f'<div class="wrap"><h1>{seed["title"]}</h1><div class="text">{top}{content}'
                f"{box}{bottom}</div></div>")
    else:
        body = (f'{top}<div class="wrap"><h1>{seed["title"]}</h1><div class="text">{content}'
                f"</div>{box}</div>{bottom}")
    return page(body, title=seed["title"], language=language)


@pytest.mark.parametrize("clutter_inside", [False, True])
@pytest.mark.parametrize("language", sorted(SEEDS))
def test_seed_like_page_keeps_story_and_list_and_no_clutter(language, clutter_inside):
    seed = SEEDS[language]
    record = extract(_seed_page(language, clutter_inside),
                     f"https://agg.example.com/{language}/1.html")
    lines = {line.strip() for line in record.text.split("\n")}
    for clutter in [*seed["top"], *seed["bottom"], seed["box"], *HEADLINES]:
        assert clutter not in lines, f"kept clutter line {clutter!r}"
    assert not any(clutter in record.text for clutter in (seed["box"], HEADLINES[0]))
    for paragraph in STORY[language]:
        assert paragraph in record.text
    assert seed["lead_in"] + "\n\n" + "\n".join(seed["items"]) in record.text
    assert "\n".join(f"- {x}" for x in seed["items"]) in record.markdown
    assert record.extraction.clutter_lint == ()
    assert clutter_lint(record.text, DEFAULT_LEXICON) == ()


@pytest.mark.parametrize("language", sorted(SEEDS))
def test_every_removal_is_listed_with_its_rule(language):
    record = extract(_seed_page(language, clutter_inside=True),
                     f"https://agg.example.com/{language}/1.html")
    fired = set(record.extraction.rules_fired)
    assert {"structure:labelled_box", "lexicon:breadcrumb", "lexicon:font_size",
            "lexicon:editor_line", "lexicon:view_counter", "lexicon:share_row",
            "lexicon:prev_next"} <= fired
    removed = " | ".join(r.text for r in record.extraction.removed)
    for clutter in [*SEEDS[language]["top"][1:], *SEEDS[language]["bottom"]]:
        assert clutter in removed, f"{clutter!r} not listed as removed"
