"""Imported once by the multiprocessing fork server, never by the crawl itself.

Importing it loads and warms the extractors (parsers, language and date models) in the fork
server, so extraction workers forked from it start warm instead of paying seconds each.
"""

import contextlib

from .pool import warm_up

# A broken extractors install must not kill the fork server: the workers import the
# extractors again and every page then reports the failure as its own extract error.
with contextlib.suppress(Exception):
    warm_up()
