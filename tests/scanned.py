"""Shared helpers of the OCR golden test: the scans, and how far a read agrees with its expected record."""

from __future__ import annotations

from typing import Any

from golden import ROOT, load

SCANS = ROOT / "samples" / "escaneos"
# Keys that say how the file was read, not what it says: a scan's differ from its source's by nature.
_READ_KEYS = {"archivo", "sha256", "formato", "paginas", "ocr", "estado", "auditoria", "completitud", "correcciones"}


def manifest() -> list[dict[str, Any]]:
    """Each scan: ``escaneo`` (file), ``esperado`` (expected record, relative), ``campos``, ``dpi``, ``degradado``."""
    entries: list[dict[str, Any]] = load(SCANS / "manifest.json")
    return entries


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    """Every scalar of a record by its path (lists by index): the fields counted one by one."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(leaves(item, f"{path}{key}."))
        return out
    if isinstance(value, list):
        out = {f"{path}#": len(value)} if not value else {}
        for index, item in enumerate(value):
            out.update(leaves(item, f"{path}{index}."))
        return out
    return {path.rstrip("."): value}


def field_accuracy(actual: dict[str, Any], expected: dict[str, Any], campos: list[str]) -> tuple[float, list[str]]:
    """The share of the expected record's fields (those under ``campos``, or all that say what the
    document says) that the read gives exactly, and the paths of those it misses."""
    keys = [k for k in expected if k not in _READ_KEYS and (not campos or k in campos)]
    wanted = leaves({k: expected[k] for k in keys})
    got = leaves({k: actual.get(k) for k in keys})
    missed = [path for path, value in wanted.items() if got.get(path, object()) != value]
    return 1.0 - len(missed) / max(len(wanted), 1), missed


def external_accuracy(actual: Any, expected: Any) -> tuple[float, list[str]]:
    """The share of an external expected record's values (``"*"`` not compared, texts after white-space
    normalisation, as the external corpus's README says) that ``actual`` gives, and those it misses."""
    wanted = {k: v for k, v in leaves(expected).items() if v != "*"}
    got = leaves(actual)

    def same(a: Any, b: Any) -> bool:
        if isinstance(a, str) and isinstance(b, str):
            return " ".join(a.split()) == " ".join(b.split())
        if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
            return abs(a - b) < 1e-6
        return bool(a == b)

    missed = [path for path, value in wanted.items() if not same(got.get(path, object()), value)]
    return 1.0 - len(missed) / max(len(wanted), 1), missed
