"""Template memory for one site: count recurring lines page by page, say which are template."""

from __future__ import annotations

from dataclasses import dataclass

from extractors import Article

from ..state import LineStats, SiteLines
from .lines import page_lines
from .policy import TemplatePolicy


@dataclass
class _Counts:
    text: str
    pages: int
    interior: int
    words: int
    first_page: int


class SiteTemplateLearner:
    """Mutable line counts for one site; load from and save to a ``TemplateStore``."""

    def __init__(self, site: str, policy: TemplatePolicy, learned: SiteLines | None = None):
        self.site = site
        self.policy = policy
        self.pages = learned.pages if learned else 0
        self._counts = {s.key: _Counts(s.text, s.pages, s.interior, s.words, s.first_page)
                        for s in (learned.lines if learned else ())}
        # Keys seen on at least ``min_pages`` pages: the only lines the policy can call
        # template. Most lines of a news site occur once, so judging these few instead of
        # every counted line keeps template() cheap on the crawl's reactor thread.
        self._recurring = {k for k, c in self._counts.items() if c.pages >= policy.min_pages}
        self._template: dict[str, str] | None = None

    def observe(self, record: Article) -> None:
        """Count the lines of one page (long lines are never template: not even stored)."""
        self.pages += 1
        lines = page_lines(record, self.policy.prose_words)
        article_like = [line.reads_as_prose and line.key not in self._counts for line in lines]
        counted: set[str] = set()
        for index, line in enumerate(lines):
            if line.words > self.policy.max_words or line.key in counted:
                continue
            counted.add(line.key)
            counts = self._counts.get(line.key)
            if counts is None:
                counts = self._counts[line.key] = _Counts(line.text, 0, 0, line.words,
                                                          self.pages)
            counts.pages += 1
            if counts.pages >= self.policy.min_pages:
                self._recurring.add(line.key)
            # Wedged between two lines that read as article prose and that this site has
            # never shown before: on this page the line is part of the article.
            inside = 0 < index < len(lines) - 1 and article_like[index - 1] \
                and article_like[index + 1]
            counts.interior += int(inside)
        self._template = None
        if self.pages % self.policy.window == 0:
            self._prune()

    def template(self) -> dict[str, str]:
        """Folded key -> line text of every line that is template now (in no set order)."""
        if self._template is None:
            self._template = {
                key: self._counts[key].text for key in self._recurring
                if self.policy.is_template(self._stats(key, self._counts[key]), self.pages)
            }
        return self._template

    def snapshot(self) -> SiteLines:
        self._prune()
        lines = tuple(self._stats(k, c) for k, c in sorted(self._counts.items()))
        return SiteLines(self.site, self.pages, lines)

    def _prune(self) -> None:
        """Forget lines seen once long ago: they cannot become template within a window."""
        horizon = self.pages - self.policy.window
        self._counts = {k: c for k, c in self._counts.items()
                        if c.pages > 1 or c.first_page > horizon}
        self._recurring &= self._counts.keys()

    @staticmethod
    def _stats(key: str, c: _Counts) -> LineStats:
        return LineStats(key, c.text, c.pages, c.interior, c.words, c.first_page)
