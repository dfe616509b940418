"""Shared fixtures: a local news site on 127.0.0.1, port 0 (see tests/support/)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.server import SiteServer


@pytest.fixture
def news_server() -> Iterator[SiteServer]:
    with SiteServer() as server:
        yield server
