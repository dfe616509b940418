"""The published OpenAPI document (what ``/openapi.json`` serves), without a running service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .api import create_app
from .config import ServiceConfig
from .lifecycle import ThresherService


def openapi_document() -> dict[str, Any]:
    # The document depends only on the routes, not on state: an unstarted service will do.
    service = ThresherService(ServiceConfig(state_dir=Path("/nonexistent")), ())
    return create_app(service, token="unused", manage_service=False).openapi()
