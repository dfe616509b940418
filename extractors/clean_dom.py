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
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from lxml import etree
from lxml import html as lxml_html

from .lexicon import Lexicon, fold_line
from .record import RemovedText
from .structure_lists import is_introduced

_ROOT_TAGS = frozenset({"html", "body"})
# Hot paths avoid touching elements from Python (every lxml.html element proxy costs a
# class lookup): text and counts come back from XPath as plain strings and numbers.
# "descendant::x" rather than ".//x": the same nodes, without libxml2 merging the node-sets
# of a "descendant-or-self::node()" step (2-3x faster on a box of links).
# "/descendant::body/descendant::x" selects what "//body//x" does; libxml2 evaluates the
# first spelling several times faster (no "descendant-or-self::node()" step to merge).
_ALL_TEXT = etree.XPath("/descendant::body/descendant::text()", smart_strings=False)
# The text nodes equal to one of ``$labels``: a node-set of throwaway elements holding the
# labels. libxml2 compares two node-sets by hashed string values, so the page's text is
# read once however many labels there are (one "or" per label reads it once per label).
_TEXT_EQUAL_TO = etree.XPath("/descendant::body/descendant::text()[. = $labels]")
_ALL_TEXT_NODES = etree.XPath("/descendant::body/descendant::text()")  # each knows its parent
_ONE_BODY = etree.XPath("count(/descendant::body) = 1")
# Up to so many label nodes are fetched by position (each step walks the page up to its node).
_MAX_FETCHED_BY_POSITION = 8
_TEXT_CHARS = etree.XPath("string-length(normalize-space(.))")
_IN_BODY = etree.XPath("boolean(ancestor::body)")
_ALL_TEXT_IN = etree.XPath("descendant::text()", smart_strings=False)
# "node()[1]/self::text()", not "node()[1][self::text()]": libxml2 stops at the first
# preceding sibling only when the position is the step's last test (else it collects every
# preceding sibling of every text node: a box holding a long list read it all once per item).
_HAS_SPLIT_TEXT = etree.XPath(
    "boolean(descendant::text()[preceding-sibling::node()[1]/self::text()])")
_LINK_TEXT = etree.XPath("descendant::a/descendant::text()", smart_strings=False)
_LINK_COUNT = etree.XPath("count(descendant::a)")
_NON_LINK_TEXT = etree.XPath(
    "descendant::text()[not(ancestor::a)]"
    "[not(parent::script or parent::style or parent::noscript)]",
    smart_strings=False,
)
# The same runs, only those longer than ``$chars`` (a run only shrinks when its whitespace
# is folded): the length test first, as it spares most nodes the walk up to an <a>.
_LONG_NON_LINK_TEXT = etree.XPath(
    "descendant::text()[string-length() > $chars][not(ancestor::a)]"
    "[not(parent::script or parent::style or parent::noscript)]",
    smart_strings=False,
)
# The same two, for the text of an element outside its child ``$inner``: the element's own
# text nodes (never inside one of its links) and what is below its other children. Each
# branch is filtered before the union, which then merges a few nodes.
_OUTSIDE = ("$inner/preceding-sibling::*/descendant{axis}",
            "$inner/following-sibling::*/descendant{axis}")
_LINK_TEXT_OUTSIDE = etree.XPath(
    " | ".join(path.format(axis="-or-self::a/descendant::text()") for path in _OUTSIDE),
    smart_strings=False)
_LONG_RUN = ("[string-length() > $chars][not(ancestor::a)]"
             "[not(parent::script or parent::style or parent::noscript)]")
_LONG_NON_LINK_TEXT_OUTSIDE = etree.XPath(
    " | ".join([f"text(){_LONG_RUN}",
                *(path.format(axis=f"::text(){_LONG_RUN}") for path in _OUTSIDE)]),
    smart_strings=False)
# Elements with at least three links as direct children (a row of links).
# "a[2]" and "a[1]" rather than "count(...) >= 2" and "not(...a)": libxml2 stops at the
# n-th sibling of a positional step, where a count walks every sibling of every link.
_LINK_ROWS = etree.XPath(
    "/descendant::body/descendant::a[following-sibling::a[2]]"
    "[not(preceding-sibling::a[1])]/.."
)
_DIRECT_LINK_TEXT = etree.XPath("./a", smart_strings=False)
# Short elements with a button of their own: a consent banner, a form, a widget. (From the
# buttons up to their parents: a test on every element of the page costs libxml2 4x more.)
_BUTTON_BOXES = etree.XPath(
    "(/descendant::body/descendant::button"
    " | /descendant::body/descendant::input[@type = 'button' or @type = 'submit'])"
    "/parent::*[ancestor::body][string-length(normalize-space(.)) <= $max_chars]")
# Paragraphs holding one link and little else: candidates for a "Read more: <headline>" line.
_ONE_LINK_PARAGRAPHS = etree.XPath(
    "/descendant::body/descendant::p[count(descendant::a) = 1]"
    "[string-length(normalize-space(.)) <= $max_chars]")
_LINKS_IN = etree.XPath("descendant::a")
# A word of a headline: Latin-script words, or CJK characters (two count as one word).
_WORD = re.compile(r"[^\W\d_]{2,}")
# Three such words in ASCII text (where a letter is A-Z or a-z): three runs of letters each
# begun after a non-letter (or at the start) and two letters long at least. One search that
# stops at the third, where findall lists every word (a third faster on the links' texts).
_THREE_ASCII_WORDS = re.compile(r"(?:^|[^A-Za-z])[A-Za-z]{2}(?:.*?[^A-Za-z][A-Za-z]{2}){2}",
                                re.DOTALL)
# A label that credits the link ("Source:", "Quelle:", "Photo:", "来源："): the link names
# an outlet or a person, not another story.
_CREDIT_LABEL = re.compile(
    r"\b(source|sources|quelle|fuente|fonte|origen|origine|via|credit|crédit|crédito|photo|"
    r"foto|bild|image|courtesy|cortesía|author|autor|auteur|by|von|par|por)\b|来源|來源|出处|出處")
_ALNUM = re.compile(r"[^\W_]")
_LETTER = re.compile(r"[^\W\d_]")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Lists of at least three items, each holding exactly one link, outside page chrome.
# (Name steps for ul/ol: "//body//*[self::ul or self::ol]" costs libxml2 3.7x as much.)
_LINK_LISTS = etree.XPath(
    "(//body//ul | //body//ol)[count(li) >= $min_items][not(li[count(.//a) != 1])]"
    "[not(ancestor::nav or ancestor::header or ancestor::footer)]"
)
_REMOVED_PREVIEW = 300
# A <br> whose next node (whitespace aside) is another <br>: a paragraph break. Not inside
# a paragraph, a list item, a heading, preformatted text or a link: a <p> cannot hold
# paragraphs, and there the breaks already come out as line breaks of one block.
# Here the <br>s whose next element is another <br>; ``_double_breaks`` then looks at what
# lies between the two, and above them. "*[1]/self::br", not "*[1][self::br]": libxml2
# stops at the first element sibling only when the position is a step's last test.
_BREAKS_BEFORE_BREAKS = etree.XPath(
    "/descendant::body/descendant::br[following-sibling::*[1]/self::br]")
_LINE_HOLDERS = frozenset({"p", "li", "dd", "dt", "pre", "code", "a", "h1", "h2", "h3", "h4",
                           "h5", "h6", "blockquote", "button", "label"})
# Children that end a run of loose text: they are blocks of their own.
_BREAKING_TAGS = frozenset({
    "p", "div", "table", "ul", "ol", "dl", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "section", "article", "aside", "header", "footer", "nav", "form", "figure",
    "center", "address", "fieldset", "details", "main", "iframe", "script", "style",
})
# Quotes holding paragraphs inside a table cell (trafilatura empties them there).
_QUOTED_PARAGRAPHS_IN_CELLS = etree.XPath(
    "/descendant::body/descendant::td/descendant::blockquote[p]"
    " | /descendant::body/descendant::th/descendant::blockquote[p]")


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
class LinkColumnRule:
    min_links: int = 3
    max_link_chars: int = 150
    min_link_density: float = 0.75
    max_text_run: int = 12
    max_label_chars: int = 48
    max_box_chars: int = 4000
    min_headline_share: float = 0.67
    max_links: int = 60
    climb: int = 4


@dataclass(frozen=True)
class CrossLinkRule:
    max_label_chars: int = 40
    max_label_words: int = 5
    min_headline_words: int = 5
    min_headline_cjk: int = 8
    max_link_chars: int = 160
    label_ends: str = ":：|»›>→—–-/·"


@dataclass(frozen=True)
class ConsentBoxRule:
    max_chars: int = 700
    words: tuple[str, ...] = ("cookie", "consent", "gdpr", "privacy", "datenschutz", "privatsphäre",
                              "einwilligung", "privacidad", "consentimiento", "confidentialité",
                              "vie privée", "consentement", "隐私", "隱私")


@dataclass(frozen=True)
class AdSlotRule:
    max_label_chars: int = 60
    climb: int = 2
    words: str = (r"\b(ad|ads|advert\w*|sponsor\w*|promoted|promotion\w*|paid|commercial|"
                  r"anzeige\w*|werbung|werbe\w*|reklame|gesponsert\w*|publicidad|publicitari\w*|"
                  r"anuncio\w*|patrocin\w*|publicité|publicitaire|pub|sponsoris\w*|annonce\w*)\b|"
                  r"广告|推广|赞助|廣告|推廣|贊助")


@dataclass(frozen=True)
class StructureRules:
    labelled_box: BoxRule = BoxRule()
    link_list: LinkListRule = LinkListRule()
    link_row: LinkRowRule = LinkRowRule()
    link_column: LinkColumnRule = LinkColumnRule()
    cross_link: CrossLinkRule = CrossLinkRule()
    consent_box: ConsentBoxRule = ConsentBoxRule()
    ad_slot: AdSlotRule = AdSlotRule()


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


@dataclass(frozen=True)
class _LinkWords:
    """The words of a box's link text. Its length once whitespace is folded is their
    characters and a space between each two: the texts are joined with spaces, so no word
    runs on into the next text, and a box's words are the sum of its parts'."""

    chars: int
    count: int
    runs_read: bool = True  # False: passed without its text runs being looked at

    @classmethod
    def of(cls, texts: list[str]) -> _LinkWords:
        folded = _squash(" ".join(texts))
        count = folded.count(" ") + 1 if folded else 0
        return cls(len(folded) - max(count - 1, 0), count)

    def __add__(self, other: _LinkWords) -> _LinkWords:
        return _LinkWords(self.chars + other.chars, self.count + other.count)

    @property
    def length(self) -> int:
        """``len(_squash(" ".join(texts)))``."""
        return self.chars + self.count - 1 if self.count else 0


_PASSED_UNREAD = _LinkWords(0, 0, runs_read=False)


def load_structure_rules(text: str, source: str = "<structure>") -> StructureRules:
    """Thresholds from TOML text (see ``data/structure.toml``); ValueError names the source."""
    data = tomllib.loads(text)
    try:
        box = BoxRule(**data.get("labelled_box", {}))
        spec = dict(data.get("link_list", {}))
        spec["tags"] = tuple(spec.get("tags", LinkListRule.tags))
        links = LinkListRule(**spec)
        row = LinkRowRule(**data.get("link_row", {}))
        column = LinkColumnRule(**data.get("link_column", {}))
        cross = CrossLinkRule(**data.get("cross_link", {}))
        consent = dict(data.get("consent_box", {}))
        if "words" in consent:
            consent["words"] = tuple(consent["words"])
        consent_box = ConsentBoxRule(**consent)
        ad_slot = AdSlotRule(**data.get("ad_slot", {}))
    except TypeError as exc:
        raise ValueError(f"{source}: {exc}") from exc
    return StructureRules(box, links, row, column, cross, consent_box, ad_slot)


def _load_default() -> StructureRules:
    text = resources.files("extractors").joinpath("data/structure.toml").read_text("utf-8")
    return load_structure_rules(text, "extractors/data/structure.toml")


DEFAULT_STRUCTURE_RULES: StructureRules = _load_default()


def clean_dom(tree: lxml_html.HtmlElement, lexicon: Lexicon,
              rules: StructureRules = DEFAULT_STRUCTURE_RULES) -> tuple[RemovedText, ...]:
    """Remove comments and boxes of links from ``tree``, and give ``<br><br>`` paragraphs
    and quotes in table cells a shape trafilatura keeps; return what went, rule by rule."""
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    removed: list[RemovedText] = []
    removed.extend(_remove_consent_boxes(tree, rules.consent_box))
    removed.extend(_remove_ad_slots(tree, rules.ad_slot))
    removed.extend(_remove_labelled_boxes(tree, lexicon, rules.labelled_box))
    removed.extend(_remove_link_lists(tree, rules.link_list))
    removed.extend(_remove_link_rows(tree, rules.link_row))
    removed.extend(_remove_link_columns(tree, rules.link_column))
    removed.extend(_remove_cross_links(tree, rules.cross_link))
    # After the link rules: they read a <br>-separated column of links as one row.
    paragraphs_from_breaks(tree)
    flatten_quotes_in_cells(tree)
    return tuple(removed)


def paragraphs_from_breaks(tree: lxml_html.HtmlElement) -> int:
    """Wrap the loose text of containers that split paragraphs by ``<br><br>`` into ``<p>``
    elements: one per run between double breaks and block children (a table, a quote).

    Old table layouts write a story as text and breaks in a cell; trafilatura then joins
    its lines, and loses the text after a table or a quote in the same cell. A single
    ``<br>`` stays a line break inside its paragraph. Returns how many containers changed.
    """
    containers = {id(br.getparent()): br.getparent() for br in _double_breaks(tree)}
    for container in containers.values():
        _wrap_runs(container)
    return len(containers)


def _double_breaks(tree: lxml_html.HtmlElement) -> list[etree._Element]:
    """The <br>s whose next node, whitespace aside, is another <br> (a paragraph break),
    with no ancestor of ``_LINE_HOLDERS``, in document order.

    What "//body//br[following-sibling::node()[not(self::text()[normalize-space() = ''])]
    [1][self::br]][not(ancestor::*[self::p or self::li or ...])]" selects, without libxml2
    collecting every following sibling of each <br> and testing every ancestor of each
    against sixteen names (a line of 200 <br>s cost 7 ms). The next element is a <br>, so
    only the nodes before it are asked about: the <br>'s tail (its text nodes up to the
    next non-text node) must be blank, XML whitespace only as normalize-space() reads it,
    and that node must be the <br> itself, not a comment before it. The <br>s of one parent
    share their ancestors: they are looked at once."""
    breaks = []
    free: dict[etree._Element, bool] = {}  # parent -> no line holder at or above it
    for br in _BREAKS_BEFORE_BREAKS(tree):
        if (br.tail or "").strip(" \t\r\n") or br.getnext().tag != "br":
            continue
        parent = br.getparent()
        if parent not in free:
            free[parent] = not any(element.tag in _LINE_HOLDERS
                                   for element in (parent, *parent.iterancestors()))
        if free[parent]:
            breaks.append(br)
    return breaks


def _wrap_runs(container: etree._Element) -> None:
    built: list[etree._Element] = []
    state = _RunState(built, container.makeelement)
    state.text(container.text)
    container.text = None
    for child in list(container):
        container.remove(child)
        tag = child.tag if isinstance(child.tag, str) else ""
        tail, child.tail = child.tail, None
        if tag == "br":
            state.line_break(child)
        elif tag in _BREAKING_TAGS or not tag:
            state.block(child)
        else:
            state.inline(child)
        state.text(tail)
    container.extend(built)


class _RunState:
    """The paragraph being filled while a container's children are walked in order."""

    def __init__(self, built: list[etree._Element], make: Callable[..., etree._Element]):
        self.built, self.make = built, make
        self.paragraph: etree._Element | None = None
        self.pending_break: etree._Element | None = None

    def text(self, text: str | None) -> None:
        if not text:
            return
        if not text.strip():
            if self.paragraph is not None:
                self._append_text(text)
            return
        self._open()
        self._append_text(text)

    def line_break(self, br: etree._Element) -> None:
        if self.pending_break is not None:  # two in a row: the paragraph ends
            self.pending_break = None
            self.paragraph = None
        elif self.paragraph is not None:
            self.pending_break = br

    def block(self, element: etree._Element) -> None:
        self.pending_break = None
        self.paragraph = None
        self.built.append(element)

    def inline(self, element: etree._Element) -> None:
        self._open()
        assert self.paragraph is not None
        self.paragraph.append(element)

    def _open(self) -> None:
        if self.paragraph is None:
            self.paragraph = self.make("p")
            self.built.append(self.paragraph)
        if self.pending_break is not None:
            self.paragraph.append(self.pending_break)
            self.pending_break = None

    def _append_text(self, text: str) -> None:
        assert self.paragraph is not None
        if len(self.paragraph):
            last = self.paragraph[-1]
            last.tail = (last.tail or "") + text
        else:
            self.paragraph.text = (self.paragraph.text or "") + text


def flatten_quotes_in_cells(tree: lxml_html.HtmlElement) -> int:
    """A quote inside a table cell loses its paragraphs in trafilatura (it comes out empty):
    its ``<p>`` children become lines of the quote itself. Returns how many changed."""
    quotes = _QUOTED_PARAGRAPHS_IN_CELLS(tree)
    for quote in quotes:
        paragraphs = [c for c in quote if c.tag == "p"]
        for paragraph in paragraphs[1:]:
            paragraph.insert(0, quote.makeelement("br"))
            paragraph.text, paragraph[0].tail = None, paragraph.text
        etree.strip_tags(quote, "p")
    return len(quotes)


def _remove_labelled_boxes(tree: lxml_html.HtmlElement, lexicon: Lexicon,
                           rule: BoxRule) -> list[RemovedText]:
    removed: list[RemovedText] = []
    # Distinct strings first: most text nodes are the same few runs of whitespace.
    body_texts = _ALL_TEXT(tree)
    labels = _labels_among(set(body_texts), lexicon, rule.max_label_chars)
    if not labels:
        return removed
    for node in _label_nodes(tree, labels, body_texts):
        element = node.getparent()
        # A text node of <body> itself is passed over (<body> has no <body> above it).
        if element is None or ((removed or element.tag == "body") and not _attached(element)):
            continue
        label = _squash(str(node))
        element = _widest_with_text(element, fold_line(label))
        for target in _box_for_label(element, label, rule):
            removed.append(RemovedText("structure:labelled_box", _preview(target)))
            _drop(target)
    return removed


def _label_nodes(tree: lxml_html.HtmlElement, labels: list[str],
                 body_texts: list[str]) -> list[etree._ElementUnicodeResult]:
    """The text nodes whose text is one of ``labels``, in document order, as
    :func:`_text_nodes_equal_to` finds them; ``body_texts``: ``_ALL_TEXT`` of the tree as
    it is. Their places in ``body_texts`` are known: a page with one <body> (every parsed
    page) has each node fetched by its position, "descendant::text()[17]", where libxml2
    stops at the node instead of comparing every text node with the labels (a quarter
    faster). Many nodes, or several <body>s (each counts on its own), are searched for."""
    wanted = set(labels)
    positions = [n for n, text in enumerate(body_texts, 1) if text in wanted]
    if not positions or len(positions) > _MAX_FETCHED_BY_POSITION or not _ONE_BODY(tree):
        return _text_nodes_equal_to(tree, labels)
    steps = " | ".join(f"/descendant::body/descendant::text()[{n}]" for n in positions)
    return etree.XPath(steps)(tree)


def _text_nodes_equal_to(tree: lxml_html.HtmlElement,
                         texts: list[str]) -> list[etree._ElementUnicodeResult]:
    """The text nodes whose text is one of ``texts``, in document order, in one pass."""
    holder = etree.Element("labels")
    try:
        for text in texts:
            etree.SubElement(holder, "label").text = text
    except ValueError:
        # A label holding a control character ("\x0cRelated": the HTML parser keeps form
        # feeds) is refused by lxml as an element's text and as an XPath string alike:
        # such a page has its text nodes compared in Python instead (rare, and slower).
        wanted = set(texts)
        return [node for node in _ALL_TEXT_NODES(tree) if node in wanted]
    return _TEXT_EQUAL_TO(tree, labels=list(holder))


def _labels_among(texts: set[str], lexicon: Lexicon, max_chars: int) -> list[str]:
    """The texts that name a box of links: at most ``max_chars`` long once stripped (a
    cheap test first: most are whitespace between tags, or sentences), then the lexicon."""
    labels = []
    for text in texts:
        if len(text) > 4 * max_chars:
            continue
        stripped = text.strip()
        if 1 < len(stripped) <= max_chars and lexicon.names_box_folded(fold_line(stripped)):
            labels.append(text)
    return labels


def _widest_with_text(element: etree._Element, folded: str) -> etree._Element:
    """Climb while the parent's whole text is still just the label (<div><b>Hot</b></div>)."""
    while True:
        parent = element.getparent()
        if parent is None or parent.tag in _ROOT_TAGS:
            return element
        if fold_line(_text(parent)) != folded:
            return element
        element = parent


def _box_for_label(label_el: etree._Element, label: str,
                   rule: BoxRule) -> list[etree._Element]:
    """The elements to remove for one label: the box around it, or it and the boxes after it."""
    box = None
    node = label_el
    inner: tuple[etree._Element, _LinkWords] | None = None
    while (parent := node.getparent()) is not None and parent.tag not in _ROOT_TAGS:
        words = _link_box(parent, rule.min_links, rule.min_link_density, rule.max_text_run,
                          rule.max_box_chars, label, inner)
        if words is None:
            break
        box = node = parent
        inner = (box, words)  # the next parent need not read again what this one held
    if box is not None:
        return [box]
    following = []
    sibling = label_el.getnext()
    while sibling is not None:
        if isinstance(sibling.tag, str) and sibling.tag not in ("br", "hr"):
            if _tail_text(following[-1] if following else label_el):
                break  # loose text between label and box: not a box of links
            if not _is_link_box(sibling, rule.min_links, rule.min_link_density,
                                rule.max_text_run, rule.max_box_chars):
                break
            following.append(sibling)
        sibling = sibling.getnext()
    return [label_el, *following] if following else []


def _remove_link_lists(tree: lxml_html.HtmlElement, rule: LinkListRule) -> list[RemovedText]:
    removed: list[RemovedText] = []
    for element in _LINK_LISTS(tree, min_items=rule.min_links):
        if element.tag not in rule.tags or (removed and not _attached(element)):
            continue
        if is_introduced(element):
            continue  # "This affected:" — a list the story introduces is the story's
        items = [c for c in element if c.tag == "li"]
        if _mean_chars(items) > rule.max_mean_item_chars:
            continue  # sentences, not headlines
        if _is_link_box(element, rule.min_links, rule.min_link_density, rule.max_text_run,
                        max_chars=10**9):
            target = _box_of_row(element, rule.max_label_chars)
            removed.append(RemovedText("structure:link_list", _preview(target)))
            _drop(target)
    return removed


def _remove_link_rows(tree: lxml_html.HtmlElement, rule: LinkRowRule) -> list[RemovedText]:
    removed: list[RemovedText] = []
    for element in _LINK_ROWS(tree):
        if element.tag in ("body", "html") or (removed and not _attached(element)):
            continue
        links = [_squash(_text(a)) for a in _DIRECT_LINK_TEXT(element)]
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


def _remove_link_columns(tree: lxml_html.HtmlElement,
                         rule: LinkColumnRule) -> list[RemovedText]:
    """Boxes of headline links whatever their heading says: an element holding at least
    ``min_links`` links that read like headlines, nothing between them but short runs (a
    date "06-04", a rank "3", a bullet) and at most one short heading before the first
    link ("Stories for you", "Viel gelesen heute"). The links may sit in divs, table cells
    or after <br>s, where the list and row rules do not look.
    """
    anchors: dict[etree._Element, tuple[str, bool]] = {}
    counts, headlines = _count_links(tree, rule.climb, anchors)
    # A box holds a few dozen links at most: a wrapper with more is never one, and its
    # text (costly to measure) need not be looked at. Each link's text is read once.
    boxes = [(count, element) for element, count in counts.items()
             if rule.min_links <= count <= rule.max_links
             and _is_link_column(element, rule, anchors, count, headlines.get(element, 0))]
    removed: list[RemovedText] = []
    # Outermost first (an ancestor holds at least as many links); the rest are inside it.
    boxes.sort(key=lambda box: (-box[0], sum(1 for _ in box[1].iterancestors())))
    for _, element in boxes:
        if removed and not _attached(element):
            continue
        target = _box_of_row(element, rule.max_label_chars)
        removed.append(RemovedText("structure:link_column", _preview(target)))
        _drop(target)
    return removed


def _count_links(tree: lxml_html.HtmlElement, climb: int,
                 anchors: dict[etree._Element, tuple[str, bool]]
                 ) -> tuple[dict[etree._Element, int], dict[etree._Element, int]]:
    """For each element at most ``climb`` levels above a link (below the body): how many
    links are that close below it, and how many of those read like headlines. Each link's
    text and verdict go into ``anchors``."""
    counts: dict[etree._Element, int] = {}
    headlines: dict[etree._Element, int] = {}
    for link in _body_links(tree):
        text = _squash(_own_text(link))  # each link comes once: no need to ask ``anchors``
        headline = _reads_like_headline(text)
        anchors[link] = (text, headline)
        node = link.getparent()
        for _ in range(climb):
            if node is None or node.tag in _ROOT_TAGS:
                break
            counts[node] = counts.get(node, 0) + 1
            if headline:
                headlines[node] = headlines.get(node, 0) + 1
            node = node.getparent()
    return counts, headlines


def _body_links(tree: lxml_html.HtmlElement) -> list[etree._Element]:
    """The links in the body, in document order: what "/descendant::body/descendant::a"
    selects, from lxml's tag walk in C (a quarter faster than the XPath call)."""
    body = tree.find("body")
    return [] if body is None else list(body.iter("a"))



def _empty_slots(tree: lxml_html.HtmlElement) -> list[etree._Element]:
    """Empty boxes an ad is loaded into (<div id="gpt-…"></div>, <ins>, <iframe>), in
    document order: what "//body//div[not(node())] | //body//ins[not(normalize-space())] |
    //body//iframe" selects, from one tag walk in C instead of three XPath walks (a third
    faster, though every div gets a proxy)."""
    body = tree.find("body")
    if body is None:
        return []
    slots = []
    for element in body.iter("div", "ins", "iframe"):
        tag = element.tag
        if tag == "div":
            # No child node at all: an empty text node would make .text "" (comments and
            # processing instructions are stripped before).
            if element.text is None and not len(element):
                slots.append(element)
        elif tag == "ins":
            if not _text(element).strip(" \t\r\n"):  # XPath's whitespace only
                slots.append(element)
        else:
            slots.append(element)
    return slots



def _is_link_column(element: etree._Element, rule: LinkColumnRule,
                    anchors: dict[etree._Element, tuple[str, bool]], near: int,
                    near_headlines: int) -> bool:
    """``near``: how many links are at most ``rule.climb`` levels below the element;
    ``near_headlines``: how many of those read like headlines."""
    if not isinstance(element.tag, str) or element.tag in ("a", "p"):
        return False  # a paragraph whose words are all links is still a sentence
    # Most wrappers have too few headlines: when even the links deeper down, which the
    # climb did not count, cannot make up the count, their links are not read one by one.
    # ``iter`` rather than XPath: the walk is in C as well, without an XPath context per
    # call, and the links' proxies are alive already (keys of ``anchors``): none is made.
    inside = list(element.iter("a"))  # the element is not a link: its descendants only
    total = len(inside)
    most = near_headlines + total - near
    if most < rule.min_links or most < rule.min_headline_share * total:
        return False
    read = [_anchor(a, anchors) for a in inside]
    headlines = sum(1 for _, headline in read if headline)
    if headlines < rule.min_links or headlines < rule.min_headline_share * len(read):
        return False
    links = [text for text, _ in read]
    if not all(0 < len(text) <= rule.max_link_chars for text in links):
        return False
    if int(_TEXT_CHARS(element)) > rule.max_box_chars:
        return False
    runs = [run for text in _NON_LINK_TEXT(element) if (run := _squash(text))]
    if runs and len(runs[0]) > rule.max_text_run:
        whole = _squash(_text(element))
        if len(runs[0]) > rule.max_label_chars or not whole.startswith(runs[0]):
            return False
        runs = runs[1:]  # the box's heading
    if any(len(run) > rule.max_text_run for run in runs):
        return False
    # Runs without a letter (dates, ranks, bullets) are neutral: a CJK headline is short
    # beside its "06-04", but a price or a comment beside each link is text.
    link_chars = sum(len(text) for text in links)
    wordy = sum(len(run) for run in runs if _LETTER.search(run))
    if link_chars < rule.min_link_density * (link_chars + wordy):
        return False
    return not is_introduced(element)


def _remove_consent_boxes(tree: lxml_html.HtmlElement,
                          rule: ConsentBoxRule) -> list[RemovedText]:
    """A short element with buttons that speaks of cookies, consent or privacy is a consent
    banner, whatever its wording: its message and its buttons ("Accept all", "Got it") go."""
    removed: list[RemovedText] = []
    for element in _BUTTON_BOXES(tree, max_chars=rule.max_chars):
        if element.tag in _ROOT_TAGS or (removed and not _attached(element)):
            continue
        text = _text(element).lower()
        if any(word in text for word in rule.words):
            removed.append(RemovedText("structure:consent_box", _preview(element)))
            _drop(element)
    return removed


def _remove_ad_slots(tree: lxml_html.HtmlElement, rule: AdSlotRule) -> list[RemovedText]:
    """An empty ad slot and its short label ("Anzeige – Artikel geht unten weiter",
    "Publicidad · Sigue leyendo"): a box of at most ``max_label_chars`` characters around an
    empty element, whose text names advertising in any words."""
    removed: list[RemovedText] = []
    words = re.compile(rule.words)
    seen: set[etree._Element] = set()
    for slot in _empty_slots(tree):
        box = slot
        for _ in range(rule.climb):
            box = box.getparent()
            if box is None or box.tag in _ROOT_TAGS or box in seen:
                break
            seen.add(box)  # many empty slots share one parent: measure it once
            if int(_TEXT_CHARS(box)) > rule.max_label_chars:
                break
            label = _squash(_text(box))
            if label and words.search(label.lower()) and (not removed or _attached(box)):
                removed.append(RemovedText("structure:ad_slot", label))
                _drop(box)
                break
    return removed


def _remove_cross_links(tree: lxml_html.HtmlElement, rule: CrossLinkRule) -> list[RemovedText]:
    """Paragraphs that are a short label and a link to another story, whatever the label
    says ("Background: <headline>", "Also see | <headline>", "相关链接：<headline>"): the
    label ends in a colon, bar, arrow or dash, or is set apart in its own element
    (<strong>Read more</strong>); the link reads like a headline (five words or more, eight
    CJK characters: longer than an outlet's name, so a "Source: <a>The Times</a>" credit
    stays); nothing follows the link.
    """
    removed: list[RemovedText] = []
    max_chars = rule.max_label_chars + rule.max_link_chars + 4
    for paragraph in _ONE_LINK_PARAGRAPHS(tree, max_chars=max_chars):
        if _is_cross_link(paragraph, rule) and (not removed or _attached(paragraph)):
            removed.append(RemovedText("structure:cross_link", _preview(paragraph)))
            _drop(paragraph)
    return removed


def _is_cross_link(paragraph: etree._Element, rule: CrossLinkRule) -> bool:
    link = _LINKS_IN(paragraph)[0]
    anchor = _squash(_text(link))
    if not anchor or len(anchor) > rule.max_link_chars or not _is_long_headline(anchor, rule):
        return False
    if "://" in anchor or "www." in anchor:
        return False  # an address the story points to, not another story
    whole = _squash(_text(paragraph))
    at = whole.rfind(anchor)
    label, tail = whole[:at].strip(), whole[at + len(anchor):].strip()
    if at <= 0 or len(tail) > 2 or _LETTER.search(tail):
        return False
    if len(label) > rule.max_label_chars or len(label.split()) > rule.max_label_words:
        return False
    if any(mark in label for mark in ".!?。！？") or _CREDIT_LABEL.search(label.lower()):
        return False
    return label[-1] in rule.label_ends or _set_apart(paragraph, label)


def _set_apart(paragraph: etree._Element, label: str) -> bool:
    """The label is the whole text of an element of its own (<strong>Read more</strong>)."""
    return any(child.tag != "a" and _squash(_text(child)) == label
               for child in paragraph if isinstance(child.tag, str))


def _is_long_headline(text: str, rule: CrossLinkRule) -> bool:
    """Five words or more (eight CJK characters); or three in sentence case ("Freibäder
    melden Besucherrekord"): an outlet's name is in title case ("The New York Times")."""
    cjk = len(_CJK_CHAR.findall(text))
    if cjk:
        return cjk >= rule.min_headline_cjk
    if sum(1 for token in text.split() if _ALNUM.search(token)) >= rule.min_headline_words:
        return True  # "11 Hibernating Astronauts Smaller Spacecraft": a number is a word too
    words = _WORD.findall(text)
    return len(words) >= 3 and any(len(w) >= 4 and w.islower() for w in words[1:])


def _anchor(link: etree._Element,
            anchors: dict[etree._Element, tuple[str, bool]]) -> tuple[str, bool]:
    """The link's text and whether it reads like a headline, worked out once per link."""
    known = anchors.get(link)
    if known is None:
        text = _squash(_own_text(link))
        known = anchors[link] = (text, _reads_like_headline(text))
    return known


def _own_text(element: etree._Element) -> str:
    """``element.text_content()``; an element without children (most links) has all its
    text in ``.text``, read without an XPath call (comments are stripped beforehand)."""
    if len(element):
        return _text(element)
    return element.text or ""


def _text(element: etree._Element) -> str:
    """``element.text_content()``, 2.4x faster: lxml's text serializer asks libxml2 for
    the node's content as XPath's ``string()`` does (the text nodes below it, in order),
    but returns a plain string, where ``text_content`` builds a "smart" one that knows
    its element."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _reads_like_headline(text: str) -> bool:
    """Three words or more (six CJK characters): a story's title, not a menu entry."""
    if text.isascii():  # no CJK; three words of two letters take eight characters
        return len(text) >= 8 and _THREE_ASCII_WORDS.search(text) is not None
    cjk = len(_CJK_CHAR.findall(text))
    return len(_WORD.findall(text)) + cjk // 2 >= 3


def _box_of_row(row: etree._Element, max_label_chars: int) -> etree._Element:
    """The row's (or list's) parent when the parent holds nothing else but a short label:
    the box's heading goes with its links, whatever it says."""
    parent = row.getparent()
    if parent is None or parent.tag in _ROOT_TAGS or len(parent) > 3:
        return row  # (the child count first: measuring the parent's text may read the page)
    rest = int(_TEXT_CHARS(parent)) - int(_TEXT_CHARS(row))
    return parent if 0 < rest <= max_label_chars else row


def _is_link_box(element: etree._Element, min_links: int, density: float, max_run: int,
                 max_chars: int, label: str = "") -> bool:
    """Whether ``element`` is a box of links, not counting the text of its label: at least
    ``min_links`` links, at most ``max_chars`` characters of which a ``density`` share is
    link text, and no other text run longer than ``max_run``."""
    return _link_box(element, min_links, density, max_run, max_chars, label) is not None


def _link_box(element: etree._Element, min_links: int, density: float, max_run: int,
              max_chars: int, label: str = "",
              inner: tuple[etree._Element, _LinkWords] | None = None) -> _LinkWords | None:
    """:func:`_is_link_box`, answered with the words of the box's link text (``None``: not
    a box). ``inner``: a child of ``element`` that passed with the same arguments, and its
    words: its link text and its runs need not be read again (a label's climb tests each
    parent in turn).

    The tests go cheapest first and stop at the first that fails (the climb from a label
    ends on a wrapper too big or too wordy to be a box, whose text is costly to read).
    """
    links = int(_LINK_COUNT(element))
    if links < min_links:
        return None  # every verdict below asks for as many links: no text need be read
    chars = int(_TEXT_CHARS(element)) - len(label)
    if chars > max_chars or not links:
        passed = _LinkStats(chars, 0, 0, chars).is_link_box(min_links, density, max_run,
                                                            max_chars)
        return _PASSED_UNREAD if passed else None
    chars = max(chars, 0)
    if chars > max_chars:
        return None
    # A child that is itself a link makes all its text link text here: read it all again.
    known = inner if inner is not None and inner[1].runs_read and inner[0].tag != "a" else None
    if known is None:
        words = _LinkWords.of(_LINK_TEXT(element))
    else:
        words = known[1] + _LinkWords.of(_LINK_TEXT_OUTSIDE(element, inner=known[0]))
    if words.length < density * max(chars, 1) or max_run < 0:
        return None
    folded_label = fold_line(label)
    runs = (_LONG_NON_LINK_TEXT(element, chars=max_run) if known is None else
            _LONG_NON_LINK_TEXT_OUTSIDE(element, chars=max_run, inner=known[0]))
    for text in runs:
        run = _squash(text)
        if len(run) > max_run and not (label and fold_line(run) == folded_label):
            return None
    return words


def _squash(text: str) -> str:
    r"""``re.sub(r"\s+", " ", text).strip()``, four times faster: ``str.split`` splits at
    the very characters ``\s`` matches (both ask ``Py_UNICODE_ISSPACE``)."""
    return " ".join(text.split())


def _mean_chars(elements: list[etree._Element]) -> float:
    return sum(len(_text(e).strip()) for e in elements) / max(len(elements), 1)


def _tail_text(element: etree._Element) -> bool:
    return bool(element.tail and element.tail.strip())


def _attached(element: etree._Element) -> bool:
    """False once an ancestor was dropped (the element now hangs off a detached subtree).

    A rule asks only once it has removed something (its ``removed`` list is not empty):
    the elements it looks at were all found below a <body>, where nothing else moves them.
    """
    return bool(_IN_BODY(element))  # in C: no element proxy for each ancestor


def _drop(element: etree._Element) -> None:
    """Remove ``element`` but keep its tail text, which belongs to the parent."""
    if isinstance(element, lxml_html.HtmlElement):
        element.drop_tree()
    else:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _preview(element: etree._Element) -> str:
    """The box's text, whitespace folded, cut to ``_REMOVED_PREVIEW`` characters.

    Read as ``" ".join(element.itertext())`` is, but from one XPath call: ``itertext``
    makes a proxy of each element it passes. XPath gives each text node apart, where
    ``itertext`` joins neighbours (left behind by a stripped comment): such boxes are read
    with ``itertext``.
    """
    pieces = element.itertext() if _HAS_SPLIT_TEXT(element) else _ALL_TEXT_IN(element)
    return _squash(" ".join(pieces))[:_REMOVED_PREVIEW]
