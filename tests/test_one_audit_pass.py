"""Every command applies the same rules in one audit pass; the catalog keeps unaudited records."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from extractor import api
from extractor.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "000_bb97881b95efc531.txt"
RULES = """
[ponderacion_total]
tolerancia = 20

[sin_funciones]
minimo = 12

[superior_desconocido]
activa = false
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "poai"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text.replace("\tDocumento\t10,00", "\tDocumento\t5,00"), encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("LUZ MARIA CALDERON ARANCIBIA", "OTRA PERSONA"), encoding="utf-8")
    return folder


def _rules(records: list[dict]) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {Path(r["archivo"]).name: sorted(f["regla"] for f in r["auditoria"]) for r in records}


def test_every_command_applies_the_same_rules(corpus: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "reglas.toml"
    rules.write_text(RULES, encoding="utf-8")
    extracted = tmp_path / "extract.jsonl"
    assert main(["extract", str(corpus), "--reglas", str(rules), "--json", str(extracted), "--no-cache"]) == 0
    ran = tmp_path / "run.jsonl"
    assert main(["run", str(corpus), "--reglas", str(rules), "-o", str(tmp_path / "x.xlsx"), "--json", str(ran),
                 "--no-cache"]) == 0
    from_extract = _rules([json.loads(line) for line in extracted.read_text(encoding="utf-8").splitlines()])
    from_run = _rules([json.loads(line) for line in ran.read_text(encoding="utf-8").splitlines()])
    # Corpus rules (the same item twice) and the entity's rules (tolerance, minimum) in both.
    assert from_extract == from_run == {"a.txt": ["item_duplicado", "sin_funciones"],
                                        "b.txt": ["item_duplicado", "sin_funciones"]}
    capsys.readouterr()
    assert main(["audit", str(corpus), "--reglas", str(rules)]) == 1
    out = capsys.readouterr().out
    assert out.count("se esperan al menos 12") == 2 and "Las ponderaciones suman" not in out


def _sheet_rules(workbook: Path) -> list[str]:
    """The "Regla" column of the workbook's audit sheet."""
    rows = list(load_workbook(workbook)["Auditoría"].iter_rows(values_only=True))
    column = list(rows[0]).index("Regla")
    return [row[column] for row in rows[1:]]


def test_a_change_of_rules_needs_no_reread(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "consolidado.xlsx"
    first = api.run([str(corpus)], out, workers=1)
    assert first.parsed == 2
    audit_sheet = _sheet_rules(out)
    assert "ponderacion_total" in audit_sheet

    def no_parsing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr("extractor.batch.read_bytes", no_parsing)
    rules = tmp_path / "reglas.toml"
    rules.write_text(RULES, encoding="utf-8")
    assert main(["run", str(corpus), "-o", str(out), "--reglas", str(rules)]) == 0
    audit_sheet = _sheet_rules(out)
    assert "ponderacion_total" not in audit_sheet and "sin_funciones" in audit_sheet


def test_verbose_shows_the_traceback_of_an_unexpected_error(corpus: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("fallo interno")

    monkeypatch.setattr("extractor.writers.xlsx.WorkbookWriter.close", broken)
    args = ["run", str(corpus), "-o", str(tmp_path / "x.xlsx"), "--no-cache"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "error inesperado (RuntimeError): fallo interno" in err and "Traceback" not in err
    assert main([*args, "--verbose"]) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "fallo interno" in err


def test_library_messages_never_name_command_line_options() -> None:
    """Only the CLI names poai's options: every other module says what to do in plain words."""
    from extractor.cli import build_parser

    parser = build_parser()
    options = {option for action in parser._actions for option in action.option_strings if option.startswith("--")}
    for sub in parser._subparsers._group_actions[0].choices.values():  # type: ignore[union-attr]
        options |= {o for action in sub._actions for o in action.option_strings if o.startswith("--")}
    offenders = []
    for path in sorted((ROOT / "extractor").rglob("*.py")):
        if path.name in {"cli.py", "cli_args.py", "cli_fix.py"}:  # the command line itself
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                named = [o for o in options if o in node.value.replace("(", " ").split()]
                if named:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {named}")
    assert len(options) > 10
    assert not offenders, "\n".join(offenders)
