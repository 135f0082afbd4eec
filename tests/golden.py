"""Shared helpers of the golden tests: where the goldens are and how records are compared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIRS = [ROOT / "tests" / "fixtures", ROOT / "samples" / "poai"]

# Keys that depend on where the file sits, not on what it says.
_LOCATION_KEYS = {"archivo"}


def golden_pairs() -> list[tuple[Path, Path]]:
    """Every (document, expected record) pair: ``x.ext`` beside ``x.expected.json``."""
    pairs = []
    for folder in GOLDEN_DIRS:
        for expected in sorted(folder.glob("*.expected.json")):
            stem = expected.name[: -len(".expected.json")]
            documents = [p for p in folder.glob(stem + ".*") if not p.name.endswith(".json")]
            if len(documents) == 1:
                pairs.append((documents[0], expected))
    return pairs


def differences(actual: Any, expected: Any, path: str = "") -> list[str]:
    """Human-readable field-by-field differences between two records."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual)):
            if not path and key in _LOCATION_KEYS:
                continue
            if key not in actual:
                out.append(f"{path}{key}: missing")
            elif key not in expected:
                out.append(f"{path}{key}: unexpected {actual[key]!r}")
            else:
                out += differences(actual[key], expected[key], f"{path}{key}.")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = []
        if len(actual) != len(expected):
            out.append(f"{path.rstrip('.')}: {len(actual)} entries, expected {len(expected)}")
        for index, (a, e) in enumerate(zip(actual, expected)):
            out += differences(a, e, f"{path}{index}.")
        return out
    if actual != expected:
        return [f"{path.rstrip('.')}: {actual!r} != expected {expected!r}"]
    return []


def load(path: Path) -> Any:
    """A JSON file."""
    return json.loads(path.read_text(encoding="utf-8"))
