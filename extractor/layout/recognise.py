"""Recognising which known layout family a document is, from its headings and labels."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from extractor.layout.segment import Item
from extractor.layout.spec import Family, Vocabulary
from extractor.textnorm import fold, strip_parenthetical

# How close (rapidfuzz ratio) a text of the document must be to a family's signature phrase.
_SIGNATURE_SCORE = 88


def recognise(items: list[Item], spec: Vocabulary) -> tuple[Family, int]:
    """The known family whose signature headings and labels the document shows most, and how
    many of its signature phrases were found."""
    texts: list[str] = []
    for item in items[:400]:
        if item.is_row:
            texts.extend(fold(strip_parenthetical(c.text.split(":")[0])) for _, c in item.filled)
        else:
            texts.append(fold(strip_parenthetical(item.text.split(":")[0])))
    texts = [t for t in texts if 3 <= len(t) <= 120]
    pool = texts + [fold(s) for s in section_sequence(items)]
    best: tuple[Family, int] = (spec.families[0], -1)
    for family in spec.families:
        hits = sum(
            1 for phrase in family.signature
            if process.extractOne(phrase, pool, scorer=fuzz.ratio, score_cutoff=_SIGNATURE_SCORE) is not None
        )
        if hits > best[1]:
            best = (family, hits)
    return best[0], max(best[1], 0)


def section_sequence(items: list[Item]) -> list[str]:
    """The sections of the item stream in the order they start (each run once)."""
    seen: list[str] = []
    for item in items:
        if not seen or seen[-1] != item.section:
            seen.append(item.section)
    return seen
