"""A small seeded subset of the mutated-file run (benchmarks/mutate.py), through the batch API.

40 committed samples damaged byte by byte (seed 1: PDF, Word, Excel and text; ten PDFs with a
damaged cross-reference table among them). Every input gives a record; no exception escapes a
reader as the batch's generic error; no record is ``ok`` with a garbage value (judged against
the sample's expected record); every damaged-table PDF reads exactly as its sample; none is
reported as a scan. The full run and its figures are in BENCHMARKS.md ("Archivos mutados").
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED, N = 1, 40


def _mutate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutate", ROOT / "benchmarks" / "mutate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutate"] = module
    spec.loader.exec_module(module)
    return module


mutate = _mutate()


@pytest.fixture(scope="module")
def report() -> object:
    return mutate.run(N, SEED, workers=2, timeout=120.0, pdftotext=False)


def test_the_mutants_are_the_same_for_the_same_seed() -> None:
    first = [(m.name, m.data) for m in mutate.mutants(8, SEED)]
    assert first == [(m.name, m.data) for m in mutate.mutants(8, SEED)]
    assert first != [(m.name, m.data) for m in mutate.mutants(8, SEED + 1)]
    formats = {Path(m.name).suffix for m in mutate.mutants(N, SEED)}
    assert formats == {".pdf", ".docx", ".xlsx", ".txt"}


def test_every_input_gives_a_record(report: object) -> None:
    assert report.inputs == N  # type: ignore[attr-defined]
    assert report.records >= N and report.missing == []  # type: ignore[attr-defined]


def test_no_exception_escapes_a_reader(report: object) -> None:
    assert report.tracebacks == []  # type: ignore[attr-defined]
    assert "traceback" not in report.codes  # type: ignore[attr-defined]


def test_no_record_is_ok_with_garbage(report: object) -> None:
    assert report.ok_garbage == []  # type: ignore[attr-defined]
    # and every garbage value of a record read is flagged where it is
    assert report.garbage_flagged == report.garbage_values  # type: ignore[attr-defined]


def test_pdfs_with_a_damaged_cross_reference_table_are_read(report: object) -> None:
    xref = report.xref  # type: ignore[attr-defined]
    assert sum(xref.values()) >= 8
    assert report.xref_exact == sum(xref.values())  # type: ignore[attr-defined]
    assert "sin_texto" not in report.codes  # type: ignore[attr-defined]


def test_the_garbage_judge_sees_garbage() -> None:
    """The judge of the tests above can fail: it catches each class against a sample's record."""
    expected = {"puesto": {"ocupante": "ROSA ELENA QUISPE MAMANI", "dependencia": "Dirección General"},
                "normas": ["Ley 1178 de Administración"]}
    labels = mutate._layout_labels()
    record = {"puesto": {"ocupante": "ROSAELENAQUISPE MAMANI", "dependencia": "DirecciÃ³n General"},
              "normas": ["Normas a Cumplir", "••#••••", "Ley\x001178"]}
    kinds = {campo: kind for campo, _value, kind in mutate.garbage(record, expected, labels)}
    assert kinds == {"puesto.ocupante": "palabras pegadas", "puesto.dependencia": "mal decodificado",
                     "normas[0]": "título del formulario", "normas[1]": "símbolos",
                     "normas[2]": "caracteres ilegibles"}
    assert mutate.garbage(expected, expected, labels) == []
