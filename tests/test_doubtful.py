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


# --- the classes the mutated files showed (benchmarks/mutate.py) -------------------------------------

from extractor.checks.doubtful import ILLEGIBLE, LAYOUT, MOSTLY_SYMBOLS, RUN_TOGETHER  # noqa: E402
from extractor.layout.spec import vocabulary  # noqa: E402

_SPANISH = "abcdefghijklmnopqrstuvwxyzáéíóúñüABCDEFGHIJKLMNOPQRSTUVWXYZÁÉÍÓÚÑÜ"
_TEXT = st.lists(st.text(alphabet=_SPANISH, min_size=1, max_size=12), min_size=1, max_size=10).map(" ".join)


@given(_TEXT)
def test_spanish_text_read_as_windows_1252_is_caught_and_said(text: str) -> None:
    mangled = text.encode("utf-8").decode("cp1252", errors="replace")
    if mangled == text:
        return  # ASCII only: nothing to mangle
    why = doubt(mangled)
    assert why is not None and (why.startswith("tiene letras mal decodificadas") or why == ILLEGIBLE)


@given(_TEXT)
def test_spanish_text_as_written_is_never_taken_for_mojibake_nor_symbols(text: str) -> None:
    why = doubt(text)
    repeated = len(set(text.replace(" ", ""))) == 1  # "XXXX": one glyph repeated is its own class
    assert why is None or why in (LAYOUT, RUN_TOGETHER) or (repeated and why.startswith("está hecho solo"))


@given(_TEXT, st.integers(0, 200), st.sampled_from(["\x00", "\x01", "\x14", "\ufffd", "\ue000"]))
def test_a_control_or_unreadable_character_is_illegible(text: str, at: int, odd: str) -> None:
    at %= len(text) + 1
    assert doubt(text[:at] + odd + text[at:]) == ILLEGIBLE


@given(st.text(alphabet="•#$%&*!\"'()+,-/;<=>@", min_size=6, max_size=60),
       st.text(alphabet="abcdefgh0123456789", max_size=2))
def test_symbols_with_a_few_letters_left_are_a_font_without_its_map(symbols: str, letters: str) -> None:
    assert doubt(symbols + letters) in (MOSTLY_SYMBOLS, "está hecho solo de símbolos o de un mismo carácter repetido")


@given(st.data())
def test_a_label_of_the_values_own_column_or_section_is_layout_text(data: st.DataObject) -> None:
    spec = vocabulary()
    campo, labels = data.draw(st.sampled_from([
        ("funciones[0].actividades[1].actividad", spec.columns["actividades"]["actividad"]),
        ("funciones[2].fuente_verificacion", spec.columns["funciones"]["fuente_verificacion"]),
        ("funciones[0].indicador", spec.columns["funciones"]["indicador"]),
        ("conocimientos[0].conocimiento", spec.sections["conocimientos"]),
        ("cualidades[3]", spec.sections["cualidades"]),
        ("puesto.dependencia", spec.puesto["dependencia"]),
    ]))
    label = data.draw(st.sampled_from(labels))
    shown = data.draw(st.sampled_from([label.upper(), label.title(), label]))
    assert doubt(shown, campo) == LAYOUT
    words = shown.split()
    if len(words) >= 3:  # the label's first words, its last line lost ("MEDIO DE")
        assert doubt(" ".join(words[:2]), campo) == LAYOUT


@given(st.sampled_from(sorted(vocabulary().one_word_sections)))
def test_a_one_word_section_heading_alone_is_layout_text_anywhere(key: str) -> None:
    spec = vocabulary()
    one_word = [s for s in spec.sections[key] if " " not in s]
    for heading in one_word:
        # A heading the layout data says is also data ("COMPROMISO", a personal quality) is not.
        assert doubt(heading.upper()) == (None if heading in spec.not_alone_headings else LAYOUT)


_SYLLABLES = ["MA", "RI", "A", "FER", "NAN", "DA", "CHO", "QUE", "LI", "PAZ", "RO", "SA", "E", "LE", "NA", "QUIS",
              "PE", "MAM", "NI", "GUE", "RRA", "VI", "LLA", "CEN", "CIO", "TO", "JUAN", "CAR", "LOS", "ÑEZ", "ÁN"]
_NAME = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=4).map("".join).filter(lambda n: 4 <= len(n) <= 13)


@given(st.lists(_NAME, min_size=2, max_size=4))
def test_names_run_together_are_caught_in_a_persons_name_only(names: list[str]) -> None:
    joined = "".join(names[:2])
    value = " ".join([joined, *names[2:]])
    if len(joined) >= 14:
        assert doubt(value, "puesto.ocupante") == RUN_TOGETHER
    assert doubt(" ".join(names), "puesto.ocupante") is None


@pytest.mark.parametrize(("value", "campo"), [
    ("Área", "formacion[0].area"), ("VILLAVICENCIO CONSTANTINO", "puesto.ocupante"),
    ("Medio de verificación del informe", "funciones[0].fuente_verificacion"),
    ("• Ley 1178 de Administración y Control Gubernamentales", "normas[0]"),
    ("N° 107", "puesto.item"), ("«Perú»", None), ("Informe técnico (PDF)", "funciones[0].fuente_verificacion"),
])
def test_values_near_the_classes_are_not_doubtful(value: str, campo: str | None) -> None:
    expected = LAYOUT if value == "Área" else None  # "Área" is the label of formacion's area column
    assert doubt(value, campo) == expected
