"""Requests on the shared queue as JSON (scrapy-redis ``SCHEDULER_SERIALIZER``).

scrapy-redis pickles requests by default, and unpickling runs whatever the bytes say: anyone
who can write to the Redis server could run code in every worker. JSON carries only data.
``Request.to_dict()`` has bytes (headers, body) and dicts keyed by bytes (headers), so those
are tagged: ``{"$b": base64}`` for bytes, ``{"$d": [[key, value], ...]}`` for a dict with
keys that are not all strings. Anything else that JSON cannot hold is a clear error naming
the request, never a silent loss.
"""

from __future__ import annotations

import base64
import json
from typing import Any

_BYTES = "$b"
_DICT = "$d"


def dumps(obj: dict[str, Any]) -> bytes:
    try:
        return json.dumps(_tag(obj), separators=(",", ":"), sort_keys=True).encode("utf-8")
    except TypeError as exc:
        raise TypeError(f"request {obj.get('url')!r} cannot go on the shared queue: {exc}") \
            from exc


def loads(data: bytes | str) -> dict[str, Any]:
    return _untag(json.loads(data))


def _tag(value: Any) -> Any:
    if isinstance(value, bytes):
        return {_BYTES: base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("$") for key in value):
            return {key: _tag(item) for key, item in value.items()}
        return {_DICT: [[_tag(key), _tag(item)] for key, item in value.items()]}
    if isinstance(value, list | tuple):
        return [_tag(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{type(value).__name__} value {value!r} is not JSON data")


def _untag(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_BYTES}:
            return base64.b64decode(value[_BYTES])
        if set(value) == {_DICT}:
            return {_untag(key): _untag(item) for key, item in value[_DICT]}
        return {key: _untag(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_untag(item) for item in value]
    return value
