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


def _pdf(pages: list[list[tuple[float, str]]]) -> bytes:
    """A Letter PDF whose pages print each (distance from the top in points, text) line."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(612.0, 792.0), invariant=1)
    for lines in pages:
        for top, text in lines:
            page.setFont("Helvetica", 9)
            page.drawString(57, 792 - top - 8, text)
        page.showPage()
    page.save()
    return buffer.getvalue()


def _texts(data: bytes) -> list[tuple[int | None, str]]:
    from extractor.model.document import Paragraph
    from extractor.readers.pdf import read_pdf

    return [(b.page, b.text) for b in read_pdf(data).blocks if isinstance(b, Paragraph)]


def test_a_running_header_pushed_below_the_margin_zone_is_dropped() -> None:
    # A header grown by its logo prints the entity's name right above the body, beyond the margin
    # zone: it repeats at the same height on the next page, so it is furniture.
    header = (62.0, "ENTIDAD DE EJEMPLO DEL ESTADO")
    data = _pdf([[header, (72.0, "Primera línea del cuerpo"), (84.0, "Segunda línea")],
                 [header, (72.0, "Otra línea del cuerpo"), (84.0, "Y la última")]])
    texts = _texts(data)
    assert all("ENTIDAD" not in text for _, text in texts)
    assert (1, "Primera línea del cuerpo") in texts and (2, "Otra línea del cuerpo") in texts


def test_a_title_at_the_top_of_pages_apart_is_not_running() -> None:
    # Each POAI of a bundle opens with its title at the same height: pages apart, not furniture.
    title = (62.0, "PLAN OPERATIVO ANUAL INDIVIDUAL")
    data = _pdf([[title, (72.0, "Uno")], [(72.0, "Dos")], [title, (72.0, "Tres")]])
    assert [text for page, text in _texts(data) if text == title[1]] == [title[1], title[1]]
