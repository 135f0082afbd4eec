"""The layout spec: the built-in file validates, every kind of mistake is named in Spanish, and a
new entity's layout is a data change (an edited copy of layouts.toml changes what is read)."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import LayoutSpecError, PoaiError, UsageError
from extractor.layout.spec import Vocabulary, load_spec, parse_spec, vocabulary
from extractor.readers.text import read_text
from extractor.sections.parse import parse_document
from extractor.sections.values import clean_item, is_mark, parse_date, parse_years, priority_code

BUILTIN_TEXT = resources.files("extractor.layout").joinpath("layouts.toml").read_text(encoding="utf-8")
BUILTIN_DATA = tomllib.loads(BUILTIN_TEXT)


def error_of(mutate: Callable[[dict[str, Any]], None]) -> LayoutSpecError:
    """The error a copy of the built-in data gives once ``mutate`` has changed it."""
    data = copy.deepcopy(BUILTIN_DATA)
    mutate(data)
    with pytest.raises(LayoutSpecError) as caught:
        Vocabulary(data)
    return caught.value


def entity_spec(tmp_path: Path, *edits: tuple[str, str]) -> Vocabulary:
    """An entity's own layout file: the built-in text with ``edits`` (old, new) applied, loaded from disk."""
    text = BUILTIN_TEXT
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "entidad.toml"
    path.write_text(text, encoding="utf-8")
    return load_spec(path)


# -- the built-in file -------------------------------------------------------------------------


def test_builtin_spec_validates_and_is_loaded_once() -> None:
    spec = vocabulary()
    assert spec is vocabulary()
    assert spec.source == "layouts.toml"
    assert {f.key for f in spec.families} == set(BUILTIN_DATA["layouts"])


def test_builtin_file_loads_from_a_path_too(tmp_path: Path) -> None:
    spec = entity_spec(tmp_path)
    assert spec is not vocabulary()
    assert spec.source.endswith("entidad.toml")
    assert spec.puesto == vocabulary().puesto


def test_error_class() -> None:
    error = error_of(lambda d: d["fields"]["puesto"].update(item=3))
    assert isinstance(error, UsageError) and isinstance(error, PoaiError)
    assert error.codigo == "plantilla_invalida"
    assert error.clave == "fields.puesto.item"
    assert error.as_dict() == {"codigo": "plantilla_invalida", "mensaje": error.mensaje}


# -- each kind of mistake, named ---------------------------------------------------------------


def test_wrong_type() -> None:
    error = error_of(lambda d: d["fields"]["puesto"].update(item=3))
    assert error.mensaje == "En layouts.toml, 'fields.puesto.item' debe ser una lista de textos (se encontró 3)."


@pytest.mark.parametrize(("mutate", "key", "words"), [
    (lambda d: d["sections"]["normas"].append(7), "sections.normas", "una lista de textos (se encontró 7)"),
    (lambda d: d["values"]["marks"].append(" "), "values.marks", "textos no vacíos"),
    (lambda d: d["values"].update(nobody=[]), "values.nobody", "al menos un texto"),
    (lambda d: d["values"]["no_experience"].append("-"), "values.no_experience", "no tiene letras ni números"),
    (lambda d: d["values"]["months"].pop(), "values.months", "una lista de 12 listas de textos"),
    (lambda d: d["values"]["months"][2].append(3), "values.months[3]", "una lista de textos"),
    (lambda d: d["values"]["numbers"].update(tres="3"), "values.numbers.tres", "un número"),
    (lambda d: d["values"]["numbers"].update(tres=True), "values.numbers.tres", "un número"),
    (lambda d: d["grade_area"].update(max_words_between=1.5), "grade_area.max_words_between", "un número entero"),
    (lambda d: d["layouts"]["A"].update(nombre=""), "layouts.A.nombre", "un texto no vacío"),
    (lambda d: d.update(tipos=["especifica"]), "tipos", "una tabla [tipos]"),
    (lambda d: d.update(layouts={}), "layouts", "al menos 1 entrada"),
])
def test_wrong_types(mutate: Callable[[dict[str, Any]], None], key: str, words: str) -> None:
    error = error_of(mutate)
    assert error.clave == key
    assert f"'{key}' debe" in error.mensaje or f"'{key}' tiene" in error.mensaje
    assert words in error.mensaje


@pytest.mark.parametrize(("mutate", "key"), [
    (lambda d: d.pop("tipos"), "tipos"),
    (lambda d: d["fields"].pop("puesto"), "fields.puesto"),
    (lambda d: d["columns"].pop("poa"), "columns.poa"),
    (lambda d: d["priorities"].pop("deseable"), "priorities.deseable"),
])
def test_missing_table(mutate: Callable[[dict[str, Any]], None], key: str) -> None:
    error = error_of(mutate)
    assert error.mensaje == f"En layouts.toml falta la tabla [{key}]."
    assert error.clave == key


@pytest.mark.parametrize(("mutate", "key"), [
    (lambda d: d["fields"]["aprobacion"].pop("ciudadania_digital"), "fields.aprobacion.ciudadania_digital"),
    (lambda d: d["values"].pop("total_rows"), "values.total_rows"),
    (lambda d: d["grade_area"].pop("max_words_between"), "grade_area.max_words_between"),
])
def test_missing_key(mutate: Callable[[dict[str, Any]], None], key: str) -> None:
    error = error_of(mutate)
    assert error.mensaje == f"En layouts.toml falta '{key}'."


@pytest.mark.parametrize(("mutate", "key"), [
    (lambda d: d.update(secciones={}), "secciones"),
    (lambda d: d["fields"]["puesto"].update(itm=["item"]), "fields.puesto.itm"),
    (lambda d: d["values"].update(mark=["x"]), "values.mark"),
    (lambda d: d["layouts"]["B"].update(label=["item"]), "layouts.B.label"),
    (lambda d: d["fields"]["puesto_fallback"].update(cargo=["nivel"]), "fields.puesto_fallback.cargo"),
])
def test_unknown_key(mutate: Callable[[dict[str, Any]], None], key: str) -> None:
    error = error_of(mutate)
    assert error.mensaje.startswith(f"Clave desconocida en layouts.toml: '{key}'. Claves posibles: ")
    assert error.clave == key


@pytest.mark.parametrize(("mutate", "key", "name"), [
    (lambda d: d["fields"]["puesto_order"]["order"].__setitem__(3, "itm"), "fields.puesto_order.order", "itm"),
    (lambda d: d["fields"]["puesto_lists"]["fields"].append("cargos"), "fields.puesto_lists.fields", "cargos"),
    (lambda d: d["fields"]["puesto_fallback"].update(denominacion=["nivl"]), "fields.puesto_fallback.denominacion",
     "nivl"),
    (lambda d: d["headings"]["one_word"].append("formaciones"), "headings.one_word", "formaciones"),
    (lambda d: d["layouts"]["C"]["sections"].append("funcion"), "layouts.C.sections", "funcion"),
    (lambda d: d["layouts"]["A"]["labels"].append("nombre"), "layouts.A.labels", "nombre"),
])
def test_bad_reference(mutate: Callable[[dict[str, Any]], None], key: str, name: str) -> None:
    error = error_of(mutate)
    assert error.mensaje.startswith(f"En layouts.toml, '{key}' nombra '{name}', que no es ")
    assert error.clave == key


def test_order_names_every_field_once() -> None:
    error = error_of(lambda d: d["fields"]["puesto_order"]["order"].remove("nivel"))
    assert error.clave == "fields.puesto_order.order"
    assert "'nivel' figura 0 veces" in error.mensaje
    error = error_of(lambda d: d["fields"]["puesto_fallback"].update(nivel=["nivel"]))
    assert error.clave == "fields.puesto_fallback.nivel"
    assert "no puede nombrar su propio campo" in error.mensaje


def test_bad_toml_syntax(tmp_path: Path) -> None:
    path = tmp_path / "entidad.toml"
    path.write_text(BUILTIN_TEXT.replace("[tipos]", "[tipos", 1), encoding="utf-8")
    with pytest.raises(LayoutSpecError) as caught:
        load_spec(path)
    assert caught.value.mensaje.startswith(f"El archivo de plantillas {path} no es TOML válido (línea ")
    assert caught.value.mensaje.endswith("revise su sintaxis.")
    with pytest.raises(LayoutSpecError, match=r"no es TOML válido"):
        parse_spec("x = ", "otra.toml")


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(LayoutSpecError, match="no existe"):
        load_spec(tmp_path / "no_hay.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes("# año\n".encode("latin-1"))
    with pytest.raises(LayoutSpecError, match="UTF-8"):
        load_spec(latin)


def test_entity_file_errors_name_that_file(tmp_path: Path) -> None:
    with pytest.raises(LayoutSpecError) as caught:
        entity_spec(tmp_path, ('nobody = ["ninguno"', 'nobody = [3, "ninguno"'))
    assert caught.value.mensaje.startswith(f"En {tmp_path / 'entidad.toml'}, 'values.nobody' debe ser")


# -- a new entity's layout is a data change ----------------------------------------------------

DOCUMENT = "\n".join([
    "**PROGRAMACIÓN OPERATIVA ANUAL INDIVIDUAL - GESTIÓN 2024**",
    "**1. IDENTIFICACIÓN DEL PUESTO**",
    "Denominación del Puesto\tANALISTA DE PLANILLAS",
    "Código del puesto\tABC-12",
    "**2. OBJETIVO DEL PUESTO**",
    "Elaborar y controlar las planillas.",
    "**3. FUNCIONES ESPECÍFICAS**",
    "Funciones Específicas\tResultados\tPonderación",
    "Elaborar planillas\tPlanillas mensuales\t60",
    "Revisar descuentos\tDescuentos revisados\t40",
    "PUNTAJE FINAL\t\t100",
    "**4. APROBACIÓN Y ACEPTACIÓN**",
    "Fecha de elaboración: 15 de septbre de 2024",
]).encode("utf-8")


def test_new_total_word_label_and_month_are_data(tmp_path: Path) -> None:
    before = parse_document(read_text(DOCUMENT)).record
    assert [f.funcion for f in before.funciones][-1] == "PUNTAJE FINAL"
    assert before.puesto.item is None
    assert before.aprobacion.fecha_elaboracion is None
    spec = entity_spec(
        tmp_path,
        ('"sumatoria"]', '"sumatoria", "puntaje final"]'),
        ('item = ["nro item",', 'item = ["codigo del puesto", "nro item",'),
        ('["septiembre", "setiembre",', '["septiembre", "septbre", "setiembre",'),
    )
    after = parse_document(read_text(DOCUMENT), spec).record
    assert [f.funcion for f in after.funciones] == ["Elaborar planillas", "Revisar descuentos"]
    assert after.puesto.item == "ABC-12"
    assert after.aprobacion.fecha_elaboracion == "2024-09-15"
    assert parse_date("15 de septbre de 2024", spec) == "2024-09-15"


def test_fallback_is_data(tmp_path: Path) -> None:
    text = "\n".join(["**IDENTIFICACIÓN DEL CARGO**", "Nombre del cargo\tCHOFER", "**OBJETIVO DEL CARGO**",
                      "Conducir.", "Funciones\tResultados\tPonderación", "Conducir\tViajes\t100"]).encode("utf-8")
    assert parse_document(read_text(text)).record.puesto.denominacion == "CHOFER"
    spec = entity_spec(tmp_path, ('denominacion = ["nivel"]\n', ""))
    assert parse_document(read_text(text), spec).record.puesto.denominacion is None


def test_value_words_are_data(tmp_path: Path) -> None:
    spec = entity_spec(
        tmp_path,
        ('marks = ["x",', 'marks = ["ok", "x",'),
        ('doce = 12\n', 'doce = 12\nquince = 15\n'),
        ('abbreviations = ["exc"]', 'abbreviations = ["exc", "oblig"]'),
        ('"num.", "numero"', '"num.", "numero", "cod."'),
    )
    assert not is_mark("OK") and is_mark("OK", spec)
    assert parse_years("quince años") is None and parse_years("quince años", spec) == 15
    assert priority_code("OBLIG") == "OBLIG" and priority_code("OBLIG", spec) == "excluyente"
    assert clean_item("Cod. 161") == "Cod. 161" and clean_item("Cod. 161", spec) == "161"


def test_header_cells_name_columns_by_synonym_or_by_a_listed_prefix() -> None:
    from extractor.layout.spec import vocabulary

    spec = vocabulary()
    named = spec.name_columns(["Código POA (5)", "Operación", "", "Cód. de la tarea", "Observaciones"], "poa")
    assert named == {0: "codigo", 1: "operacion", 3: "codigo", 4: None}
    assert spec.name_columns(["Función", "x" * 200], "funciones", max_len=140) == {}
    assert spec.name_columns(["Función", "Funciones", "Peso"], "funciones", unique=True) == {
        0: "funcion", 1: None, 2: "ponderacion"}
