"""Every unit POA shape loads to its expected tree (golden files beside the samples)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.poa.loader import load_poa

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "samples" / "poa" / "formas"
OUTSIDE = ROOT / "samples" / "poa" / "afuera"  # POAs laid out as offices make them (samples/poa/outside.py)
EXTERNAL = ROOT.parent / "shared" / "corpus" / "external"
CASES = sorted(p for p in SHAPES.iterdir() if not p.name.endswith(".json"))
OUTSIDE_CASES = sorted(p for p in OUTSIDE.iterdir() if not p.name.endswith(".json"))
EXTERNAL_CASES = [EXTERNAL / "poa_unidad.xlsx", EXTERNAL / "poa_unidad.csv"]


def _expected(path: Path) -> dict[str, object]:
    beside = path.with_name(path.name + ".expected.json")
    if not beside.exists():
        beside = ROOT / "tests" / "fixtures" / "poa" / (path.name + ".expected.json")
    data: dict[str, object] = json.loads(beside.read_text(encoding="utf-8"))
    return data


ALL_CASES = CASES + OUTSIDE_CASES + [p for p in EXTERNAL_CASES if p.exists()]


@pytest.mark.parametrize("path", ALL_CASES, ids=lambda p: p.name)
def test_shape_loads_to_its_expected_tree(path: Path) -> None:
    assert load_poa(path).tree() == _expected(path)


def test_every_shape_has_its_tree() -> None:
    assert len(CASES) >= 12
    assert len(OUTSIDE_CASES) >= 8
    for path in CASES + OUTSIDE_CASES:
        assert path.with_name(path.name + ".expected.json").exists()


def test_functions_linked_right_on_every_corpus() -> None:
    """The bar of issue 12: ≥ 90 % of functions linked right (external corpus and samples, every POA form)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("poa_matching", ROOT / "benchmarks" / "poa_matching.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    import sys

    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    for corpus, poa, result in module.measure():
        assert result.accuracy >= 0.9, (corpus, poa, result)


def test_activity_match_links_its_operation() -> None:
    from extractor.poa.matching import Matcher

    poa = load_poa(SHAPES / "filas_sangria_totales.xlsx")
    match = Matcher(poa).match([{"funcion": "Registrar evidencias del geoportal en producción", "resultado": ""}])[0]
    assert match.codigo == "1.1.2"
    assert match.actividad is not None and str(match.actividad["codigo"]).startswith("1.1.2.")
    assert len(match.candidatos) == 2
