"""Helpers for tests: local HTTP servers on 127.0.0.1, port 0, and the sites they serve."""
