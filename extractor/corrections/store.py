"""Corrections kept in the catalog (SQLite), beside the records they correct.

One row per corrected field of a record; correcting it again replaces the new value and keeps
the first ``antes`` (the value the reader gave), so the record always shows what was read and
what it became. Every write is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from extractor.corrections import Correction
from extractor.errors import CatalogError

_TABLE = (
    "CREATE TABLE IF NOT EXISTS correcciones ("
    " sha256 TEXT NOT NULL, parte INTEGER NOT NULL, campo TEXT NOT NULL, antes TEXT, despues TEXT,"
    " origen TEXT NOT NULL, fecha TEXT NOT NULL, PRIMARY KEY (sha256, parte, campo))"
)


# A catalog opened by two runs at once: the one that finds it locked while setting it up tries
# again, for up to about this many seconds (SQLite answers "locked" at once, without waiting,
# when two connections would otherwise wait for each other).
_SETUP_SECONDS = 30.0


def set_up(connection: sqlite3.Connection, statements: list[str]) -> None:
    """Run ``statements`` in one transaction, again while another connection holds the file locked."""
    import time

    deadline = time.monotonic() + _SETUP_SECONDS
    while True:
        try:
            with connection:
                for statement in statements:
                    connection.execute(statement)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class CorrectionStore:
    """The corrections of one catalog's connection."""

    def __init__(self, connection: sqlite3.Connection, where: str) -> None:
        self.connection, self.where = connection, where
        try:
            set_up(self.connection, [_TABLE])
        except sqlite3.Error as exc:
            raise CatalogError(f"No se pueden guardar correcciones en el catálogo {where} ({type(exc).__name__}).") \
                from exc
        self._cache: dict[tuple[str, int], list[Correction]] | None = None

    def add(self, items: list[Correction]) -> None:
        """Store ``items`` (one transaction); a field corrected again keeps its first ``antes``."""
        try:
            with self.connection:
                self.connection.executemany(
                    "INSERT INTO correcciones (sha256, parte, campo, antes, despues, origen, fecha)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256, parte, campo) DO UPDATE SET"
                    " despues = excluded.despues, origen = excluded.origen, fecha = excluded.fecha",
                    [(c.sha256, c.parte, c.campo, _dump(c.antes), _dump(c.despues), c.origen, c.fecha)
                     for c in items])
        except sqlite3.Error as exc:
            raise CatalogError(f"No se pueden guardar las correcciones en el catálogo {self.where} "
                               f"({type(exc).__name__}): compruebe que el disco tenga espacio.") from exc
        self._cache = None

    def remove(self, sha256: str, parte: int, campo: str) -> bool:
        """Forget the correction of one field (the reader's value comes back); whether there was one."""
        with self.connection:
            cursor = self.connection.execute(
                "DELETE FROM correcciones WHERE sha256 = ? AND parte = ? AND campo = ?", (sha256, parte, campo))
        self._cache = None
        return cursor.rowcount > 0

    def of(self, sha256: str, parte: int) -> list[Correction]:
        """The corrections of one record, in the order they were first made."""
        if self._cache is None:
            self._cache = {}
            for item in self.all():
                self._cache.setdefault((item.sha256, item.parte), []).append(item)
        return list(self._cache.get((sha256, parte), []))

    def all(self) -> list[Correction]:
        """Every correction of the catalog."""
        try:
            rows = self.connection.execute(
                "SELECT sha256, parte, campo, antes, despues, origen, fecha FROM correcciones ORDER BY rowid"
            ).fetchall()
        except sqlite3.Error:
            return []
        return [Correction(r[0], int(r[1]), r[2], _load(r[3]), _load(r[4]), r[5], r[6]) for r in rows]

    def __len__(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM correcciones").fetchone()[0])


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _load(text: str | None) -> Any:
    return json.loads(text) if text is not None else None
