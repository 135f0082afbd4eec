"""CSV for an Excel in Spanish (``--csv-excel``): ";" between fields, decimal comma, UTF-8 with
BOM; read back by pandas as that Excel reads it. The usual dialect stays as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from extractor.cli import main
from extractor.model.record import Record
from extractor.writers.csvfile import CsvWriter
from extractor.writers.rows import collect_rows

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "poai"
POA = ROOT / "samples" / "poa" / "poa_unidad_2023.xlsx"


def _records() -> list[Record]:
    return [Record.from_dict(json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(SAMPLES.glob("poai_a0*.expected.json"))]


def _write(folder: Path, records: list[Record], excel_es: bool) -> None:
    folder.mkdir()
    writer = CsvWriter(folder, excel_es=excel_es)
    writer.add(collect_rows(records))
    writer.close()


def test_excel_dialect_reads_back_with_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    records = _records()
    records[0].objetivo = "Uno; dos, tres\ny cuatro"  # separators and a line break inside a field
    records[0].puesto.denominacion = "=SUMA(A1)"  # still never a formula
    records[0].funciones[0].ponderacion = 12.5
    _write(tmp_path / "es", records, excel_es=True)
    raw = (tmp_path / "es" / "puestos.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel shows the accents
    first = raw.decode("utf-8-sig").splitlines()[0]
    assert first.startswith("Archivo;Parte;Formato;") and "," not in first
    frame = pd.read_csv(tmp_path / "es" / "puestos.csv", sep=";", decimal=",", encoding="utf-8-sig",
                        dtype={"Ítem": str})
    assert len(frame) == len(records)
    assert frame["Completitud (%)"].dtype.kind == "f"
    assert list(frame["Completitud (%)"]) == pytest.approx([r.completitud for r in records])
    assert frame["Total ponderación"].dtype.kind == "f"
    assert frame.loc[0, "Objetivo"] == "Uno; dos, tres\ny cuatro"
    assert frame.loc[0, "Denominación del puesto"] == "'=SUMA(A1)"
    assert list(frame["Ítem"]) == [r.puesto.item for r in records]
    text = (tmp_path / "es" / "funciones.csv").read_text(encoding="utf-8-sig")
    assert ";12,5;" in text and "12.5" not in text
    weights = [f.ponderacion for r in records for f in r.funciones if f.ponderacion is not None]
    functions = pd.read_csv(tmp_path / "es" / "funciones.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert functions["Ponderación"].dtype.kind == "f"
    assert functions["Ponderación"].dropna().tolist() == pytest.approx(weights)


def test_usual_dialect_is_unchanged(tmp_path: Path) -> None:
    records = _records()
    _write(tmp_path / "en", records, excel_es=False)
    first = (tmp_path / "en" / "puestos.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.startswith("Archivo,Parte,Formato,")
    frame = pd.read_csv(tmp_path / "en" / "puestos.csv", encoding="utf-8-sig")
    assert list(frame["Completitud (%)"]) == pytest.approx([r.completitud for r in records])


def test_cli_csv_excel_needs_a_csv_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = SAMPLES / "poai_a01_texto.txt"
    out = tmp_path / "consolidado.xlsx"
    assert main(["run", str(sample), "-o", str(out), "--csv-excel", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "--csv-excel" in err and "--csv CARPETA" in err
    assert not out.exists()  # nothing read, nothing written


def test_cli_writes_csv_for_excel_in_spanish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "poai"
    folder.mkdir()
    shutil.copy(SAMPLES / "poai_a01_texto.txt", folder)
    out, csv_dir = tmp_path / "consolidado.xlsx", tmp_path / "csv"
    assert main(["run", str(folder), "--poa", str(POA), "-o", str(out), "--csv", str(csv_dir), "--csv-excel",
                 "--no-cache", "--workers", "1"]) == 0
    assert f"Escrito: {csv_dir}" in capsys.readouterr().err
    functions = pd.read_csv(csv_dir / "funciones.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert functions["Puntaje POA"].dtype.kind == "f" and functions["Puntaje POA"].notna().any()
    coverage = pd.read_csv(csv_dir / "cobertura_poa.csv", sep=";", decimal=",", encoding="utf-8-sig",
                           dtype={"Código": str})
    assert len(coverage) > 0 and set(coverage["Atendida"]) <= {"Sí", "No"}
