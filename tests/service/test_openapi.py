"""The published OpenAPI document (docs/openapi.json) matches the app."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.service.openapi import openapi_document

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_docs_openapi_json_is_current() -> None:
    current = openapi_document()
    published = json.loads(PUBLISHED.read_text("utf-8"))
    assert published == json.loads(json.dumps(current)), (
        "docs/openapi.json is stale: run `thresher service --openapi docs/openapi.json`")


def test_the_document_covers_the_feed_and_its_auth() -> None:
    document = openapi_document()
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    records = document["paths"]["/v1/records"]["get"]
    assert {p["name"] for p in records["parameters"]} == {"since", "source", "limit", "format"}
    assert records["security"] == [{"HTTPBearer": []}]
    assert "security" not in document["paths"]["/healthz"]["get"]
    assert set(document["paths"]["/v1/runs"]) == {"get", "post"}
