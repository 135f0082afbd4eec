"""The ``poai web`` command: its options and the call that serves (Flask is imported only here)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from extractor.errors import InputNotFoundError
from extractor.web.settings import DEFAULT_PORT, LOOPBACK

INSTALL = ("poai web necesita el complemento web, que no está instalado. Instálelo con:\n"
           "    pip install 'poai[web]'\n"
           "(en la carpeta del código de poai: pip install '.[web]').")


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"valor no válido: '{text}' no es un número de puerto") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("valor no válido: el puerto va de 1 a 65535 (0: uno libre)")
    return value


def add_web_command(commands: Any) -> None:
    """Add ``web`` to the subcommands of ``poai``."""
    command = commands.add_parser(
        "web", help="abre la revisión y corrección de documentos en el navegador",
        description="Abre en el navegador una página local para agregar documentos, ver lo que poai leyó,\n"
                    "sus observaciones y la cobertura del POA, corregir lo que leyó mal (las correcciones\n"
                    "se guardan en el catálogo y valen para toda lectura posterior) y descargar el libro Excel.\n"
                    "Solo atiende a esta computadora, salvo con --host.")
    command.add_argument("--carpeta", type=Path, metavar="CARPETA",
                         help="carpeta de POAI a revisar (su catálogo es poai-catalogo.sqlite en ella)")
    command.add_argument("--poa", type=Path, metavar="ARCHIVO", help="POA de la unidad (.xlsx, .csv o PDF)")
    command.add_argument("--cache", type=Path, metavar="ARCHIVO",
                         help="catálogo SQLite (por defecto en la carpeta, o en la carpeta de datos del usuario)")
    command.add_argument("--puerto", type=_port, default=DEFAULT_PORT, metavar="N",
                         help=f"puerto de la página (por defecto {DEFAULT_PORT}; 0: uno libre)")
    command.add_argument("--host", metavar="DIRECCIÓN", default=LOOPBACK,
                         help="atiende también a la red de la oficina en esta dirección (0.0.0.0: todas); "
                              "pide la clave de acceso que se muestra al iniciar")
    command.add_argument("--no-navegador", action="store_true", help="no abre el navegador al iniciar")
    command.add_argument("--verbose", action="store_true",
                         help="ante un error inesperado, muestra el detalle técnico (traceback)")


def web_command(args: argparse.Namespace) -> int:
    """Serve the web page until Ctrl-C; 2 when it cannot start."""
    try:
        from extractor.web.security import new_token
        from extractor.web.server import PortInUse, serve
        from extractor.web.settings import Settings
    except ImportError:
        print(f"poai: error: {INSTALL}", file=sys.stderr)
        return 2
    for given, what in ((args.carpeta, "la carpeta"), (args.poa, "el POA")):
        if given is not None and not given.exists():
            raise InputNotFoundError(f"No existe {what}: {given}", str(given))
    if args.carpeta is not None and not args.carpeta.is_dir():
        raise InputNotFoundError(f"No es una carpeta: {args.carpeta}", str(args.carpeta))
    settings = Settings(carpeta=args.carpeta.resolve() if args.carpeta else None,
                        poa=args.poa.resolve() if args.poa else None, catalogo=args.cache, host=args.host,
                        puerto=args.puerto, token=new_token(), verbose=args.verbose)
    try:
        serve(settings, open_browser=not args.no_navegador, say=lambda text: print(text, flush=True))
    except PortInUse as exc:
        print(f"poai: error: {exc} Indique otro con --puerto N.", file=sys.stderr)
        return 2
    return 0
