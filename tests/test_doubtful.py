"""``lectura_dudosa``: symbol runs, layout text taken as a value and words run together are flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import extractor
from extractor.checks.doubtful import doubt

SEED = Path(__file__).parent / "fixtures" / "000_bb97881b95efc531.txt"


@pytest.mark.parametrize("value", ["•••••••••", "________", "----", "XXXXXXX", "· · · ·"])
def test_symbols_and_repeated_glyphs(value: str) -> None:
    assert doubt(value) == "está hecho solo de símbolos o de un mismo carácter repetido"


@pytest.mark.parametrize("value", ["Normas a Cumplir", "NormasaCumplir", "CUALIDADES PERSONALES",
                                   "Fuente de Verificación", "Nombre del Ocupante"])
def test_layout_text_taken_as_a_value(value: str) -> None:
    assert doubt(value) == "es un título o un rótulo del formulario, no un dato"


@pytest.mark.parametrize("value", ["MARIAFERNANDACHOQUELIMACHIPAZ", "ElaborarinformestecnicosdelaUnidad",
                                   "DireccionGeneralDeAsuntos"])
def test_words_run_together(value: str) -> None:
    assert doubt(value) == "tiene palabras pegadas, sin espacios"


@pytest.mark.parametrize("value", ["Ley 1178", "RESPONSABILIDAD", "EM-DJR-01", "161", "Área", "Informe",
                                   "Dirección General de Asuntos Jurídicos", "Interinstitucionalización",
                                   "www.justicia.gob.bo", "N/A", "Ley N° 1080 (Ciudadanía Digital)"])
def test_ordinary_values_are_not_doubtful(value: str) -> None:
    assert doubt(value) is None


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñ", min_size=1, max_size=14)


@given(st.lists(_WORD, min_size=1, max_size=12))
def test_plain_lower_case_words_are_never_run_together(words: list[str]) -> None:
    assert doubt(" ".join(words)) != "tiene palabras pegadas, sin espacios"


@given(st.text(max_size=200))
def test_any_text_gets_an_answer(value: str) -> None:
    assert doubt(value) is None or isinstance(doubt(value), str)


def test_a_doubtful_value_makes_the_record_partial(tmp_path: Path) -> None:
    path = tmp_path / "dudoso.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace("LUZ MARIA CALDERON ARANCIBIA", "•••••••••"),
                    encoding="utf-8")
    record = extractor.extract(path)
    assert record["estado"] == "parcial"
    doubtful = [f for f in record["auditoria"] if f["regla"] == "lectura_dudosa"]
    assert [f["campo"] for f in doubtful] == ["puesto.ocupante", "aprobacion.elaborado_por"]  # the same person
    assert "«•••••••••»" in doubtful[0]["mensaje"]
