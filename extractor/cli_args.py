"""The ``poai`` command's options: a Spanish argparse, every subcommand's options and examples.

:mod:`extractor.cli` runs the commands; this module only says what a command line may hold and
refuses, with that subcommand's usage, one that cannot work (a workbook that is not ``.xlsx``,
a misspelled option).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from extractor._version import __version__
from extractor.batch import default_workers
from extractor.poa.matching import DEFAULT_THRESHOLD
from extractor.readers.limits import DEFAULT_TIMEOUT
from extractor.readers.registry import OCR_MODES
from extractor.web.cli import add_web_command

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

# Examples closing each help (the README shows the same ones).
EXAMPLES = {
    "poai": """ejemplos:
  poai run samples/poai --poa samples/poa/poa_unidad_2023.xlsx -o consolidado.xlsx
  poai audit carpeta/ --reglas reglas.toml
  poai match --poa poa_unidad.xlsx carpeta/
  poai extract POAI.pdf
  poai poa poa_unidad.xlsx

Vea «poai ORDEN --ayuda» para las opciones de cada orden.""",
    "run": """ejemplos:
  poai run carpeta/ -o consolidado.xlsx
  poai run carpeta/ --poa poa_unidad.xlsx -o consolidado.xlsx
  poai run carpeta/ -o consolidado.xlsx --json registros.jsonl --csv tablas/
  POAI_PASSWORD=clave poai run protegidos/ -o consolidado.xlsx""",
    "audit": """ejemplos:
  poai audit carpeta/
  poai audit carpeta/ --reglas reglas.toml --csv auditoria/
  poai audit carpeta/ --poa poa_unidad.xlsx --quiet && echo "sin errores\"""",
    "match": """ejemplos:
  poai match --poa poa_unidad.xlsx carpeta/
  poai match --poa poa_institucional.xlsx --unidad "planificación" carpeta/
  poai match --poa poa_unidad.xlsx carpeta/ --csv vinculacion/ --json registros.jsonl""",
    "corregir": """ejemplos:
  poai corregir consolidado.xlsx
  poai corregir consolidado.xlsx && poai run carpeta/ -o consolidado.xlsx
  poai corregir revisado.xlsx --cache poai-catalogo.sqlite""",
    "extract": """ejemplos:
  poai extract POAI.pdf
  poai extract carpeta/ --json registros.jsonl
  poai extract protegido.pdf --password CLAVE""",
    "poa": """ejemplos:
  poai poa poa_unidad.xlsx
  poai poa poa_institucional.xlsx --unidad "planificación" --nodos 50""",
}
_NO_CATALOG = "catálogo SQLite de documentos ya leídos (sin esta opción no se usa ninguno)"
_CATALOG_HELP = {
    "run": "catálogo SQLite de documentos ya leídos (por defecto, poai-catalogo.sqlite junto al libro)",
    "extract": "catálogo SQLite de documentos ya leídos (por defecto, junto al archivo de --json; "
               "sin --json, ninguno)",
}


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="uso: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Spanish, shows its own usage on an error, suggests the option
    meant, and exits with status 2 on usage errors."""

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
        unknown = re.fullmatch(r"argumentos no reconocidos: (\S+).*", message)
        if unknown:
            message += suggestion(unknown.group(1), [o for a in self._actions for o in a.option_strings])
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\nVea «{self.prog} --ayuda».\n")


def suggestion(word: str, choices: list[str]) -> str:
    """" ¿Quiso decir «run»?" for the closest choice, or nothing."""
    close = difflib.get_close_matches(word.split("=")[0], choices, n=1, cutoff=0.6)
    return f". ¿Quiso decir «{close[0]}»?" if close else ""


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"valor no válido: '{text}' no es un número entero") from None
    if value < 1:
        raise argparse.ArgumentTypeError("valor no válido: debe ser 1 o más")
    return value


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


def _workbook(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != ".xlsx":
        raise argparse.ArgumentTypeError(f"la salida debe ser un libro Excel .xlsx, no «{text}» "
                                         "(para tablas CSV use --csv CARPETA; para JSON, --json ARCHIVO.jsonl)")
    return path


def _json_lines(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in {".jsonl", ".json"}:
        raise argparse.ArgumentTypeError(f"los registros se escriben en JSON Lines: indique un archivo .jsonl "
                                         f"(o .json), no «{text}»")
    return path


def _folder(text: str) -> Path:
    path = Path(text)
    if path.is_file() or (not path.is_dir() and path.suffix.lower() in {".csv", ".xlsx", ".json", ".jsonl", ".txt"}):
        raise argparse.ArgumentTypeError(f"indique una carpeta, no un archivo («{text}»): se escribe en ella un "
                                         "CSV por tabla (puestos.csv, funciones.csv …)")
    return path


def _common_options(command: argparse.ArgumentParser) -> None:
    talk = command.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true",
                      help="no muestra la barra de progreso ni el resumen; solo los errores")
    talk.add_argument("-v", "--verbose", action="store_true",
                      help="muestra más detalle: el catálogo usado y, ante un error inesperado, el detalle "
                           "técnico (traceback)")


def _batch_options(command: argparse.ArgumentParser, name: str) -> None:
    command.add_argument("entradas", nargs="+", metavar="ENTRADA",
                         help="archivos o carpetas (las carpetas se recorren completas, en orden)")
    command.add_argument("--workers", type=_positive, metavar="N", default=None,
                         help=f"documentos leídos a la vez (por defecto, uno por núcleo: {default_workers()})")
    cache = command.add_mutually_exclusive_group()
    cache.add_argument("--cache", type=Path, metavar="ARCHIVO", help=_CATALOG_HELP.get(name, _NO_CATALOG))
    cache.add_argument("--no-cache", action="store_true", help="lee todo de nuevo, sin usar el catálogo")
    command.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SEGUNDOS",
                         help=f"tiempo máximo para leer un documento (por defecto {DEFAULT_TIMEOUT:g} s)")
    command.add_argument("--password", metavar="CLAVE",
                         help="contraseña para abrir PDF protegidos (también la variable de entorno "
                              "POAI_PASSWORD; sin ninguna, se pregunta en la terminal si hace falta)")
    command.add_argument("--ocr", choices=OCR_MODES, default="auto",
                         help="lectura por OCR de escaneos: auto (las páginas sin capa de texto, por defecto), "
                              "siempre (todas las páginas) o nunca")
    command.add_argument("--reglas", type=Path, metavar="ARCHIVO.toml",
                         help="reglas de auditoría de la entidad (activar o desactivar, severidad, tolerancias)")
    _cluster_options(command)
    _common_options(command)


def _cluster_options(command: argparse.ArgumentParser) -> None:
    """Reading on a Dask cluster instead of this machine's processes."""
    command.add_argument("--cluster", metavar="DIRECCION",
                         help="lee los documentos en los nodos de un clúster Dask: dirección de su planificador "
                              "(p. ej. tcp://10.0.0.5:8786); requiere pip install 'poai[cluster]'")
    command.add_argument("--rutas-compartidas", action="store_true",
                         help="con --cluster: los nodos leen cada archivo en su ruta (una carpeta que todas las "
                              "máquinas ven en el mismo lugar) en vez de recibir su contenido")


def _table_outputs(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--csv", type=_folder, metavar="CARPETA", help=f"además, {what} como CSV en esta carpeta")
    command.add_argument("--json", type=_json_lines, metavar="SALIDA.jsonl",
                         help="además, los registros en JSON Lines (uno por línea)")


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


def _command(commands: Any, name: str, help_text: str, description: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text, description=description,
                                                          epilog=EXAMPLES[name])
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = _Parser(
        prog="poai",
        description="Lee, normaliza, audita y consolida los POAI (Programación Operativa Anual Individual).",
        epilog=EXAMPLES["poai"],
    )
    parser.add_argument("--version", action="version", version=f"poai {__version__}",
                        help="muestra la versión y termina")
    commands = parser.add_subparsers(dest="orden", metavar="ORDEN", parser_class=_Parser)
    commands.required = True
    run_cmd = _command(
        commands, "run", "lee una carpeta de POAI y escribe el libro Excel consolidado",
        "Lee todos los POAI indicados (en paralelo) y escribe un libro Excel consolidado:\n"
        "Resumen, Puestos, Funciones, Requisitos, Relaciones, Cualidades, Normas, Auditoría y Errores.")
    _batch_options(run_cmd, "run")
    run_cmd.add_argument("-o", "--salida", type=_workbook, required=True, metavar="CONSOLIDADO.xlsx",
                         help="libro Excel que se escribe")
    _table_outputs(run_cmd, "cada hoja")
    run_cmd.add_argument("--csv-excel", action="store_true",
                         help="con --csv: CSV para Excel en español (separador «;», coma decimal)")
    _poa_options(run_cmd)
    audit_cmd = _command(
        commands, "audit", "revisa la completitud de los POAI y muestra un informe",
        "Revisa cada POAI con las reglas de auditoría y muestra una línea por documento con su\n"
        "completitud y sus observaciones, y los totales. Termina con código 1 si alguna observación\n"
        "es de severidad error (o algún documento es ilegible), y 0 si no: sirve como control.")
    _batch_options(audit_cmd, "audit")
    _table_outputs(audit_cmd, "las tablas (auditoria.csv, puestos.csv …)")
    _poa_options(audit_cmd)
    match_cmd = _command(
        commands, "match", "vincula las funciones con las operaciones del POA de la unidad",
        "Compara cada función de los POAI con las operaciones del POA de la unidad y muestra,\n"
        "por función, la operación vinculada y su puntaje; luego la cobertura de cada operación.")
    _batch_options(match_cmd, "match")
    _table_outputs(match_cmd, "las tablas (funciones.csv con la operación vinculada, cobertura_poa.csv …)")
    _poa_options(match_cmd, required=True)
    extract_cmd = _command(
        commands, "extract", "lee POAI y escribe su registro JSON",
        "Lee cada POAI (PDF, Word, Excel o texto) y escribe su registro según el esquema de poai\n"
        "(docs/registro.md). Con un solo archivo y sin --json, muestra el registro en pantalla.")
    _batch_options(extract_cmd, "extract")
    extract_cmd.add_argument("--json", metavar="SALIDA.jsonl", type=_json_lines,
                             help="escribe un registro por línea (JSON Lines) en este archivo")
    _poa_options(extract_cmd)
    poa_cmd = _command(
        commands, "poa", "muestra cómo se leyó el POA de la unidad",
        "Lee el POA de la unidad (.xlsx, .csv o PDF) y muestra cómo lo entendió: forma, encabezado,\n"
        "niveles, cantidad de acciones de corto plazo, operaciones y actividades, los primeros nodos\n"
        "del árbol y las filas omitidas con su motivo.")
    poa_cmd.add_argument("archivo", type=Path, metavar="ARCHIVO", help="POA de la unidad (.xlsx, .csv o PDF)")
    poa_cmd.add_argument("--nodos", type=_positive, default=25, metavar="N",
                         help="cuántos nodos del árbol se muestran (por defecto 25)")
    _unit_option(poa_cmd)
    _common_options(poa_cmd)
    fix_cmd = _command(
        commands, "corregir", "toma las correcciones escritas en un libro consolidado",
        "Lee un libro consolidado de poai en el que se corrigieron valores a mano (hojas Puestos,\n"
        "Funciones y Requisitos) y guarda cada cambio como una corrección en el catálogo: la próxima\n"
        "lectura ya la aplica y la audita, y el libro la marca en verde y la lista en la hoja\n"
        "Correcciones. Las filas que no son de poai y los valores que no se pueden tomar se informan.")
    fix_cmd.add_argument("libro", type=Path, metavar="LIBRO.xlsx", help="libro consolidado corregido a mano")
    fix_cmd.add_argument("--cache", type=Path, metavar="ARCHIVO",
                         help="catálogo SQLite de la lectura que escribió el libro (por defecto, el que está "
                              "junto al libro: poai-catalogo.sqlite)")
    _common_options(fix_cmd)
    add_web_command(commands)  # poai web: its options live in extractor/web/cli.py
    return parser


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # noqa: SLF001 - argparse keeps its subparsers there
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


def subcommands(parser: argparse.ArgumentParser) -> list[str]:
    """The names of the parser's subcommands."""
    return list(_subparsers(parser))


def subcommand(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    """The parser of one subcommand."""
    return _subparsers(parser)[name]
