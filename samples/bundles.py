"""Files as offices keep them: several POAIs in one file, and a POAI with page furniture.

    python samples/bundles.py             # writes samples/lotes/* (needs samples/poai/ generated)

- ``lote_tres.pdf``: three sample PDFs of families A, B and C one after another (a unit's POAIs
  exported as one PDF).
- ``lote_dos.docx``: two sample Word files in one, the second after a page break.
- ``lote_hojas.xlsx``: a workbook with an instructions sheet and two POAIs, one per sheet.
- ``marca_de_agua.pdf``: a sample Word file with a "BORRADOR" watermark, a header with a logo and
  the entity's name and a footer "Página N de M", converted to PDF by LibreOffice (skipped with
  a warning when LibreOffice is missing).

Each file ``x`` gets ``x.expected.json``: the JSON list of the records of its POAIs in order,
built from the source samples' expected records (or their ground truth), never by reading the
file back. Requires the ``samples`` extra.
"""

from __future__ import annotations

import hashlib
import io
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
from content import ENTITY_A  # noqa: E402
from generate import _pdf_pages, expected_record, freeze_zip, prepared_specs  # noqa: E402
from layoutgen.wordfile import WATERMARK_XML, docx_field  # noqa: E402

SOURCES = HERE / "poai"
OUT = HERE / "lotes"

PDF_PARTS = ["poai_a01_directo.pdf", "poai_b02_directo.pdf", "poai_c03_directo.pdf"]
DOCX_PARTS = ["poai_a02_word.docx", "poai_c02_word.docx"]
XLSX_PARTS = ["a03", "b01"]
WATERMARKED = "poai_a04_word.docx"  # its LibreOffice export is poai_a04_libreoffice.pdf

# The furniture of the watermarked sample: the layout generator's WordArt, turned 45 degrees.
WATERMARK_TEXT = "BORRADOR"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _archivo(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:  # written outside the repository
        return str(path)


def _load(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _write_expected(path: Path, records: list[dict[str, Any]]) -> None:
    target = path.with_name(path.stem + ".expected.json")
    target.write_text(json.dumps(records, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _as_part(record: dict[str, Any], path: Path, paginas: int | None, n: int, de: int,
             pages: list[int] | None, offset: int = 0) -> dict[str, Any]:
    """A source sample's record as part ``n`` of ``de`` of the bundle at ``path``."""
    record = deepcopy(record)
    record["archivo"] = _archivo(path)
    record["sha256"] = _sha(path)
    record["paginas"] = paginas
    record["parte"] = {"n": n, "de": de, "paginas": pages}
    for function in record["funciones"]:
        if function.get("pagina") is not None:
            function["pagina"] += offset
    return record


# -- a PDF of three ------------------------------------------------------------------------------


def write_pdf_bundle(path: Path) -> None:
    """The sample PDFs of :data:`PDF_PARTS` as one PDF, and the records of its three POAIs."""
    import pypdfium2 as pdfium

    bundle = pdfium.PdfDocument.new()
    counts = []
    for name in PDF_PARTS:
        source = pdfium.PdfDocument(SOURCES / name)
        counts.append(len(source))
        bundle.import_pages(source)
        source.close()
    buffer = io.BytesIO()
    bundle.save(buffer)
    bundle.close()
    path.write_bytes(_frozen_pdf(buffer.getvalue()))
    total = sum(counts)
    records = []
    offset = 0
    for n, (name, count) in enumerate(zip(PDF_PARTS, counts), 1):
        source = _load(SOURCES / name.replace(".pdf", ".expected.json"))
        records.append(_as_part(source, path, total, n, len(PDF_PARTS), [offset + 1, offset + count], offset))
        offset += count
    _write_expected(path, records)


def _frozen_pdf(data: bytes) -> bytes:
    """PDFium stamps the time of saving and an ID made from it: fixed ones of the same length keep
    the bytes reproducible (and the cross-reference offsets right)."""
    import re

    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20230101000000", data)
    digest = hashlib.md5(re.sub(rb"/ID\[<[0-9A-F]+><[0-9A-F]+>\]", b"", data)).hexdigest().upper().encode()
    return re.sub(rb"/ID\[<[0-9A-F]{32}><[0-9A-F]{32}>\]", b"/ID[<" + digest + b"><" + digest + b">]", data)


# -- a Word file of two --------------------------------------------------------------------------


def write_docx_bundle(path: Path) -> None:
    """The sample Word files of :data:`DOCX_PARTS` in one, each after a page break."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn

    first = Document(str(SOURCES / DOCX_PARTS[0]))
    body = first.element.body
    section = body.find(qn("w:sectPr"))
    for name in DOCX_PARTS[1:]:
        breaker = first.add_paragraph()
        breaker.add_run().add_break(WD_BREAK.PAGE)
        other = Document(str(SOURCES / name))
        for element in other.element.body:
            if element.tag == qn("w:sectPr"):
                continue
            section.addprevious(deepcopy(element))
    first.save(str(path))
    freeze_zip(path)
    records = [_as_part(_load(SOURCES / name.replace(".docx", ".expected.json")), path, None, n, len(DOCX_PARTS),
                        None) for n, name in enumerate(DOCX_PARTS, 1)]
    _write_expected(path, records)


# -- a workbook of two ---------------------------------------------------------------------------


def write_xlsx_bundle(path: Path) -> None:
    """An instructions sheet, then one sheet per POAI of :data:`XLSX_PARTS` (as ``excel_poai`` lays one)."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    specs = {s["id"]: excel_poai.excel_spec(s) for s in prepared_specs() if s["id"] in XLSX_PARTS}
    book = Workbook()
    book.properties.created = book.properties.modified = dt.datetime(2023, 1, 1)
    excel_poai._instructions(book.active)
    book.active.title = "Instrucciones"
    for sample in XLSX_PARTS:
        sheet = book.create_sheet(f"POAI {sample.upper()}")
        for index, width in enumerate(excel_poai._WIDTHS, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        excel_poai.fill_sheet(sheet, specs[sample])
    for index, width in enumerate(excel_poai._WIDTHS, 1):
        book["Instrucciones"].column_dimensions[get_column_letter(index)].width = width
    book.save(path)
    excel_poai._fix_modified(path)
    freeze_zip(path)
    records = []
    for n, sample in enumerate(XLSX_PARTS, 1):
        sheet_number = n + 1  # the instructions are the first sheet
        record = expected_record(specs[sample], path, "xlsx", None)
        for function in record["funciones"]:
            function["pagina"] = sheet_number
        records.append(_as_part(record, path, len(XLSX_PARTS), n, len(XLSX_PARTS), [sheet_number, sheet_number]))
    _write_expected(path, records)


# -- a watermarked Word export -------------------------------------------------------------------


def _logo() -> bytes:
    """A small square logo (PNG): a dark ring around a light field."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, 114, 114), fill=(20, 60, 120))
    draw.ellipse((28, 28, 92, 92), fill=(230, 200, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def furnished_docx(source: Path, target: Path) -> None:
    """``source`` with a watermark, a header (logo and entity name) and a footer "Página N de M"."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Cm, Pt

    document = Document(str(source))
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(_logo()), width=Cm(1.2))
    name = header.add_run("   " + ENTITY_A)
    name.bold = True
    name.font.size = Pt(8)
    header._p.append(parse_xml(WATERMARK_XML.format(rotation=315, text=WATERMARK_TEXT)))
    footer = section.footer.paragraphs[0]
    for run in list(footer.runs):
        run._r.getparent().remove(run._r)
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Página ")
    docx_field(footer, "PAGE", "1")
    footer.add_run(" de ")
    docx_field(footer, "NUMPAGES", "1")
    document.save(str(target))
    freeze_zip(target)


def write_watermarked(path: Path) -> bool:
    """The watermarked Word sample exported to PDF by LibreOffice, and its record (False: no LibreOffice)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("aviso: LibreOffice no está instalado; se omite marca_de_agua.pdf", file=sys.stderr)
        return False
    sample = WATERMARKED.split("_")[1]
    spec = next(s for s in prepared_specs() if s["id"] == sample)
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp, path.stem + ".docx")
        furnished_docx(SOURCES / WATERMARKED, docx)
        profile = Path(tmp, "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(docx)], check=True, capture_output=True, timeout=600)
        shutil.move(Path(tmp, path.stem + ".pdf"), path)
    record = expected_record(spec, path, "pdf", _pdf_pages(path))
    _write_expected(path, [record])
    return True


def main() -> int:
    """Write every bundle and its expected records into samples/lotes/."""
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    write_pdf_bundle(OUT / "lote_tres.pdf")
    write_docx_bundle(OUT / "lote_dos.docx")
    write_xlsx_bundle(OUT / "lote_hojas.xlsx")
    write_watermarked(OUT / "marca_de_agua.pdf")
    print(f"{len(list(OUT.glob('*.expected.json')))} archivos de ejemplo en {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
