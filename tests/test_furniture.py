"""Page furniture: lines that number the page are dropped by every reader."""

from __future__ import annotations

import pytest

from extractor.readers.furniture import is_page_number


@pytest.mark.parametrize("text", ["3", "- 3 -", "Página 2", "Pág. 2 de 4", "2/4", "Page 2 of 4",
                                  "Formulario RRHH-POAI-01 (v.3) - Página 2 de 3", "GAM El Alto | Pág. 4"])
def test_page_numbers_and_running_footers(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["Ley 1178 de Administración y Control Gubernamentales", "Experiencia general: 3",
                                  "Página web institucional actualizada", "Manual de 3 páginas"])
def test_text_is_not_furniture(text: str) -> None:
    assert not is_page_number(text, bare=False)


def test_a_bare_number_is_a_value_in_running_text() -> None:
    assert is_page_number("3") and not is_page_number("3", bare=False)
