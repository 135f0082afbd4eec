"""Round trip over random layouts (issue 11): generate, read with ``extractor.extract``, compare.

A fixed seeded set of documents (reportlab PDF, DOCX and text dumps) is drawn by
``samples/layoutgen``: random content in random layouts, each with the record built from what
was drawn. The reader must keep at least ``MIN_ACCURACY`` percent of the content fields exact.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("reportlab")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))

from layoutgen.corpus import draw, generate, score_all  # noqa: E402
from layoutgen.expected import expected_record  # noqa: E402
from layoutgen.report import Summary, kind_table, summarise, worst_docs  # noqa: E402

# A ratchet, not a goal: the fields-exact percentage the reader reached on this very set when the
# test was written (86.90 % on 2026-11-25), rounded down to one decimal. Raise it whenever the
# reader improves; never lower it to make a change pass. The target is 99.5 %.
# Raised to 90.79 % with the requirement layouts (formation headers over several rows, wrapped
# instructions, dates under their labels), the set then drawing those layouts too.
# Raised to 90.895 % with the PDF reader's breaks inside a word and lists told from wraps, the set
# then drawing hyphenated compounds that break after their hyphen (layout ``compounds``).
# Raised to 93.77 % (13162 of 14037 fields) with aligned PDF tables read under their header's extent
# and two-row headers split into their own columns, and the section-level fixes of the same day.
# Raised to 94.49 % (13264 of 14037) with symbol-font glyphs read as bullets in PDFs.
# Raised to 99.4 % (13964 of 14037) with unruled PDF tables kept whole (group rows, narrow gutters,
# wrapped and centred header cells, columns carried over a page break), stitching of pieces drawn
# aside and of sub-headings cut off by a break, text-dump running headers and footers, and the
# approval section read across formats.
# Raised to 99.6 % (13988 of 14037) with bold headers wrapped in narrow columns and two-row
# headers carried over a page break, margin-zone lines given back to the body, column limits
# from the next flush-left column, signature lines as items; the set then drawing narrow
# margins, tight unruled rows and watermarks too.
MIN_ACCURACY = 99.6

SEED = 2024
COUNT = 160
FORMATS = ["pdf", "docx", "txt"]
WORKERS = 2

_GRADES = {"bachiller", "tecnico", "licenciatura", "postgrado", "doctorado"}
_PRIORITIES = {"excluyente", "deseable"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    """The fixed set, generated into a temporary folder, read and scored."""
    folder = tmp_path_factory.mktemp("aleatorios")
    made = generate(SEED, range(COUNT), folder, FORMATS, workers=WORKERS, sidecars=False)
    return summarise(score_all(made, workers=WORKERS))


def test_fixed_set_mixes_formats(summary: Summary) -> None:
    formats = {doc.formato for doc in summary.docs}
    assert len(summary.docs) >= 150
    assert formats == set(FORMATS)


def test_random_layouts_are_read_at_least_as_well_as_before(summary: Summary) -> None:
    accuracy = summary.overall.share
    if accuracy < MIN_ACCURACY:
        details = "\n".join([*kind_table(summary), "", *worst_docs(summary, 10)])
        pytest.fail(f"Campos exactos {accuracy:.2f} % < MIN_ACCURACY {MIN_ACCURACY} %\n{details}", pytrace=False)


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    return []


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10**6), index=st.integers(0, 10**5), formato=st.sampled_from(["pdf", "docx", "txt", "lo"]))
def test_expected_record_is_self_consistent(seed: int, index: int, formato: str) -> None:
    _content, layout, composed = draw(seed, index, [formato])
    record = expected_record(composed, layout)
    assert isinstance(record["gestion"], int)
    functions = record["funciones"]
    assert functions and abs(sum(f["ponderacion"] for f in functions) - 100.0) < 0.01
    tipos = [f["tipo"] for f in functions]
    assert tipos == sorted(tipos)  # specific ones first, as printed
    for tipo in ("especifica", "rutinaria"):
        assert [f["n"] for f in functions if f["tipo"] == tipo] == list(range(1, tipos.count(tipo) + 1))
    for f in functions:
        assert isinstance(f["ponderacion"], float) and f["ponderacion"] > 0
        assert f["funcion"]
        if "resultado" not in layout.columns:
            assert f["resultado"] is None
        if "indicador" not in layout.columns:
            assert f["indicador"] is None
    for entry in record["formacion"]:
        assert entry["grado_minimo"] in _GRADES
        assert entry["prioridad"] is None or entry["prioridad"] in _PRIORITIES or entry["prioridad"].isdigit()
    for entry in record["conocimientos"]:
        assert entry["caracter"] in _PRIORITIES
    for value in record["experiencia"].values():
        assert value is None or (isinstance(value, float) and value >= 0)
    approval = record["aprobacion"]
    assert isinstance(approval["ciudadania_digital"], bool)
    for key in ("fecha_elaboracion", "fecha_aprobacion"):
        assert approval[key] is None or _ISO.match(approval[key])
    if not layout.print_item:
        assert record["puesto"]["item"] is None
    assert isinstance(record["puesto"]["cargos_supervisados"], list)
    # Texts are single-line, trimmed and free of colons (a colon would make "Label: value" lines ambiguous).
    for text in _texts({k: v for k, v in record.items() if k != "aprobacion"}):
        assert text == text.strip() and "\t" not in text and "\n" not in text
    for text in _texts(record["puesto"]) + _texts(record["funciones"]):
        assert ":" not in text


def test_same_seed_and_index_give_the_same_document() -> None:
    first = draw(7, 3, FORMATS)
    second = draw(7, 3, FORMATS)
    assert first[1] == second[1]
    assert expected_record(first[2], first[1]) == expected_record(second[2], second[1])
