"""metalines._block_text fills a list by plain recursive calls (it was a recursive generator):
the same lines, and ``None`` for the same too-big blocks."""

from collections.abc import Iterator

from lxml import html as lxml_html

from extractors import metalines


def _reference_pieces(element: lxml_html.HtmlElement) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if child.tag == "br":
            yield "\n"
        elif isinstance(child.tag, str) and child.tag not in metalines._SKIPPED_TAGS:
            yield from _reference_pieces(child)
        if child.tail:
            yield child.tail


def _reference_block_text(block: lxml_html.HtmlElement) -> str | None:
    parts: list[str] = []
    size = 0
    for piece in _reference_pieces(block):
        parts.append(piece)
        size += len(piece)
        if size > metalines.MAX_LINE_CHARS * 2:
            return None
    return " ".join(parts)


_BLOCKS = [
    "<div>Published <b>2023-06-04</b><br>Source: <a>NBC <i>News</i></a> tail</div>",
    "<p>a<!-- note -->b<script>var x = 1;</script>c<svg><text>no</text></svg>d</p>",
    "<div><span>x</span><br/><br/>y<select><option>o</option></select>z</div>",
    "<div>" + "w" * 599 + "<br>" + "</div>",  # 600 characters: still a line
    "<div>" + "w" * 600 + "<br>" + "</div>",  # 601: too big
    "<div>" + "<span>abcdefghij</span>" * 60 + "k</div>",
    "<div>" + "<p>" + "q" * 300 + "</p>" * 3 + "</div>",
    "<div></div>",
]


def test_block_text_matches_the_generator_version():
    for markup in _BLOCKS:
        block = lxml_html.fragment_fromstring(markup)
        for element in block.iter():
            if isinstance(element.tag, str):
                assert metalines._block_text(element, "") == _reference_block_text(element)
