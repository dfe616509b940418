"""Template memory across sites: learners loaded on first use, saved back to the store."""

from __future__ import annotations

from collections.abc import Sequence

from extractors import Article

from ..state import TemplateStore
from .learner import SiteTemplateLearner
from .policy import TemplatePolicy
from .site import site_of
from .strip import strip_template


class TemplateMemory:
    def __init__(self, store: TemplateStore, policy: TemplatePolicy | None = None) -> None:
        self.policy = policy or TemplatePolicy()
        self._store = store
        self._learners: dict[str, SiteTemplateLearner] = {}

    def learner(self, site: str) -> SiteTemplateLearner:
        if site not in self._learners:
            self._learners[site] = SiteTemplateLearner(site, self.policy, self._store.load(site))
        return self._learners[site]

    def observe(self, record: Article) -> SiteTemplateLearner:
        learner = self.learner(site_of(record))
        learner.observe(record)
        return learner

    def strip(self, record: Article) -> Article:
        site = site_of(record)
        return strip_template(record, self.learner(site).template(), site)

    def save(self) -> None:
        """Write every site's counts to the store (the caller commits)."""
        for learner in self._learners.values():
            self._store.save(learner.snapshot())


def learn_and_strip(records: Sequence[Article], memory: TemplateMemory) -> list[Article]:
    """A batch: learn from every record first, then strip each with its site's template."""
    for record in records:
        memory.observe(record)
    return [memory.strip(record) for record in records]
