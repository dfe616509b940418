"""Scrapy settings for Thresher (scrapy.cfg points here).

Per-source values (delay, concurrency, private addresses) are layered on top by
:func:`crawler.run.crawl_settings`; ``THRESHER_*`` names are Thresher's own settings.
"""

from scrapy.settings import default_settings

BOT_NAME = "thresher"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
USER_AGENT = "Thresher/0.1 (+news ingestion; obeys robots.txt)"

# Politeness: robots.txt, AutoThrottle, retries with backoff.
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 1.0  # seconds, doubled per attempt (crawler.middlewares.retry_backoff)
RETRY_BACKOFF_MAX = 60.0
DOWNLOAD_TIMEOUT = 30
CONCURRENT_REQUESTS = 16
# Outputs of one callback processed at once. Scrapy starts this many asyncio tasks for EVERY
# response (default 100); a page yields one item, so 100 tasks cost ~1 ms of reactor time per
# page for nothing. Items of different pages still run concurrently (one slot per response).
CONCURRENT_ITEMS = 4
CONCURRENT_REQUESTS_PER_DOMAIN = 8

# Size caps: a 50 MB page or a gzip bomb becomes an errors entry (fetch, too_large).
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# Depth is enforced by the spider from the source's max_depth, which keeps the count exact.
DEPTH_LIMIT = 0
DUPEFILTER_CLASS = "crawler.dupefilter.MemoryDupeFilter"

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.canonical.CanonicalUrlMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots_policy.RobotsPolicyMiddleware": 100,  # RFC 9309 errors
    "crawler.middlewares.traps.TrapMiddleware": 110,
    "crawler.middlewares.network_guard.NetworkGuardMiddleware": 130,
    "crawler.middlewares.private_scope.PrivateScopeMiddleware": 131,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry_backoff.BackoffRetryMiddleware": 550,
    "crawler.middlewares.conditional.ConditionalRequestMiddleware": 560,
    "crawler.middlewares.content_type.ContentTypeMiddleware": 575,
    "crawler.middlewares.xml_safety.XmlSafetyMiddleware": 576,
    "crawler.middlewares.truncation.TruncationMiddleware": 595,
    "crawler.middlewares.redirects.RedirectBoundsMiddleware": 610,  # sees 3xx before Scrapy
}

# Hardening (issue 7; tests/hardening): idle/total limits per response, canonical request
# fingerprints, trap bounds, RFC 9309 robots.txt errors.
DOWNLOAD_HANDLERS = {
    "http": "crawler.middlewares.timeouts.TimedDownloadHandler",
    "https": "crawler.middlewares.timeouts.TimedDownloadHandler",
}
THRESHER_IDLE_TIMEOUT = 10.0  # seconds without a byte -> fetch/idle_timeout
THRESHER_TOTAL_TIMEOUT = 25.0  # seconds for a whole response -> fetch/total_timeout
REQUEST_FINGERPRINTER_CLASS = "crawler.middlewares.canonical.CanonicalRequestFingerprinter"
THRESHER_TRAP_MAX_PAGE = 200
THRESHER_TRAP_MAX_CHAIN = 50
THRESHER_TRAP_MAX_SEGMENTS = 25
THRESHER_ROBOTS_UNREACHABLE_TTL = 600.0

ITEM_PIPELINES = {
    "crawler.pipelines.extract.ExtractPipeline": 300,
    "crawler.pipelines.duplicates.DuplicateRecordPipeline": 400,
    "crawler.pipelines.changed.ChangedOnlyPipeline": 410,
    "crawler.pipelines.templates.TemplatePipeline": 420,
    "crawler.pipelines.dedup.DedupPipeline": 430,
    "crawler.pipelines.validate.SchemaValidationPipeline": 500,
    "crawler.pipelines.sinks.SinkPipeline": 900,
}

EXTENSIONS = {
    "crawler.progress.ProgressLine": 500,
}
# Scrapy's own extensions minus two that are off anyway (settings below) but whose modules
# Scrapy imports before finding that out: remote control imports aiohttp (~10 MB resident in
# the crawl process), telnet imports twisted.conch. Listing them as None in EXTENSIONS would
# not help: Scrapy imports every key there too.
_unused_extensions = ("scrapy.extensions.remote_control.RemoteControl",
                      "scrapy.extensions.telnet.TelnetConsole")
EXTENSIONS_BASE = {path: order for path, order in default_settings.EXTENSIONS_BASE.items()
                   if path not in _unused_extensions}
TELNETCONSOLE_ENABLED = False  # no listening sockets a crawl does not need
REMOTE_CONTROL_ENABLED = False

THRESHER_SINKS = ["crawler.sinks.jsonl.JsonlSink", "crawler.sinks.sqlite.SqliteSink"]
THRESHER_EXTRACT_WORKERS = -1  # -1: crawler.pool.default_workers(); 0: inline
THRESHER_EXTRACT_START_METHOD = "spawn"  # lean workers; "forkserver": faster (re)starts, +1 process
THRESHER_PROGRESS = False  # the live progress line (stderr); crawl --progress or a TTY
GUARD_ALLOW_PRIVATE = False

# Changed-only recrawls, site template memory, near-duplicate groups (crawler/state, the
# conditional middleware and the changed/templates/dedup pipelines). The state file defaults
# to <output>/state.sqlite; THRESHER_STATE_PATH puts it elsewhere.
THRESHER_CHANGED_ONLY = True
THRESHER_TEMPLATES = True
THRESHER_TEMPLATE_WARMUP = 10  # a site's first records wait until it has shown this many pages
THRESHER_DEDUP = True
THRESHER_DEDUP_DROP_COPIES = False  # copies are delivered, marked with duplicate_of

LOG_LEVEL = "INFO"
