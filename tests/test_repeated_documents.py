"""``documento_repetido``: the same POAI in two files is one POAI, never an ``item_duplicado``."""

from __future__ import annotations

import shutil
from pathlib import Path

from test_audit import SEED_TEXT, write

from extractor.api import audited_records
from extractor.checks.corpus import CorpusKey, distinct_poais
from extractor.checks.rules import load_rules
from extractor.model.record import Record

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "poai"
CORPUS_RULES = {"documento_repetido", "item_duplicado", "ocupante_duplicado"}


def findings(files: list[Path], rules: object = None) -> dict[str, list[tuple[str, str]]]:
    records = audited_records([str(f) for f in files], workers=1, rules=rules)  # type: ignore[arg-type]
    return {Path(r["archivo"]).name: [(f["regla"], f["severidad"]) for f in r["auditoria"]
                                      if f["regla"] in CORPUS_RULES] for r in records}


def test_a_word_file_and_its_pdf_are_one_poai() -> None:
    files = [SAMPLES / "poai_a01_word.docx", SAMPLES / "poai_a01_directo.pdf", SAMPLES / "poai_a01_texto.txt"]
    found = findings(files)
    assert all(found[f.name] == [("documento_repetido", "info")] for f in files), found
    records = list(audited_records([str(f) for f in files], workers=1))
    message = next(f["mensaje"] for f in records[0]["auditoria"] if f["regla"] == "documento_repetido")
    assert "poai_a01_directo.pdf" in message and "poai_a01_texto.txt" in message and "una sola vez" in message


def test_a_third_different_poai_with_the_same_item_is_still_a_duplicate(tmp_path: Path) -> None:
    other = SEED_TEXT.replace("LUZ MARIA CALDERON ARANCIBIA", "OTRA PERSONA")
    first, copy, third = write(tmp_path, "a.txt", SEED_TEXT), tmp_path / "a_copia.md", write(tmp_path, "b.txt", other)
    shutil.copy(first, copy)
    found = findings([first, copy, third])
    assert found["a.txt"] == [("documento_repetido", "info"), ("item_duplicado", "error")]
    assert found["a_copia.md"] == [("documento_repetido", "info"), ("item_duplicado", "error")]
    assert found["b.txt"] == [("item_duplicado", "error")]
    records = list(audited_records([str(first), str(copy), str(third)], workers=1))
    message = next(f["mensaje"] for f in records[2]["auditoria"] if f["regla"] == "item_duplicado")
    assert "a.txt" in message and "a_copia.md" in message


def test_values_are_compared_normalised(tmp_path: Path) -> None:
    # Another case and accents, spaces a PDF export puts inside words: still the same POAI.
    shouted = SEED_TEXT.replace("RESPONSABLE DE TRATA Y TRAFICO", "Responsable de Trata y Tráfico") \
        .replace("LUZ MARIA CALDERON ARANCIBIA", "Luz María Calderón  Arancibia")
    found = findings([write(tmp_path, "a.txt", SEED_TEXT), write(tmp_path, "b.txt", shouted)])
    assert found == {"a.txt": [("documento_repetido", "info")], "b.txt": [("documento_repetido", "info")]}


def test_other_functions_make_another_poai(tmp_path: Path) -> None:
    changed = SEED_TEXT.replace("Organizar y desarrollar las Sesiones", "Planificar las Sesiones")
    found = findings([write(tmp_path, "a.txt", SEED_TEXT), write(tmp_path, "b.txt", changed)])
    assert found["a.txt"] == [("item_duplicado", "error")] and found["b.txt"] == [("item_duplicado", "error")]


def test_the_same_file_given_twice(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", SEED_TEXT)
    records = list(audited_records([str(path), str(path)], workers=1))
    repeated = [[f for f in r["auditoria"] if f["regla"] == "documento_repetido"] for r in records]
    assert all(len(r) == 1 and "más de una vez" in r[0]["mensaje"] for r in repeated)
    assert all(f["regla"] != "item_duplicado" for r in records for f in r["auditoria"])


def test_the_rule_can_be_switched_off(tmp_path: Path) -> None:
    config = write(tmp_path, "reglas.toml", "[documento_repetido]\nactiva = false\n")
    files = [SAMPLES / "poai_b01_word.docx", SAMPLES / "poai_b01_directo.pdf"]
    found = findings(files, load_rules(config))
    assert found == {f.name: [] for f in files}  # still one POAI: no item_duplicado either


def test_the_samples_hold_twelve_poais() -> None:
    records = [Record.from_dict(r) for r in audited_records([str(SAMPLES)], workers=1)]
    assert len(records) == 45
    assert distinct_poais([CorpusKey.of(r) for r in records]) == 12
    rules = {f.regla for r in records for f in r.auditoria}
    assert "item_duplicado" not in rules and "ocupante_duplicado" not in rules
    assert all(any(f.regla == "documento_repetido" for f in r.auditoria) for r in records)
