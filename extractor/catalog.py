"""The embedded catalog: records already read, keyed by file content and poai version.

A SQLite file. A re-run over unchanged files takes their records from here instead of
parsing again. It keeps the *unaudited* record and the layout facts the audit needs, so a
change of audit rules (or of the unit POA) never needs a document read again. Every write
is one transaction, so the catalog never holds half a record, even if the run is interrupted.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from importlib import resources
from pathlib import Path

from extractor._version import __version__
from extractor.corrections.store import CorrectionStore, set_up
from extractor.errors import CatalogError
from extractor.model.facts import AuditFacts
from extractor.model.record import Record
from extractor.pipeline import Extraction

# What the stored records are: bumped when their meaning changes (now: unaudited records, a
# file holding several POAIs stored as the list of its parts).
_SCHEMA = "r3"

def catalog_version() -> str:
    """poai's version plus a digest of the layout vocabulary (a vocabulary change re-reads all)."""
    digest = hashlib.sha256()
    folder = resources.files("extractor.layout")
    for name in sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".toml")):
        digest.update(folder.joinpath(name).read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}+{_SCHEMA}"


class Catalog:
    """Records by (sha256, version)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.version = catalog_version()
        self._corrections: CorrectionStore | None = None
        try:
            self.connection = sqlite3.connect(str(self.path), timeout=30)
            set_up(self.connection, [
                "PRAGMA journal_mode=WAL",
                "CREATE TABLE IF NOT EXISTS registros ("
                " sha256 TEXT NOT NULL, version TEXT NOT NULL, registro TEXT NOT NULL, hechos TEXT,"
                " creado TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (sha256, version))",
            ])
        except sqlite3.Error as exc:
            raise CatalogError(f"No se puede abrir el catálogo {self.path} ({type(exc).__name__}): indique otro "
                               "catálogo o lea sin catálogo.") from exc

    def get(self, sha256: str, archivo: str) -> Extraction | None:
        """The stored records of this content (one per POAI it holds), named ``archivo``, with their
        audit facts."""
        try:
            row = self.connection.execute(
                "SELECT registro, hechos FROM registros WHERE sha256 = ? AND version = ?", (sha256, self.version)
            ).fetchone()
        except sqlite3.Error:
            return None  # an unreadable catalog only costs a re-read
        if row is None:
            return None
        records, hechos = json.loads(row[0]), json.loads(row[1]) if row[1] else None
        parts = []
        for number, data in enumerate(records):
            record = Record.from_dict(data)
            record.archivo = archivo
            facts = hechos[number] if hechos else None
            parts.append(Extraction(record, AuditFacts.from_dict(facts) if facts else None))
        first = parts[0]
        first.more = parts[1:]
        return first

    def put(self, extraction: Extraction) -> None:
        """Store the unaudited records of a file and their audit facts (one transaction)."""
        record = extraction.record
        if not record.sha256:
            return
        parts = extraction.parts()
        registro = json.dumps([p.record.to_dict() for p in parts], ensure_ascii=False)
        facts = [p.facts.as_dict() if p.facts is not None else None for p in parts]
        hechos = json.dumps(facts, ensure_ascii=False) if any(f is not None for f in facts) else None
        try:
            with self.connection:
                self.connection.execute(
                    "INSERT OR REPLACE INTO registros (sha256, version, registro, hechos) VALUES (?, ?, ?, ?)",
                    (record.sha256, self.version, registro, hechos),
                )
        except sqlite3.Error as exc:
            raise CatalogError(f"No se puede escribir en el catálogo {self.path} ({type(exc).__name__}): compruebe "
                               "que el disco tenga espacio o indique otro catálogo.") from exc

    @property
    def corrections(self) -> CorrectionStore:
        """The corrections kept in this catalog."""
        if self._corrections is None:
            self._corrections = CorrectionStore(self.connection, str(self.path))
        return self._corrections

    def __len__(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM registros").fetchone()[0])

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()
