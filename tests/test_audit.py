"""Audit rules on documents with known defects: each rule fires where it should and nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import extractor
from extractor.api import audited_records
from extractor.checks.rules import load_rules
from extractor.cli import main
from extractor.errors import RulesError

SEED_TEXT = (Path(__file__).parent / "fixtures" / "000_bb97881b95efc531.txt").read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rules_of(record: dict) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [(f["regla"], f["severidad"], f["campo"]) for f in record["auditoria"]]


def drop_section(text: str, start: str, end: str) -> str:
    return text[: text.index(start)] + text[text.index(end):]


DEFECTS = {
    "clean": (lambda t: t, []),
    "no_denominacion": (lambda t: t.replace("\tRESPONSABLE DE TRATA Y TRAFICO", "\t"),
                        [("campo_vacio", "error", "puesto.denominacion")]),
    "blank_item": (lambda t: t.replace("<b>Nro Item</b>\t161", "<b>Nro Item</b>\t"),
                   [("campo_vacio", "advertencia", "puesto.item")]),
    "no_cualidades": (lambda t: drop_section(t, "**4.4 Cualidades Personales**", "### **5.-"),
                      [("seccion_faltante", "advertencia", "cualidades")]),
    "no_functions": (lambda t: drop_section(t, "### 3.2 Funciones", "### 3.4 Normas"),
                     [("seccion_faltante", "advertencia", "funciones"), ("sin_funciones", "error", "funciones")]),
    "blank_source": (lambda t: t.replace("\tActa de Reunión\t", "\t\t"),
                     [("funcion_incompleta", "advertencia", "funciones[1].fuente_verificacion")]),
    "no_weight": (lambda t: t.replace("\tInforme\t10,00", "\tInforme\t", 1),
                  [("funcion_incompleta", "advertencia", "funciones[4].ponderacion"),
                   ("ponderacion_total", "error", "funciones")]),
    "weights_95": (lambda t: t.replace("\tDocumento\t10,00", "\tDocumento\t5,00"),
                   [("ponderacion_total", "error", "funciones")]),
    "no_approval": (lambda t: t[: t.index("### **5.-")], [("sin_aprobacion", "advertencia", "aprobacion")]),
}


@pytest.mark.parametrize("name", DEFECTS)
def test_each_rule_fires_where_it_should_and_nowhere_else(tmp_path: Path, name: str) -> None:
    mutate, expected = DEFECTS[name]
    record = extractor.extract(write(tmp_path, f"{name}.txt", mutate(SEED_TEXT)))
    assert rules_of(record) == expected


def test_messages_say_what_is_missing_and_where(tmp_path: Path) -> None:
    text = SEED_TEXT.replace("\tActa de Reunión\t", "\t\t").replace("\tDocumento\t10,00", "\tDocumento\t5,00")
    record = extractor.extract(write(tmp_path, "x.txt", text))
    messages = [f["mensaje"] for f in record["auditoria"]]
    assert messages == ["Función específica 2: falta la fuente de verificación.",
                        "Las ponderaciones suman 95, no 100."]


def test_completitud_counts_expected_fields(tmp_path: Path) -> None:
    clean = extractor.extract(write(tmp_path, "a.txt", SEED_TEXT))
    blank = extractor.extract(write(tmp_path, "b.txt", SEED_TEXT.replace("\tActa de Reunión\t", "\t\t")))
    assert clean["completitud"] == 100.0
    # 6 puesto labels + objetivo + gestión + 7 sections + 10 functions × 3 columns + aprobación = 46
    assert blank["completitud"] == round(100 * 45 / 46, 1)


def corpus(tmp_path: Path, texts: dict[str, str], rules: object = None) -> dict[str, list[tuple[str, str, str]]]:
    files = [str(write(tmp_path, name, text)) for name, text in texts.items()]
    records = audited_records(files, workers=1, rules=rules)  # type: ignore[arg-type]
    return {Path(r["archivo"]).name: [x for x in rules_of(r) if x[0] in {"item_duplicado", "ocupante_duplicado",
                                                                        "superior_desconocido"}]
            for r in records}


SUPERIOR_POST = SEED_TEXT.replace("RESPONSABLE DE TRATA Y TRAFICO",
                                  "DIRECTOR GENERAL DE ACCESO A LA JUSTICIA Y DERECHOS FUNDAMENTALES") \
    .replace("<b>Nro Item</b>\t161", "<b>Nro Item</b>\t12") \
    .replace("LUZ MARIA CALDERON ARANCIBIA", "ANA PEREZ") \
    .replace("<b>Inmediato Superior</b>\tDIRECTOR (A) GENERAL DE ACCESO A LA JUSTICIA Y DERECHOS FUNDAMENTALES",
             "<b>Inmediato Superior</b>\tMINISTRO DE JUSTICIA")


def test_corpus_rules(tmp_path: Path) -> None:
    same_item = SEED_TEXT.replace("LUZ MARIA CALDERON ARANCIBIA", "OTRA PERSONA")
    same_person = SEED_TEXT.replace("<b>Nro Item</b>\t161", "<b>Nro Item</b>\t300").replace(
        "RESPONSABLE DE TRATA Y TRAFICO", "TÉCNICO EN TRATA")
    found = corpus(tmp_path, {"a.txt": SEED_TEXT, "b.txt": same_item, "c.txt": same_person, "d.txt": SUPERIOR_POST})
    assert found["a.txt"] == [("item_duplicado", "error", "puesto.item"),
                              ("ocupante_duplicado", "advertencia", "puesto.ocupante")]
    assert found["b.txt"] == [("item_duplicado", "error", "puesto.item")]
    assert found["c.txt"] == [("ocupante_duplicado", "advertencia", "puesto.ocupante")]
    # d holds the post the others report to; its own superior is nobody's post here.
    assert found["d.txt"] == [("superior_desconocido", "info", "puesto.inmediato_superior")]


def test_superior_unknown_when_nobody_holds_the_post(tmp_path: Path) -> None:
    assert corpus(tmp_path, {"a.txt": SEED_TEXT})["a.txt"] == [
        ("superior_desconocido", "info", "puesto.inmediato_superior")]


def test_item_duplicate_only_within_one_gestion(tmp_path: Path) -> None:
    other_year = SEED_TEXT.replace("GESTIÓN 2023", "GESTIÓN 2024").replace(
        "LUZ MARIA CALDERON ARANCIBIA", "OTRA PERSONA")
    found = corpus(tmp_path, {"a.txt": SEED_TEXT, "b.txt": other_year, "d.txt": SUPERIOR_POST})
    assert found["a.txt"] == []


def test_rules_file_switches_changes_severity_and_tolerance(tmp_path: Path) -> None:
    config = write(tmp_path, "reglas.toml", """
[ponderacion_total]
severidad = "advertencia"
tolerancia = 10

[sin_funciones]
minimo = 12

[campo_vacio]
requeridos = ["denominacion", "objetivo", "gestion", "item"]

[superior_desconocido]
activa = false

[funcion_incompleta]
activa = false
""")
    rules = load_rules(config)
    text = SEED_TEXT.replace("\tDocumento\t10,00", "\tDocumento\t5,00").replace("\tActa de Reunión\t", "\t\t")
    text = text.replace("<b>Nro Item</b>\t161\n", "")
    found = list(audited_records([str(write(tmp_path, "x.txt", text))], workers=1, rules=rules))
    assert rules_of(found[0]) == [("campo_vacio", "advertencia", "puesto.item"),
                                  ("sin_funciones", "error", "funciones")]
    assert "tiene 10 funciones; se esperan al menos 12" in found[0]["auditoria"][1]["mensaje"]


@pytest.mark.parametrize(("content", "key"), [
    ("[ponderacion]\nactiva = false\n", "ponderacion"),
    ("[ponderacion_total]\nseveridad = 'grave'\n", "ponderacion_total.severidad"),
    ("[ponderacion_total]\ntolerancia = 'mucha'\n", "ponderacion_total.tolerancia"),
    ("[sin_funciones]\nminimo = -1\n", "sin_funciones.minimo"),
    ("[sin_funciones]\ntotal = 3\n", "sin_funciones.total"),
    ("[campo_vacio]\nrequeridos = ['telefono']\n", "campo_vacio.requeridos"),
    ("[item_duplicado]\nactiva = 'no'\n", "item_duplicado.activa"),
])
def test_bad_rules_file_names_the_key(tmp_path: Path, content: str, key: str) -> None:
    with pytest.raises(RulesError) as caught:
        load_rules(write(tmp_path, "r.toml", content))
    assert caught.value.clave == key
    assert f"'{key}'" in caught.value.mensaje


def test_rules_file_that_is_not_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "r.toml", "this is = = not toml")
    seed = write(tmp_path, "a.txt", SEED_TEXT)
    assert main(["audit", str(seed), "--reglas", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"poai: error: El archivo de reglas {bad} no es TOML válido")


def test_audit_command_report_and_gate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "bueno.txt", SUPERIOR_POST)
    bad = write(tmp_path, "malo.txt", SEED_TEXT.replace("\tDocumento\t10,00", "\tDocumento\t5,00"))
    assert main(["audit", str(good), str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"✔ {good}: completitud 100,0 %, 1 observación"
    assert out[1].startswith("    ℹ [info] Ningún POAI de este lote corresponde al puesto del inmediato superior")
    assert out[2] == f"✖ {bad}: completitud 100,0 %, 1 observación"
    assert out[3] == "    ✖ [error] Las ponderaciones suman 95, no 100."
    assert out[-2] == "Total: 2 documentos, 2 leídos, 0 ilegibles; completitud media 100,0 %."
    assert re.match(r"Observaciones: 1 de severidad error \(1 documentos\), 0 advertencias", out[-1])
    assert main(["audit", str(good)]) == 0
