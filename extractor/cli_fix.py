"""``poai corregir``: the edits typed into a consolidated workbook, kept as corrections."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from extractor.cli_args import EXIT_OK, EXIT_SOME_FAILED


def _say(args: argparse.Namespace) -> Callable[[str], None]:
    """Where the summary goes: stderr, or nowhere with --quiet."""
    if args.quiet:
        return lambda text: None
    return lambda text: print(text, file=sys.stderr)


def _many(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


def fix(args: argparse.Namespace) -> int:
    """Take the corrections of the workbook ``args.libro`` into the catalog beside it (or ``args.cache``)."""
    from extractor.api import CATALOG_NAME
    from extractor.catalog import Catalog
    from extractor.corrections.workbook import take_corrections
    from extractor.errors import UsageError

    where = args.cache or args.libro.resolve().parent / CATALOG_NAME
    if not args.libro.is_file():
        raise UsageError(f"No existe el libro {args.libro}.")
    if not where.is_file():
        raise UsageError(f"No se encontró el catálogo {where}: indique con --cache el catálogo de la lectura "
                         "que escribió el libro.")
    with Catalog(where) as catalog:
        outcome = take_corrections(args.libro, catalog)
    say = _say(args)
    for problem in [*outcome.desconocidas, *outcome.conflictos]:
        print(f"poai: {problem.hoja}, fila {problem.fila}: {problem.motivo}.", file=sys.stderr)
    say(f"{_many(len(outcome.tomadas), 'corrección tomada', 'correcciones tomadas')} de "
        f"{_many(outcome.filas, 'fila revisada', 'filas revisadas')}; "
        f"{_many(len(outcome.desconocidas), 'fila desconocida', 'filas desconocidas')} y "
        f"{_many(len(outcome.conflictos), 'valor no tomado', 'valores no tomados')}.")
    for item in outcome.tomadas if args.verbose else []:
        say(f"  {item.campo}: {item.antes!r} → {item.despues!r}")
    if outcome.tomadas:
        say("Vuelva a ejecutar «poai run» con el mismo catálogo para ver el libro con las correcciones.")
    return EXIT_SOME_FAILED if outcome.desconocidas or outcome.conflictos else EXIT_OK
