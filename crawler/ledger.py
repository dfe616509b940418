"""The done-ledger: request fingerprints whose outcome (record or error) is safely written.

A page enters the ledger only *after* its record reached every sink (or its error reached the
errors file), so a crash can lose ledger lines but never a record: a page missing from the
ledger is simply fetched again on resume, and the sinks drop the repeat. Kept in the job
directory as one fingerprint per line; without a job directory it lives in memory only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

_FINGERPRINT = re.compile(r"^[0-9a-f]{16,128}$")


class DoneLedger:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._done: set[str] = set()
        self._file: IO[str] | None = None

    def open(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            for line in self.path.read_text("utf-8", errors="replace").splitlines():
                if _FINGERPRINT.match(line):  # a torn last line is not a fingerprint
                    self._done.add(line)
        self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self._file.write("\n")  # start clean after a torn line

    def __contains__(self, fingerprint: str) -> bool:
        return fingerprint in self._done

    def __len__(self) -> int:
        return len(self._done)

    def commit(self, fingerprint: str) -> None:
        if not fingerprint or fingerprint in self._done:
            return
        self._done.add(fingerprint)
        if self._file is not None:
            self._file.write(fingerprint + "\n")
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
