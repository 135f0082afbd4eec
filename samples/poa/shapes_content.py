"""The content of the unit POA shapes (``generate_shapes.py``): codes, names, units, and the
expected tree each shape's file must load to."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from content import POA_OPERATIONS  # noqa: E402

Tree = list[dict[str, Any]]

ACPS = {"1.1": "Consolidar la información catastral y geoespacial del territorio",
        "1.2": "Fortalecer la gestión tecnológica institucional",
        "1.3": "Apoyar la organización territorial del Estado",
        "1.10": "Generar y difundir estadísticas territoriales"}
UNITS = ["DIRECCIÓN GENERAL DE SISTEMAS DE INFORMACIÓN TERRITORIAL", "UNIDAD DE PLANIFICACIÓN TERRITORIAL"]
MONTHS = ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"]
QUARTERS = ["1er Trimestre", "2do Trimestre", "3er Trimestre", "4to Trimestre"]


def node(level: str, code: str | None, text: str, children: Tree | None = None, **fields: str) -> dict[str, Any]:
    """A node of an expected tree (``fields`` are written to the file, not to the tree)."""
    return {"nivel": level, "codigo": code, "texto": text, "hijos": children or [], "_campos": fields}


def standard_tree(activities: int = 2, tasks: bool = False, acps: list[str] | None = None) -> Tree:
    """ACP → operation → activity (→ task) with the sample POA's codes: "1.10" is not "1.1"."""
    tree = []
    for acp_code, acp_name in ACPS.items():
        if acps is not None and acp_code not in acps:
            continue
        operations = []
        for code, text, product, parent in POA_OPERATIONS:
            if parent != acp_code:
                continue
            acts = []
            for n in range(1, activities + 1):
                verb = ["Planificar el trabajo de", "Informar los avances de", "Validar"][n - 1]
                task = [node("tarea", f"{code}.{n}.1", f"Registrar evidencias: {product.lower()}")] if tasks else []
                acts.append(node("actividad", f"{code}.{n}", f"{verb} {product.lower()}", task))
            operations.append(node("operacion", code, text, acts, producto=product))
        tree.append(node("acp", acp_code, acp_name, operations))
    return tree


def programmatic_tree() -> Tree:
    """Codes of the programmatic structure: ACP "520.1702.112", operation "520.1702.112.01", activity
    "520.1702.112.01.24"; a PEI action above."""
    tree = []
    for index, (acp_code, acp_name) in enumerate(ACPS.items()):
        acp = f"520.170{2 + index}.1{12 + index}"
        operations = [node("operacion", f"{acp}.{n:02d}", text, producto=product)
                      for n, (_c, text, product, parent) in enumerate(
                          [o for o in POA_OPERATIONS if o[3] == acp_code], 1)]
        tree.append(node("acp", acp, acp_name, operations))
    return [node("pei", "3.1.2", "Modernizar la gestión de la información territorial del Estado", tree[:2]),
            node("pei", "3.2.1", "Consolidar la organización territorial y su difusión", tree[2:])]


def expected(units: list[tuple[str | None, Tree]]) -> dict[str, Any]:
    """The expected tree JSON (fields dropped)."""
    def clean(nodes: Tree) -> Tree:
        return [{"nivel": n["nivel"], "codigo": n["codigo"], "texto": n["texto"], "hijos": clean(n["hijos"])}
                for n in nodes]
    return {"unidades": [{"unidad": name, "arbol": clean(tree)} for name, tree in units]}


def paths(tree: Tree, above: tuple[dict[str, Any], ...] = ()) -> list[tuple[dict[str, Any], ...]]:
    """Every root-to-leaf path (a row of the columns shape)."""
    rows = []
    for item in tree:
        chain = (*above, item)
        rows.extend(paths(item["hijos"], chain) if item["hijos"] else [chain])
    return rows


def pair_rows(tree: Tree) -> list[tuple[tuple[dict[str, Any], ...], list[Any]]]:
    """Each path with its code and description cells, a parent's left blank below its first row
    (the columns shape)."""
    shown: set[int] = set()
    rows = []
    for chain in paths(tree):
        values: list[Any] = []
        for item in chain:
            values += [None, None] if id(item) in shown else [item["codigo"], item["texto"]]
            shown.add(id(item))
        rows.append((chain, values))
    return rows


def flat(tree: Tree, depth: int = 0) -> list[tuple[int, dict[str, Any]]]:
    """Every node with its depth, in document order (a row of the rows shape)."""
    rows = []
    for item in tree:
        rows.append((depth, item))
        rows.extend(flat(item["hijos"], depth + 1))
    return rows
