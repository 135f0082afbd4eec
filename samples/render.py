"""Draw a form (see ``forms.py``) as a text dump, a DOCX file or a PDF (reportlab)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from forms import Form, Grid

# -- text dump (like the seed) ----------------------------------------------------------------


def render_txt(form: Form, path: Path) -> None:
    """A text dump as the seed is written: bold headings, <b> labels, tabs, blank lines at breaks."""
    out: list[str] = ["", ""]
    for element in form:
        kind = element[0]
        if kind == "title":
            out += [f"**{element[1]}**", ""]
        elif kind == "heading":
            out += [f"**{element[1]}**" if element[2] == 1 else f"### {element[1]}", ""]
        elif kind == "label":
            out += [f"<i>{element[1]}</i>"]
        elif kind == "para":
            out += [element[1], ""]
        elif kind == "table":
            grid: Grid = element[1]
            for index, row in enumerate(grid.rows):
                if index in grid.txt_break_before:
                    out += ["", "", ""]
                cells = []
                for col, cell in enumerate(row):
                    text = _txt_cell(cell)
                    if text and (index < grid.header_rows or (grid.label_column and col == 0)):
                        text = f"<b>{text}</b>"
                    cells.append(text)
                out.append("\t".join(cells))
            out.append("")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _txt_cell(cell: Any) -> str:
    if cell is None or cell == "^":
        return ""
    if isinstance(cell, list):
        return "<br>".join(cell)
    if isinstance(cell, Grid):
        raise ValueError("text dumps cannot hold nested tables")
    return str(cell)


# -- DOCX ---------------------------------------------------------------------------------------


def render_docx(form: Form, path: Path, content_controls: bool = False, heading_styles: bool = False) -> None:
    """A Word file: headings, tables with merged and nested cells, optional content controls.

    ``heading_styles``: headings use Word's "Heading 1/2" styles (not bold runs), as many forms do.
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    width = section.page_width - section.left_margin - section.right_margin
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.text = "Documento de uso interno - POAI"
    for element in form:
        kind = element[0]
        if kind == "title":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(element[1])
            run.bold = True
            run.font.size = Pt(12)
        elif kind == "heading" and heading_styles:
            document.add_heading(element[1], level=element[2])
        elif kind == "heading":
            paragraph = document.add_paragraph()
            run = paragraph.add_run(element[1])
            run.bold = True
            run.font.size = Pt(11 if element[2] == 1 else 10)
        elif kind == "label":
            paragraph = document.add_paragraph()
            paragraph.add_run(element[1]).italic = True
        elif kind == "para":
            document.add_paragraph(element[1])
        elif kind == "table":
            _docx_table(document, element[1], width, content_controls)
    document.save(str(path))


def _docx_table(container: Any, grid: Grid, width: int, content_controls: bool) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ncols = len(grid.widths)
    table = container.add_table(rows=len(grid.rows), cols=ncols)
    if grid.ruled:
        table.style = "Table Grid"
    table.autofit = False
    for col, fraction in enumerate(grid.widths):
        table.columns[col].width = int(width * fraction)  # the grid widths LibreOffice honours
    for row_index, row in enumerate(grid.rows):
        row_obj = table.rows[row_index]
        if grid.repeat_header and row_index < grid.header_rows:
            tr_pr = row_obj._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            tr_pr.append(header)
        for col, cell in enumerate(row):
            target = row_obj.cells[col]
            target.width = int(width * grid.widths[col])
            if cell is None or cell == "^":
                continue
            bold = row_index < grid.header_rows or (grid.label_column and col == 0)
            _docx_fill(target, cell, bold, width * grid.widths[col], content_controls and col == 1)
    # Merges after filling: a merged cell keeps the text of its first position only.
    for row_index, row in enumerate(grid.rows):
        for col, cell in enumerate(row):
            if cell is None:
                start = col - 1
                while grid.rows[row_index][start] is None:
                    start -= 1
                table.cell(row_index, start).merge(table.cell(row_index, col))
            elif cell == "^":
                table.cell(row_index - 1, col).merge(table.cell(row_index, col))
    return table


def _docx_fill(cell: Any, value: Any, bold: bool, width: float, content_control: bool) -> None:
    if isinstance(value, Grid):
        cell.paragraphs[0].text = ""
        nested = _docx_table(cell, value, int(width * 0.92), False)
        nested.style = "Table Grid"
        return
    items = value if isinstance(value, list) else [str(value)]
    first = True
    for item in items:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = paragraph.add_run(item)
        run.bold = bold
        if content_control and item:
            _wrap_in_content_control(paragraph)


def _wrap_in_content_control(paragraph: Any) -> None:
    """Put a paragraph's runs inside an inline content control (w:sdt), as form templates do."""
    from docx.oxml import OxmlElement

    sdt = OxmlElement("w:sdt")
    sdt_pr = OxmlElement("w:sdtPr")
    sdt.append(sdt_pr)
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    runs = list(paragraph._p.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r"))
    for run in runs:
        content.append(run)
    paragraph._p.append(sdt)


# -- PDF drawn directly (reportlab) ---------------------------------------------------------------


def render_pdf(form: Form, path: Path) -> None:
    """A PDF drawn with reportlab: ruled and unruled tables, spans, nesting, page-split rows."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    styles = _pdf_styles()
    story = _pdf_story(form, styles, A4[0] - 4 * cm)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title="POAI", author="poai samples",
                            creator="poai samples", producer="poai samples")
    doc.build(story, onFirstPage=_pdf_footer, onLaterPages=_pdf_footer)


def _pdf_styles() -> dict[str, Any]:
    """The paragraph styles of the PDF, by name."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["Normal"], fontName="Helvetica", fontSize=9, leading=11)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold")
    italic = ParagraphStyle("italic", parent=body, fontName="Helvetica-Oblique")
    title = ParagraphStyle("title", parent=bold, fontSize=12, leading=15, alignment=TA_CENTER)
    heading1 = ParagraphStyle("h1", parent=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)
    heading2 = ParagraphStyle("h2", parent=bold, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3)
    return {"body": body, "bold": bold, "italic": italic, "title": title, "h1": heading1, "h2": heading2}


def _pdf_paragraph(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style)


def _pdf_story(form: Form, styles: dict[str, Any], width: float) -> list[Any]:
    """The flowables of ``form``, tables ``width`` points wide."""
    from reportlab.platypus import Spacer

    story: list[Any] = []
    for element in form:
        kind = element[0]
        if kind == "title":
            story.append(_pdf_paragraph(element[1], styles["title"]))
        elif kind == "heading":
            story.append(_pdf_paragraph(element[1], styles["h1"] if element[2] == 1 else styles["h2"]))
        elif kind == "label":
            story.append(_pdf_paragraph(element[1], styles["italic"]))
        elif kind == "para":
            story.append(_pdf_paragraph(element[1], styles["body"]))
            story.append(Spacer(1, 2))
        elif kind == "spacer":
            story.append(Spacer(1, element[1]))
        elif kind == "table":
            story.append(_pdf_table(element[1], width, styles))
            story.append(Spacer(1, 6))
    return story


def _pdf_table(grid: Grid, avail: float, styles: dict[str, Any]) -> Any:
    """A reportlab table of ``grid``, ``avail`` points wide."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    for r, row in enumerate(grid.rows):
        out_row: list[Any] = []
        for c in range(len(row)):
            strong = r < grid.header_rows or (grid.label_column and c == 0)
            out_row.append(_pdf_cell(grid, r, c, avail, styles["bold"] if strong else styles["body"], styles, commands))
        data.append(out_row)
    if grid.ruled:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    if grid.header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, grid.header_rows - 1), colors.Color(0.88, 0.88, 0.88)))
    return Table(data, colWidths=[avail * w for w in grid.widths], style=TableStyle(commands),
                 repeatRows=grid.header_rows if grid.repeat_header else 0,
                 splitInRow=1 if grid.split_rows else 0, hAlign="LEFT")


def _pdf_cell(grid: Grid, r: int, c: int, avail: float, style: Any, styles: dict[str, Any],
              commands: list[tuple[Any, ...]]) -> Any:
    """The content of cell (r, c) of ``grid``; a span adds its command to ``commands``."""
    row = grid.rows[r]
    cell = row[c]
    if cell is None:
        start = c - 1
        while row[start] is None:
            start -= 1
        commands.append(("SPAN", (start, r), (c, r)))
        return ""
    if cell == "^":
        commands.append(("SPAN", (c, r - 1), (c, r)))
        return ""
    if isinstance(cell, Grid):
        return _pdf_table(cell, avail * grid.widths[c] - 12, styles)
    if isinstance(cell, list):
        return [_pdf_paragraph(item, style) for item in cell]
    return _pdf_paragraph(str(cell), style)


def _pdf_footer(canvas: Any, doc: Any) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm

    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Página {doc.page}")
    canvas.drawString(2 * cm, A4[1] - 1.2 * cm, "POAI - documento de uso interno")
    canvas.restoreState()
