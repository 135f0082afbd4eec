"""The ``poai`` command, called in-process: exact exit statuses and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "000_bb97881b95efc531.txt"
SAMPLES = ROOT / "samples" / "poai"


def test_extract_one_file_prints_indented_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED)]) == 0
    out = capsys.readouterr().out
    record = json.loads(out)
    assert record["puesto"]["denominacion"] == "RESPONSABLE DE TRATA Y TRAFICO"
    assert out.startswith("{\n  ")


def test_extract_folder_to_jsonl_in_sorted_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "registros.jsonl"
    assert main(["extract", str(SEED), str(SAMPLES), "--json", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    documents = sorted(p for p in SAMPLES.iterdir() if not p.name.endswith(".json"))
    assert len(lines) == 1 + len(documents)
    archivos = [json.loads(line)["archivo"] for line in lines]
    assert archivos[0] == str(SEED)
    assert archivos[1:] == [str(p) for p in documents]
    err = capsys.readouterr().err
    assert f"poai: {len(lines)} de {len(lines)} documentos leídos" in err


def test_unreadable_file_gives_error_record_and_status_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "roto.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage without objects")
    target = tmp_path / "r.jsonl"
    assert main(["extract", str(SEED), str(bad), "--json", str(target)]) == 1
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["estado"] for r in records] == ["ok", "error"]
    assert records[1]["error"]["codigo"] == "archivo_danado"
    assert f"poai: {bad}: " in capsys.readouterr().err


def test_missing_input_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "no-existe.pdf"]) == 2
    assert capsys.readouterr().err == "poai: error: No existe el archivo o carpeta: no-existe.pdf\n"


def test_missing_arguments_message_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("uso: poai extract")
    assert err.endswith("poai extract: error: faltan argumentos obligatorios: ENTRADA\n"
                        "Vea «poai extract --ayuda».\n")


def test_help_is_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("uso: poai")
    assert "muestra esta ayuda y termina" in out


def test_output_folder_must_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "hay" / "r.jsonl"
    assert main(["extract", str(SEED), "--json", str(target)]) == 2
    assert capsys.readouterr().err == f"poai: error: La carpeta de salida no existe: {target.parent}\n"


def test_an_output_failure_is_a_message_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "c.xlsx"))

    monkeypatch.setattr("extractor.writers.xlsx.WorkbookWriter.close", disk_full)
    assert main(["run", str(SEED), "-o", str(tmp_path / "c.xlsx"), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err == (f"poai: error: no se pudo escribir una salida ({tmp_path / 'c.xlsx'}): el disco está lleno. "
                   "Las salidas anteriores quedan como estaban.\n")
    assert not (tmp_path / "c.xlsx").exists()
