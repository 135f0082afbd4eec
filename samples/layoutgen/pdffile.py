"""Draw a composed document as a PDF with reportlab (fonts, rules, spans, breaks, page furniture)."""

from __future__ import annotations

import io
from html import escape
from pathlib import Path
from typing import Any

from layoutgen.compose import MARGIN, Composed, page_size
from layoutgen.layout import Layout
from layoutgen.model import BULLETS, LEFT, UP, Cell, PageBreak, Table, Text, table_parts

_FACES = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
    "Vera": ("Vera", "VeraBd", "VeraIt"),
}
# Symbol-font bullets, as Word's Wingdings bullets come out of a PDF: ZapfDingbats ■ ● ◆ ❖.
_DINGBATS = ["n", "l", "u", "v"]


class _Styles:
    def __init__(self, lay: Layout) -> None:
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle

        regular, bold, italic = _FACES[lay.font]
        size = lay.size
        # Word and LibreOffice break a line after the hyphen of a compound; reportlab only when asked.
        self.body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.22,
                                   embeddedHyphenation=1 if lay.compounds else 0)
        self.bold = ParagraphStyle("bold", parent=self.body, fontName=bold)
        self.center = ParagraphStyle("center", parent=self.body, alignment=TA_CENTER)
        self.center_bold = ParagraphStyle("center_bold", parent=self.bold, alignment=TA_CENTER)
        self.note = ParagraphStyle("note", parent=self.body, fontName=italic, spaceBefore=2, spaceAfter=2)
        self.title = ParagraphStyle(
            "title", parent=self.bold, fontSize=size + 3, leading=(size + 3) * 1.25, alignment=TA_CENTER
        )
        heading_font = {"bold": bold, "size": regular, "caps": regular}[lay.heading_style]
        grow = {"bold": (1.5, 0.5), "size": (4.0, 2.0), "caps": (0.0, 0.0)}[lay.heading_style]
        self.h1 = ParagraphStyle(
            "h1",
            parent=self.body,
            fontName=heading_font,
            fontSize=size + grow[0],
            leading=(size + grow[0]) * 1.25,
            spaceBefore=8,
            spaceAfter=4,
        )
        self.h2 = ParagraphStyle(
            "h2",
            parent=self.body,
            fontName=heading_font,
            fontSize=size + grow[1],
            leading=(size + grow[1]) * 1.25,
            spaceBefore=5,
            spaceAfter=3,
        )
        self.label = self.bold if lay.label_bold else self.body
        self.bold_tag = ("<b>", "</b>") if lay.label_bold else ("", "")


def _bullet(key: str, index: int) -> str:
    if key == "wingdings":
        return f'<font name="ZapfDingbats">{_DINGBATS[index % len(_DINGBATS)]}</font> '
    glyph = BULLETS[key]
    return f"{escape(glyph)} " if glyph else ""


def _story(doc: Composed, lay: Layout, st: _Styles, width: float) -> list[Any]:
    from reportlab.platypus import PageBreak as RLPageBreak
    from reportlab.platypus import Paragraph, Spacer

    story: list[Any] = []
    for element in doc.elements:
        if isinstance(element, PageBreak):
            story.append(RLPageBreak())
        elif isinstance(element, Text):
            style = {"title": st.title, "h1": st.h1, "h2": st.h2, "note": st.note, "label": st.label}.get(
                element.kind, st.body
            )
            text = escape(element.text)
            if element.label:
                open_tag, close_tag = st.bold_tag
                text = f"{open_tag}{escape(element.label)}{close_tag} {text}"
                style = st.body
            story.append(Paragraph(_bullet(element.bullet, 0) + text, style))
        elif isinstance(element, Table):
            for index, (rows, header) in enumerate(table_parts(element)):
                if index:
                    story.append(RLPageBreak())
                story.append(_table(rows, header, element, lay, st, width))
            story.append(Spacer(1, 5))
    return story


def _table(rows: list[list[Any]], header: int, table: Table, lay: Layout, st: _Styles, width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, TableStyle
    from reportlab.platypus import Table as RLTable

    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    for r, row in enumerate(rows):
        out: list[Any] = []
        for c, value in enumerate(row):
            if value == LEFT:
                start = c - 1
                while row[start] == LEFT:
                    start -= 1
                commands.append(("SPAN", (start, r), (c, r)))
                out.append("")
            elif value == UP:
                top = r - 1
                while rows[top][c] == UP:
                    top -= 1
                commands.append(("SPAN", (c, top), (c, r)))
                out.append("")
            else:
                assert isinstance(value, Cell)
                centered = value.align == "center"
                style = (
                    (st.center_bold if centered else st.bold) if value.bold else (st.center if centered else st.body)
                )
                out.append(
                    [Paragraph(_bullet(value.bullet, i) + escape(line), style) for i, line in enumerate(value.lines)]
                    or ""
                )
        data.append(out)
    if not table.ruled and lay.tight_rows:
        commands += [("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
    if table.ruled:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, header - 1), colors.Color(0.88, 0.88, 0.88)))
    return RLTable(
        data,
        colWidths=[width * w for w in table.widths],
        style=TableStyle(commands),
        repeatRows=header if lay.repeat_header else 0,
        splitInRow=1 if lay.split_rows else 0,
        hAlign="LEFT",
    )


def render_pdf(doc: Composed, lay: Layout, path: Path) -> int:
    """Write ``doc`` as a PDF at ``path``; returns the number of pages."""
    from reportlab.platypus import SimpleDocTemplate

    from layoutgen.wrapcheck import register_vera

    register_vera()
    st = _Styles(lay)
    size = page_size(lay)
    width = size[0] - 2 * MARGIN
    regular = _FACES[lay.font][0]

    def build(target: Any, total: int) -> int:
        def furniture(canvas: Any, document: Any) -> None:
            canvas.saveState()
            if lay.watermark:  # drawn first: behind the page's content
                canvas.saveState()
                canvas.setFillColorRGB(0.82, 0.82, 0.82)
                canvas.setFont(_FACES[lay.font][1], 80)
                canvas.translate(size[0] / 2, size[1] / 2)
                canvas.rotate(lay.watermark_angle)
                canvas.drawCentredString(0, 0, lay.watermark)
                canvas.restoreState()
            canvas.setFont(regular, 7)
            if doc.header_text:
                canvas.drawString(MARGIN, size[1] - 1.2 * 28.35, doc.header_text)
            if doc.footer_text:
                canvas.drawRightString(size[0] - MARGIN, 1.2 * 28.35, doc.footer_text.format(n=document.page, m=total))
            canvas.restoreState()

        template = SimpleDocTemplate(
            target,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=lay.margin_v,
            bottomMargin=lay.margin_v,
            title="POAI",
            author="poai layoutgen",
            creator="poai layoutgen",
        )
        template.build(_story(doc, lay, st, width), onFirstPage=furniture, onLaterPages=furniture)
        return int(template.page)

    total = build(io.BytesIO(), 0) if "{m}" in doc.footer_text else 0
    return build(str(path), total)
