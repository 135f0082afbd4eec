"""Records as JSON Lines (SCHEMA.md): one object per line, UTF-8, written atomically."""

from __future__ import annotations

import contextlib
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
    :meth:`abort` drops it (the previous file stays). The temporary file is made by the first
    write, not before: a run that never gets to write leaves nothing behind."""

    def __init__(self, target: Path) -> None:
        self.atomic = AtomicFile(target)
        self.stream: TextIO | None = None

    def _open(self) -> TextIO:
        if self.stream is None:
            self.stream = open(self.atomic.create(), "w", encoding="utf-8")  # noqa: SIM115 - closed below
        return self.stream

    def add(self, records: Iterable[Record]) -> None:
        """Append records, one line each."""
        for record in records:
            self._open().write(dumps(record) + "\n")

    def close(self) -> None:
        """Finish the file and move it into place (on failure, e.g. a full disk, nothing is left)."""
        try:
            self._open().close()  # flushes: a full disk shows here
        except BaseException:
            self.abort()
            raise
        self.atomic.commit()

    def abort(self) -> None:
        """Drop the temporary file, whatever closing it meets."""
        if self.stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self.stream.close()
        self.atomic.discard()
