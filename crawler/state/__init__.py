"""What a crawl remembers between runs: page visits, site templates, the near-duplicate index.

``StateStore`` is the interface; ``SQLiteStateStore`` the embedded default.
"""

from .model import DedupEntry, LineStats, PageState, SiteLines, Validators
from .protocol import DedupStore, PageStore, StateStore, TemplateStore
from .sqlite import SQLiteStateStore, StateStoreError

__all__ = [
    "DedupEntry",
    "DedupStore",
    "LineStats",
    "PageState",
    "PageStore",
    "SQLiteStateStore",
    "SiteLines",
    "StateStore",
    "StateStoreError",
    "TemplateStore",
    "Validators",
]
