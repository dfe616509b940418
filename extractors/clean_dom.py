"""Structural clutter removal on the parsed page, before trafilatura sees it.

Boxes of links (recommendations, "hot news", headline lists) are easy to see in the DOM,
where links are still links, and hard to see in extracted text, where they are just short
lines. The rules and thresholds live in ``data/structure.toml``; the box labels come from
the lexicon (rules with ``label = true``). Every removal is reported with its rule id.

The tree is mutated in place: the caller owns it, and trafilatura copies what it is given.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from lxml import etree
from lxml import html as lxml_html

from .lexicon import Lexicon, fold_line
from .record import RemovedText
from .structure_lists import is_introduced

_WS = re.compile(r"\s+")
_ROOT_TAGS = frozenset({"html", "body"})
# Hot paths avoid touching elements from Python (every lxml.html element proxy costs a
# class lookup): text and counts come back from XPath as plain strings and numbers.
_ALL_TEXT = etree.XPath("//body//text()", smart_strings=False)
_TEXT_CHARS = etree.XPath("string-length(normalize-space(.))")
_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)
_LINK_COUNT = etree.XPath("count(.//a)")
_NON_LINK_TEXT = etree.XPath(
    ".//text()[not(ancestor::a)][not(parent::script or parent::style or parent::noscript)]",
    smart_strings=False,
)
# Elements with at least three links as direct children (a row of links).
_LINK_ROWS = etree.XPath(
    "//body//a[count(following-sibling::a) >= 2][not(preceding-sibling::a)]/.."
)
_DIRECT_LINK_TEXT = etree.XPath("./a", smart_strings=False)
# Lists of at least three items, each holding exactly one link, outside page chrome.
_LINK_LISTS = etree.XPath(
    "//body//*[self::ul or self::ol][count(li) >= $min_items][not(li[count(.//a) != 1])]"
    "[not(ancestor::nav or ancestor::header or ancestor::footer)]"
)
_REMOVED_PREVIEW = 300


@dataclass(frozen=True)
class BoxRule:
    max_label_chars: int = 48
    min_links: int = 2
    min_link_density: float = 0.6
    max_text_run: int = 100
    max_box_chars: int = 6000


@dataclass(frozen=True)
class LinkListRule:
    tags: tuple[str, ...] = ("ul", "ol")
    min_links: int = 3
    min_link_density: float = 0.9
    max_text_run: int = 12
    max_mean_item_chars: int = 110
    max_label_chars: int = 40


@dataclass(frozen=True)
class LinkRowRule:
    min_links: int = 3
    max_link_chars: int = 150
    max_label_chars: int = 40
    separators: str = " \t\n\r|·•/\\-–—,;:>»›()[]"


@dataclass(frozen=True)
class StructureRules:
    labelled_box: BoxRule = BoxRule()
    link_list: LinkListRule = LinkListRule()
    link_row: LinkRowRule = LinkRowRule()


@dataclass(frozen=True)
class _LinkStats:
    chars: int  # whitespace-folded text length, label excluded
    link_chars: int
    links: int
    longest_run: int  # longest non-link text run

    def is_link_box(self, min_links: int, density: float, max_run: int, max_chars: int) -> bool:
        return (self.links >= min_links and self.chars <= max_chars
                and self.link_chars >= density * max(self.chars, 1)
                and self.longest_run <= max_run)


def load_structure_rules(text: str, source: str = "<structure>") -> StructureRules:
    """Thresholds from TOML text (see ``data/structure.toml``); ValueError names the source."""
    data = tomllib.loads(text)
    try:
        box = BoxRule(**data.get("labelled_box", {}))
        spec = dict(data.get("link_list", {}))
        spec["tags"] = tuple(spec.get("tags", LinkListRule.tags))
        links = LinkListRule(**spec)
        row = LinkRowRule(**data.get("link_row", {}))
    except TypeError as exc:
        raise ValueError(f"{source}: {exc}") from exc
    return StructureRules(box, links, row)


def _load_default() -> StructureRules:
    text = resources.files("extractors").joinpath("data/structure.toml").read_text("utf-8")
    return load_structure_rules(text, "extractors/data/structure.toml")


DEFAULT_STRUCTURE_RULES: StructureRules = _load_default()


def clean_dom(tree: lxml_html.HtmlElement, lexicon: Lexicon,
              rules: StructureRules = DEFAULT_STRUCTURE_RULES) -> tuple[RemovedText, ...]:
    """Remove comments and boxes of links from ``tree``; return what went, rule by rule."""
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    removed: list[RemovedText] = []
    removed.extend(_remove_labelled_boxes(tree, lexicon, rules.labelled_box))
    removed.extend(_remove_link_lists(tree, rules.link_list))
    removed.extend(_remove_link_rows(tree, rules.link_row))
    return tuple(removed)


def _remove_labelled_boxes(tree: lxml_html.HtmlElement, lexicon: Lexicon,
                           rule: BoxRule) -> list[RemovedText]:
    removed: list[RemovedText] = []
    # Distinct strings first: most text nodes are the same few runs of whitespace.
    labels = sorted(text for text in set(_ALL_TEXT(tree))
                    if len(text) <= 4 * rule.max_label_chars and _is_label(text, lexicon, rule))
    if not labels:
        return removed
    for node in _text_nodes_equal_to(tree, labels):
        element = node.getparent()
        if element is None or not _attached(element):
            continue
        label = _WS.sub(" ", str(node)).strip()
        element = _widest_with_text(element, fold_line(label))
        for target in _box_for_label(element, label, rule):
            removed.append(RemovedText("structure:labelled_box", _preview(target)))
            _drop(target)
    return removed


def _text_nodes_equal_to(tree: lxml_html.HtmlElement,
                         texts: list[str]) -> list[etree._ElementUnicodeResult]:
    """The text nodes whose text is one of ``texts``, in document order, in one pass."""
    condition = " or ".join(f". = $t{n}" for n in range(len(texts)))
    values = {f"t{n}": text for n, text in enumerate(texts)}
    return tree.xpath(f"//body//text()[{condition}]", **values)


def _is_label(text: str, lexicon: Lexicon, rule: BoxRule) -> bool:
    stripped = text.strip()  # most text nodes are whitespace between tags: cheap test first
    if not 1 < len(stripped) <= rule.max_label_chars:
        return False
    return lexicon.box_label_folded(fold_line(stripped)) is not None


def _widest_with_text(element: etree._Element, folded: str) -> etree._Element:
    """Climb while the parent's whole text is still just the label (<div><b>Hot</b></div>)."""
    while True:
        parent = element.getparent()
        if parent is None or parent.tag in _ROOT_TAGS:
            return element
        if fold_line(parent.text_content()) != folded:
            return element
        element = parent


def _box_for_label(label_el: etree._Element, label: str,
                   rule: BoxRule) -> list[etree._Element]:
    """The elements to remove for one label: the box around it, or it and the boxes after it."""
    box = None
    node = label_el
    while (parent := node.getparent()) is not None and parent.tag not in _ROOT_TAGS:
        if not _stats(parent, label, rule.max_box_chars).is_link_box(
                rule.min_links, rule.min_link_density, rule.max_text_run, rule.max_box_chars):
            break
        box = node = parent
    if box is not None:
        return [box]
    following = []
    sibling = label_el.getnext()
    while sibling is not None:
        if isinstance(sibling.tag, str) and sibling.tag not in ("br", "hr"):
            if _tail_text(following[-1] if following else label_el):
                break  # loose text between label and box: not a box of links
            stats = _stats(sibling, max_chars=rule.max_box_chars)
            if not stats.is_link_box(rule.min_links, rule.min_link_density,
                                     rule.max_text_run, rule.max_box_chars):
                break
            following.append(sibling)
        sibling = sibling.getnext()
    return [label_el, *following] if following else []


def _remove_link_lists(tree: lxml_html.HtmlElement, rule: LinkListRule) -> list[RemovedText]:
    removed: list[RemovedText] = []
    for element in _LINK_LISTS(tree, min_items=rule.min_links):
        if element.tag not in rule.tags or not _attached(element):
            continue
        if is_introduced(element):
            continue  # "This affected:" — a list the story introduces is the story's
        items = [c for c in element if c.tag == "li"]
        if _mean_chars(items) > rule.max_mean_item_chars:
            continue  # sentences, not headlines
        stats = _stats(element)
        if stats.is_link_box(rule.min_links, rule.min_link_density, rule.max_text_run,
                             max_chars=10**9):
            target = _box_of_row(element, rule.max_label_chars)
            removed.append(RemovedText("structure:link_list", _preview(target)))
            _drop(target)
    return removed


def _remove_link_rows(tree: lxml_html.HtmlElement, rule: LinkRowRule) -> list[RemovedText]:
    removed: list[RemovedText] = []
    for element in _LINK_ROWS(tree):
        if element.tag in ("body", "html") or not _attached(element):
            continue
        links = [_WS.sub(" ", a.text_content()).strip() for a in _DIRECT_LINK_TEXT(element)]
        if (len(links) < rule.min_links or int(_LINK_COUNT(element)) != len(links)
                or not all(0 < len(x) <= rule.max_link_chars for x in links)):
            continue
        between = "".join(_NON_LINK_TEXT(element))
        if between.strip(rule.separators) or is_introduced(element):
            continue  # words between the links, or a row the story announces
        target = _box_of_row(element, rule.max_label_chars)
        removed.append(RemovedText("structure:link_row", _preview(target)))
        _drop(target)
    return removed


def _box_of_row(row: etree._Element, max_label_chars: int) -> etree._Element:
    """The row's (or list's) parent when the parent holds nothing else but a short label:
    the box's heading goes with its links, whatever it says."""
    parent = row.getparent()
    if parent is None or parent.tag in _ROOT_TAGS:
        return row
    rest = int(_TEXT_CHARS(parent)) - int(_TEXT_CHARS(row))
    if 0 < rest <= max_label_chars and len(parent) <= 3:
        return parent
    return row


def _stats(element: etree._Element, label: str = "", max_chars: int = 10**9) -> _LinkStats:
    """Link statistics of ``element``, not counting the text of its label.

    Past ``max_chars`` of text, or with no link at all, the element is no box: the
    costlier statistics are skipped and reported as failing.
    """
    chars = int(_TEXT_CHARS(element)) - len(label)
    if chars > max_chars:
        return _LinkStats(chars, 0, 0, chars)
    links = int(_LINK_COUNT(element))
    if not links:
        return _LinkStats(chars, 0, 0, chars)
    link_chars = len(_WS.sub(" ", " ".join(_LINK_TEXT(element))).strip())
    folded_label = fold_line(label)
    longest = 0
    for text in _NON_LINK_TEXT(element):
        run = _WS.sub(" ", text).strip()
        if len(run) > longest and not (label and fold_line(run) == folded_label):
            longest = len(run)
    return _LinkStats(max(chars, 0), link_chars, links, longest)


def _mean_chars(elements: list[etree._Element]) -> float:
    return sum(len(e.text_content().strip()) for e in elements) / max(len(elements), 1)


def _tail_text(element: etree._Element) -> bool:
    return bool(element.tail and element.tail.strip())


def _attached(element: etree._Element) -> bool:
    """False once an ancestor was dropped (the element now hangs off a detached subtree)."""
    return any(a.tag == "body" for a in element.iterancestors())


def _drop(element: etree._Element) -> None:
    """Remove ``element`` but keep its tail text, which belongs to the parent."""
    if isinstance(element, lxml_html.HtmlElement):
        element.drop_tree()
    else:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _preview(element: etree._Element) -> str:
    return _WS.sub(" ", " ".join(element.itertext())).strip()[:_REMOVED_PREVIEW]
