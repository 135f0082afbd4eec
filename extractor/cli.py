"""The ``poai`` command: parse options, call the library, report in Spanish."""

from __future__ import annotations

import argparse
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from extractor._version import __version__
from extractor.api import Batch, Options, RunSummary, run
from extractor.batch import Progress, default_workers
from extractor.checks.rules import load_rules
from extractor.errors import PoaiError, os_reason
from extractor.model.record import Record
from extractor.poa.matching import DEFAULT_THRESHOLD
from extractor.readers.limits import DEFAULT_TIMEOUT
from extractor.readers.registry import OCR_MODES
from extractor.web.cli import add_web_command, web_command  # poai web: its options live in extractor/web/cli.py
from extractor.writers.jsonl import JsonLinesWriter, dumps
from extractor.writers.report import AuditReport, MatchTable

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

# argparse writes its own messages in English; these are the ones a user can meet.
_ARGPARSE_ES = [
    (r"the following arguments are required: (.*)", r"faltan argumentos obligatorios: \1"),
    (r"unrecognized arguments: (.*)", r"argumentos no reconocidos: \1"),
    (r"argument (\S+): expected one argument", r"la opción \1 necesita un valor"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"\1: opción no válida: \2 (elija entre \3)"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"\1: valor no válido: \3"),
    (r"argument (\S+): not allowed with argument (\S+)", r"la opción \1 no se puede usar junto con \2"),
    (r"argument (\S+): (.*)", r"\1: \2"),
]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="uso: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Spanish and exits with status 2 on usage errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumentos"
        self._optionals.title = "opciones"
        self.add_argument("-h", "--help", "--ayuda", action="help", help="muestra esta ayuda y termina")

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_ES:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"poai: error: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"valor no válido: '{text}' no es un número entero") from None
    if value < 1:
        raise argparse.ArgumentTypeError("valor no válido: debe ser 1 o más")
    return value


def _batch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("entradas", nargs="+", metavar="ENTRADA",
                         help="archivos o carpetas (las carpetas se recorren completas, en orden)")
    command.add_argument("--workers", type=_positive, metavar="N", default=None,
                         help=f"documentos leídos a la vez (por defecto, uno por núcleo: {default_workers()})")
    cache = command.add_mutually_exclusive_group()
    cache.add_argument("--cache", type=Path, metavar="ARCHIVO",
                       help="catálogo SQLite de documentos ya leídos (por defecto, junto a la salida)")
    cache.add_argument("--no-cache", action="store_true", help="lee todo de nuevo, sin usar el catálogo")
    command.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SEGUNDOS",
                         help=f"tiempo máximo para leer un documento (por defecto {DEFAULT_TIMEOUT:g} s)")
    command.add_argument("--password", metavar="CLAVE", help="contraseña para abrir PDF protegidos")
    command.add_argument("--ocr", choices=OCR_MODES, default="auto",
                         help="lectura por OCR de escaneos: auto (las páginas sin capa de texto, por defecto), "
                              "siempre (todas las páginas) o nunca")
    command.add_argument("--reglas", type=Path, metavar="ARCHIVO.toml",
                         help="reglas de auditoría de la entidad (activar o desactivar, severidad, tolerancias)")
    command.add_argument("--verbose", action="store_true",
                         help="ante un error inesperado, muestra el detalle técnico (traceback)")


def _seconds(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"valor no válido: '{text}' no es un número") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("valor no válido: debe ser mayor que 0")
    return value


def _threshold(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"valor no válido: '{text}' no es un número") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("valor no válido: debe estar entre 0 y 100")
    return value


def _poa_options(command: argparse.ArgumentParser, required: bool = False) -> None:
    command.add_argument("--poa", type=Path, metavar="POA", required=required,
                         help="POA de la unidad (.xlsx, .csv o PDF): vincula cada función con su operación")
    command.add_argument("--umbral", type=_threshold, default=DEFAULT_THRESHOLD, metavar="PUNTAJE",
                         help=f"puntaje mínimo (0-100) para vincular una función (por defecto {DEFAULT_THRESHOLD:g}); "
                              "una operación muy por encima de las demás se vincula desde el 70 %% de ese puntaje")
    _unit_option(command)


def _unit_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--unidad", metavar="TEXTO",
                         help="si el POA tiene varias unidades, usa solo la que contiene este texto en su nombre")


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = _Parser(
        prog="poai",
        description="Lee, normaliza, audita y consolida los POAI (Programación Operativa Anual Individual).",
    )
    parser.add_argument("--version", action="version", version=f"poai {__version__}",
                        help="muestra la versión y termina")
    commands = parser.add_subparsers(dest="orden", metavar="ORDEN", parser_class=_Parser)
    commands.required = True
    run_cmd = commands.add_parser(
        "run", help="lee una carpeta de POAI y escribe el libro Excel consolidado",
        description="Lee todos los POAI indicados (en paralelo) y escribe un libro Excel consolidado:\n"
                    "Resumen, Puestos, Funciones, Requisitos, Relaciones, Cualidades, Normas, Auditoría y Errores.",
    )
    _batch_options(run_cmd)
    run_cmd.add_argument("-o", "--salida", type=Path, required=True, metavar="CONSOLIDADO.xlsx",
                         help="libro Excel que se escribe")
    run_cmd.add_argument("--json", type=Path, metavar="SALIDA.jsonl", help="además, los registros en JSON Lines")
    run_cmd.add_argument("--csv", type=Path, metavar="CARPETA", help="además, cada hoja como CSV en esta carpeta")
    _poa_options(run_cmd)
    audit_cmd = commands.add_parser(
        "audit", help="revisa la completitud de los POAI y muestra un informe",
        description="Revisa cada POAI con las reglas de auditoría y muestra una línea por documento con su\n"
                    "completitud y sus observaciones, y los totales. Termina con código 1 si alguna observación\n"
                    "es de severidad error (o algún documento es ilegible), y 0 si no: sirve como control.",
    )
    _batch_options(audit_cmd)
    match_cmd = commands.add_parser(
        "match", help="vincula las funciones con las operaciones del POA de la unidad",
        description="Compara cada función de los POAI con las operaciones del POA de la unidad y muestra,\n"
                    "por función, la operación vinculada y su puntaje; luego la cobertura de cada operación.",
    )
    _batch_options(match_cmd)
    _poa_options(match_cmd, required=True)
    extract_cmd = commands.add_parser(
        "extract", help="lee POAI y escribe su registro JSON",
        description="Lee cada POAI (PDF, Word, Excel o texto) y escribe su registro según el esquema de poai.\n"
                    "Con un solo archivo y sin --json, muestra el registro en pantalla.",
    )
    _batch_options(extract_cmd)
    extract_cmd.add_argument("--json", metavar="SALIDA.jsonl", type=Path,
                             help="escribe un registro por línea (JSON Lines) en este archivo")
    _poa_options(extract_cmd)
    poa_cmd = commands.add_parser(
        "poa", help="muestra cómo se leyó el POA de la unidad",
        description="Lee el POA de la unidad (.xlsx, .csv o PDF) y muestra cómo lo entendió: forma, encabezado,\n"
                    "niveles, cantidad de acciones de corto plazo, operaciones y actividades, los primeros nodos\n"
                    "del árbol y las filas omitidas con su motivo.",
    )
    poa_cmd.add_argument("archivo", type=Path, metavar="ARCHIVO", help="POA de la unidad (.xlsx, .csv o PDF)")
    poa_cmd.add_argument("--nodos", type=_positive, default=25, metavar="N",
                         help="cuántos nodos del árbol se muestran (por defecto 25)")
    _unit_option(poa_cmd)
    add_web_command(commands)
    return parser


# What to tell a user about the option that changes the setting an error names (``ajuste``).
_HINTS = {
    "contrasena": "Indique la contraseña con --password CLAVE.",
    "tiempo": "Puede aumentar el límite con --timeout SEGUNDOS.",
    "catalogo": "Indique otro catálogo con --cache ARCHIVO o use --no-cache.",
    "poa": "Páselo con --poa ARCHIVO.",
}


def _hint(ajuste: str | None) -> str:
    return f" {_HINTS[ajuste]}" if ajuste in _HINTS else ""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``poai`` command; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # help, version and usage errors
        return int(exc.code or 0)
    try:
        return _COMMANDS[args.orden](args)
    except PoaiError as exc:
        print(f"poai: error: {exc.mensaje}{_hint(exc.ajuste)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\npoai: interrumpido; no se escribió ninguna salida a medias.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output (``| head``) has gone: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # writing an output: disk full, permissions changed mid-run …
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"poai: error: no se pudo escribir una salida{where}: {os_reason(exc)}. "
              "Las salidas anteriores quedan como estaban.", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - a traceback never reaches a user unless asked for
        if getattr(args, "verbose", False):
            traceback.print_exc()
        print(f"poai: error inesperado ({type(exc).__name__}): {exc}. Las salidas anteriores quedan como "
              "estaban; informe este mensaje al equipo de poai (con --verbose se ve el detalle).", file=sys.stderr)
        return EXIT_USAGE


class _Bar:
    """A progress bar on stderr: done/total, the current file and the time left."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int, path: str) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=sys.stderr, unit="doc", disable=None, dynamic_ncols=True,
                            desc="Leyendo",
                            bar_format="{desc} {n_fmt}/{total_fmt} |{bar}| quedan {remaining}{postfix}")
        self.bar.set_postfix_str(Path(path).name, refresh=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _report(summary: RunSummary, out: Callable[[str], None]) -> None:
    unreadable = len(summary.unreadable)
    out(f"Resumen: {summary.total} documentos; {summary.read} leídos "
        f"({summary.with_findings} con observaciones); {unreadable} ilegibles.")
    for entry in summary.unreadable:
        out(f"  - {entry['archivo']}: {entry.get('mensaje', '')}{_hint(entry.get('ajuste'))} "
            f"[{entry.get('codigo', '')}]")
    if summary.from_catalog:
        out(f"{summary.from_catalog} documentos tomados del catálogo, {summary.parsed} leídos de nuevo.")
    for path in summary.outputs:
        out(f"Escrito: {path}")


def _options(args: argparse.Namespace, use_cache: bool) -> Options:
    """The batch options every subcommand shares."""
    return Options(workers=args.workers, cache=args.cache, use_cache=use_cache, timeout=args.timeout,
                   password=args.password, rules=load_rules(args.reglas) if args.reglas else None,
                   poa=getattr(args, "poa", None), threshold=getattr(args, "umbral", DEFAULT_THRESHOLD),
                   poa_unit=getattr(args, "unidad", None), ocr=args.ocr)


def _batch(args: argparse.Namespace, *, outputs: tuple[Path | None, ...] = (), beside: Path | None = None,
           progress: Progress | None = None) -> Batch:
    """The batch of a reading subcommand (extract, audit, match): a catalog only where asked."""
    use_cache = not args.no_cache and (args.cache is not None or beside is not None)
    return Batch(args.entradas, _options(args, use_cache), outputs=outputs, beside=beside, progress=progress)


def _unreadable(records: list[Record]) -> None:
    for record in records:
        if record.error is not None:
            print(f"poai: {record.archivo}: {record.error.mensaje}{_hint(record.error.ajuste)}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    bar = _Bar()
    options = _options(args, not args.no_cache)
    try:
        summary = run(args.entradas, args.salida, json_path=args.json, csv_dir=args.csv, workers=options.workers,
                      cache=options.cache, use_cache=options.use_cache, rules=options.rules, poa=options.poa,
                      threshold=options.threshold, timeout=options.timeout, password=options.password,
                      progress=bar, poa_unit=options.poa_unit, ocr=options.ocr)
    finally:
        bar.close()
    _report(summary, lambda text: print(text, file=sys.stderr))
    return EXIT_SOME_FAILED if summary.unreadable else EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    bar = _Bar() if args.json is not None else None
    try:
        with _batch(args, outputs=(args.json,), beside=args.json, progress=bar) as batch:
            records = batch.records()
            if args.json is not None:
                writer = JsonLinesWriter(args.json)
                try:
                    writer.add(records)
                except BaseException:
                    writer.abort()
                    raise
                writer.close()
            elif len(batch.files) == 1:
                print(dumps(next(records), indent=2))
            else:
                for record in records:
                    print(dumps(record))
            stats = batch.stats
    finally:
        if bar is not None:
            bar.close()
    if args.json is not None:
        _unreadable(stats.errors)
        read = stats.total - len(stats.errors)
        print(f"poai: {read} de {stats.total} documentos leídos; registros en {args.json}", file=sys.stderr)
    return EXIT_SOME_FAILED if stats.errors else EXIT_OK


def _match(args: argparse.Namespace) -> int:
    table = MatchTable()
    with _batch(args) as batch:
        for record in batch.records():
            for line in table.add(record):
                print(line)
        assert batch.coverage is not None  # --poa is required for match
        for line in table.coverage(batch.coverage.rows()):
            print(line)
    _unreadable(batch.stats.errors)
    return EXIT_SOME_FAILED if batch.stats.errors else EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    report = AuditReport()
    with _batch(args) as batch:
        for record in batch.records():
            for line in report.add(record):
                print(line)
    for line in report.totals():
        print(line)
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def _poa(args: argparse.Namespace) -> int:
    from extractor.poa.describe import describe
    from extractor.poa.loader import load_poa

    for line in describe(load_poa(args.archivo, args.unidad), args.nodos):
        print(line)
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": _run, "extract": _extract, "match": _match, "audit": _audit, "poa": _poa, "web": web_command,
}


if __name__ == "__main__":
    sys.exit(main())
