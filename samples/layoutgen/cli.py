"""Generate random POAIs in random layouts, each with its expected record.

    python samples/layoutgen/cli.py --n 2000 --seed 1 --salida /tmp/poai-aleatorios [--libreoffice]
    python samples/layoutgen/cli.py --seed 1 --mostrar 17      # the content and layout of one document

Each document ``poai_<seed>_<index>.<ext>`` gets ``.expected.json`` (the content fields of its
record, built from what was drawn, not by reading the file) and ``.layout.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
# Run as a script: import the package, not this folder's modules as top-level names.
if sys.path and Path(sys.path[0]).resolve() == _HERE:
    sys.path.pop(0)
for _p in (_HERE.parent.parent, _HERE.parent):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from layoutgen.corpus import FORMATS, draw, generate, libreoffice  # noqa: E402
from layoutgen.expected import expected_record  # noqa: E402


def formats_arg(text: str, with_lo: bool) -> list[str]:
    """The formats to draw from: the list given, plus LibreOffice PDFs when asked and installed."""
    formats = [f.strip() for f in text.split(",") if f.strip()]
    unknown = set(formats) - {"pdf", "docx", "txt", "lo"}
    if unknown:
        raise SystemExit(f"Formato desconocido: {', '.join(sorted(unknown))} (use pdf, docx, txt, lo)")
    if with_lo:
        if libreoffice() is None:
            print("aviso: LibreOffice no está instalado; no se generan PDF convertidos desde Word", file=sys.stderr)
        elif "lo" not in formats:
            formats.append("lo")
    return formats


def main(argv: list[str] | None = None) -> int:
    """Entry point (Spanish messages)."""
    parser = argparse.ArgumentParser(
        description="Genera POAI aleatorios con diseños aleatorios y el registro esperado de cada uno."
    )
    parser.add_argument("--n", type=int, default=100, help="cuántos documentos (por defecto 100)")
    parser.add_argument("--seed", type=int, default=1, help="semilla (por defecto 1)")
    parser.add_argument("--desde", type=int, default=0, help="primer índice (por defecto 0)")
    parser.add_argument("--salida", type=Path, help="carpeta de salida")
    parser.add_argument("--formatos", default=",".join(FORMATS), help="formatos a sortear (pdf,docx,txt,lo)")
    parser.add_argument("--libreoffice", action="store_true", help="añade PDF convertidos desde Word con LibreOffice")
    parser.add_argument("--procesos", type=int, default=2, help="procesos en paralelo (por defecto 2)")
    parser.add_argument(
        "--mostrar",
        type=int,
        metavar="INDICE",
        help="muestra el diseño y el registro esperado de un documento, sin escribir archivos",
    )
    args = parser.parse_args(argv)
    formats = formats_arg(args.formatos, args.libreoffice)
    if args.mostrar is not None:
        _content, layout, composed = draw(args.seed, args.mostrar, formats)
        print(f"(seed={args.seed}, index={args.mostrar})")
        print(json.dumps(layout.__dict__, ensure_ascii=False, indent=1))
        print(json.dumps(expected_record(composed, layout), ensure_ascii=False, indent=1))
        return 0
    if args.salida is None:
        parser.error("falta --salida (o use --mostrar)")
    made = generate(args.seed, range(args.desde, args.desde + args.n), args.salida, formats, args.procesos)
    print(f"{len(made)} documentos en {args.salida}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
