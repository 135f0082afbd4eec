"""``poai run``: the batch, the catalog and the consolidated workbook, as an office uses them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from golden import differences, golden_pairs, load
from openpyxl import load_workbook

from extractor import api as run_module
from extractor.cli import main
from extractor.writers.rows import SHEETS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "000_bb97881b95efc531.txt"
SAMPLES = ROOT / "samples" / "poai"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small copy of the samples (one per family and format) plus the seed."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in ["poai_a01_texto.txt", "poai_a02_directo.pdf", "poai_b03_word.docx", "poai_c01_libreoffice.pdf",
                 "poai_c03_directo.pdf", "poai_b04_libreoffice.pdf"]:
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(SEED, folder / SEED.name)
    return folder


def _sheet_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(path)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in book.worksheets
            if ws.title != "Resumen"}


def test_run_over_the_samples_matches_their_expected_records(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "consolidado.xlsx"
    records = tmp_path / "r.jsonl"
    assert main(["run", str(SAMPLES), str(SEED), "-o", str(out), "--json", str(records), "--workers", "2"]) == 0
    expected = {doc.resolve(): load(exp) for doc, exp in golden_pairs()}
    lines = records.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(expected)
    corpus_rules = {"item_duplicado", "ocupante_duplicado", "superior_desconocido", "documento_repetido"}
    for line in lines:
        record = json.loads(line)
        # The corpus rules depend on the run (the samples repeat each POAI in several formats).
        record["auditoria"] = [f for f in record["auditoria"] if f["regla"] not in corpus_rules]
        assert not differences(record, expected[Path(record["archivo"]).resolve()]), record["archivo"]
    err = capsys.readouterr().err
    # 45 samples hold 12 POAIs (each in several formats), and the seed is one more.
    assert (f"Resumen: {len(expected)} documentos (13 POAI distintos: los demás son el mismo POAI en otro "
            f"archivo); {len(expected)} leídos") in err


def test_workbook_sheets_rows_types_and_no_formulas(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "consolidado.xlsx"
    assert main(["run", str(corpus), "-o", str(out), "--no-cache", "--workers", "1"]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Resumen", "Por unidad", *[s for s in SHEETS if s != "Cobertura POA"], "Diccionario"]
    puestos = book["Puestos"]
    assert puestos.max_row == 1 + 7
    assert puestos.freeze_panes == "A2"
    assert puestos.auto_filter.ref == f"A1:{puestos.cell(1, puestos.max_column).column_letter}8"
    header = [c.value for c in puestos[1]]
    assert all(c.font.bold for c in puestos[1])
    row = {h: c for h, c in zip(header, puestos[2])}
    assert row["Gestión"].data_type == "n"
    assert row["Completitud (%)"].data_type == "n"
    assert row["Completitud (%)"].number_format == "0.00"
    funciones = book["Funciones"]
    records = [json.loads(json.dumps(r)) for r in _records(corpus)]
    assert funciones.max_row == 1 + sum(len(r["funciones"]) for r in records)
    for ws in book.worksheets:
        for cells in ws.iter_rows():
            for cell in cells:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
    b03 = [r for r in puestos.iter_rows(min_row=2) if str(r[0].value).endswith("poai_b03_word.docx")][0]
    dates = {h: c.value for h, c in zip(header, b03)}
    assert dates["Fecha de elaboración"].isoformat().startswith("2023-01-")


def _records(folder: Path) -> list[dict[str, object]]:
    from extractor import extract
    from extractor.inputs import collect_inputs

    return [extract(p) for p in collect_inputs([folder])]


def test_second_run_is_served_from_the_catalog(corpus: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "consolidado.xlsx"
    first = run_module.run([str(corpus)], out, workers=1)
    assert first.parsed == 7 and first.from_catalog == 0
    assert (tmp_path / "poai-catalogo.sqlite").exists()
    before = _sheet_values(out)

    def no_parsing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr("extractor.batch.read_bytes", no_parsing)
    second = run_module.run([str(corpus)], out, workers=1)
    assert second.parsed == 0 and second.from_catalog == 7
    assert _sheet_values(out) == before


def test_interrupted_run_leaves_the_previous_workbook(corpus: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "consolidado.xlsx"
    run_module.run([str(corpus)], out, workers=1, use_cache=False)
    previous = out.read_bytes()

    def interrupted(self: object, *chunk: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("extractor.writers.xlsx.WorkbookWriter.add", interrupted)
    assert main(["run", str(corpus), "-o", str(out), "--no-cache", "--csv", str(tmp_path / "csv")]) == 130
    assert out.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".poai-")) == []
    assert not any((tmp_path / "csv").iterdir())


def test_formula_text_stays_text(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("Asistir a reuniones técnicas.", "=HYPERLINK(\"x\")")
    text = text.replace("Acta de Reunión", "+cmd|' /C calc'!A0").replace("Documento aprobado", "@SUM(1)")
    poai = tmp_path / "entrada" / "poai.txt"
    poai.parent.mkdir()
    poai.write_text(text, encoding="utf-8")
    out = tmp_path / "c.xlsx"
    assert main(["run", str(poai.parent), "-o", str(out), "--csv", str(tmp_path / "csv"), "--no-cache"]) == 0
    functions = load_workbook(out)["Funciones"]
    values = {c.value: c.data_type for row in functions.iter_rows(min_row=2) for c in row}
    assert values['=HYPERLINK("x")'] == "s"
    assert values["+cmd|' /C calc'!A0"] == "s"
    csv_text = (tmp_path / "csv" / "funciones.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+cmd" in csv_text and "'@SUM(1)" in csv_text


def test_refuses_to_write_over_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    victim = tmp_path / "poai_a03_excel.xlsx"  # a POAI filled in Excel: an input, not a workbook of poai's
    shutil.copy(SAMPLES / victim.name, victim)
    before = victim.read_bytes()
    assert main(["run", str(tmp_path), "-o", str(victim)]) == 2
    assert "es también una de las entradas" in capsys.readouterr().err
    assert victim.read_bytes() == before


def test_unreadable_file_is_listed_and_exit_is_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "bueno.txt")
    (folder / "malo.pdf").write_bytes(b"%PDF-1.4 truncated")
    out = tmp_path / "c.xlsx"
    assert main(["run", str(folder), "-o", str(out), "--no-cache"]) == 1
    err = capsys.readouterr().err
    # (the one POAI read has only an informative finding, its superior's post is not in the batch:
    # nothing to act on)
    assert "Resumen: 2 documentos; 1 leídos (0 con observaciones); 1 ilegibles." in err
    assert (f"  - {folder / 'malo.pdf'}: El PDF está dañado o incompleto y no se puede abrir: vuelva a exportarlo "
            "desde el documento original. [archivo_danado]") in err
    errores = load_workbook(out)["Errores"]
    assert [c.value for c in errores[2]][1] == "archivo_danado"


def test_same_file_twice_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    from extractor import batch

    real = batch.read_bytes

    def counting(data: bytes, path: str, *args: object) -> object:
        calls.append(path)
        return real(data, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("extractor.batch.read_bytes", counting)
    twin = tmp_path / "copia.txt"
    shutil.copy(SEED, twin)
    records = list(batch.process([str(SEED), str(twin), str(SEED)], workers=1))
    assert len(calls) == 1
    assert [r.archivo for r, _facts in records] == [str(SEED), str(twin), str(SEED)]
    assert records[0][0].puesto == records[1][0].puesto == records[2][0].puesto


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(SEED)]) == 2
    assert "faltan argumentos obligatorios: -o/--salida" in capsys.readouterr().err
    assert main(["run", str(SEED), "-o", "x.xlsx", "--cache", "c.sqlite", "--no-cache"]) == 2
    assert "no se puede usar junto con" in capsys.readouterr().err
    assert main(["run", str(SEED), "-o", "x.xlsx", "--workers", "0"]) == 2
    assert "--workers: valor no válido" in capsys.readouterr().err
