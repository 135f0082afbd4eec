"""A unit POA as read: its units, each a tree of nodes (ACP → operation → activity …), and how it was read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Node:
    """A node of the POA tree: its level, its code as printed and its text."""

    nivel: str
    codigo: str | None
    texto: str
    lugar: str = ""  # where it was read: "fila 7", "página 2"
    campos: dict[str, str] = field(default_factory=dict)  # producto, indicador, meta …
    hijos: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[tuple[Node, list[Node]]]:
        """This node and its descendants, each with its ancestors (top first)."""
        stack: list[tuple[Node, list[Node]]] = [(self, [])]
        while stack:
            node, above = stack.pop()
            yield node, above
            stack.extend((child, [*above, node]) for child in reversed(node.hijos))

    def tree(self) -> dict[str, Any]:
        """The node as JSON (the expected trees of the sample corpus)."""
        return {"nivel": self.nivel, "codigo": self.codigo, "texto": self.texto,
                "hijos": [child.tree() for child in self.hijos]}


@dataclass
class Unit:
    """The tree of one organisational unit (a file may hold several)."""

    nombre: str | None
    raices: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[tuple[Node, list[Node]]]:
        """Every node with its ancestors, in document order."""
        for root in self.raices:
            yield from root.walk()


@dataclass
class Skipped:
    """A row left out of the tree, and why (a total, a signature, a repeated header …)."""

    lugar: str
    motivo: str


@dataclass
class Reading:
    """How the POA was read: what ``poai poa`` tells a person."""

    forma: str = ""  # "columnas" (a column or a pair per level) | "filas" (a level per row)
    hojas: list[str] = field(default_factory=list)
    titulos: list[str] = field(default_factory=list)
    encabezado: list[str] = field(default_factory=list)  # "fila 5", "fila 6"
    columnas: list[str] = field(default_factory=list)  # header cells, as printed
    niveles: list[str] = field(default_factory=list)
    omitidas: list[Skipped] = field(default_factory=list)


@dataclass
class Activity:
    """An activity (or task) under an operation: what a function may match more closely."""

    codigo: str | None
    texto: str


@dataclass
class Operation:
    """An operation of the unit POA, with what describes it."""

    codigo: str
    operacion: str
    acp_codigo: str | None = None
    acp: str | None = None
    producto: str | None = None
    indicador: str | None = None
    actividades: list[Activity] = field(default_factory=list)
    unidad: str | None = None

    def matching_text(self) -> str:
        """The words a function is compared with: the operation, its product, its ACP, its tasks."""
        return " ".join(t for t in [self.operacion, self.producto, self.acp, *(a.texto for a in self.actividades)]
                        if t)


@dataclass
class Poa:
    """A loaded unit POA: its units' trees and its operations (the level functions link to)."""

    archivo: str
    operaciones: list[Operation]
    unidades: list[Unit] = field(default_factory=list)
    lectura: Reading = field(default_factory=Reading)

    def by_code(self) -> dict[str, Operation]:
        """Operations by code."""
        return {o.codigo: o for o in self.operaciones}

    def tree(self) -> dict[str, Any]:
        """The units and their trees as JSON."""
        return {"unidades": [{"unidad": u.nombre, "arbol": [r.tree() for r in u.raices]} for u in self.unidades]}

    def count(self, level: str) -> int:
        """How many nodes of a level."""
        return sum(1 for unit in self.unidades for node, _ in unit.walk() if node.nivel == level)


def operations_of(units: list[Unit], link: str = "operacion") -> list[Operation]:
    """The operations of the trees: every node of the ``link`` level, with its ACP and activities."""
    operations = []
    for unit in units:
        for node, above in unit.walk():
            if node.nivel != link:
                continue
            acp = next((a for a in reversed(above) if a.nivel == "acp"), None)
            activities = [Activity(d.codigo, d.texto) for d, _ in node.walk() if d is not node]
            operations.append(Operation(
                codigo=node.codigo or node.texto[:40], operacion=node.texto,
                acp_codigo=acp.codigo if acp else None, acp=acp.texto if acp else None,
                producto=node.campos.get("producto"), indicador=node.campos.get("indicador"),
                actividades=activities, unidad=unit.nombre))
    return operations
