"""The documents a web server works on: read through the library's batch, corrected in the catalog.

Every read goes through :class:`extractor.api.Batch` with the server's catalog, POA and
limits, as ``poai run`` reads: documents of the folder from their files, uploaded ones from the
catalog. A read of new documents runs in a background thread the page follows; after a
correction every record is read again from the catalog (fast: nothing is parsed again), so the
audit, corpus rules included, always runs on the corrected records. The records shown are that
last read's; the catalog stays the only store.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.api import Batch, Options, RunSummary, poai_workbook, run
from extractor.catalog import Catalog
from extractor.corrections import Correction, correction, part_of
from extractor.errors import PoaError, PoaiError
from extractor.inputs import collect_inputs
from extractor.model.record import Record
from extractor.pipeline import load_file
from extractor.poa.model import Operation
from extractor.readers.detect import detect_format
from extractor.web.settings import Settings
from extractor.web.store import Uploads

log = logging.getLogger("poai.web")


class Cancelled(BaseException):
    """The server is stopping: the read in progress ends (a BaseException, so nothing swallows it)."""


@dataclass
class Reading:
    """The read in progress or last done, as the page follows it."""

    running: bool = False
    total: int = 0
    done: int = 0
    current: str = ""
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON the page polls."""
        return {"leyendo": self.running, "total": self.total, "hechos": self.done, "actual": self.current,
                "error": self.error}


@dataclass
class Snapshot:
    """The records of the last read, the POA's operations and its coverage."""

    records: list[Record] = field(default_factory=list)
    uploaded: frozenset[str] = frozenset()
    files: frozenset[str] = frozenset()  # the folder's files read
    operations: list[Operation] = field(default_factory=list)
    coverage: list[dict[str, Any]] | None = None
    poa_error: str | None = None

    def record(self, sha256: str, parte: int) -> Record | None:
        """The record of a document (its part ``parte``; 0 for a file of one POAI)."""
        for record in self.records:
            if record.sha256 == sha256 and part_of(record) == parte:
                return record
        return None


class Sources(Mapping[str, bytes]):
    """Every document of a read by the name its record carries: the folder's files, then the uploads.
    Asking for a document once the server is stopping ends the read."""

    def __init__(self, files: list[str], uploads: Mapping[str, bytes], stop: threading.Event) -> None:
        self.files, self.uploads, self.stop = files, uploads, stop
        self.order = [*files, *uploads]

    def __getitem__(self, name: str) -> bytes:
        if self.stop.is_set():
            raise Cancelled()
        if name in self.uploads:
            return self.uploads[name]
        if name in self.files:
            return load_file(name)
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        return name in self.uploads or name in self.files

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)


class Workspace:
    """The folder, uploads, POA and catalog one server works on."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.catalog_path = settings.catalog
        self.uploads = Uploads(self.catalog_path)
        if settings.poa is not None:
            self.uploads.clear_poa()  # a POA named when the server starts is the one chosen last
        self._scratch = tempfile.TemporaryDirectory(prefix="poai-web-")
        self._batch_lock = threading.Lock()  # one read at a time
        self._state = threading.Lock()
        self._stop = threading.Event()
        self._again = False
        self._thread: threading.Thread | None = None
        self.snapshot = Snapshot()
        self.reading = Reading()

    # -- inputs ------------------------------------------------------------------------------------------
    def poa(self) -> tuple[Path | None, str | None]:
        """The POA file to read (a copy of an uploaded one in a scratch folder) and its name."""
        uploaded = self.uploads.poa()
        if uploaded is not None:
            name, data = uploaded
            suffix = {"xlsx": ".xlsx", "pdf": ".pdf"}.get(_format(data), ".csv")
            copy = Path(self._scratch.name) / f"poa{suffix}"
            copy.write_bytes(data)
            return copy, name
        if self.settings.poa is not None:
            return self.settings.poa, self.settings.poa.name
        return None, None

    def folder_files(self, poa: Path | None) -> list[str]:
        """The documents of the folder, as ``poai run`` takes them (its workbooks and the POA left out)."""
        folder = self.settings.carpeta
        if folder is None or not folder.is_dir():
            return []
        own = [p for p in folder.rglob("*.xls[xm]") if poai_workbook(p)]
        return collect_inputs([folder], skip=[*own, poa, self.catalog_path])

    def options(self, poa: Path | None) -> Options:
        """The batch options of every read: the server's catalog, POA and limits."""
        return Options(workers=self.settings.workers, cache=self.catalog_path, timeout=self.settings.timeout,
                       poa=poa)

    # -- reading -----------------------------------------------------------------------------------------
    def read(self, progress: Callable[[int, int, str], None] | None = None) -> Snapshot:
        """Read every document (through the catalog) and keep the result as the records shown."""
        with self._batch_lock:
            poa, _name = self.poa()
            uploads = self.uploads.documents()
            sources = Sources(self.folder_files(poa), uploads, self._stop)
            if not sources:
                snapshot = Snapshot()
            else:
                if progress is not None:
                    progress(0, len(sources), "")  # the page shows how many there are from the start
                try:
                    snapshot = self._read(sources, poa, progress)
                except PoaError as exc:  # the documents are shown all the same, without the POA
                    snapshot = self._read(sources, None, progress)
                    snapshot.poa_error = exc.mensaje
            snapshot.uploaded, snapshot.files = frozenset(uploads), frozenset(sources.files)
            self.snapshot = snapshot
            return snapshot

    def _read(self, sources: Sources, poa: Path | None, progress: Callable[[int, int, str], None] | None
              ) -> Snapshot:
        with Batch([], self.options(poa), documents=sources, progress=progress) as batch:
            records = list(batch.records())
            coverage = batch.coverage.rows() if batch.coverage is not None else None
            operations = list(batch.matcher.operations) if batch.matcher is not None else []
        return Snapshot(records, operations=operations, coverage=coverage)

    def view(self) -> tuple[Reading, Snapshot]:
        """The read in progress and the records to show, consistent with each other: the state is
        taken first, so a page never says "done" over the records of before the read."""
        with self._state:
            reading = dataclasses.replace(self.reading)
        return reading, self.snapshot

    def start(self) -> bool:
        """Read every document in the background (the page follows :attr:`reading`); False when a
        read is already running (it reads again when it ends, to take in what was added meanwhile)."""
        with self._state:
            if self.reading.running:
                self._again = True
                return False
            self.reading = Reading(running=True)
        self._thread = threading.Thread(target=self._background, name="poai-lectura", daemon=True)
        self._thread.start()
        return True

    def _progress(self, done: int, total: int, name: str) -> None:
        with self._state:
            self.reading.done, self.reading.total, self.reading.current = done, total, Path(name).name

    def _background(self) -> None:
        while True:
            error = None
            try:
                self.read(self._progress)
            except Cancelled:
                return
            except PoaiError as exc:
                error = exc.mensaje
            except Exception as exc:  # noqa: BLE001 - the server goes on; the page says what happened
                if self.settings.verbose:
                    log.exception("lectura")
                error = f"Error inesperado al leer los documentos ({type(exc).__name__}): {exc}"
            with self._state:
                if self._again and not self._stop.is_set():
                    self._again = False
                    continue
                self.reading.running, self.reading.error = False, error
                return

    def refresh(self) -> bool:
        """Read again after a change; False when a read is running (it then reads again as it ends)."""
        with self._state:
            if self.reading.running:
                self._again = True
                return False
        self.read()
        return True

    def close(self, wait: float = 10.0) -> None:
        """Stop a read in progress (waiting at most ``wait`` seconds) and remove the scratch folder."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait)
        self._scratch.cleanup()

    # -- what a page shows -------------------------------------------------------------------------------
    def source(self, record: Record) -> bytes | None:
        """The bytes a record was read from (None when its file is gone or changed since)."""
        if record.archivo in self.snapshot.uploaded:
            return self.uploads.get(record.archivo)
        if record.archivo not in self.snapshot.files:
            return None  # never a path the last read did not take from the folder
        try:
            data = load_file(record.archivo)
        except PoaiError:
            return None
        return data if hashlib.sha256(data).hexdigest() == record.sha256 else None

    def corrections(self, record: Record) -> list[Correction]:
        """The corrections kept for a record."""
        with Catalog(self.catalog_path) as catalog:
            return catalog.corrections.of(record.sha256, part_of(record))

    # -- changes -----------------------------------------------------------------------------------------
    def correct(self, record: Record, values: Mapping[str, Any]) -> list[Correction]:
        """Keep the values a person typed for fields of ``record`` (``campo`` → text) that differ from
        what it shows, as corrections from the web; a value typed back to what was read forgets its
        correction. Raises :class:`~extractor.corrections.FieldPathError` for a field or value that
        does not fit (nothing is kept then). Returns the corrections made."""
        made = [c for c in (correction(record, campo, value, "web") for campo, value in values.items())
                if c.despues != c.antes]
        if not made:
            return []
        with Catalog(self.catalog_path) as catalog:
            store = catalog.corrections
            first = {c.campo: c.antes for c in store.of(record.sha256, part_of(record))}
            back = [c for c in made if c.campo in first and first[c.campo] == c.despues]
            for item in back:
                store.remove(item.sha256, item.parte, item.campo)
            store.add([c for c in made if c not in back])
        self.refresh()
        return made

    def undo(self, record: Record, campo: str) -> bool:
        """Forget the correction of one field (the value read comes back)."""
        with Catalog(self.catalog_path) as catalog:
            removed = catalog.corrections.remove(record.sha256, part_of(record), campo)
        if removed:
            self.refresh()
        return removed

    def move(self, record: Record, index: int, codigo: str) -> Correction | None:
        """Move function ``index`` of ``record`` to the POA's operation ``codigo`` ("" for none)."""
        current = record.funciones[index].poa
        if (current.codigo if current is not None else "") == codigo:
            return None
        target: dict[str, str] | None = None
        if codigo:
            found = [o for o in self.snapshot.operations if o.codigo == codigo]
            if not found:
                raise KeyError(codigo)
            target = {"codigo": found[0].codigo, "operacion": found[0].operacion}
        made = self.correct(record, {f"funciones[{index}].poa": target})
        return made[0] if made else None

    def add(self, name: str, data: bytes) -> tuple[str, bool]:
        """Keep an uploaded document in the catalog (read by the next read)."""
        return self.uploads.add(name, data)

    def set_poa(self, name: str, data: bytes) -> None:
        """Keep an uploaded POA (every later read links to it)."""
        self.uploads.set_poa(name, data)

    def workbook(self, output: Path) -> RunSummary:
        """Write the consolidated workbook of every document, as ``poai run`` writes it."""
        with self._batch_lock:
            poa, _name = self.poa()
            sources = Sources(self.folder_files(poa), self.uploads.documents(), self._stop)
            return run([], output, workers=self.settings.workers, cache=self.catalog_path, poa=poa,
                       timeout=self.settings.timeout, documents=sources)


def _format(data: bytes) -> str:
    try:
        return detect_format(data)
    except PoaiError:
        return ""
