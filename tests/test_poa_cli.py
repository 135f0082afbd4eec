"""``poai poa`` and the POA loader's refusals: exit statuses and Spanish messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from extractor.cli import main
from extractor.poa.codes import code_key, is_code, is_parent, printed_code
from extractor.poa.loader import PoaError, load_poa

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "samples" / "poa" / "formas"
SAMPLES = ROOT / "samples" / "poai"


def test_poa_command_tells_how_the_poa_was_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poa", str(SHAPES / "filas_sangria_totales.xlsx"), "--nodos", "4"]) == 0
    out = capsys.readouterr().out
    assert "Forma: cada nivel en su propia fila" in out
    assert "Niveles encontrados: Acción de corto plazo → Operación → Actividad → Tarea" in out
    assert "Total: 2 acciones de corto plazo, 5 operaciones, 10 actividades, 10 tareas." in out
    assert "    Operación 1.1.1 — Actualizar el catastro" in out
    assert "fila de totales («TOTAL OPERACIÓN»)" in out
    assert "firmas al pie: fin de la tabla" in out


def test_poa_command_picks_a_unit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poa", str(SHAPES / "unidades_en_filas.xlsx"), "--unidad", "planificación"]) == 0
    out = capsys.readouterr().out
    assert "Unidades (1): UNIDAD DE PLANIFICACIÓN TERRITORIAL" in out
    assert main(["poa", str(SHAPES / "unidades_en_filas.xlsx"), "--unidad", "catastro"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("poai: error: El POA ") and "no tiene ninguna unidad que contenga «catastro»" in err


def test_not_a_poa_lists_header_cells_never_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = Workbook()
    book.active.append(["Nombre", "Cargo", "Teléfono"])
    book.active.append(["Ana Secreta", "Técnica", "777"])
    path = tmp_path / "personal.xlsx"
    book.save(path)
    assert main(["poa", str(path)]) == 2
    err = capsys.readouterr().err
    assert "no parece un POA de la unidad" in err and "Columnas encontradas: Nombre, Cargo, Teléfono." in err
    assert "Ana Secreta" not in err


def test_a_workbook_poai_wrote_is_not_a_poa(tmp_path: Path) -> None:
    out = tmp_path / "consolidado.xlsx"
    inputs = [str(SAMPLES / "poai_a01_word.docx")]
    assert main(["run", *inputs, "-o", str(out), "--no-cache", "--poa",
                 str(ROOT / "samples" / "poa" / "poa_unidad_2023.xlsx")]) == 0
    with pytest.raises(PoaError) as caught:
        load_poa(out)
    assert "es un archivo que escribió poai" in caught.value.mensaje


def test_codes_are_text(tmp_path: Path) -> None:
    assert printed_code(" 1.10. ") == "1.10" and code_key("1.10") != code_key("1.1")
    assert printed_code("340  0 099") == "340 0 099" and is_code("340  0 099") and is_code("EM-DJR-01")
    assert is_parent("520.1702.112", "520.1702.112.01") and not is_parent("1.1", "1.10")
    assert not is_code("Trimestre") and not is_code("100%") and not is_code("Elaborar el plan 2024")


_SEGMENT = st.from_regex(r"[0-9]{1,4}", fullmatch=True)


@given(st.lists(_SEGMENT, min_size=1, max_size=6), st.sampled_from([".", " ", "  ", "-"]))
def test_code_normalisation_keeps_every_digit(segments: list[str], joiner: str) -> None:
    code = joiner.join(segments)
    once = printed_code(code)
    assert printed_code(once) == once
    assert is_code(code)
    assert code_key(code) == tuple(segments)
    assert "".join(once.split()).replace(".", "").replace("-", "") == "".join(segments)


@given(st.lists(_SEGMENT, min_size=1, max_size=5), _SEGMENT)
def test_a_child_code_continues_its_parent(segments: list[str], last: str) -> None:
    parent = ".".join(segments)
    assert is_parent(parent, f"{parent}.{last}")
    assert not is_parent(f"{parent}.{last}", parent)
