"""What the pages share: finding a record, naming a document, the filters of the list."""

from __future__ import annotations

import re
from pathlib import Path

from flask import abort

from extractor.corrections import part_of
from extractor.model.record import Record
from extractor.web.app import workspace

_SHA = re.compile(r"[0-9a-f]{64}")


def record_or_404(sha256: str, parte: int) -> Record:
    """The record of a document in the last read; 404 when there is none."""
    if not _SHA.fullmatch(sha256):
        abort(404)
    record = workspace().snapshot.record(sha256, parte)
    if record is None:
        abort(404)
    return record


def shown_name(record: Record) -> str:
    """A document's name as the page shows it: an upload's name, a folder file's path inside the folder."""
    space = workspace()
    folder = space.settings.carpeta
    if record.archivo in space.snapshot.uploaded or folder is None:
        return record.archivo
    try:
        return Path(record.archivo).resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return record.archivo


def part_label(record: Record) -> str:
    """" (POAI 2 de 3)" for a part of a file of several POAIs; "" otherwise."""
    return f" (POAI {record.parte['n']} de {record.parte['de']})" if record.parte else ""


def key(record: Record) -> dict[str, object]:
    """The URL arguments of a record's page."""
    return {"sha256": record.sha256, "parte": part_of(record)}
