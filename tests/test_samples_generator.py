"""The committed sample corpus is what its generator makes (LibreOffice PDFs aside)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from golden import differences, load

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("reportlab")


def test_generator_reproduces_the_committed_expectations(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "samples" / "generate.py"), "--salida", str(tmp_path), "--sin-libreoffice"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    made = sorted((tmp_path / "poai").glob("*.expected.json"))
    assert len(made) >= 30
    for expected in made:
        committed = ROOT / "samples" / "poai" / expected.name
        assert committed.exists(), f"{expected.name} is not committed"
        fresh, kept = load(expected), load(committed)
        fresh.pop("sha256"), kept.pop("sha256")
        assert not differences(fresh, kept), expected.name
    assert (tmp_path / "poa" / "poa_unidad_2023.xlsx").exists()
