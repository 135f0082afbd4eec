"""What is damaged in a zip package (.docx, .xlsx), said where it is.

python-docx and openpyxl raise whatever their layers raise on a damaged package — a zlib
error, an XML syntax error, an AttributeError on a relationship that lost an attribute —
without naming the part. When a package cannot be read, :func:`damage` unpacks and parses
its parts (the main ones first) and names the first one that fails, in words an officer can
check ("la parte «word/document.xml» (el texto del documento) no se puede descomprimir").
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

from lxml import etree

# What the parsers of a package raise on a damaged one (besides the project's errors).
PACKAGE_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, KeyError, ValueError, TypeError, AttributeError,
    OSError, IndexError, struct.error, etree.LxmlError, ParseError, AssertionError)

# Parts by what they hold, in the order they are checked: the ones the readers need first.
_PARTS: tuple[tuple[str, str], ...] = (
    (r"\[Content_Types\]\.xml", "el índice de partes del paquete"),
    (r"(.*/)?_rels/.*\.rels", "las relaciones entre sus partes"),
    (r"word/document\.xml", "el texto del documento"),
    (r"word/styles(WithEffects)?\.xml", "los estilos"),
    (r"word/(settings|webSettings)\.xml", "la configuración del documento"),
    (r"word/fontTable\.xml", "la tabla de fuentes"),
    (r"word/numbering\.xml", "las listas numeradas"),
    (r"word/(header|footer)\d*\.xml", "un encabezado o pie de página"),
    (r"xl/workbook\.xml", "la lista de hojas del libro"),
    (r"xl/sharedStrings\.xml", "los textos de las celdas"),
    (r"xl/styles\.xml", "los estilos"),
    (r"xl/worksheets/sheet\d+\.xml", "una de las hojas"),
    (r"docProps/.*", "las propiedades del documento"),
    (r"customXml/.*", "los datos XML adjuntos"),
    (r"(word|xl)/theme/.*", "el tema de colores y fuentes"),
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def what_part(name: str) -> str:
    """What a part holds, in Spanish ("el texto del documento"); "una de sus partes" when unknown."""
    for pattern, what in _PARTS:
        if re.fullmatch(pattern, name):
            return what
    return "una de sus partes"


def _where(name: str, what: bool = True) -> str:
    """A part as a message names it (``what``: with what it holds); a name the damaged directory
    garbled is not shown."""
    if not (name.isascii() and name.isprintable()):
        return "una parte de nombre ilegible"
    return f"la parte «{name}» ({what_part(name)})" if what else f"la parte «{name}»"


def _rank(name: str) -> int:
    return next((i for i, (pattern, _what) in enumerate(_PARTS) if re.fullmatch(pattern, name)), len(_PARTS))


def damage(data: bytes) -> str | None:
    """What is damaged in the package ``data`` (a Spanish clause), None when every part unpacks
    and every XML part parses."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error):
        return "el directorio del zip está dañado"
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: (_rank(i.filename), i.filename)):
            name = info.filename
            where = _where(name)
            try:
                content = archive.read(info)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError,
                    struct.error) as exc:
                if "CRC" in str(exc):
                    return f"{where} está alterada (su suma de control no coincide)"
                return f"{where} no se puede descomprimir"
            if name.endswith((".xml", ".rels")):
                try:
                    etree.fromstring(content, _PARSER)
                except etree.XMLSyntaxError as exc:
                    line = f", línea {exc.lineno}" if exc.lineno else ""
                    return f"{where} tiene el XML dañado o incompleto{line}"
    return None


def explain(data: bytes, exc: BaseException, needed: tuple[str, ...]) -> str:
    """What is damaged in a package its parser failed on with ``exc`` (a Spanish clause): a
    damaged part (:func:`damage`), a part that is missing (one of ``needed``, or one its
    relationships point to), or what the parser's own message names."""
    found = damage(data) or _missing(data, needed)
    if found is not None:
        return found
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    for pattern, clause in _MESSAGES:
        match = re.search(pattern, text)
        if match:
            name = match.group(1).lstrip("/") if match.groups() else ""
            return clause.format(name=name, what=what_part(name))
    return "la estructura interna del paquete está dañada"


# What the parsers' messages name, said as a clause.
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"no item named '([^']+)'", "falta la parte «{name}» ({what})"),
    (r"no content type for partname '([^']+)'",
     "el índice de partes del paquete no declara la parte «{name}» ({what})"),
    (r"no relationship of type", "las relaciones del paquete no señalan su parte principal"),
    (r"no valid workbook part", "el índice de partes del paquete no declara el libro"),
    (r"Relationship", "las relaciones entre sus partes están dañadas"),
)


def _missing(data: bytes, needed: tuple[str, ...]) -> str | None:
    """The first part of ``needed``, or pointed to by a relationship, that the package lacks."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            present = set(archive.namelist())
            targets = [*needed, *(t for name in sorted(present) if name.endswith(".rels")
                                  for t in _targets(name, archive.read(name)))]
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, struct.error, NotImplementedError):
        return "el directorio del zip está dañado"
    for name in targets:
        if name not in present:
            return f"falta la parte «{name}» ({what_part(name)})"
    return None


def _targets(rels_name: str, content: bytes) -> list[str]:
    """The parts a relationships part points to (internal targets only), as package names."""
    try:
        root = etree.fromstring(content, _PARSER)
    except etree.XMLSyntaxError:
        return []
    source_dir = posixpath.dirname(posixpath.dirname(rels_name))  # "word/_rels/x.rels" → "word"
    found = []
    for rel in root:
        target = rel.get("Target")
        if not target or rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(source_dir, target)
        found.append(posixpath.normpath(path).lstrip("/"))
    return found


def sizes_disagree(data: bytes, infos: list[zipfile.ZipInfo]) -> str | None:
    """The first entry whose sizes in the zip's directory are not those of its own header (a
    damaged directory, not a zip bomb: a bomb's headers agree), None when all agree or the
    entries keep their sizes after their data (flag bit 3)."""
    for info in infos:
        at = info.header_offset
        header = data[at: at + 30]
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            return f"el directorio del zip está dañado ({_where(info.filename, what=False)} no está donde dice)"
        flags, compressed, size = struct.unpack("<H", header[6:8])[0], *struct.unpack("<II", header[18:26])
        if flags & 0x08:
            continue  # sizes in a data descriptor after the data
        if (compressed, size) != (info.compress_size, info.file_size):
            part = _where(info.filename, what=False)
            return f"el directorio del zip está dañado (los tamaños de {part} no coinciden)"
    return None
