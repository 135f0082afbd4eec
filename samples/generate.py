"""Generate the sample corpus: fictional POAIs of families A, B and C in every format.

    python samples/generate.py            # writes samples/poai/* and samples/poa/*

Each sample ``x.ext`` gets ``x.expected.json``: the record poai must read from it, built
from the ground truth (``content.py``), not by reading the file back. PDFs are made two
ways: drawn directly with reportlab (``*_directo.pdf``) and converted from the DOCX by
LibreOffice (``*_libreoffice.pdf``, skipped with a warning when LibreOffice is missing).
Requires the ``samples`` extra (reportlab).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from copy import deepcopy
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import excel_poai  # noqa: E402
from content import POA_OPERATIONS, UNIT, build_specs  # noqa: E402
from forms import build_form, unambiguous  # noqa: E402
from render import render_docx, render_pdf, render_txt  # noqa: E402

from extractor.checks.document import audit_document  # noqa: E402
from extractor.layout.spec import vocabulary  # noqa: E402
from extractor.model.facts import AuditFacts  # noqa: E402
from extractor.model.record import Record  # noqa: E402
from extractor.pipeline import extract  # noqa: E402, F401  (kept importable for --check)
from extractor.textnorm import clean_ws  # noqa: E402

_LABELS = {
    "A": {"denominacion", "item", "dependencia", "inmediato_superior", "ocupante", "cargos_supervisados"},
    "B": {"denominacion", "item", "dependencia", "inmediato_superior", "cargos_supervisados", "nivel",
          "lugar_trabajo", "intrainstitucionales", "interinstitucionales"},
    "C": {"denominacion", "dependencia", "cargos_supervisados", "inmediato_superior"},
}
_COLUMNS = {
    "A": [{"funcion", "resultado", "fuente_verificacion", "ponderacion"}] * 2,
    "B": [{"n", "funcion", "resultado", "fuente_verificacion", "ponderacion"}] * 2,  # (specific, routine)
    "C": [{"n", "funcion", "ponderacion", "indicador", "actividades"}, {"n", "funcion", "ponderacion"}],
}


def expected_record(spec: dict[str, Any], path: Path, formato: str, pages: list[str] | None) -> dict[str, Any]:
    """The record of ``spec`` printed as ``path``; ``pages`` is the PDF's text per page."""
    data = path.read_bytes()
    import hashlib

    try:
        archivo = str(path.relative_to(ROOT))
    except ValueError:  # generated outside the repository
        archivo = str(path)
    record = Record(archivo, hashlib.sha256(data).hexdigest(), formato,
                    len(pages) if pages is not None else None).to_dict()
    record["plantilla"] = spec["family"]
    record["gestion"] = spec["gestion"]
    record["puesto"] = deepcopy(spec["puesto"])
    record["relaciones"] = deepcopy(spec["relaciones"])
    record["objetivo"] = spec["objetivo"]
    functions = []
    start = 0
    for function in spec["funciones"]:
        entry = {k: deepcopy(v) for k, v in function.items() if not k.startswith("_")}
        if pages is not None:
            entry["pagina"], start = _page_of(function["funcion"], pages, start)
        functions.append(entry)
    record["funciones"] = functions
    record["normas"] = list(spec["normas"])
    record["formacion"] = [{k: v for k, v in e.items() if not k.startswith("_")} for e in spec["formacion"]]
    record["experiencia"] = dict(spec["experiencia"])
    record["conocimientos"] = deepcopy(spec["conocimientos"])
    record["cualidades"] = list(spec["cualidades"])
    record["aprobacion"] = dict(spec["aprobacion"])
    family = next(f for f in vocabulary().families if f.key == spec["family"])
    sections = {"funciones", "formacion", "experiencia"}
    for key in ("relaciones", "normas", "cualidades", "conocimientos"):
        value = spec[key]
        present = any(value.values()) if isinstance(value, dict) else bool(value)
        if present:
            sections.add(key)
    specific, routine = _COLUMNS[spec["family"]]
    columns = [specific if f["tipo"] == "especifica" else routine for f in functions]
    facts = AuditFacts(family_labels=list(family.labels), family_sections=list(family.sections),
                       labels_found=sorted(_LABELS[spec["family"]]), sections_found=sorted(sections),
                       function_columns=[sorted(c) for c in columns])
    typed = Record.from_dict(record)
    audit_document(typed, facts)
    return typed.to_dict()


def _page_of(text: str, pages: list[str], start: int) -> tuple[int | None, int]:
    # A narrow column interleaves the row's first line with its neighbours' text in the page
    # dump, so look for the first four words, then fewer.
    words = clean_ws(text).split()
    for count in (4, 3, 2):
        probe = " ".join(words[:count])
        for index in range(start, len(pages)):
            if probe in pages[index]:
                return index + 1, index
    return None, start


def _pdf_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [clean_ws(page.extract_text() or "") for page in pdf.pages]


def _write_expected(spec: dict[str, Any], path: Path, formato: str) -> None:
    pages = _pdf_pages(path) if formato == "pdf" else None
    record = expected_record(spec, path, formato, pages)
    target = path.with_name(path.stem + ".expected.json")
    target.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _libreoffice(docx_files: list[Path], outdir: Path) -> dict[Path, Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("aviso: LibreOffice no está instalado; se omiten los PDF convertidos desde Word", file=sys.stderr)
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, *map(str, docx_files)], check=True, capture_output=True, timeout=600)
        result = {}
        for docx in docx_files:
            made = Path(tmp, docx.stem + ".pdf")
            target = outdir / (docx.stem.replace("_word", "") + "_libreoffice.pdf")
            shutil.move(made, target)
            result[docx] = target
        return result


def freeze_zip(path: Path) -> None:
    """Rewrite an Office zip with fixed timestamps, so that regenerating gives the same bytes."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2023, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def write_poa(path: Path) -> None:
    """The unit POA spreadsheet: title rows, a two-row merged header, a tree of ACP → operation."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "POA 2023"
    ws["A1"] = "PROGRAMA DE OPERACIONES ANUAL – GESTIÓN 2023"
    ws["A2"] = UNIT
    ws["A1"].font = ws["A2"].font = Font(bold=True)
    headers = [("Código", None), ("Acción de Corto Plazo", None), ("Código Operación", None), ("Operación", None),
               ("Producto / Resultado esperado", None), ("Indicador", None), ("Meta", None),
               ("Medio de Verificación", None), ("Responsable", None), ("Ponderación", None),
               ("Presupuesto (Bs)", None), ("Cronograma", "T1"), (None, "T2"), (None, "T3"), (None, "T4")]
    for col, (top, bottom) in enumerate(headers, 1):
        if top:
            ws.cell(4, col, top).font = Font(bold=True)
        if bottom:
            ws.cell(5, col, bottom).font = Font(bold=True)
        if top and not bottom:
            ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
    ws.merge_cells(start_row=4, start_column=12, end_row=4, end_column=15)
    acps = {"1.1": "Consolidar la información catastral y geoespacial del territorio",
            "1.2": "Fortalecer la gestión tecnológica institucional",
            "1.3": "Apoyar la organización territorial del Estado",
            "1.10": "Generar y difundir estadísticas territoriales"}
    row = 6
    for acp_code, acp_name in acps.items():
        first = row
        for code, operation, product, parent in POA_OPERATIONS:
            if parent != acp_code:
                continue
            values = [acp_code if row == first else None, acp_name if row == first else None, code, operation,
                      product, f"{product} al 100 %", 1, "Informe de cumplimiento", "Dirección General",
                      round(100 / len(POA_OPERATIONS), 2), 10000 * (row - 5), "X", "X", "", "X"]
            for col, value in enumerate(values, 1):
                cell = ws.cell(row, col, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if col in (1, 3):
                    cell.number_format = "@"
            row += 1
        if row - first > 1:
            ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
            ws.merge_cells(start_row=first, start_column=2, end_row=row - 1, end_column=2)
    for col, width in zip("ABCDEFGHIJKO", [8, 40, 10, 50, 35, 30, 6, 25, 20, 12, 14, 5]):
        ws.column_dimensions[col].width = width
    wb.save(path)
    freeze_zip(path)


def write_poa_labels(specs: list[dict[str, Any]], path: Path) -> None:
    """Ground truth for POA matching: the operation each sample function serves (or null)."""
    labels = {spec["id"]: [{"tipo": f["tipo"], "n": f["n"], "operacion": f["_poa"]} for f in spec["funciones"]]
              for spec in specs}
    path.write_text(json.dumps(labels, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def prepared_specs() -> list[dict[str, Any]]:
    """The samples' ground truth, list items in an order every format prints unambiguously."""
    specs = build_specs()
    for spec in specs:
        # The widths of the list cells of the layouts, on A4 (reportlab) and Letter (Word) pages.
        widths = [fraction * text - 14 for fraction in (0.5, 0.68) for text in (481, 498.6)]
        for key in ("intrainstitucionales", "interinstitucionales"):
            spec["relaciones"][key] = unambiguous(spec["relaciones"][key], widths)
        spec["puesto"]["cargos_supervisados"] = unambiguous(spec["puesto"]["cargos_supervisados"], widths)
    return specs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genera el corpus de ejemplo de poai.")
    parser.add_argument("--salida", type=Path, default=HERE, help="carpeta de salida (por defecto samples/)")
    parser.add_argument("--sin-libreoffice", action="store_true",
                        help="no genera los PDF convertidos desde Word con LibreOffice")
    args = parser.parse_args(argv)
    from reportlab import rl_config

    rl_config.invariant = 1  # reproducible PDFs: no creation date or random id
    out = args.salida / "poai"
    poa_dir = args.salida / "poa"
    # samples/poai/ holds only what this script writes; samples/poa/ also holds the POA shapes and
    # the outside POAs (their own generators), so only this script's two files there are rewritten.
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    poa_dir.mkdir(parents=True, exist_ok=True)
    specs = prepared_specs()
    docx_files: dict[Path, dict[str, Any]] = {}
    for spec in specs:
        form = build_form(spec)
        stem = f"poai_{spec['id']}"
        if spec["family"] != "C":
            txt = out / f"{stem}_texto.txt"
            render_txt(form, txt)
            _write_expected(spec, txt, "txt")
        docx = out / f"{stem}_word.docx"
        render_docx(form, docx, content_controls=spec["id"] in {"a01", "a03", "b02"},
                    heading_styles=spec["id"] in {"a04", "b03", "c04"})
        freeze_zip(docx)
        _write_expected(spec, docx, "docx")
        docx_files[docx] = spec
        pdf = out / f"{stem}_directo.pdf"
        render_pdf(form, pdf)
        _write_expected(spec, pdf, "pdf")
    converted = {} if args.sin_libreoffice else _libreoffice(list(docx_files), out)
    for docx, pdf in converted.items():
        _write_expected(docx_files[docx], pdf, "pdf")
    excel = next(spec for spec in specs if spec["id"] == excel_poai.SAMPLE)
    excel_poai.write(excel_poai.excel_spec(excel), out / f"poai_{excel_poai.SAMPLE}_excel.xlsx", expected_record,
                     freeze_zip)
    write_poa(poa_dir / "poa_unidad_2023.xlsx")
    write_poa_labels(specs, poa_dir / "etiquetas_poa.json")
    count = len(list(out.glob("*.expected.json")))
    print(f"{count} documentos de ejemplo en {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
