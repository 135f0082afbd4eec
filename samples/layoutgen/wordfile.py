"""Draw a composed document as a Word file with python-docx (merged cells, breaks, fields in the footer)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from layoutgen.compose import MARGIN, Composed, page_size
from layoutgen.layout import Layout
from layoutgen.model import BULLETS, LEFT, UP, Cell, PageBreak, Table, Text, table_parts

# Vera → DejaVu Sans: the same metrics, and a font LibreOffice finds on most systems.
_FONTS = {"Helvetica": "Arial", "Times": "Times New Roman", "Courier": "Courier New", "Vera": "DejaVu Sans"}


def _run(
    paragraph: Any,
    text: str,
    bold: bool = False,
    size: float | None = None,
    italic: bool = False,
    font: str | None = None,
) -> Any:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    if font:
        run.font.name = font
    return run


def _bullet(paragraph: Any, key: str) -> None:
    if key == "none":
        return
    if key == "wingdings":
        # A symbol bullet as Word stores one typed from the Wingdings font: a private-use character.
        _run(paragraph, BULLETS[key], font="Wingdings")
        _run(paragraph, " ")
        return
    _run(paragraph, BULLETS[key] + " ")


def docx_field(paragraph: Any, code: str, shown: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) to ``paragraph``, showing ``shown`` until updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


# A Word watermark: WordArt (a VML text path) in the header, behind the page's text.
WATERMARK_XML = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    '<w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
    '<v:textpath on="t" fitshape="t"/></v:shapetype><v:shape id="PowerPlusWaterMarkObject" '
    'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;'
    'rotation:{rotation};z-index:-251657216;mso-position-horizontal:center;'
    'mso-position-horizontal-relative:margin;mso-position-vertical:center;'
    'mso-position-vertical-relative:margin" fillcolor="silver" stroked="f"><v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt" string="{text}"/></v:shape>'
    '</w:pict></w:r>'
)


def _furniture(document: Any, doc: Composed, lay: Layout) -> None:
    section = document.sections[0]
    if doc.header_text:
        section.header.paragraphs[0].text = doc.header_text
    if lay.watermark:
        from docx.oxml import parse_xml

        rotation = (360 - lay.watermark_angle) % 360
        section.header.paragraphs[0]._p.append(parse_xml(WATERMARK_XML.format(rotation=rotation, text=lay.watermark)))
    if doc.footer_text:
        paragraph = section.footer.paragraphs[0]
        before, _, rest = doc.footer_text.partition("{n}")
        _run(paragraph, before)
        docx_field(paragraph, "PAGE", "1")
        if "{m}" in rest:
            middle, _, after = rest.partition("{m}")
            _run(paragraph, middle)
            docx_field(paragraph, "NUMPAGES", "1")
            _run(paragraph, after)
        else:
            _run(paragraph, rest)


def _fill(target: Any, value: Cell) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    first = True
    for line in value.lines:
        paragraph = target.paragraphs[0] if first else target.add_paragraph()
        first = False
        if value.align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _bullet(paragraph, value.bullet)
        _run(paragraph, line, bold=value.bold)


def _table(document: Any, rows: list[list[Any]], header: int, table: Table, width: int, repeat: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ncols = len(table.widths)
    grid = document.add_table(rows=len(rows), cols=ncols)
    if table.ruled:
        grid.style = "Table Grid"
    grid.autofit = False
    for col, fraction in enumerate(table.widths):
        grid.columns[col].width = int(width * fraction)
    for r, row in enumerate(rows):
        row_obj = grid.rows[r]
        if repeat and r < header:
            tr_pr = row_obj._tr.get_or_add_trPr()
            mark = OxmlElement("w:tblHeader")
            mark.set(qn("w:val"), "true")
            tr_pr.append(mark)
        for c, value in enumerate(row):
            target = row_obj.cells[c]
            target.width = int(width * table.widths[c])
            if isinstance(value, Cell):
                _fill(target, value)
    # Merges after filling: a merged cell keeps the text of its first position.
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == LEFT:
                start = c - 1
                while row[start] == LEFT:
                    start -= 1
                grid.cell(r, start).merge(grid.cell(r, c))
            elif value == UP:
                grid.cell(r - 1, c).merge(grid.cell(r, c))


def render_docx(doc: Composed, lay: Layout, path: Path) -> None:
    """Write ``doc`` as a .docx file at ``path``."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    document = Document()
    section = document.sections[0]
    width_pt, height_pt = page_size(lay)
    section.orientation = WD_ORIENT.LANDSCAPE if lay.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(width_pt), Pt(height_pt)
    section.left_margin = section.right_margin = Pt(MARGIN)
    section.top_margin = section.bottom_margin = Pt(lay.margin_v)
    width = section.page_width - section.left_margin - section.right_margin
    normal = document.styles["Normal"]
    normal.font.name = _FONTS[lay.font]
    normal.font.size = Pt(lay.size)
    normal.paragraph_format.space_after = Pt(0)
    _furniture(document, doc, lay)
    grow = {"bold": (1.5, 0.5), "size": (4.0, 2.0), "caps": (0.0, 0.0)}[lay.heading_style]
    for element in doc.elements:
        if isinstance(element, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(element, Text):
            paragraph = document.add_paragraph()
            kind = element.kind
            if kind == "title":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(paragraph, element.text, bold=True, size=lay.size + 3)
            elif kind in {"h1", "h2"}:
                paragraph.paragraph_format.space_before = Pt(6)
                _run(
                    paragraph,
                    element.text,
                    bold=lay.heading_style == "bold",
                    size=lay.size + grow[0 if kind == "h1" else 1],
                )
            elif element.label:
                _run(paragraph, element.label, bold=lay.label_bold)
                _run(paragraph, " " + element.text if element.text else "")
            else:
                _bullet(paragraph, element.bullet)
                _run(paragraph, element.text, bold=kind == "label" and lay.label_bold, italic=kind == "note")
        else:
            for index, (rows, header) in enumerate(table_parts(element, allow_cut=False)):
                if index:
                    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                _table(document, rows, header, element, width, lay.repeat_header)
            document.add_paragraph()
    document.save(str(path))
