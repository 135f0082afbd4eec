"""The ``poai`` command: parse options, call the library, report in Spanish."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .errors import PoaiError
from .inputs import collect_inputs
from .pipeline import extract

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

# argparse writes its own messages in English; these are the ones a user can meet.
_ARGPARSE_ES = [
    (r"the following arguments are required: (.*)", r"faltan argumentos obligatorios: \1"),
    (r"unrecognized arguments: (.*)", r"argumentos no reconocidos: \1"),
    (r"argument (\S+): expected one argument", r"la opción \1 necesita un valor"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"\1: opción no válida: \2 (elija entre \3)"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"\1: valor no válido: \3"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"orden no válida: \1 (elija entre \2)"),
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
    extract_cmd = commands.add_parser(
        "extract", help="lee POAI y escribe su registro JSON",
        description="Lee cada POAI (PDF, Word o texto) y escribe su registro según el esquema de poai.\n"
                    "Con un solo archivo y sin --json, muestra el registro en pantalla.",
    )
    extract_cmd.add_argument("entradas", nargs="+", metavar="ENTRADA",
                             help="archivos o carpetas (las carpetas se recorren completas, en orden)")
    extract_cmd.add_argument("--json", metavar="SALIDA.jsonl", type=Path,
                             help="escribe un registro por línea (JSON Lines) en este archivo")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``poai`` command; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # help, version and usage errors
        return int(exc.code or 0)
    try:
        if args.orden == "extract":
            return _extract(args)
    except PoaiError as exc:
        print(f"poai: error: {exc.mensaje}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("poai: interrumpido por el usuario.", file=sys.stderr)
        return 130
    return EXIT_USAGE


def _extract(args: argparse.Namespace) -> int:
    files = collect_inputs(args.entradas)
    if not files:
        print("poai: error: no se encontró ningún documento en las entradas indicadas.", file=sys.stderr)
        return EXIT_USAGE
    failed = 0
    if args.json is None and len(files) == 1:
        record = extract(files[0])
        print(json.dumps(record, ensure_ascii=False, indent=2))
        failed = record["estado"] == "error"
    elif args.json is None:
        for path in files:
            record = extract(path)
            failed += record["estado"] == "error"
            print(json.dumps(record, ensure_ascii=False))
    else:
        failed = _write_jsonl(files, args.json)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _write_jsonl(files: list[str], target: Path) -> int:
    """Write one record per file, atomically (a temporary file renamed at the end)."""
    target = target.resolve()
    if not target.parent.is_dir():
        raise PoaiError(f"La carpeta de salida no existe: {target.parent}")
    failed = 0
    handle, temporary = tempfile.mkstemp(prefix=".poai-", suffix=".jsonl", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for path in files:
                record = extract(path)
                if record["estado"] == "error":
                    failed += 1
                    print(f"poai: {path}: {record['error']['mensaje']}", file=sys.stderr)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    print(f"poai: {len(files) - failed} de {len(files)} documentos leídos; registros en {target}", file=sys.stderr)
    return failed


if __name__ == "__main__":
    sys.exit(main())
