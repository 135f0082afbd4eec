"""How a unit POA was read, in Spanish: what ``poai poa`` shows so that a bad read is seen at once."""

from __future__ import annotations

from collections.abc import Iterator

from extractor.poa.model import Node, Poa
from extractor.poa.vocab import poa_words

SHAPES = {"columnas": "cada nivel en sus propias columnas (código y descripción)",
          "filas": "cada nivel en su propia fila (una columna de código y una de descripción)"}


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def describe(poa: Poa, first_nodes: int = 25) -> Iterator[str]:
    """The lines of the report."""
    words = poa_words()
    reading = poa.lectura
    yield f"POA: {poa.archivo}"
    if len(reading.hojas) > 1 or (reading.hojas and reading.hojas[0] != poa.archivo.rsplit("/", 1)[-1]):
        yield f"Hojas leídas: {', '.join(reading.hojas)}"
    yield f"Forma: {SHAPES.get(reading.forma, reading.forma)}"
    if reading.titulos:
        yield f"Títulos: {' | '.join(_cut(t, 70) for t in reading.titulos[:6])}"
    yield f"Encabezado: {', '.join(reading.encabezado)}"
    yield f"Columnas: {', '.join(reading.columnas)}"
    yield f"Niveles encontrados: {' → '.join(words.names[level] for level in reading.niveles)}"
    counts = [f"{poa.count(level)} {words.plurals[level]}" for level in words.levels
              if level in reading.niveles or level in ("acp", "operacion", "actividad")]
    yield f"Total: {', '.join(counts)}."
    named = [u for u in poa.unidades if u.nombre]
    if named:
        yield f"Unidades ({len(named)}): {'; '.join(str(u.nombre) for u in named)}"
    yield ""
    yield f"Primeros nodos del árbol (hasta {first_nodes}):"
    shown = 0
    for unit in poa.unidades:
        if shown >= first_nodes:
            break
        if len(poa.unidades) > 1:
            yield f"  [{unit.nombre or 'sin unidad'}]"
        for node, above in unit.walk():
            if shown >= first_nodes:
                break
            shown += 1
            yield "  " + "  " * len(above) + _line(node, words.names[node.nivel])
    yield ""
    if reading.omitidas:
        yield f"Filas omitidas ({len(reading.omitidas)}):"
        for skipped in reading.omitidas[:30]:
            yield f"  {skipped.lugar}: {skipped.motivo}"
        if len(reading.omitidas) > 30:
            yield f"  … y {len(reading.omitidas) - 30} más."
    else:
        yield "Filas omitidas: ninguna."


def _line(node: Node, name: str) -> str:
    code = f"{node.codigo} " if node.codigo else ""
    return f"{name} {code}— {_cut(node.texto, 80)} ({node.lugar})"
