"""How well poai reads random layouts: fields exact overall, per field, per layout feature, worst documents.

    python benchmarks/layouts.py --n 2000 --seed 1                  # reportlab PDF, DOCX and text dumps
    python benchmarks/layouts.py --n 2000 --seed 1 --libreoffice    # plus Word files converted by LibreOffice

Documents come from ``samples/layoutgen`` (random content × random layout, issue 11); each one is
read with ``extractor.extract`` and compared with the record built from what was drawn. Requires
the ``samples`` extra (reportlab).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _p in (ROOT, ROOT / "samples"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from layoutgen.cli import formats_arg  # noqa: E402
from layoutgen.corpus import FORMATS, generate, score_all  # noqa: E402
from layoutgen.report import full_report, summarise  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Generate, read, score and print the report."""
    parser = argparse.ArgumentParser(description="Exactitud de poai sobre POAI aleatorios con diseños aleatorios.")
    parser.add_argument("--n", type=int, default=300, help="cuántos documentos (por defecto 300)")
    parser.add_argument("--seed", type=int, default=1, help="semilla (por defecto 1)")
    parser.add_argument("--formatos", default=",".join(FORMATS), help="formatos a sortear (pdf,docx,txt,lo)")
    parser.add_argument("--libreoffice", action="store_true", help="añade PDF convertidos desde Word con LibreOffice")
    parser.add_argument("--procesos", type=int, default=2, help="procesos en paralelo (por defecto 2)")
    parser.add_argument("--peores", type=int, default=20, help="cuántos de los peores documentos mostrar")
    parser.add_argument("--salida", type=Path, help="conserva los documentos en esta carpeta")
    parser.add_argument("--json", type=Path, help="escribe el detalle por documento (JSON Lines)")
    args = parser.parse_args(argv)
    formats = formats_arg(args.formatos, args.libreoffice)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.salida or Path(tmp)
        made = generate(args.seed, range(args.n), folder, formats, args.procesos, sidecars=args.salida is not None)
        generated = time.perf_counter() - start
        summary = summarise(score_all(made, args.procesos))
    elapsed = time.perf_counter() - start
    print(full_report(summary, args.peores))
    print(f"\nTiempo: {elapsed:.0f} s ({generated:.0f} s generando), formatos {','.join(formats)}, seed {args.seed}")
    if args.json:
        with args.json.open("w", encoding="utf-8") as handle:
            for doc in summary.docs:
                handle.write(
                    json.dumps(
                        {
                            "seed": doc.seed,
                            "index": doc.index,
                            "formato": doc.formato,
                            "exactos": doc.exact,
                            "campos": len(doc.fields),
                            "error": doc.error,
                            "features": doc.features,
                            "words": doc.words,
                            "fallos": [[f.path, f.expected, f.actual] for f in doc.failures()],
                        },
                        ensure_ascii=False,
                        default=str,
                    )
                    + "\n"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
