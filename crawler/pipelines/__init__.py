"""Thresher's item pipelines, one per module, in the order :mod:`crawler.settings` gives.

    extract (300) -> duplicates (400) -> validate (500) -> sinks (900)

Each is a thin adapter around one function or one store. An item that stops anywhere leaves
a trace: an errors-output line, or a ``thresher/...`` stats count.
"""
