"""Imported once by a multiprocessing fork server (``start_method="forkserver"``), never by
the crawl itself.

Importing it loads and warms the extractors (parsers, language and date models) in the fork
server, so extraction workers forked from it start warm instead of paying seconds each. The
price: the fork server holds a whole warm worker's memory for the crawl's lifetime, which is
why the default start method is "spawn" (see :mod:`crawler.pool`).
"""

import contextlib

# A broken extractors install must not kill the fork server: the workers import the
# extractors again and every page then reports the failure as its own extract error.
with contextlib.suppress(Exception):
    from .extract_job import warm_up

    warm_up()
