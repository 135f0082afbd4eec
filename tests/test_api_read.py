"""``extractor.read`` on the samples, and ``extractor.audit`` / ``extractor.match`` on records."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import extractor
from extractor.checks.rules import RULES
from extractor.cli import main
from extractor.reading import snake
from extractor.writers.csvfile import FILE_NAMES
from extractor.writers.rows import SHEETS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "poai"
POA = ROOT / "samples" / "poa" / "poa_unidad_2023.xlsx"
KEYS = {"puestos", "funciones", "requisitos", "relaciones", "cualidades", "normas", "auditoria", "correcciones",
        "errores", "cobertura_poa"}


@pytest.fixture(scope="module")
def reading() -> extractor.Reading:
    return extractor.read([SAMPLES], poa=POA)


def test_records_of_the_samples(reading: extractor.Reading) -> None:
    documents = [p for p in SAMPLES.iterdir() if not p.name.endswith(".json")]
    assert len(reading.records) == len(documents) == 45
    assert all(isinstance(r, extractor.Record) and r.estado != "error" for r in reading.records)
    assert [r.archivo for r in reading.records] == sorted(str(p) for p in documents)


def test_frames_are_keyed_and_named_in_snake_case(reading: extractor.Reading) -> None:
    assert set(reading.frames) == KEYS
    # The same names as the CSV files, so a script reads either the same way.
    assert {name.removesuffix(".csv") for name in FILE_NAMES.values()} == KEYS
    for key, frame in reading.frames.items():
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in frame.columns), key
    sheet = {snake(s): s for s in SHEETS}
    for key, frame in reading.frames.items():
        assert list(frame.columns) == [snake(c.name) for c in SHEETS[sheet[key]]]
    puestos = reading.frames["puestos"]
    assert list(puestos.columns[:7]) == ["archivo", "parte", "formato", "plantilla", "gestion",
                                         "denominacion_del_puesto", "item"]
    assert {"n_funciones", "total_ponderacion", "completitud", "n_observaciones"} <= set(puestos.columns)
    assert {"tipo", "n", "funcion", "ponderacion", "codigo_poa", "puntaje_poa"} <= set(reading.frames["funciones"])
    assert len(puestos) == 45
    assert len(reading.frames["funciones"]) == sum(len(r.funciones) for r in reading.records)
    assert str(puestos["gestion"].dtype) == "Int64" and str(puestos["completitud"].dtype) == "Float64"


def test_snake_names() -> None:
    assert [snake(n) for n in ("N° funciones", "Ítem", "Completitud (%)", "Cobertura POA", "Auditoría", "N°",
                               "Prioridad o carácter")] == [
        "n_funciones", "item", "completitud", "cobertura_poa", "auditoria", "n", "prioridad_o_caracter"]


def test_every_rule_is_applied(reading: extractor.Reading) -> None:
    audit = reading.frames["auditoria"]
    counts = audit["regla"].value_counts().to_dict()
    # Document rules (the defects the samples show), the corpus rules and the POA link.
    assert counts["funcion_incompleta"] > 0 and counts["seccion_faltante"] > 0
    assert counts["documento_repetido"] == 45
    assert counts["funcion_sin_poa"] > 0
    assert "item_duplicado" not in counts
    assert set(counts) <= set(RULES)
    coverage = reading.frames["cobertura_poa"]
    assert len(coverage) == 10 and coverage["atendida"].all()
    specific = reading.frames["funciones"][reading.frames["funciones"]["tipo"] == "Específica"]
    assert specific["codigo_poa"].notna().mean() > 0.7


def test_read_without_a_poa_and_with_rules(tmp_path: Path) -> None:
    rules = tmp_path / "reglas.toml"
    rules.write_text("[documento_repetido]\nactiva = false\n[funcion_incompleta]\nseveridad = \"error\"\n",
                     encoding="utf-8")
    reading = extractor.read(str(SAMPLES / "poai_a03_word.docx"), rules=rules)
    assert len(reading.records) == 1 and reading.frames["cobertura_poa"].empty
    assert reading.frames["funciones"]["codigo_poa"].isna().all()
    audit = reading.frames["auditoria"]
    assert set(audit.loc[audit["regla"] == "funcion_incompleta", "severidad"]) == {"error"}


def test_an_unreadable_file_is_a_record_not_an_exception(tmp_path: Path) -> None:
    bad = tmp_path / "roto.pdf"
    bad.write_bytes(b"%PDF-1.7 nada")
    reading = extractor.read([bad])
    assert reading.records[0].estado == "error"
    assert reading.frames["errores"]["codigo"].tolist() == ["archivo_danado"]


def test_missing_input_raises_poai_error(tmp_path: Path) -> None:
    with pytest.raises(extractor.PoaiError, match="No existe el archivo o carpeta"):
        extractor.read(tmp_path / "no-existe")


def test_audit_again_on_json_records(tmp_path: Path) -> None:
    files = [SAMPLES / "poai_b01_word.docx", SAMPLES / "poai_b01_directo.pdf"]
    records = [extractor.extract(f) for f in files]  # one file at a time: no corpus rules yet
    assert not any(f["regla"] == "documento_repetido" for r in records for f in r["auditoria"])
    again = extractor.audit(records)
    assert [f.regla for r in again.records for f in r.auditoria if f.regla != "superior_desconocido"] == [
        "documento_repetido"] * 2
    rules = tmp_path / "reglas.toml"
    rules.write_text("[documento_repetido]\nactiva = false\n", encoding="utf-8")
    off = extractor.audit(again.records, rules=rules).frames["auditoria"]
    assert "documento_repetido" not in set(off["regla"])
    # Audited twice, nothing is doubled.
    once = extractor.audit(records).frames["auditoria"]
    twice = extractor.audit(extractor.audit(records).records).frames["auditoria"]
    assert len(twice) == len(once) == 4


def test_match_on_records_read_from_json_lines(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    assert main(["extract", str(SAMPLES / "poai_a04_word.docx"), "--json", str(out), "-q"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    matched = extractor.match(records, POA)
    functions = matched.frames["funciones"]
    assert functions["codigo_poa"].notna().any()
    assert (matched.frames["auditoria"]["regla"] == "funcion_sin_poa").sum() == 1
    coverage = matched.frames["cobertura_poa"]
    assert isinstance(coverage, pd.DataFrame) and coverage["n_poai"].max() == 1
    # The frames hold the same values as the records.
    assert functions["funcion"].tolist() == [f.funcion for f in matched.records[0].funciones]
