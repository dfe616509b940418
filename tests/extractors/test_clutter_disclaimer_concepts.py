"""Disclaimers judged by what they say, not their exact wording: two or more of "taken from
the web or other media", "for reference only", "not our views", "rights / infringement",
"contact us and we delete", said by the site about itself. News about copyright stays."""

from __future__ import annotations

import pytest

from extractors.lexicon import DEFAULT_LEXICON, load_lexicon

RULE = next(r for r in DEFAULT_LEXICON.rules if r.id == "disclaimer_concepts")


@pytest.mark.parametrize("line", [
    "Avis : les contenus de ce site sont repris du web à titre informatif ; en cas de "
    "problème de droits d'auteur, écrivez-nous.",
    "Aclaración: los textos de este portal proceden de internet y se publican con fines "
    "informativos. Si vulneran sus derechos, escríbanos.",
    "Die Texte dieser Website stammen aus dem Netz und dienen nur der Information; bei "
    "Rechtsverletzungen teilen Sie uns das bitte mit.",
    "Pieces on this site are gathered from the web for reference only; if one infringes your "
    "rights, email us and it will be taken down.",
    "温馨提示：本网内容源自网络，仅供学习交流，若侵犯了您的权益，请告知我们处理。",
])
def test_a_notice_naming_two_concepts_about_the_site_goes(line: str) -> None:
    assert RULE.matches(line)


@pytest.mark.parametrize("line", [
    "Getty said the pictures on the rival's site infringe its copyright and filed suit.",
    "The model was trained on images collected from the internet, and artists say it "
    "infringes their copyright.",
    "« Nous allons supprimer ces contenus, qui portent atteinte aux droits des auteurs », a "
    "déclaré la ministre.",
    "Die Plattform teilte mit, sie werde Inhalte, die Urheberrechte verletzen, innerhalb von "
    "24 Stunden löschen.",
    "该公司表示，将在24小时内删除侵权内容。",
    "Short: infringe, delete",
])
def test_news_about_copyright_is_not_a_disclaimer(line: str) -> None:
    assert not RULE.matches(line)


def test_the_concept_groups_and_anchors_are_data() -> None:
    lexicon = load_lexicon('''
[notice]
match = "concepts"
min_groups = 2
phrases = ["^notice:"]
anchors = ["this blog"]
[notice.concepts]
copied = ["copied from"]
delete = ["deleted"]
''')
    rule = lexicon.rules[0]
    assert rule.matches("Posts on this blog are copied from elsewhere and can be deleted")
    assert not rule.matches("Posts on this blog are copied from elsewhere")
    assert not rule.matches("Posts on that blog are copied from elsewhere and can be deleted")


def test_a_concept_rule_without_groups_is_refused() -> None:
    with pytest.raises(ValueError, match="concepts"):
        load_lexicon('[x]\nmatch = "concepts"\nphrases = ["^x"]\n')


@pytest.mark.parametrize("line", [
    "The copyright holders can contact the platform to have infringing material removed.",
    "Getty said the images on the rival site infringe its copyright and asked it to delete them.",
])
def test_a_sentence_on_copyright_and_removal_is_not_the_site_s_notice(line: str) -> None:
    assert DEFAULT_LEXICON.first_match(line) is None


def test_the_site_s_own_copyright_notice_still_goes() -> None:
    assert DEFAULT_LEXICON.first_match(
        "Copyright notice: if any content infringes your copyright, contact us.") is not None
