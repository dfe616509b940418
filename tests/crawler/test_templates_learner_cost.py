"""The learner judges only recurring lines, and still says exactly what judging all would."""

from __future__ import annotations

import random

from crawler.templates import SiteTemplateLearner, TemplatePolicy
from extractors import Article

SITE = "recurring.example"
FOOTER = ["Subscribe to our newsletter", "All rights reserved", "Share this story"]


def _record(rng: random.Random, page: int) -> Article:
    lines = [f"Unique paragraph {page}-{i} about the day's events." for i in range(6)]
    lines[2:2] = rng.sample(FOOTER, rng.randint(0, len(FOOTER)))
    if page > 300:  # a redesign: a new footer line appears, the old ones fade
        lines.append("Follow us on the new app")
    text = "\n".join(lines)
    return Article(id=str(page), url=f"https://{SITE}/news/{page}.html", canonical_url=None,
                   title=None, text=text, markdown=text, word_count=0, content_hash="")


def _judged_over_every_line(learner: SiteTemplateLearner) -> dict[str, str]:
    """The definition: every counted line through the policy."""
    snapshot = learner.snapshot()
    return {s.key: s.text for s in snapshot.lines
            if learner.policy.is_template(s, snapshot.pages)}


def test_template_equals_the_policy_applied_to_every_counted_line():
    rng = random.Random(3)
    policy = TemplatePolicy(window=50)  # prunes often within the test
    learner = SiteTemplateLearner(SITE, policy)
    seen_template = False
    for page in range(400):
        learner.observe(_record(rng, page))
        if page % 7 == 0:
            assert learner.template() == _judged_over_every_line(learner)
            seen_template = seen_template or bool(learner.template())
    assert seen_template
    reloaded = SiteTemplateLearner(SITE, policy, learner.snapshot())
    assert reloaded.template() == _judged_over_every_line(learner)
    assert "follow us on the new app" in {k.casefold() for k in reloaded.template()}
