"""A deterministic synthetic news site for crawl benchmarks, and a fast local server for it."""
