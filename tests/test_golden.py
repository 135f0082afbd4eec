"""Every sample and the seed read field by field exactly as their expected records say."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import differences, golden_pairs, load

import extractor

PAIRS = golden_pairs()


def test_corpus_is_complete() -> None:
    names = [doc.name for doc, _ in PAIRS]
    assert "000_bb97881b95efc531.txt" in names
    assert len(PAIRS) >= 31
    suffixes = {Path(n).suffix for n in names}
    assert {".pdf", ".docx", ".txt"} <= suffixes
    for family in "abc":
        assert any(n.startswith(f"poai_{family}") for n in names)


@pytest.mark.parametrize(("document", "expected"), PAIRS, ids=[d.name for d, _ in PAIRS])
def test_golden(document: Path, expected: Path) -> None:
    record = extractor.extract(document)
    diffs = differences(record, load(expected))
    assert not diffs, "\n".join(diffs)


def test_seed_fields_spot_check() -> None:
    """A few of the seed's fields written out by hand, independent of its golden file."""
    seed = Path(__file__).parent / "fixtures" / "000_bb97881b95efc531.txt"
    record = extractor.extract(seed)
    assert record["gestion"] == 2023
    assert record["puesto"]["item"] == "161"
    assert record["puesto"]["cargos_supervisados"] == []
    assert record["funciones"][6]["funcion"].startswith("Organizar y desarrollar las Sesiones")
    assert [f["tipo"] for f in record["funciones"]].count("rutinaria") == 3
    assert sum(f["ponderacion"] for f in record["funciones"]) == 100.0
    assert record["formacion"][1] == {
        "area": "Derecho y Ciencias Políticas (Derecho, Ciencias Políticas y Gestión Pública)",
        "grado_minimo": "postgrado", "prioridad": "deseable"}
    assert record["conocimientos"][2] == {"conocimiento": "Responsabilidad por la Función Pública",
                                          "caracter": "deseable"}
    assert record["aprobacion"]["aprobado_por"] == "ALDO FIDEL TORREZ CANAZAS"
    assert record["aprobacion"]["ciudadania_digital"] is True
