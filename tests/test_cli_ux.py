"""The command as a new user meets it: help, suggestions, usage on errors, outputs it refuses,
the password, --quiet and --verbose, and the tables audit and match write. Exit status and the
Spanish text of every message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_bad_input import reportlab_pdf

from extractor.api import run
from extractor.cli import main
from extractor.cli_args import EXAMPLES
from extractor.inputs import DOCUMENT_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "000_bb97881b95efc531.txt"
SAMPLES = ROOT / "samples" / "poai"
POA = ROOT / "samples" / "poa" / "poa_unidad_2023.xlsx"
Capture = pytest.CaptureFixture[str]


def test_poai_alone_shows_the_help(capsys: Capture) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("uso: poai")
    assert "run" in out and "audit" in out and "ejemplos:" in out


def test_a_misspelled_subcommand_gets_a_suggestion(capsys: Capture) -> None:
    assert main(["rnu", "carpeta"]) == 2
    err = capsys.readouterr().err
    assert "poai: error: orden desconocida: «rnu». ¿Quiso decir «run»?" in err
    assert "Órdenes: run, audit, match, extract, poa, corregir" in err


def test_an_unknown_word_gets_the_list_of_subcommands(capsys: Capture) -> None:
    assert main(["consolidar"]) == 2
    assert "orden desconocida: «consolidar». Órdenes: run" in capsys.readouterr().err


def test_an_option_error_shows_that_subcommands_usage(capsys: Capture) -> None:
    assert main(["run", str(SEED), "-o", "c.xlsx", "--workers", "muchos"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("uso: poai run ")
    assert "poai run: error: --workers: valor no válido: 'muchos' no es un número entero\n" in err
    assert err.endswith("Vea «poai run --ayuda».\n")


def test_a_misspelled_option_gets_a_suggestion(capsys: Capture) -> None:
    assert main(["audit", str(SEED), "--jsno", "r.jsonl"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("uso: poai audit ")
    assert "poai audit: error: argumentos no reconocidos: --jsno r.jsonl. ¿Quiso decir «--json»?" in err


@pytest.mark.parametrize("command", ["run", "audit", "match", "extract", "poa"])
def test_every_help_ends_with_examples(command: str, capsys: Capture) -> None:
    assert main([command, "--ayuda"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(EXAMPLES[command].rstrip())
    assert f"ejemplos:\n  poai {command} " in out
    assert "--quiet" in out and "--verbose" in out


@pytest.mark.parametrize("command", ["audit", "match"])
def test_report_helps_promise_no_catalog_beside_an_output(command: str, capsys: Capture) -> None:
    assert main([command, "--ayuda"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "junto a la salida" not in out
    assert "sin esta opción no se usa ninguno" in out


def test_extract_help_says_where_its_catalog_goes(capsys: Capture) -> None:
    assert main(["extract", "--ayuda"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "junto al archivo de --json; sin --json, ninguno" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["run", "x", "-o", "x.csv"], "poai run: error: -o/--salida: la salida debe ser un libro Excel .xlsx, no «x.csv»"),
    (["run", "x", "-o", "c.xlsx", "--json", "x.parquet"],
     "poai run: error: --json: los registros se escriben en JSON Lines: indique un archivo .jsonl (o .json), "
     "no «x.parquet»"),
    (["run", "x", "-o", "c.xlsx", "--csv", "tabla.csv"],
     "poai run: error: --csv: indique una carpeta, no un archivo («tabla.csv»)"),
    (["extract", "x", "--json", "r.xlsx"], "poai extract: error: --json: los registros se escriben en JSON Lines"),
    (["audit", "x", "--json", "r.csv"], "poai audit: error: --json: los registros se escriben en JSON Lines"),
])
def test_outputs_of_the_wrong_kind_are_refused(argv: list[str], message: str, capsys: Capture) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith(f"uso: poai {argv[0]} ")


def test_csv_naming_an_existing_file_is_refused(tmp_path: Path, capsys: Capture) -> None:
    existing = tmp_path / "tablas"
    existing.write_text("no soy una carpeta", encoding="utf-8")
    assert main(["audit", str(SEED), "--csv", str(existing)]) == 2
    assert f"--csv: indique una carpeta, no un archivo («{existing}»)" in capsys.readouterr().err


def test_poa_given_as_an_input_too_names_that_file(tmp_path: Path, capsys: Capture) -> None:
    assert main(["run", str(POA), str(SEED), "--poa", str(POA), "-o", str(tmp_path / "c.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err == (f"poai: error: El POA de la unidad {POA} figura también entre los POAI de entrada: quítelo de "
                   "las entradas (el POA se lee aparte, no como un POAI).\n")
    assert not (tmp_path / "c.xlsx").exists()


def test_an_empty_folder_lists_the_extensions_read(tmp_path: Path, capsys: Capture) -> None:
    (tmp_path / "notas.odt").write_text("x", encoding="utf-8")
    assert main(["audit", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("poai: error: No se encontró ningún documento en las entradas indicadas. En una carpeta "
                          "se leen los archivos .doc, ")
    assert all(suffix in err for suffix in DOCUMENT_SUFFIXES)


def test_progress_total_is_the_number_of_inputs_and_repeats_are_told(tmp_path: Path, capsys: Capture) -> None:
    seen: list[tuple[int, int]] = []
    inputs = [str(SEED), str(SEED), str(SAMPLES / "poai_a01_word.docx")]
    summary = run(inputs, tmp_path / "c.xlsx", use_cache=False, workers=1,
                  progress=lambda done, total, _path: seen.append((done, total)))
    assert {total for _done, total in seen} == {3} and seen[-1] == (3, 3)
    assert summary.total == 3 and summary.repeated == 1 and summary.poais == 2
    assert main(["run", *inputs, "-o", str(tmp_path / "d.xlsx"), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert ("Resumen: 3 documentos (2 POAI distintos: los demás son el mismo POAI en otro archivo; 1 repetido); "
            "3 leídos (0 con observaciones); 0 ilegibles.") in err


def test_quiet_says_nothing_and_verbose_more(tmp_path: Path, capsys: Capture) -> None:
    assert main(["run", str(SEED), "-o", str(tmp_path / "c.xlsx"), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
    assert main(["run", str(SEED), "-o", str(tmp_path / "c.xlsx"), "--verbose"]) == 0
    err = capsys.readouterr().err
    assert "1 documentos tomados del catálogo, 0 leídos de nuevo." in err and "Escrito:" in err
    assert main(["extract", str(SEED), "--json", str(tmp_path / "r.jsonl"), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["run", str(SEED), "-o", str(tmp_path / "c.xlsx"), "-q", "-v"]) == 2
    assert "la opción -v/--verbose no se puede usar junto con -q/--quiet" in capsys.readouterr().err


@pytest.fixture(scope="module")
def protected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cifrado") / "protegido.pdf"
    text = SEED.read_text(encoding="utf-8").replace("<b>", "").replace("</b>", "").replace("\t", " : ")
    reportlab_pdf(path, [line for line in text.splitlines() if line.strip()][:80], encrypt="clave123")
    return path


def _opened(tmp_path: Path) -> bool:
    record = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()[0])
    return record["estado"] != "error"


def test_the_password_from_the_environment(protected: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: Capture) -> None:
    argv = ["extract", str(protected), "--json", str(tmp_path / "r.jsonl"), "--no-cache"]
    monkeypatch.setenv("POAI_PASSWORD", "clave123")
    assert main(argv) == 0 and _opened(tmp_path)
    monkeypatch.setenv("POAI_PASSWORD", "otra")
    assert main(argv) == 1 and not _opened(tmp_path)
    assert "Indique la contraseña con --password CLAVE o en la variable de entorno POAI_PASSWORD." \
        in capsys.readouterr().err


def test_the_password_is_asked_on_a_terminal_only_when_a_pdf_needs_it(
        protected: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def ask(prompt: str, stream: object = None) -> str:
        asked.append(prompt)
        return "clave123"

    monkeypatch.delenv("POAI_PASSWORD", raising=False)
    monkeypatch.setattr("getpass.getpass", ask)
    argv = ["extract", str(protected), "--json", str(tmp_path / "r.jsonl"), "--no-cache"]
    assert main(argv) == 1 and not asked  # no terminal: no prompt, the file is reported
    monkeypatch.setattr("extractor.cli._interactive", lambda: True)
    assert main(argv) == 0 and _opened(tmp_path)
    assert asked == ["Contraseña de los PDF protegidos (protegido.pdf): "]
    asked.clear()
    assert main(["extract", str(SEED), "--json", str(tmp_path / "r.jsonl"), "--no-cache"]) == 0
    assert not asked  # nothing protected: nothing asked


def test_audit_writes_its_tables(tmp_path: Path, capsys: Capture) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("poai_a03_word.docx", "poai_a03_directo.pdf", "poai_b03_word.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    out, records = tmp_path / "auditoria", tmp_path / "r.jsonl"
    assert main(["audit", str(folder), "--csv", str(out), "--json", str(records)]) == 0
    err = capsys.readouterr().err
    assert "poai: 3 documentos (2 POAI distintos: los demás son el mismo POAI en otro archivo)." in err
    assert f"Escrito: {out}" in err and f"Escrito: {records}" in err
    audit = pd.read_csv(out / "auditoria.csv", encoding="utf-8-sig")
    assert (audit["Regla"] == "documento_repetido").sum() == 2
    assert set(audit["Regla"]) >= {"funcion_incompleta", "seccion_faltante"}
    assert len(pd.read_csv(out / "puestos.csv", encoding="utf-8-sig")) == 3
    assert len(records.read_text(encoding="utf-8").splitlines()) == 3


def test_match_writes_its_tables(tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "vinculacion"
    assert main(["match", "--poa", str(POA), str(SAMPLES / "poai_a01_word.docx"), "--csv", str(out)]) == 0
    assert f"Escrito: {out}" in capsys.readouterr().err
    coverage = pd.read_csv(out / "cobertura_poa.csv", encoding="utf-8-sig", dtype={"Código": str})
    assert coverage["Código"].tolist()[:2] == ["1.1.1", "1.1.2"]
    functions = pd.read_csv(out / "funciones.csv", encoding="utf-8-sig", dtype={"Código POA": str})
    assert functions["Código POA"].notna().sum() >= 3


def test_audit_accepts_the_poa(capsys: Capture) -> None:
    assert main(["audit", str(SAMPLES / "poai_a04_word.docx"), "--poa", str(POA)]) == 0
    assert "no corresponde a ninguna operación del POA de la unidad" in capsys.readouterr().out


def test_the_first_run_says_what_the_readme_says(tmp_path: Path, capsys: Capture) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = readme.split("La orden termina así:\n\n```\n", 1)[1].split("\n", 1)[0]
    target = tmp_path / "consolidado.xlsx"
    assert main(["run", str(SAMPLES), "--poa", str(POA), "-o", str(target)]) == 0
    assert said in capsys.readouterr().err.splitlines()
    from openpyxl import load_workbook

    summary = {row[0]: row[1] for row in load_workbook(target, read_only=True)["Resumen"].iter_rows(
        max_row=12, max_col=2, values_only=True)}
    assert summary["Leídos con observaciones"] == 34  # the workbook counts as the command does
    assert main(["audit", str(SAMPLES)]) == 0
    out = capsys.readouterr().out
    assert "Observaciones: 0 de severidad error (0 documentos), 32 advertencias (19 documentos), 50 informativas." \
        in out and "32\nadvertencias en 19 documentos y 50 notas informativas" in readme


def test_the_record_contract_ships_with_every_rule() -> None:
    from extractor.checks.rules import RULES

    contract = (ROOT / "docs" / "registro.md").read_text(encoding="utf-8")
    assert "[docs/registro.md](docs/registro.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{rule}` |" in contract for rule in RULES)
