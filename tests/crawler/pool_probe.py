"""Work functions for pool tests: they report on the worker process itself."""

from __future__ import annotations

import os
import sys

from crawler.extract_job import RECORD, ExtractJob, ExtractOutcome


def loaded_modules(job: ExtractJob) -> ExtractOutcome:
    """Which heavy modules the worker has loaded (a worker should hold extraction only)."""
    names = ("scrapy", "twisted", "datasketch", "scipy", "extractors")
    return ExtractOutcome(RECORD, record={"pid": os.getpid(),
                                          **{name: name in sys.modules for name in names}})
