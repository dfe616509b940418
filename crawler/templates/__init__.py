"""Site template memory: lines that recur across many pages of one site are not article."""

from .learner import SiteTemplateLearner
from .memory import TemplateMemory, learn_and_strip
from .policy import TemplatePolicy
from .site import site_of
from .strip import RULE_PREFIX, strip_template

__all__ = [
    "RULE_PREFIX",
    "SiteTemplateLearner",
    "TemplateMemory",
    "TemplatePolicy",
    "learn_and_strip",
    "site_of",
    "strip_template",
]
