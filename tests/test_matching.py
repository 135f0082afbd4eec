"""Unit POA loading and function ↔ operation matching, measured on the labelled samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

import extractor
from extractor.cli import main
from extractor.poa.loader import PoaError, load_poa
from extractor.poa.matching import Matcher, normalise, stem

ROOT = Path(__file__).resolve().parent.parent
POA = ROOT / "samples" / "poa" / "poa_unidad_2023.xlsx"
LABELS = json.loads((ROOT / "samples" / "poa" / "etiquetas_poa.json").read_text(encoding="utf-8"))


def test_precision_and_recall_on_the_samples() -> None:
    matcher = Matcher(load_poa(POA))
    tp = fp = fn = 0
    for sample, truth in LABELS.items():
        for kind in ("word.docx", "directo.pdf", "libreoffice.pdf"):
            record = extractor.extract(ROOT / "samples" / "poai" / f"poai_{sample}_{kind}")
            assert len(record["funciones"]) == len(truth)
            for match, expected in zip(matcher.match(record["funciones"]), truth):
                predicted = match.codigo
                tp += predicted is not None and predicted == expected["operacion"]
                fp += predicted is not None and predicted != expected["operacion"]
                fn += expected["operacion"] is not None and predicted != expected["operacion"]
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"precision {precision:.3f} recall {recall:.3f} ({tp} tp, {fp} fp, {fn} fn)")
    assert precision >= 0.9
    assert recall >= 0.9


def test_labels_are_paraphrased_not_copied() -> None:
    poa = load_poa(POA)
    operations = {normalise(o.operacion) for o in poa.operaciones}
    for sample in LABELS:
        record = extractor.extract(ROOT / "samples" / "poai" / f"poai_{sample}_word.docx")
        for function in record["funciones"]:
            assert normalise(function["funcion"]) not in operations


def test_stemming_meets_word_forms() -> None:
    assert stem("capacitacion") == stem("capacitar") == stem("capacitados")
    assert normalise("Capacitación de técnicos") == normalise("capacitar a los TECNICOS")


@given(st.text(max_size=60))
def test_normalise_is_idempotent_and_folded(text: str) -> None:
    once = normalise(text)
    assert once == once.lower()
    assert all(w.isalpha() for w in once.split())


@given(st.lists(st.text(alphabet="abcdefghij ", min_size=1, max_size=30), min_size=1, max_size=8))
def test_scores_are_bounded_and_a_copy_matches_itself(texts: list[str]) -> None:
    from extractor.poa.loader import Operation, Poa

    poa = Poa("x", [Operation(codigo=str(i), operacion=t) for i, t in enumerate(texts)])
    matcher = Matcher(poa, threshold=0)
    functions = [{"funcion": t, "resultado": None} for t in texts]
    matrix = matcher.scores([normalise(t) for t in texts], [normalise(t) for t in texts])
    assert ((matrix >= 0) & (matrix <= 100.0001)).all()
    for match, text in zip(matcher.match(functions), texts):
        if normalise(text):
            assert match.puntaje == pytest.approx(100.0, abs=0.1)


def test_poa_codes_stay_text_and_tree_is_filled() -> None:
    poa = load_poa(POA)
    codes = [o.codigo for o in poa.operaciones]
    assert "1.10.1" in codes and "1.1.1" in codes
    tenth = poa.by_code()["1.10.2"]
    assert tenth.acp_codigo == "1.10"
    assert tenth.acp == "Generar y difundir estadísticas territoriales"
    assert tenth.producto == "Publicaciones y boletines difundidos"


def test_poa_with_one_header_row_numbers_and_a_tree_by_rows(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["PROGRAMA DE OPERACIONES ANUAL 2024"])
    sheet.append([])
    sheet.append(["Cód.", "Descripción", "Producto esperado", "Ponderación"])
    rows = [("1.1", "Mejorar la atención al ciudadano", None), ("1.1.1", "Digitalizar trámites", "Trámites en línea"),
            ("1.1.1.1", "Relevar los trámites", None), ("1.1.2", "Capacitar al personal de ventanilla", "Personal"),
            ("1.10", "Otra acción", None), ("1.10.1", "Publicar datos abiertos", "Portal de datos")]
    for code, text, product in rows:
        sheet.append([code, text, product, 10])
    sheet["A8"].value = 1.1  # the ACP "1.10" typed as a number, shown with two decimals
    sheet["A8"].number_format = "0.00"
    path = tmp_path / "poa.xlsx"
    book.save(path)
    poa = load_poa(path)
    assert [(o.codigo, o.acp_codigo) for o in poa.operaciones] == [("1.1.1", "1.1"), ("1.1.2", "1.1"),
                                                                     ("1.10.1", "1.10")]
    assert [a.texto for a in poa.operaciones[0].actividades] == ["Relevar los trámites"]


def test_poa_csv(tmp_path: Path) -> None:
    path = tmp_path / "poa.csv"
    path.write_text("Código;Acción de Corto Plazo;Código Op.;Operación;Resultado\n"
                    "2.1;Gestión documental;2.1.1;Organizar el archivo central;Archivo organizado\n"
                    ";;2.1.2;Digitalizar expedientes;Expedientes digitales\n", encoding="utf-8")
    poa = load_poa(path)
    assert [(o.codigo, o.acp_codigo, o.producto) for o in poa.operaciones] == [
        ("2.1.1", "2.1", "Archivo organizado"), ("2.1.2", "2.1", "Expedientes digitales")]


def test_poa_pdf_through_the_pdf_table_reader(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    data = [["Código", "Operación", "Producto"], ["3.1.1", "Elaborar el plan anual", "Plan aprobado"],
            ["3.1.10", "Evaluar el plan", "Informe de evaluación"]]
    path = tmp_path / "poa.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Table(data, style=TableStyle([("GRID", (0, 0), (-1, -1),
                                                                                         0.5, "black")]))])
    assert [o.codigo for o in load_poa(path).operaciones] == ["3.1.1", "3.1.10"]


def test_not_a_poa_lists_the_columns_found(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["Nombre", "Cargo", "Teléfono"])
    book.active.append(["Ana", "Técnica", "777"])
    path = tmp_path / "personal.xlsx"
    book.save(path)
    with pytest.raises(PoaError) as caught:
        load_poa(path)
    assert "no parece un POA de la unidad" in caught.value.mensaje
    assert "Columnas encontradas: Nombre, Cargo, Teléfono" in caught.value.mensaje


def test_run_with_poa_fills_functions_and_coverage(tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    inputs = [str(ROOT / "samples" / "poai" / f"poai_{s}_word.docx") for s in ("a01", "b01", "c01")]
    assert main(["run", *inputs, "-o", str(out), "--poa", str(POA), "--no-cache"]) == 0
    book = load_workbook(out)
    coverage = book["Cobertura POA"]
    header = [c.value for c in coverage[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in coverage.iter_rows(min_row=2)]
    assert [r["Código"] for r in rows] == [o.codigo for o in load_poa(POA).operaciones]
    served = sum(r["N° funciones"] for r in rows)
    functions = book["Funciones"]
    fheader = [c.value for c in functions[1]]
    codes = [dict(zip(fheader, (c.value for c in row)))["Código POA"] for row in functions.iter_rows(min_row=2)]
    assert served == sum(1 for c in codes if c)
    assert any(r["Atendida"] == "No" for r in rows) or all(r["N° funciones"] for r in rows)


def test_match_command_and_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = ROOT / "samples" / "poai" / "poai_a01_word.docx"
    assert main(["match", "--poa", str(POA), str(sample)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Puesto")
    assert "Operaciones sin ninguna función" in out
    assert main(["extract", str(sample), "--poa", str(POA), "--umbral", "99"]) == 0
    record = json.loads(capsys.readouterr().out)
    specific = [f for f in record["funciones"] if f["tipo"] == "especifica"]
    # Below the threshold only a clear winner links (≥ 70 % of it and far above the runner-up).
    assert all(f["poa"] is None or f["poa"]["puntaje"] >= 0.7 * 99 for f in specific)
    unlinked = [f for f in specific if f["poa"] is None]
    assert unlinked
    sin_poa = [f for f in record["auditoria"] if f["regla"] == "funcion_sin_poa"]
    assert len(sin_poa) == len(unlinked)
    first = unlinked[0]["n"]
    assert sin_poa[0]["mensaje"].startswith(f"Función específica {first}: no corresponde a ninguna operación")


def test_bad_poa_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "poa.xlsx"
    fake.write_text("no soy una planilla", encoding="utf-8")
    sample = ROOT / "samples" / "poai" / "poai_a01_word.docx"
    assert main(["match", "--poa", str(fake), str(sample)]) == 2
    assert capsys.readouterr().err.startswith(f"poai: error: El POA {fake} no es una planilla Excel legible")
