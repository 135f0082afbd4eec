"""Turning the command line's files and folders into the ordered list of documents to read."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from extractor.errors import InputNotFoundError

# In a folder, the files that may be POAIs. A file named on the command line is always read
# (its format is detected from its bytes, whatever its name says).
DOCUMENT_SUFFIXES = {".pdf", ".docx", ".doc", ".txt", ".md", ".docm", ".xlsx", ".xlsm"}


def collect_inputs(inputs: Iterable[str | os.PathLike[str]],
                   skip: Iterable[str | os.PathLike[str] | None] = ()) -> list[str]:
    """Files in input order; a folder contributes its documents, recursively, sorted by path.

    ``skip``: files a folder does not contribute (the run's own workbook, the unit POA: poai
    wrote the one and reads the other as the POA). A file named on its own is always an input.
    """
    skipped = {Path(p).resolve() for p in skip if p is not None}
    found: list[str] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            documents = [
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
                and not p.name.startswith(("~$", ".")) and not p.name.endswith(".expected.json")
                and p.resolve() not in skipped
            ]
            found.extend(os.fspath(p) for p in sorted(documents, key=lambda p: p.as_posix()))
        elif path.exists():
            found.append(os.fspath(raw))
        else:
            raise InputNotFoundError(f"No existe el archivo o carpeta: {os.fspath(raw)}", os.fspath(raw))
    return found
