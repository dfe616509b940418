"""A JSON Lines file that never holds half a line and appears atomically when finished.

Lines go to ``NAME.part`` in the same folder, each written whole and flushed; ``close``
fsyncs and renames the part file to ``NAME`` (atomic on one filesystem). Reopened for a
resumed run, a trailing partial line left by a crash is cut off and the keys already written
are remembered, so nothing is written twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

KeyOf = Callable[[dict[str, Any]], str]


class AtomicJsonlFile:
    def __init__(self, path: Path, key_of: KeyOf) -> None:
        self.path = path
        self.part_path = path.with_name(path.name + ".part")
        self._key_of = key_of
        self._keys: set[str] = set()
        self._file: IO[bytes] | None = None
        self.resumed_lines = 0

    def open(self) -> None:
        """Start the file, or continue the part (or finished) file of the same run."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and not self.part_path.exists():
            os.replace(self.path, self.part_path)  # the same run goes on: keep its lines
        if self.part_path.exists():
            self._recover()
        self._file = open(self.part_path, "ab")  # noqa: SIM115 - closed in close()

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def write(self, obj: dict[str, Any]) -> bool:
        """Append one line; ``False`` (and nothing written) when its key is already there."""
        if self._file is None:
            raise RuntimeError(f"{self.part_path}: write before open")
        key = self._key_of(obj)
        if key in self._keys:
            return False
        line = json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"
        self._file.write(line.encode("utf-8"))
        self._file.flush()  # whole line handed to the OS: survives a kill -9 of this process
        self._keys.add(key)
        return True

    def close(self) -> None:
        """Make the file durable and give it its final name."""
        if self._file is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
        os.replace(self.part_path, self.path)
        _fsync_dir(self.path.parent)

    def _recover(self) -> None:
        data = self.part_path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):  # a crash mid-line: cut the partial line
            with open(self.part_path, "r+b") as handle:
                handle.truncate(end)
        for raw in data[:end].splitlines():
            try:
                self._keys.add(self._key_of(json.loads(raw)))
                self.resumed_lines += 1
            except (ValueError, KeyError, TypeError):
                continue  # an unreadable line cannot be a duplicate of anything


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
