"""When a recurring line is a site's template rather than article text.

A line is template when it
  * appears on at least ``min_pages`` pages of the site, and on at least ``min_share`` of
    them (counted over at most the last ``window`` pages' worth, so a redesign's new footer
    is learned without waiting for it to outnumber years of old pages);
  * is short (``max_words``): footers, headings, share rows and notices are; paragraphs of
    an article are not;
  * does not sit inside the article: on at least half of its pages it is NOT wedged between
    two lines that read as article prose (sentences, or long lines) and that the site had
    never shown before. A subheading such as "What we know" that many articles of a site use
    sits between fresh paragraphs: it is part of their bodies, and this is what keeps it.
    Template neighbours (a footer under a recommendations heading) recur, so they do not
    count as fresh once the site has been seen a few times.
At strip time a line equal to (or contained in) the page's own title is never removed.

Why these numbers: template lines on aggregator and news sites sit on nearly every page of a
page type; 0.3 still learns them when a site mixes three or four page types, while five pages
is the smallest count at which "recurs" means something. A line of 40 words is a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..state import LineStats


@dataclass(frozen=True)
class TemplatePolicy:
    min_pages: int = 5
    min_share: float = 0.3
    window: int = 500
    max_words: int = 40  # CJK characters count one word each
    prose_words: int = 25  # a line this long reads as prose even without a full stop
    max_interior_share: float = 0.5
    warmup_pages: int = 10  # a crawl holds a site's first records until it has seen this many

    def is_template(self, line: LineStats, site_pages: int) -> bool:
        if line.words > self.max_words or line.pages < self.min_pages:
            return False
        if line.pages < self.min_share * min(site_pages, self.window):
            return False
        return line.interior < self.max_interior_share * line.pages
