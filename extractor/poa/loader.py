"""The unit POA (Programa de Operaciones Anual): loading its tree from .xlsx, .csv or PDF.

A POA sheet has title rows, then one or two header rows (often merged cells), then a tree:
(Acción institucional específica →) Acción de Corto Plazo → Operación → Actividad → Tarea,
each level in its own columns or on its own rows. The words that name columns and rows are
in ``poa.toml``; sources become grids (:mod:`.sources`), the header is found
(:mod:`.header`) and the tree built (:mod:`.tree`). Codes are kept as printed: "1.10" is not
"1.1". A file with several units ("Unidad: …" rows, a Unidad column, a sheet per unit) gives
one tree per unit; ``unidad`` keeps the one whose name contains that text.
"""

from __future__ import annotations

from pathlib import Path

from extractor.errors import PoaError, PoaiError
from extractor.inputs import read_input
from extractor.poa.codes import is_code
from extractor.poa.header import Header, find_header
from extractor.poa.model import Operation, Poa, Reading, Skipped, Unit, operations_of
from extractor.poa.sources import Grid, csv_grid, pdf_grids, xlsx_grids
from extractor.poa.tree import Units, build_columns, build_rows, data_rows, unit_named
from extractor.poa.vocab import PoaWords, header_form, poa_words
from extractor.readers.detect import detect_format
from extractor.textnorm import fold

__all__ = ["Operation", "Poa", "PoaError", "load_poa"]


def _grids(path: Path) -> tuple[list[Grid], list[str]]:
    try:
        data = read_input(str(path))  # a regular file only: a FIFO or a device would never end
    except PoaiError as exc:
        raise PoaError(f"No se puede abrir el POA {path}: {exc.mensaje}") from exc
    try:
        kind = detect_format(data)
    except PoaiError as exc:
        raise PoaError(f"El POA {path} no se puede leer: {exc.mensaje}") from exc
    if kind == "xlsx" or path.suffix.lower() in {".xlsx", ".xlsm"}:  # named as a workbook: read as one
        return xlsx_grids(data, path)
    if kind == "pdf":
        return pdf_grids(data, path), []
    if kind == "txt":
        return [csv_grid(data, path.name)], []
    raise PoaError(f"El POA {path} debe ser una planilla Excel (.xlsx), un CSV o un PDF.")


def _written_by_poai(grids: list[Grid], sheet_names: list[str]) -> bool:
    """A workbook or CSV that poai wrote: its sheets or a header row are those of poai's outputs."""
    from extractor.writers.rows import SHEETS

    if len(set(sheet_names) & set(SHEETS)) >= 2:
        return True
    headers = [[header_form(c.name) for c in columns] for columns in SHEETS.values()]
    for grid in grids:
        for row in grid.rows[:5]:
            texts = [header_form(c.text) for c in row if c.text]
            if len(texts) >= 3 and any(texts == h[:len(texts)] or h == texts[:len(h)] for h in headers):
                return True
    return False


def _seen_cells(grid: Grid, words: PoaWords) -> list[str]:
    """The header cells of a grid that is no POA: the first row of several short labels (never data)."""
    for index in range(min(len(grid.rows), words.header_rows)):
        texts = [t for t in grid.texts(index) if t]
        labels = [t for t in texts if len(t) <= words.header_cell and not is_code(t)
                  and not t.replace(",", "").replace(".", "").isdigit()]
        if len(labels) >= 2 and len(labels) == len(texts):
            return list(dict.fromkeys(labels))
    return []


def _default_unit(grid: Grid, header: Header, words: PoaWords, several: bool) -> tuple[str | None, list[str]]:
    titles = [t for t in (next((x for x in grid.texts(i) if x), "") for i in range(header.start)) if t]
    for index in range(header.start):
        name = unit_named(grid.texts(index), words)
        if name:
            return name, titles
    return (grid.name if several else None), titles


def load_poa(path: str | Path, unidad: str | None = None) -> Poa:
    """Load a unit POA from .xlsx, .csv or PDF (format detected from the content)."""
    path = Path(path)
    grids, sheet_names = _grids(path)
    return poa_of_grids(grids, sheet_names, path, unidad)


def is_unit_poa(data: bytes, formato: str) -> bool:
    """Whether the bytes of a workbook (``xlsx``) or a PDF are a unit POA: they load as one, with operations."""
    name = Path("documento")
    try:
        grids, sheet_names = xlsx_grids(data, name) if formato == "xlsx" else (pdf_grids(data, name), [])
        poa_of_grids(grids, sheet_names, name)
    except PoaError:
        return False
    return True


def poa_of_grids(grids: list[Grid], sheet_names: list[str], path: Path, unidad: str | None = None) -> Poa:
    """The unit POA held by the grids of ``path`` (its sheets, a CSV, a PDF's tables)."""
    words = poa_words()
    if _written_by_poai(grids, sheet_names):
        raise PoaError(f"{path} es un archivo que escribió poai (un consolidado o su cobertura), no el POA de la "
                       "unidad: indique la planilla del POA que lleva la oficina de planificación.")
    found = [(grid, find_header(grid, words)) for grid in grids]
    with_header = [(g, h) for g, h in found if h is not None]
    reading = Reading()
    units: list[Unit] = []
    for grid, header in with_header:
        if len(with_header) > 1:
            grid.places = [f"hoja {grid.name}, {grid.place(i)}" for i in range(len(grid.rows))]
        default, titles = _default_unit(grid, header, words, len(with_header) > 1)
        reading.hojas.append(grid.name)
        reading.titulos.extend(titles)
        reading.encabezado.extend(grid.place(header.start + i) for i in range(header.height))
        reading.columnas.extend(c for c in header.labels.values() if c not in reading.columnas)
        sheet_units = Units(default)
        rows = data_rows(grid, header, words, sheet_units, reading.omitidas)
        levels = header.levels(words.levels)
        if len(levels) >= 2:
            reading.forma = reading.forma or "columnas"
            build_columns(rows, header, words, grid, reading.omitidas)
        else:
            reading.forma = reading.forma or "filas"
            build_rows(rows, header, words, grid, reading.omitidas)
        units.extend(_merge(units, sheet_units.units))
    for grid, maybe in found:
        if maybe is None and len(grids) > 1:
            reading.omitidas.append(Skipped(f"hoja {grid.name}", "no tiene encabezado de POA"))
    units = [u for u in units if u.raices]
    operations = operations_of(units, words.link)
    if not operations:
        cells = [c for _, h in with_header for c in h.cells] or [c for g in grids for c in _seen_cells(g, words)]
        seen = ", ".join(list(dict.fromkeys(cells))[:20]) or "ninguna"
        raise PoaError(f"{path} no parece un POA de la unidad: no tiene columnas de operaciones reconocibles "
                       f"(Código, Acción de Corto Plazo, Operación, Actividad…). Columnas encontradas: {seen}.")
    if unidad is not None:
        units = _pick(units, unidad, path)
        operations = operations_of(units, words.link)
    present = {node.nivel for unit in units for node, _ in unit.walk()}
    reading.niveles = [level for level in words.levels if level in present]
    return Poa(archivo=str(path), operaciones=operations, unidades=units, lectura=reading)


def _merge(known: list[Unit], new: list[Unit]) -> list[Unit]:
    """The units of a sheet not read before (a unit already known takes the sheet's nodes)."""
    added = []
    for unit in new:
        same = next((u for u in known if u.nombre == unit.nombre and u.nombre is not None), None)
        if same is not None:
            same.raices.extend(unit.raices)
        else:
            added.append(unit)
    return added


def _pick(units: list[Unit], unidad: str, path: Path) -> list[Unit]:
    wanted = fold(unidad)
    picked = [u for u in units if u.nombre and wanted in fold(u.nombre)]
    if not picked:
        names = "; ".join(u.nombre for u in units if u.nombre) or "el archivo no nombra unidades"
        raise PoaError(f"El POA {path} no tiene ninguna unidad que contenga «{unidad}». Unidades: {names}.")
    return picked
