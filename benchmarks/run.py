"""poai's benchmarks, side by side with what a user would otherwise run.

    python benchmarks/run.py                 # N=300 documents, 3 repetitions, writes BENCHMARKS.md
    python benchmarks/run.py --n 40 --repeats 1 --out /tmp/b.md

Builds a corpus with the sample generator (half PDF drawn with reportlab, half DOCX), then
measures: poai per PDF against a plain pdfplumber pass (open, extract_text() and
extract_tables() on every page); poai per DOCX against a plain python-docx pass (open, read
every table cell); throughput with 1 and 2 workers; a re-run with a warm catalog as a share
of the cold run; peak memory (RSS) for N and 4N documents; matching 10,000 functions
against 2,000 operations. Medians of the repetitions; ratios are what to compare across
machines. Requires the ``samples`` extra (reportlab).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))

TARGETS = {
    "pdf_ratio": ("poai / pdfplumber por PDF (`poai run`, 1 worker)", "≤ 0,30×"),
    "extract_s": ("`poai extract` de un PDF (tiempo de reloj, arranque incluido)", "≤ 0,5 s"),
    "docx_ratio": ("poai / python-docx por DOCX", "≤ 1,5×"),
    "speedup": ("2 workers / 1 worker (documentos por segundo)", "≥ 1,7×"),
    "warm_share": ("re-ejecución con catálogo / ejecución en frío", "≤ 5 %"),
    "rss_ratio": ("memoria pico 4N / N", "≤ 1,2×"),
    "matching": ("vincular funciones × operaciones del POA", "≤ 2 s (10.000 × 2.000)"),
}


def build_corpus(folder: Path, n: int) -> tuple[list[Path], list[Path]]:
    """``n`` documents (half PDF, half DOCX) from the sample generator, with fresh seeds."""
    from content import build_specs
    from forms import build_form
    from render import render_docx, render_pdf
    from reportlab import rl_config

    rl_config.invariant = 1
    folder.mkdir(parents=True, exist_ok=True)
    pdfs: list[Path] = []
    docxs: list[Path] = []
    seed = 1000
    while len(pdfs) + len(docxs) < n:
        for spec in build_specs(seed):
            form = build_form(spec)
            if len(pdfs) <= len(docxs) and len(pdfs) + len(docxs) < n:
                path = folder / f"poai_{seed}_{spec['id']}.pdf"
                render_pdf(form, path)
                pdfs.append(path)
            if len(pdfs) + len(docxs) < n:
                path = folder / f"poai_{seed}_{spec['id']}.docx"
                render_docx(form, path)
                docxs.append(path)
        seed += 1
    return pdfs, docxs


def replicate(files: list[Path], folder: Path, copies: int) -> list[Path]:
    """``copies`` byte-distinct copies of each file (a trailer no reader looks at), so none is deduplicated."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for copy in range(copies):
        for path in files:
            target = folder / f"{path.stem}_{copy}{path.suffix}"
            data = path.read_bytes()
            if path.suffix == ".pdf":
                data += f"\n% copia {copy}\n".encode()
            else:
                import zipfile

                shutil.copy(path, target)
                with zipfile.ZipFile(target, "a") as archive:
                    archive.comment = f"copia {copy}".encode()
                made.append(target)
                continue
            target.write_bytes(data)
            made.append(target)
    return made


def timed(function: Callable[[], object], repeats: int, clock: Callable[[], float] = time.perf_counter) -> float:
    """Median time of ``repeats`` calls, in seconds: wall time, or ``clock``'s (``time.process_time``:
    this process's CPU time, which other work on a loaded machine disturbs less)."""
    times = []
    for _ in range(repeats):
        start = clock()
        function()
        times.append(clock() - start)
    return statistics.median(times)


def plain_pdfplumber(files: list[Path]) -> None:
    import pdfplumber

    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()


def plain_python_docx(files: list[Path]) -> None:
    import docx

    for path in files:
        document = docx.Document(str(path))
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text


def poai_run(files: list[Path], workers: int, out: Path, cache: Path | None = None,
             timeout: float | None = None) -> object:
    from extractor.api import run

    return run([str(p) for p in files], out, workers=workers, cache=cache, use_cache=cache is not None,
               timeout=timeout)


_RSS_SCRIPT = """
import json, resource, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from extractor.api import run
files = sys.argv[2:]
run(files, Path(sys.argv[1]), workers=1, use_cache=False)
print(json.dumps({{"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def peak_rss_kb(files: list[Path], out: Path) -> int:
    """Peak resident memory of one process running the whole pipeline over ``files``."""
    listing = [str(p) for p in files]
    result = subprocess.run([sys.executable, "-c", _RSS_SCRIPT.format(root=str(ROOT)), str(out), *listing],
                            capture_output=True, text=True, check=True)
    return int(json.loads(result.stdout.strip().splitlines()[-1])["rss_kb"])


def matching_seconds(functions: int, operations: int, repeats: int) -> float:
    from content import SPECIFIC_POOL

    from extractor.poa.loader import Operation, Poa
    from extractor.poa.matching import Matcher

    rng = random.Random(7)
    words = " ".join(f"{f[0]} {f[1]}" for f in SPECIFIC_POOL).split()
    poa = Poa("sintetico", [Operation(codigo=f"{i // 100}.{i % 100}", operacion=" ".join(rng.sample(words, 8)),
                                      producto=" ".join(rng.sample(words, 4)), acp=" ".join(rng.sample(words, 5)))
                            for i in range(operations)])
    rows = [{"funcion": " ".join(rng.sample(words, 10)), "resultado": " ".join(rng.sample(words, 5))}
            for _ in range(functions)]

    def once() -> None:
        Matcher(poa).match(rows)

    return timed(once, repeats)


def extract_seconds(path: Path, repeats: int) -> float:
    """Wall time of ``poai extract`` of one file, as a user runs it: a new process (start-up and
    imports included), no catalog, one worker."""
    command = [sys.executable, "-c", "import sys; from extractor.cli import main; sys.exit(main())",
               "extract", "--no-cache", "--workers", "1", str(path)]

    def once() -> None:
        subprocess.run(command, capture_output=True, check=True, cwd=ROOT)

    return timed(once, repeats)


def machine() -> str:
    """A line saying what the measurements ran on."""
    import pdfplumber
    import rapidfuzz

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1048576:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{cpu}, {os.cpu_count()} núcleos{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; pdfplumber {pdfplumber.__version__}, "
            f"rapidfuzz {rapidfuzz.__version__}")


def measure(n: int, repeats: int, work: Path, skip_memory: bool = False, functions: int = 10000,
            operations: int = 2000, speed_only: bool = False) -> dict[str, float]:
    """Every figure of the benchmark."""
    pdfs, docxs = build_corpus(work / "corpus", n)
    out = work / "consolidado.xlsx"
    figures: dict[str, float] = {"n": n, "pdfs": len(pdfs), "docxs": len(docxs)}
    # Warm up both sides (imports, caches) so that no measure pays for them.
    plain_pdfplumber(pdfs[:2])
    plain_python_docx(docxs[:2])
    poai_run(pdfs[:2] + docxs[:2], 1, out)
    figures["plain_pdf_ms"] = 1000 * timed(lambda: plain_pdfplumber(pdfs), repeats) / max(len(pdfs), 1)
    figures["poai_pdf_ms"] = 1000 * timed(lambda: poai_run(pdfs, 1, out), repeats) / max(len(pdfs), 1)
    figures["pdf_ratio"] = figures["poai_pdf_ms"] / figures["plain_pdf_ms"]
    # The same, in CPU time (one worker reads in this process).
    plain_cpu = timed(lambda: plain_pdfplumber(pdfs), repeats, time.process_time)
    figures["pdf_ratio_cpu"] = timed(lambda: poai_run(pdfs, 1, out), repeats, time.process_time) / plain_cpu
    figures["plain_docx_ms"] = 1000 * timed(lambda: plain_python_docx(docxs), repeats) / max(len(docxs), 1)
    figures["poai_docx_ms"] = 1000 * timed(lambda: poai_run(docxs, 1, out), repeats) / max(len(docxs), 1)
    figures["docx_ratio"] = figures["poai_docx_ms"] / figures["plain_docx_ms"]
    figures["extract_s"] = extract_seconds(pdfs[0], repeats)
    figures["matching"] = matching_seconds(functions, operations, repeats)
    figures["functions"], figures["operations"] = functions, operations
    if speed_only:
        return figures
    everything = pdfs + docxs
    one = timed(lambda: poai_run(everything, 1, out, timeout=120.0), repeats)
    two = timed(lambda: poai_run(everything, 2, out, timeout=120.0), repeats)
    figures["docs_per_s_1"] = len(everything) / one
    figures["docs_per_s_2"] = len(everything) / two
    figures["speedup"] = one / two

    def cold_then_warm() -> tuple[float, float]:
        cache = work / "catalogo.sqlite"
        cache.unlink(missing_ok=True)
        start = time.perf_counter()
        poai_run(everything, 1, out, cache=cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        poai_run(everything, 1, out, cache=cache)
        return cold, time.perf_counter() - start

    pairs = [cold_then_warm() for _ in range(repeats)]
    figures["cold_s"] = statistics.median(p[0] for p in pairs)
    figures["warm_s"] = statistics.median(p[1] for p in pairs)
    figures["warm_share"] = figures["warm_s"] / figures["cold_s"]
    if not skip_memory:
        four = replicate(everything, work / "cuadruple", 4)
        figures["rss_n_mb"] = peak_rss_kb(everything, work / "m1.xlsx") / 1024
        figures["rss_4n_mb"] = peak_rss_kb(four, work / "m4.xlsx") / 1024
        figures["rss_ratio"] = figures["rss_4n_mb"] / figures["rss_n_mb"]
    return figures


def _fmt(value: float) -> str:
    return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _thousands(value: float) -> str:
    return f"{int(value):,}".replace(",", ".")


def table(figures: dict[str, float]) -> list[str]:
    """The results as Markdown table rows."""
    rows = ["| Medida | Valor | Objetivo |", "| --- | --- | --- |"]
    shown = {
        "extract_s": f"{_fmt(figures['extract_s'])} s",
        "pdf_ratio": f"{_fmt(figures['pdf_ratio'])}× ({_fmt(figures['poai_pdf_ms'])} ms frente a "
                     f"{_fmt(figures['plain_pdf_ms'])} ms por PDF; en tiempo de CPU "
                     f"{_fmt(figures['pdf_ratio_cpu'])}×)",
        "docx_ratio": f"{_fmt(figures['docx_ratio'])}× ({_fmt(figures['poai_docx_ms'])} ms frente a "
                      f"{_fmt(figures['plain_docx_ms'])} ms por DOCX)",
        "matching": f"{_fmt(figures['matching'])} s ({_thousands(figures['functions'])} × "
                    f"{_thousands(figures['operations'])})",
    }
    if "speedup" in figures:
        shown["speedup"] = (f"{_fmt(figures['speedup'])}× ({_fmt(figures['docs_per_s_1'])} → "
                            f"{_fmt(figures['docs_per_s_2'])} documentos/s)")
        shown["warm_share"] = (f"{_fmt(100 * figures['warm_share'])} % ({_fmt(figures['warm_s'])} s frente a "
                               f"{_fmt(figures['cold_s'])} s)")
    if "rss_ratio" in figures:
        shown["rss_ratio"] = (f"{_fmt(figures['rss_ratio'])}× ({_fmt(figures['rss_n_mb'])} MB con N, "
                              f"{_fmt(figures['rss_4n_mb'])} MB con 4N)")
    for key, (label, target) in TARGETS.items():
        if key in shown:
            rows.append(f"| {label} | {shown[key]} | {target} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mide poai frente a pdfplumber y python-docx.")
    parser.add_argument("--n", type=int, default=300, help="documentos del corpus (mitad PDF, mitad DOCX)")
    parser.add_argument("--repeats", type=int, default=3, help="repeticiones de cada medida (se toma la mediana)")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="archivo Markdown de resultados")
    parser.add_argument("--sin-memoria", action="store_true", help="omite la medida de memoria (4N documentos)")
    parser.add_argument("--funciones", type=int, default=10000, help="funciones de la prueba de vinculación")
    parser.add_argument("--operaciones", type=int, default=2000, help="operaciones de la prueba de vinculación")
    parser.add_argument("--solo-velocidad", action="store_true",
                        help="solo PDF, DOCX, extract y vinculación (omite workers, catálogo y memoria)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="poai-bench-") as work:
        figures = measure(args.n, args.repeats, Path(work), skip_memory=args.sin_memoria,
                          functions=args.funciones, operations=args.operaciones, speed_only=args.solo_velocidad)
    rows = table(figures)
    print("\n".join(rows))
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    text = [
        "# Benchmarks de poai", "",
        f"Medido el {when} con `python benchmarks/run.py --n {args.n} --repeats {args.repeats}`: "
        f"{int(figures['pdfs'])} PDF y {int(figures['docxs'])} DOCX del generador de ejemplos; "
        "mediana de las repeticiones.", "",
        f"Máquina: {machine()}.", "", *rows, "",
    ]
    previous = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    history = previous.split("## Historia", 1)[1] if "## Historia" in previous else ""
    args.out.write_text("\n".join(text) + "\n## Historia" + (history or "\n"), encoding="utf-8")
    print(f"\nResultados en {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
