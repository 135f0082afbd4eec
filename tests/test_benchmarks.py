"""The benchmark script runs (on a tiny corpus): speed is measured there, never asserted here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("reportlab")


def test_benchmark_script_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--n", "4", "--repeats", "1", "--out", str(out),
         "--funciones", "200", "--operaciones", "50"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks de poai")
    for label in ("poai / pdfplumber por PDF", "poai / python-docx por DOCX", "2 workers / 1 worker",
                  "re-ejecución con catálogo", "memoria pico 4N / N", "vincular"):
        assert label in text
    assert "Máquina:" in text
