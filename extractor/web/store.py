"""Documents and the unit POA added through the web page, kept in the catalog (SQLite).

The catalog is the web application's only store: an uploaded file's bytes are kept there under
the name it was given (shown to people and carried as the record's ``archivo``, never used as a
path), so its pages can be shown and its record read again by every later run. Each call opens
its own connection: the server answers from several threads.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing
from pathlib import Path, PurePath

from extractor.corrections import now
from extractor.errors import CatalogError

_TABLES = (
    "CREATE TABLE IF NOT EXISTS documentos (nombre TEXT PRIMARY KEY, sha256 TEXT NOT NULL, datos BLOB NOT NULL,"
    " subido TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS poa_subido (id INTEGER PRIMARY KEY CHECK (id = 1), nombre TEXT NOT NULL,"
    " sha256 TEXT NOT NULL, datos BLOB NOT NULL, subido TEXT NOT NULL)",
)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")
NAME_LENGTH = 120


def display_name(given: str | None) -> str:
    """The name an uploaded file is shown by: its last path component as the browser sent it, without
    control characters, at most :data:`NAME_LENGTH` characters (never used to open a file)."""
    name = _UNSAFE.sub("", PurePath((given or "").replace("\\", "/")).name).strip()
    if len(name) > NAME_LENGTH:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[:NAME_LENGTH - len(suffix) - 2] + "…" + dot + suffix) if dot and len(suffix) < 10 \
            else name[:NAME_LENGTH]
    return name or "documento"


class Uploads:
    """The uploaded documents and POA of one catalog file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as connection, connection:
                for table in _TABLES:
                    connection.execute(table)
        except (OSError, sqlite3.Error) as exc:
            raise CatalogError(f"No se puede abrir el catálogo {path} ({type(exc).__name__}).") from exc

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(str(self.path), timeout=30)

    def add(self, name: str, data: bytes) -> tuple[str, bool]:
        """Keep a document; returns the name it is kept under and whether it is new (the same content
        uploaded again is kept once, under its first name; another content under a taken name gets
        " (2)", " (3)" … before its extension)."""
        digest = hashlib.sha256(data).hexdigest()
        with closing(self._connect()) as connection, connection:
            known = connection.execute("SELECT nombre FROM documentos WHERE sha256 = ?", (digest,)).fetchone()
            if known is not None:
                return str(known[0]), False
            taken = {row[0] for row in connection.execute("SELECT nombre FROM documentos")}
            stored = _free(name, taken)
            connection.execute("INSERT INTO documentos (nombre, sha256, datos, subido) VALUES (?, ?, ?, ?)",
                               (stored, digest, data, now()))
        return stored, True

    def remove(self, name: str) -> bool:
        """Forget an uploaded document (its corrections stay in the catalog); whether it was there."""
        with closing(self._connect()) as connection, connection:
            return connection.execute("DELETE FROM documentos WHERE nombre = ?", (name,)).rowcount > 0

    def names(self) -> list[str]:
        """The uploaded documents' names, in the order they were added."""
        with closing(self._connect()) as connection:
            return [row[0] for row in connection.execute("SELECT nombre FROM documentos ORDER BY rowid")]

    def get(self, name: str) -> bytes | None:
        """The bytes of an uploaded document."""
        with closing(self._connect()) as connection:
            row = connection.execute("SELECT datos FROM documentos WHERE nombre = ?", (name,)).fetchone()
        return bytes(row[0]) if row is not None else None

    def documents(self) -> Mapping[str, bytes]:
        """The uploaded documents as the batch reads them: by name, their bytes fetched one at a time."""
        return _Documents(self, self.names())

    def set_poa(self, name: str, data: bytes) -> None:
        """Keep the unit POA uploaded (replacing the one before)."""
        with closing(self._connect()) as connection, connection:
            connection.execute("INSERT OR REPLACE INTO poa_subido (id, nombre, sha256, datos, subido)"
                               " VALUES (1, ?, ?, ?, ?)", (name, hashlib.sha256(data).hexdigest(), data, now()))

    def poa(self) -> tuple[str, bytes] | None:
        """The uploaded unit POA: its name and bytes."""
        with closing(self._connect()) as connection:
            row = connection.execute("SELECT nombre, datos FROM poa_subido WHERE id = 1").fetchone()
        return (str(row[0]), bytes(row[1])) if row is not None else None

    def clear_poa(self) -> None:
        """Forget the uploaded unit POA."""
        with closing(self._connect()) as connection, connection:
            connection.execute("DELETE FROM poa_subido")


class _Documents(Mapping[str, bytes]):
    """A read-only view of the uploads taken when a batch starts (bytes loaded on demand)."""

    def __init__(self, uploads: Uploads, names: list[str]) -> None:
        self.uploads, self.order = uploads, names

    def __getitem__(self, name: str) -> bytes:
        data = self.uploads.get(name) if name in self.order else None
        if data is None:
            raise KeyError(name)
        return data

    def __contains__(self, name: object) -> bool:
        return name in self.order

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)


def _free(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    number = 2
    while f"{stem} ({number}){dot}{suffix}" in taken:
        number += 1
    return f"{stem} ({number}){dot}{suffix}"
