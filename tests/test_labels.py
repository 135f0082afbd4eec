"""Label/value lines: a value that ran into the next label is cut where that label begins."""

from __future__ import annotations

from extractor.layout.segment import Item
from extractor.layout.spec import vocabulary
from extractor.sections.labels import label_values


def read(*lines: str) -> dict[str, str]:
    spec = vocabulary()
    found = label_values([Item(page=1, text=line) for line in lines], spec.puesto, spec)
    return {key: " ".join(cell.text for cell in cells) for key, cells in found.items()}


def test_next_label_wrapped_onto_a_long_value() -> None:
    found = read("Puesto inmediato superior: COORDINADOR GENERAL DE INVESTIGACIÓN CIENTÍFICA Nombre del ocupante: "
                 "JUAN PÉREZ")
    assert found["inmediato_superior"] == "COORDINADOR GENERAL DE INVESTIGACIÓN CIENTÍFICA"
    assert found["ocupante"] == "JUAN PÉREZ"


def test_a_colon_inside_a_value_that_names_no_label_stays() -> None:
    found = read("Cargo: TÉCNICO EN SISTEMAS: REDES Y SERVIDORES")
    assert found["denominacion"] == "TÉCNICO EN SISTEMAS: REDES Y SERVIDORES"
