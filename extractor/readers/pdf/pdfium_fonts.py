"""What pdfminer takes from a PDF's fonts, for the characters pdfium reads: name, descent, widths.

A character's box, as pdfminer draws it, starts the font's descent below the baseline and
is as wide as the glyph's advance; its ``fontname`` is the font descriptor's name. pdfium
knows other values: its descent is the font file's when the descriptor gives none (LibreOffice
writes ``/Descent 0``), the names it reports lose their subset prefix ("ABCDEF+"), and for the
14 standard fonts it measures boxes on its own substitute fonts. So the descriptors are read
here, once per document, without parsing any page's content (pdfminer's object parser, which
pdfplumber uses too), and the 14 standard fonts take Adobe's metrics, as pdfminer does.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = ["FontFacts", "FontTable", "standard"]

# Form XObjects nest resources; deeper than this is no document poai reads.
MAX_DEPTH = 8
# A PDF with more pages than this has its fonts looked up on the first ones only (fonts are shared).
MAX_PAGES = 400


@dataclass(frozen=True)
class FontFacts:
    """What pdfminer gives a font: the name it reports, its descent per unit of font size, and
    for a standard font its advance widths (per 1000 units) by character."""

    name: str
    descent: float
    widths: dict[str, float] | None = None
    key: str = ""  # the font's name in the table, where its widths can be looked up
    # Widths with fractions (reportlab's embedded fonts): pdfium cuts them to whole units, so
    # its glyphs drift from pdfminer's along a line; pdfminer's widths place them again.
    fractional: bool = False


@dataclass
class FontTable:
    """The fonts of one PDF, by their name without the subset prefix (as pdfium names them)."""

    fonts: dict[str, FontFacts] = field(default_factory=dict)
    specs: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → the font's dictionary
    measured: dict[str, dict[str, float]] = field(default_factory=dict)  # name → widths by character

    @classmethod
    def read(cls, data: bytes, password: str | None) -> FontTable:
        """The fonts named in the resources of the PDF's pages (an empty table when its objects
        cannot be read: pdfium's own values are used then)."""
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        table = cls()
        seen: set[int] = set()
        try:
            document = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
            for number, page in enumerate(PDFPage.create_pages(document)):
                if number >= MAX_PAGES:
                    break
                table._resources(page.resources, seen, 0)
        except Exception:  # noqa: BLE001 - a malformed object leaves pdfium's values, never a failure
            return table
        return table

    def facts(self, name: str) -> FontFacts | None:
        """The font pdfium calls ``name``: pdfminer's facts of it, or None when unknown."""
        found = self.fonts.get(name)
        return found if found is not None else standard(name)

    def widths(self, facts: FontFacts) -> dict[str, float] | None:
        """The advance widths (per 1000 units) pdfminer gives the glyphs of a font, by their text;
        read on first asking (a font's character maps are parsed then), None when unknown."""
        if facts.key in self.measured:
            return self.measured[facts.key]
        spec = self.specs.get(facts.key)
        if spec is None:
            return None
        widths: dict[str, float] = {}
        try:
            from pdfminer.pdfinterp import PDFResourceManager

            font = PDFResourceManager(caching=False).get_font(None, spec)
            mapping = getattr(font, "unicode_map", None)  # a CID font's ToUnicode map, if any
            codes = list(mapping.cid2unichr) if mapping is not None else range(256)
            for code in codes:
                try:
                    widths.setdefault(font.to_unichr(code), font.char_width(code) * 1000.0)
                except Exception:  # noqa: BLE001,S112 - a code without text has no width to give
                    continue
        except Exception:  # noqa: BLE001 - a font pdfminer cannot read leaves pdfium's widths
            widths = {}
        self.measured[facts.key] = widths
        return widths

    def _resources(self, resources: Any, seen: set[int], depth: int) -> None:
        from pdfminer.pdftypes import resolve1

        resources = resolve1(resources)
        if not isinstance(resources, dict) or depth > MAX_DEPTH:
            return
        fonts = resolve1(resources.get("Font"))
        for ref in (fonts.values() if isinstance(fonts, dict) else []):
            if getattr(ref, "objid", None) in seen:
                continue
            seen.add(getattr(ref, "objid", id(ref)))
            spec = resolve1(ref)
            if isinstance(spec, dict):
                self._font(spec)
        xobjects = resolve1(resources.get("XObject"))
        for ref in (xobjects.values() if isinstance(xobjects, dict) else []):
            objid = getattr(ref, "objid", None)
            if objid is None or objid in seen:
                continue
            seen.add(objid)
            stream = resolve1(ref)
            attrs = getattr(stream, "attrs", None)
            if isinstance(attrs, dict) and _name(attrs.get("Subtype")) == "Form":
                self._resources(attrs.get("Resources"), seen, depth + 1)

    def _font(self, spec: dict[str, Any]) -> None:
        from pdfminer.pdftypes import resolve1

        base = _name(spec.get("BaseFont")) or "unknown"
        whole = spec
        kind = _name(spec.get("Subtype"))
        known = standard(base) if kind in _SIMPLE else None
        if known is not None:
            self.fonts.setdefault(base, known)
            return
        if kind == "Type0":
            descendants = resolve1(spec.get("DescendantFonts"))
            if isinstance(descendants, list) and descendants:
                spec = resolve1(descendants[0]) if isinstance(resolve1(descendants[0]), dict) else spec
        if _name(spec.get("Subtype")) == "Type3":
            return  # glyphs drawn by the PDF itself, boxed by their FontMatrix: pdfium's values stand
        key = _unprefixed(base)
        self.specs.setdefault(key, whole)
        descriptor = resolve1(spec.get("FontDescriptor"))
        descriptor = descriptor if isinstance(descriptor, dict) else {}
        name = _name(descriptor.get("FontName")) or "unknown"
        descent = resolve1(descriptor.get("Descent", 0))
        value = float(descent) if isinstance(descent, int | float) else 0.0
        self.fonts.setdefault(key, FontFacts(name=name, descent=-abs(value) / 1000.0, key=key,
                                             fractional=_fractional(spec)))


# The font types pdfminer reads as Type 1 fonts, which take Adobe's metrics under a standard name.
_SIMPLE = ("Type1", "TrueType", "MMType1")


@cache
def standard(name: str) -> FontFacts | None:
    """One of the 14 standard fonts by its name, with Adobe's metrics (pdfminer takes them,
    whatever the file's descriptor says); None for any other font."""
    from pdfminer.fontmetrics import FONT_METRICS

    metrics = FONT_METRICS.get(name)
    if metrics is None:
        return None
    descriptor, widths = metrics
    descent = descriptor.get("Descent", 0)
    value = float(descent) if isinstance(descent, int | float) else 0.0
    return FontFacts(name=str(descriptor.get("FontName", name)), descent=-abs(value) / 1000.0,
                     widths={str(k): float(v) for k, v in widths.items()})


def _fractional(spec: dict[str, Any]) -> bool:
    """Does the font give any glyph a width with a fraction (``Widths``, or a CID font's ``W``)?"""
    from pdfminer.pdftypes import resolve1

    def numbers(value: Any, depth: int = 0) -> Iterator[float]:
        value = resolve1(value)
        if isinstance(value, int | float):
            yield float(value)
        elif isinstance(value, list) and depth < 2:
            for item in value:
                yield from numbers(item, depth + 1)

    return any(width != int(width) for key in ("Widths", "W") for width in numbers(spec.get(key)))


def _name(value: Any) -> str:
    """A PDF name object (or string) as text."""
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        return name.decode("latin-1")
    return name if isinstance(name, str) else ""


def _unprefixed(name: str) -> str:
    """A font's name without the subset tag ("ABCDEF+Arial" is "Arial"), as pdfium reports it."""
    tag, plus, rest = name.partition("+")
    return rest if plus and len(tag) == 6 and tag.isupper() else name
