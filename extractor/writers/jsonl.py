"""Records as JSON Lines (SCHEMA.md): one object per line, UTF-8, written atomically."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from extractor.model.record import Record
from extractor.writers.atomic import AtomicFile


def dumps(record: Record, indent: int | None = None) -> str:
    """A record's JSON text (accents kept as they are)."""
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=indent)


class JsonLinesWriter:
    """Streams records into ``target`` under a temporary name; :meth:`close` puts it in place,
    :meth:`abort` drops it (the previous file stays)."""

    def __init__(self, target: Path) -> None:
        self.atomic = AtomicFile(target)
        self.stream: TextIO = open(self.atomic.path, "w", encoding="utf-8")  # noqa: SIM115 - closed below

    def add(self, records: Iterable[Record]) -> None:
        """Append records, one line each."""
        for record in records:
            self.stream.write(dumps(record) + "\n")

    def close(self) -> None:
        """Finish the file and move it into place."""
        self.stream.close()
        self.atomic.commit()

    def abort(self) -> None:
        """Drop the temporary file."""
        self.stream.close()
        self.atomic.discard()
