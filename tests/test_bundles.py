"""Files as offices keep them (samples/lotes/, written by samples/bundles.py): every POAI of a
bundle is found and read as well as if alone, and a watermarked Word export reads exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from golden import GOLDEN_DIRS, differences, golden_pairs, load

from extractor.pipeline import audited, read_file

ROOT = Path(__file__).resolve().parent.parent
LOTES = ROOT / "samples" / "lotes"
BUNDLES = ["lote_tres.pdf", "lote_dos.docx", "lote_hojas.xlsx", "marca_de_agua.pdf"]


def _records(path: Path) -> list[dict[str, Any]]:
    return [audited(part).to_dict() for part in read_file(path).parts()]


def _fields(value: Any) -> int:
    """How many leaf fields a record holds (an empty list counts as one)."""
    if isinstance(value, dict):
        return sum(_fields(v) for v in value.values())
    if isinstance(value, list):
        return max(1, sum(_fields(v) for v in value))
    return 1


@pytest.mark.parametrize("name", BUNDLES)
def test_bundle_reads_its_expected_records(name: str) -> None:
    path = LOTES / name
    expected = load(path.with_name(path.stem + ".expected.json"))
    assert isinstance(expected, list)
    actual = _records(path)
    assert [r["parte"] for r in actual] == [r["parte"] for r in expected]
    assert len(actual) == len(expected)
    diff = [f"parte {n}: {line}" for n, (a, e) in enumerate(zip(actual, expected), 1) for line in differences(a, e)]
    assert not diff, f"{name}: {len(diff)} differences, of {_fields(expected)} fields:\n" + "\n".join(diff[:40])


def test_bundle_parts_share_the_file() -> None:
    records = _records(LOTES / "lote_tres.pdf")
    assert len({(r["archivo"], r["sha256"], r["paginas"]) for r in records}) == 1
    assert [r["parte"]["paginas"] for r in records] == [[1, 3], [4, 6], [7, 9]]
    assert [r["plantilla"] for r in records] == ["A", "B", "C"]


def test_golden_pairs_keep_to_their_folders() -> None:
    # The bundles' expected files hold lists, not records: the golden tests never see them.
    assert LOTES not in GOLDEN_DIRS
    assert all(LOTES not in expected.parents for _, expected in golden_pairs())
    assert all(isinstance(load(expected), dict) for _, expected in golden_pairs())


def test_run_writes_each_part_as_a_row(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from extractor.cli import main

    target = tmp_path / "consolidado.xlsx"
    assert main(["run", str(LOTES), "-o", str(target)]) == 0
    book = load_workbook(target, read_only=True)
    sheet = next(book[name] for name in book.sheetnames if "Archivo" in
                 [c.value for c in next(book[name].iter_rows(max_row=1))])
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    archivo, parte = header.index("Archivo"), header.index("Parte")
    parts = [(Path(str(r[archivo])).name, r[parte]) for r in rows[1:] if r[archivo]]
    bundle = [p for name, p in parts if name == "lote_tres.pdf"]
    assert len(bundle) == 3 and len(set(bundle)) == 3 and all(bundle)


def test_generator_reproduces_the_committed_bundles(tmp_path: Path) -> None:
    # The bundles are made from the committed samples: the same bytes again (the LibreOffice
    # export aside, which stamps its own date).
    pytest.importorskip("reportlab")
    import sys

    sys.path.insert(0, str(ROOT / "samples"))
    import bundles

    for name, write in (("lote_tres.pdf", bundles.write_pdf_bundle), ("lote_dos.docx", bundles.write_docx_bundle),
                        ("lote_hojas.xlsx", bundles.write_xlsx_bundle)):
        write(tmp_path / name)
        assert (tmp_path / name).read_bytes() == (LOTES / name).read_bytes(), name
        fresh = load(tmp_path / name.replace(name.split(".")[-1], "expected.json"))
        kept = load(LOTES / name.replace(name.split(".")[-1], "expected.json"))
        for record in (*fresh, *kept):
            record.pop("archivo")
        assert fresh == kept, name
