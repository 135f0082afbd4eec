"""Word (.docx) files with python-docx: paragraphs and tables in document order.

A merged cell is read once: a horizontal merge (``gridSpan``) and the continuation of a
vertical merge (``vMerge``) become empty grid positions. Nested tables stay inside their
cell, and text inside content controls (``w:sdt``) is read like any other.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from extractor.errors import RESAVE_WORD, DamagedFileError
from extractor.model.document import Block, Cell, Document, Paragraph, Row, Table
from extractor.readers import package
from extractor.readers.registry import ReadOptions
from extractor.textnorm import clean_ws

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RUN, _RPR, _T, _TAB, _BR, _CR, _NB_HYPHEN, _TYPE = (
    W + "r", W + "rPr", W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "type")


class DocxReader:
    """The reader of Word (.docx) files."""

    formats: tuple[str, ...] = ("docx",)

    def read(self, data: bytes, options: ReadOptions) -> Document:
        """The document of a .docx package (format detection has checked its zip-bomb limits)."""
        return read_docx(data)


def read_docx(data: bytes) -> Document:
    """Read a .docx file's bytes into a Document; a damaged one raises DamagedFileError naming
    the part that is damaged (:mod:`extractor.readers.package`)."""
    import docx

    try:
        word = docx.Document(io.BytesIO(data))
        body = word.element.body
        if body is None:
            raise DamagedFileError(_damaged("la parte «word/document.xml» (el texto del documento) no tiene cuerpo"))
    except package.PACKAGE_ERRORS as exc:
        raise DamagedFileError(_damaged(package.explain(data, exc, _NEEDED))) from exc
    styles = _styles_element(word)
    return _read_body(body, _Styles(_heading_style_ids(styles), _body_size(styles, body)))


# The parts a Word file cannot be read without.
_NEEDED = ("[Content_Types].xml", "_rels/.rels", "word/document.xml")


def _damaged(what: str) -> str:
    return f"El archivo Word está dañado: {what}; {RESAVE_WORD}."


def _styles_element(word: Any) -> Any:
    """The XML of the styles part; None when the package has none python-docx can use (a damaged
    styles part costs the headings their style, not the document its text)."""
    try:
        return word.styles.element
    except (AttributeError, KeyError, ValueError):
        return None


def _read_body(body: Any, heading_styles: _Styles) -> Document:
    """The document of the body element of ``word/document.xml``."""
    # Word stores drawings twice (mc:Choice and a VML mc:Fallback): read the text only once.
    for fallback in list(body.iter(MC + "Fallback")):
        fallback.getparent().remove(fallback)
    blocks: list[Block] = []
    _read_blocks(body, blocks, heading_styles)
    return Document(formato="docx", blocks=blocks, paginas=None)


@dataclass(frozen=True)
class _Styles:
    """What tells a heading: a Word heading style, or a font bigger than the body text's."""

    ids: set[str]
    body_size: int | None  # half-points, the size most of the text is set in

    def __contains__(self, style_id: object) -> bool:
        return style_id in self.ids

    def bigger(self, size: int | None) -> bool:
        """Whether text of ``size`` (half-points; None: the default) is set bigger than the body."""
        return size is not None and self.body_size is not None and size >= _HEADING_RATIO * self.body_size


# Headings set only in a bigger font (no heading style, not bold) are this much bigger than the body.
_HEADING_RATIO = 1.15


def _run_size(run: Any) -> int | None:
    size = run.find(f"{_RPR}/{W}sz")
    try:
        return int(size.get(W + "val")) if size is not None else None
    except (TypeError, ValueError):
        return None


def _body_size(styles: Any, body: Any) -> int | None:
    """The size (half-points) most of the document's characters are set in; None when unknown."""
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz") if styles is not None else None
    try:
        fallback = int(default.get(W + "val")) if default is not None else None
    except (TypeError, ValueError):
        fallback = None
    weights: Counter[int | None] = Counter()
    for run in body.iter(_RUN):
        weights[_run_size(run) or fallback] += sum(len(t.text or "") for t in run.iterchildren(_T))
    return max(weights, key=lambda size: weights[size]) if weights else fallback


def _heading_style_ids(styles: Any) -> set[str]:
    # Read from the styles part's XML: building python-docx style objects costs more than the text.
    ids: set[str] = set()
    if styles is None:
        return ids
    for style in styles.iterchildren(W + "style"):
        name_node = style.find(W + "name")
        name = (name_node.get(W + "val", "") if name_node is not None else "").lower()
        if name.startswith(("heading", "título", "titulo", "title")):
            ids.add(style.get(W + "styleId"))
    return ids


def _read_blocks(container: Any, blocks: list[Block], heading_styles: _Styles) -> None:
    for child in container.iterchildren():
        tag = child.tag
        if tag == W + "p":
            for text, bold, heading in _paragraph_lines(child, heading_styles):
                blocks.append(Paragraph(text=text, bold=bold, heading=heading))
        elif tag == W + "tbl":
            blocks.append(_table(child, heading_styles))
        elif tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                _read_blocks(content, blocks, heading_styles)
        elif tag in {W + "customXml", W + "smartTag"}:
            _read_blocks(child, blocks, heading_styles)


def _is_bold(run_properties: Any) -> bool:
    if run_properties is None:
        return False
    bold = run_properties.find(W + "b")
    if bold is None:
        return False
    return bold.get(W + "val", "true") not in {"0", "false", "off"}


def _paragraph_lines(p: Any, heading_styles: _Styles) -> list[tuple[str, bool, bool]]:
    """The lines of a paragraph (a ``w:br`` starts a new one) with bold/heading flags."""
    style = p.find(f"{W}pPr/{W}pStyle")
    heading = style is not None and style.get(W + "val") in heading_styles
    lines: list[list[str]] = [[]]
    bold_chars = 0
    all_chars = 0
    big_chars = 0
    for run in p.iter(_RUN):  # runs anywhere inside: hyperlinks, content controls, smart tags
        bold = _is_bold(run.find(_RPR))
        big = heading_styles.bigger(_run_size(run))
        for node in run.iterchildren(_T, _TAB, _BR, _CR, _NB_HYPHEN):
            tag = node.tag
            if tag == _T:
                text = node.text or ""
                lines[-1].append(text)
                weight = len(text.strip())
                all_chars += weight
                if bold:
                    bold_chars += weight
                if big:
                    big_chars += weight
            elif tag == _TAB:
                lines[-1].append(" ")
            elif tag == _NB_HYPHEN:
                lines[-1].append("-")
            elif node.get(_TYPE) in (None, "textWrapping"):
                lines.append([])
    bold = all_chars > 0 and bold_chars == all_chars
    heading = heading or (all_chars > 0 and big_chars == all_chars)
    result = []
    for parts in lines:
        text = clean_ws("".join(parts))
        if text:
            result.append((text, bold, heading))
    return result


def _cell(tc: Any, heading_styles: _Styles) -> Cell:
    cell = Cell()
    bold_flags: list[bool] = []

    def walk(container: Any) -> None:
        for child in container.iterchildren():
            if child.tag == W + "p":
                for text, bold, _heading in _paragraph_lines(child, heading_styles):
                    cell.items.append(text)
                    bold_flags.append(bold)
            elif child.tag == W + "tbl":
                cell.tables.append(_table(child, heading_styles))
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    walk(content)

    walk(tc)
    cell.bold = bool(bold_flags) and all(bold_flags)
    return cell


def _cells_of_row(tr: Any) -> list[Any]:
    """The ``w:tc`` of a row, looking inside row-level content controls."""
    cells = []
    for child in tr.iterchildren():
        if child.tag == W + "tc":
            cells.append(child)
        elif child.tag in {W + "sdt", W + "customXml"}:
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                cells.extend(_cells_of_row(content))
    return cells


def _int_attr(node: Any, path: str, default: int) -> int:
    found = node.find(path)
    if found is None:
        return default
    try:
        return int(found.get(W + "val", default))
    except (TypeError, ValueError):
        return default


def _table(tbl: Any, heading_styles: _Styles) -> Table:
    rows: list[Row] = []
    for child in tbl.iterchildren():
        trs = [child] if child.tag == W + "tr" else []
        if child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            trs = [t for t in (content if content is not None else []) if t.tag == W + "tr"]
        for tr in trs:
            cells: list[Cell] = [Cell() for _ in range(_int_attr(tr, f"{W}trPr/{W}gridBefore", 0))]
            for tc in _cells_of_row(tr):
                span = max(1, _int_attr(tc, f"{W}tcPr/{W}gridSpan", 1))
                v_merge = tc.find(f"{W}tcPr/{W}vMerge")
                continued = v_merge is not None and v_merge.get(W + "val", "continue") == "continue"
                cell = Cell() if continued else _cell(tc, heading_styles)
                cell.span = span
                cells.append(cell)
                cells.extend(Cell() for _ in range(span - 1))
            rows.append(Row(cells=cells))
    width = max((len(r.cells) for r in rows), default=0)
    for row in rows:
        row.cells.extend(Cell() for _ in range(width - len(row.cells)))
    return Table(rows=rows)
