"""Normalisers: weights, years, dates, codes, marks, text folding."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.sections.values import (
    clean_item,
    grade_code,
    is_mark,
    parse_date,
    parse_weight,
    parse_year,
    parse_years,
    priority_code,
    scale_fractions,
)
from extractor.textnorm import clean_ws, compact, fold, strip_numbering

WEIGHT_FORMS = [
    lambda v: f"{v:.2f}".replace(".", ","),
    lambda v: f"{v:g} %",
    lambda v: f"{v:.2f}",
    lambda v: f"{v:g}",
    lambda v: f"{v:g}%",
    lambda v: f" {v:.1f} ".replace(".", ","),
]


@given(st.integers(min_value=0, max_value=10000), st.sampled_from(WEIGHT_FORMS))
def test_weight_in_every_written_form(hundredths: int, form) -> None:  # type: ignore[no-untyped-def]
    value = hundredths / 100
    assert parse_weight(form(value)) == pytest.approx(round(value, 1) if "1f" in str(form) else value, abs=0.051)


@pytest.mark.parametrize("text", ["", None, "Informe", "N/A", "-"])
def test_not_a_weight(text: str | None) -> None:
    assert parse_weight(text) is None


@given(st.lists(st.integers(min_value=1, max_value=20), min_size=1, max_size=12))
def test_fractions_become_percentages_only_when_all_are_fractions(parts: list[int]) -> None:
    total = sum(parts)
    fractions = [p / total for p in parts]
    scaled = scale_fractions(fractions)
    assert sum(w for w in scaled if w is not None) == pytest.approx(100.0)
    percentages = [100 * p / total for p in parts]
    if any(p > 1 for p in percentages):
        assert scale_fractions(percentages) == percentages


def test_fractions_keep_blanks() -> None:
    assert scale_fractions([0.5, None, 0.5]) == [50.0, None, 50.0]


@pytest.mark.parametrize(("text", "years"), [
    ("3", 3), ("3 años", 3), ("Tres (3) años", 3), ("dos años de experiencia", 2), ("Un año", 1),
    ("6 meses", 0.5), ("", None), ("No requiere", 0), ("1,5", 1.5),
])
def test_years(text: str, years: float | None) -> None:
    assert parse_years(text) == years


@pytest.mark.parametrize(("text", "code"), [
    ("EXCLUYENTE", "excluyente"), ("excluyente", "excluyente"), ("EXCLUY ENTE", "excluyente"),
    ("Excluy-\nente", "excluyente"), ("DESEA BLE", "deseable"), ("Deseable", "deseable"), ("1", "1"),
    ("", None),
])
def test_priority(text: str, code: str | None) -> None:
    assert priority_code(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("Bachiller", "bachiller"), ("Técnico o Egresado Universitario", "tecnico"), ("Licenciatura", "licenciatura"),
    ("Licencia tura", "licenciatura"), ("Post Grado", "postgrado"), ("Maestría en Gestión", "postgrado"),
    ("Diplomado", "postgrado"), ("Doctorado", "doctorado"), ("Derecho", None),
])
def test_grades(text: str, code: str | None) -> None:
    assert grade_code(text) == code


@pytest.mark.parametrize("text", ["X", "x", "✓", "•", " X "])
def test_marks(text: str) -> None:
    assert is_mark(text)


@pytest.mark.parametrize("text", ["", "XX", "EXCLUYENTE", "1"])
def test_not_marks(text: str) -> None:
    assert not is_mark(text)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)))
def test_dates_round_trip(day: dt.date) -> None:
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
              "octubre", "noviembre", "diciembre"]
    iso = day.isoformat()
    assert parse_date(day.strftime("%d/%m/%Y")) == iso
    assert parse_date(day.strftime("%d-%m-%Y")) == iso
    assert parse_date(iso) == iso
    assert parse_date(f"La Paz, {day.day} de {months[day.month - 1]} de {day.year}") == iso


def test_no_date() -> None:
    assert parse_date("") is None
    assert parse_date("sin fecha") is None


@pytest.mark.parametrize(("text", "item"), [("161", "161"), ("N° 147", "147"), ("Nº 12", "12"),
                                            ("Nro. 5", "5"), ("No. 9", "9"), ("", None)])
def test_item(text: str, item: str | None) -> None:
    assert clean_item(text) == item


def test_year() -> None:
    assert parse_year("GESTIÓN 2023") == 2023
    assert parse_year("gestion: 2024") is None or parse_year("gestion: 2024") == 2024
    assert parse_year("POA 2023") is None


@given(st.text())
def test_clean_ws_is_idempotent_and_has_no_runs(text: str) -> None:
    once = clean_ws(text)
    assert clean_ws(once) == once
    assert "  " not in once
    assert once == once.strip()


@given(st.text(alphabet="aeiouAEIOUáéíóúÁÉÍÓÚñÑ bcd", max_size=40))
def test_fold_ignores_accents_and_case(text: str) -> None:
    stripped = text.translate(str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU"))
    assert fold(text) == fold(stripped.upper()) == fold(stripped.lower())


def test_compact_joins_broken_words() -> None:
    assert compact("EXCLUY ENTE") == compact("excluyente")


@pytest.mark.parametrize(("text", "rest"), [
    ("1.- IDENTIFICACIÓN DEL PUESTO", "IDENTIFICACIÓN DEL PUESTO"), ("3.2 Funciones", "Funciones"),
    ("A. IDENTIFICACION DEL CARGO:", "IDENTIFICACION DEL CARGO:"), ("1 - IDENTIFICACION", "IDENTIFICACION"),
    ("IV. COMPROMISO", "COMPROMISO"), ("3.2. Funciones", "Funciones"), ("Ley 1178", "Ley 1178"),
    ("2 años", "2 años"),
])
def test_strip_numbering(text: str, rest: str) -> None:
    assert strip_numbering(text) == rest


def test_item_prefixes_are_words_of_their_own() -> None:
    from extractor.sections.values import clean_item

    assert [clean_item(t) for t in ["Numero 161", "N°147", "Nro. 12", "#12"]] == ["161", "147", "12", "12"]
    assert [clean_item(t) for t in ["Nombre", "Nogales 4"]] == ["Nombre", "Nogales 4"]
