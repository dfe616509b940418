"""Each lexicon rule group: clutter lines match (five languages), look-alikes do not."""

import re
import tomllib
from importlib import resources

import pytest

from extractors.lexicon import DEFAULT_LEXICON, fold_line, load_lexicon

CLUTTER = {
    "back_to_top": [
        "Back to top",
        "↑ Top",
        "返回顶部",
        "Nach oben",
        "Volver arriba",
        "Retour en haut",
    ],
    "search": [
        "search for",
        "Search…",
        "站内搜索",
        "Suche",
        "Buscar",
        "Rechercher",
    ],
    "recommend_box": [
        "Randomly recommend to you",
        "You may also like",
        "猜你喜欢",
        "相关新闻",
        "Das könnte Sie auch interessieren",
        "Noticias relacionadas",
        "À lire aussi",
    ],
    "copyright": [
        "Copyright © 2016 Example News",
        "© 2021 Nachrichten Portal. Alle Rechte vorbehalten.",
        "版权所有 © 天天资讯网",
        "Todos los derechos reservados",
        "Tous droits réservés",
        "Copyright statement: all resources come from the internet",
    ],
    "disclaimer": [
        "Disclaimer: This article is reproduced from other media for the purpose of conveying "
        "more information.",
        "免责声明：本站部分内容转载自网络，如有侵权请联系我们删除。",
        "Hinweis: Dieser Artikel wurde von einem anderen Medium übernommen.",
        "Aviso legal: Todos los recursos de este sitio web provienen de internet.",
        "Avertissement : Toutes les ressources de ce site proviennent d'internet.",
    ],
    "powered_by": [
        "Powered by WordPress",
        "网站地图",
        "Plan du site",
        "Mapa del sitio",
        "Propulsé par InfoDirect | Plan du site",
    ],
    "footer_links": [
        "About us | Contact us | Privacy policy | Sitemap",
        "关于我们 联系我们 广告服务",
        "Impressum · Datenschutz · Kontakt",
        "Quiénes somos · Contacto · Aviso legal",
        "Mentions légales · Contact · Plan du site",
    ],
    "breadcrumb": [
        "Home > World > Text",
        "当前位置：首页 > 国内",
        "Sie sind hier: Startseite > Panorama",
        "Está en: Inicio > Sociedad",
        "Vous êtes ici : Accueil > Économie",
    ],
    "editor_line": [
        "(Responsible editor: Wang Lei)",
        "【责任编辑：张伟】",
        "Redaktion: Julia Weber",
        "Redacción: María García",
        "Rédaction : Claire Dubois",
        "Editor: John Carter",
    ],
    "byline": [
        "Author: Jane Doe",
        "作者：李明",
        "Autor: Hans Meier",
        "Auteur : Marie Curie",
    ],
    "font_size": [
        "Font size: A+ A A-",
        "字号：大 中 小",
        "【字号 大 中 小】",
        "Schriftgröße: A A A",
        "Tamaño de letra: A+ A A-",
        "Taille du texte : A+ A A-",
    ],
    "share_row": [
        "Share this article: Facebook Twitter Email",
        "分享到：微信 微博 QQ空间",
        "Teilen: Facebook Twitter",
        "Compartir: Facebook WhatsApp",
        "Partager : Facebook",
    ],
    "prev_next": [
        "Previous article: Storm batters coast",
        "上一篇：本市启动夏季防汛应急演练",
        "Nächster Artikel: Forscher entwickeln Akku",
        "Siguiente: Nuevo museo",
        "Article précédent : La ville rénove ses écoles",
    ],
    "view_counter": [
        "Views: 1,024",
        "浏览次数：56529",
        "4.512 Aufrufe",
        "Visitas: 3.210",
        "Lu 44496 fois",
    ],
    "comments": [
        "Comments (12)",
        "发表评论",
        "Kommentare",
        "Comentarios",
        "Laisser un commentaire",
    ],
    "dateline": [
        "Published on 2022-09-15 02:59:14",
        "2018年10月12日 15:30",
        "Veröffentlicht am 07.11.2020 um 13:49 Uhr",
        "31 de enero de 2020 - 08:51",
        "Publié le 26/02/2024 à 01h13",
        "November 19, 2019 / 12:21 AM / Updated 14 hours ago",
    ],
    "read_more_line": [
        "Read more: Alibaba poised to launch listing",
        "Related: The 15 weirdest galaxies",
        "延伸阅读：多地出台措施促进消费回暖",
        "Lesen Sie auch: Neue Radwege",
        "Más información: Inauguran un museo",
        "Lire aussi : Le parc ouvre",
    ],
    "tags_line": [
        "Tags: policy, world",
        "关键词：食堂 老人",
        "Schlagwörter: Politik",
        "Etiquetas: sociedad",
        "Mots-clés : parc, canal",
    ],
}

CLUTTER.update({
    "icp_licence": ["京ICP备12345678号", "京ICP证080047号 京公网安备 11010502030143号"],
    "browser_notice": ["Please update to a modern browser for the best experience.",
                       "JavaScript is disabled in your browser."],
    "editor_label": ["Editor on duty: Mary Lee", "审核编辑：王芳", "Chefredaktion: Max Muster"],
    "promo_edge": ["Follow us on Twitter", "Download the app from the App Store"],
    "copyright_mark": ["Example Media © 2023", "Copyright Example Media 2019 - ISSN 1234"],
    "contact_line": ["Contact the newsroom", "联系我们", "Contacter la rédaction"],
    "friend_links": ["友情链接：城东论坛 城东图片网", "Partners: Example One, Example Two"],
    "comment_thread": ["pepe_riberas hace 3 horas", "jane 2 hours ago", "网友小王 3小时前"],
    "comment_actions": ["Responder", "Reply", "回复", "Antworten"],
    "byline_edge": ["By Dale Whitcomb, Gazette staff writer", "Lucía Montero · 12/08/2023 09:30"],
})
# Some lines are clutter only outside the story's prose (before or after it).
OUTSIDE_ONLY = {"editor_label", "promo_edge", "copyright_mark", "dateline", "byline_edge"}

# Article sentences that share words with the clutter and must never match a rule.
ARTICLE = [
    "The court ruled that copyright law protects the photographs even when they are shared online.",
    "A car powered by hydrogen crossed the sitemap of the old city, the engineer joked.",
    "Back to top form, the striker scored twice in the second half on Saturday.",
    "Police said the suspect was arrested at home on Tuesday.",
    "Home prices rose by five percent in May, the agency said.",
    "The poll does not necessarily reflect public opinion, the author warned.",
    "Editors at the paper disagreed about the headline for weeks.",
    "In 2019 the company published its first annual report.",
    "The search for survivors continued through the night.",
    "他说，这篇文章的版权归作者所有，但可以免费阅读。",
    "Die Suche nach den Vermissten dauerte bis in die Nacht.",
    "Los comentarios del ministro provocaron una fuerte reacción.",
    "Le partage des données entre les hôpitaux reste difficile.",
    "Main image credit: Getty",
    "Posted prices rose in 2019 across the region.",
    "By 2030, the city will have doubled its solar capacity.",
    "Por fin llegó el tren.",
]


@pytest.mark.parametrize(("rule_id", "line"),
                         [(rule, line) for rule, lines in CLUTTER.items() for line in lines])
def test_clutter_line_matches_its_rule(rule_id, line):
    rule = DEFAULT_LEXICON.first_match(line)
    assert rule is not None, f"{line!r} matched nothing"
    assert rule.id == rule_id
    inside = DEFAULT_LEXICON.first_match_folded(fold_line(line), inside_prose=True)
    assert (inside is None) == (rule_id in OUTSIDE_ONLY)


@pytest.mark.parametrize("sentence", ARTICLE)
def test_article_sentence_matches_no_rule(sentence):
    assert DEFAULT_LEXICON.first_match(sentence) is None


def test_rules_never_match_long_lines():
    long_line = "Copyright " + "x" * 500
    assert DEFAULT_LEXICON.first_match(long_line) is None


def test_outside_only_rules_skip_lines_inside_the_prose():
    line = "29 November 2018 | 20 January 2019"
    assert DEFAULT_LEXICON.first_match_folded(fold_line(line)).id == "dateline"
    assert DEFAULT_LEXICON.first_match_folded(fold_line(line), inside_prose=True) is None


def test_box_labels_are_the_label_rules():
    assert DEFAULT_LEXICON.is_box_label("Randomly recommend to you").id == "recommend_box"
    assert DEFAULT_LEXICON.is_box_label("Comments (3)").id == "comments"
    assert DEFAULT_LEXICON.is_box_label("Back to top") is None


def test_fold_line_lowercases_without_turning_eszett_into_ss():
    assert fold_line("  Schriftgröße:  A A A ") == "schriftgröße: a a a"
    assert fold_line("【字号：大 中 小】") == "字号：大 中 小"


def test_rule_ids_are_stable():
    ids = {rule.id for rule in DEFAULT_LEXICON.rules}
    assert set(CLUTTER) | {"advertisement", "cookie_banner", "newsletter", "click_here",
                           "reading_time"} <= ids


def test_regex_phrases_are_written_in_lower_case():
    # lines are lower-cased before matching and patterns are compiled without IGNORECASE
    data = tomllib.loads(resources.files("extractors").joinpath("data/clutter.toml")
                         .read_text("utf-8"))
    for rule_id, spec in data.items():
        for phrase in spec["phrases"]:
            letters = re.sub(r"\\.", "", phrase)  # escapes like \W or \S are not letters
            assert letters == letters.lower(), f"{rule_id}: {phrase!r} has upper case"


def test_with_phrases_adds_an_exact_site_rule():
    lexicon = DEFAULT_LEXICON.with_phrases("site:demo:lines", ("Weather widget loading!",))
    assert lexicon.first_match("weather widget  loading").id == "site:demo:lines"
    assert DEFAULT_LEXICON.first_match("weather widget loading") is None


@pytest.mark.parametrize(("toml", "message"), [
    ('[x]\nkind = "line"\nmatch = "regex"\nphrases = ["^(unclosed"]\n', "bad regex"),
    ('[x]\nkind = "sometimes"\nphrases = ["a"]\n', "bad kind"),
    ('[x]\nkind = "line"\nphrases = []\n', "no phrases"),
])
def test_a_malformed_rule_is_a_clear_error_naming_source_and_rule(toml, message):
    with pytest.raises(ValueError, match=rf"my.toml: rule 'x'.*{message.split()[0]}"):
        load_lexicon(toml, "my.toml")
