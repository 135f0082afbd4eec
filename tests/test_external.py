"""POAIs made outside the project (``../shared/corpus/external/``), read field by field.

The corpus README says how to compare: only the keys an expected record has are compared, a
value ``"*"`` is not, texts compare after white-space normalisation; ``audit.json`` lists the
fixed rules that must fire per record (``expect``), those not compared (``ignore``), and no
other fixed rule may fire. The documents are used exactly as they are.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import extractor

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "corpus" / "external"
FIXED_RULES = {"campo_vacio", "seccion_faltante", "sin_funciones", "funcion_incompleta", "ponderacion_total",
               "sin_aprobacion", "funcion_sin_poa", "lectura_dudosa"}
# Documents not yet read exactly (issue 11 is open): each is expected to fail, and the test
# fails as soon as one of them reads exactly, so that it leaves this list.
NOT_YET_EXACT: set[str] = set()


def _index() -> dict[str, str]:
    path = EXTERNAL / "expected" / "index.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _normal(value: Any) -> Any:
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else value


def differences(actual: Any, expected: Any, path: str = "") -> list[str]:
    """Where ``actual`` departs from ``expected`` under the corpus README's rules."""
    if expected == "*":
        return []
    if isinstance(expected, dict):
        actual = actual if isinstance(actual, dict) else {}
        return [d for key, value in expected.items() for d in differences(actual.get(key), value, f"{path}.{key}")]
    if isinstance(expected, list):
        actual = actual if isinstance(actual, list) else []
        out = [f"{path}: {len(actual)} entries, expected {len(expected)}"] if len(actual) != len(expected) else []
        return out + [d for i, (a, e) in enumerate(zip(actual, expected)) for d in differences(a, e, f"{path}[{i}]")]
    same = _normal(actual) == _normal(expected) or (
        isinstance(actual, int | float) and isinstance(expected, int | float) and abs(actual - expected) < 1e-6)
    return [] if same else [f"{path}: {actual!r} != expected {expected!r}"]


INDEX = _index()


@pytest.mark.skipif(not INDEX, reason="the shared external corpus is not beside the repository")
@pytest.mark.parametrize("document", sorted(INDEX) or ["-"])
def test_external_document(document: str, request: pytest.FixtureRequest) -> None:
    if document in NOT_YET_EXACT:
        request.applymarker(pytest.mark.xfail(strict=True, reason="not yet read exactly (issue 11)"))
    record_id = INDEX[document]
    expected = json.loads((EXTERNAL / "expected" / f"{record_id}.json").read_text(encoding="utf-8"))
    audit = json.loads((EXTERNAL / "expected" / "audit.json").read_text(encoding="utf-8"))[record_id]
    record = extractor.extract(EXTERNAL / document)
    problems = differences(record, expected)
    fired = {f["regla"] for f in record.get("auditoria", [])} & FIXED_RULES
    wanted, ignored = set(audit["expect"]), set(audit["ignore"])
    if fired - ignored != wanted:
        problems.append(f"audit: fired {sorted(fired - ignored)}, expected {sorted(wanted)}")
    assert not problems, "\n".join(problems)
