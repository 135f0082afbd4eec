"""poai under load and under faults, for real: the figures of BENCHMARKS.md's «Fiabilidad».

    python benchmarks/reliability.py carga --n 2000 --seed 1        # load: documents, memory, records
    python benchmarks/reliability.py fallas --n 40 --seed 1         # kill -9, SIGTERM, disk full, two runs at once
    python benchmarks/reliability.py fallas --n 4 --casos term_escritura,disco_lleno   # some of them

Every run is the ``poai`` command in a subprocess, over copies of the committed samples
(``samples/poai``, PDF and Word, chosen with the seed, each copy byte-distinct so none is
deduplicated). The load corpus also holds what is no document (a FIFO, a link to nowhere, a
link in a loop), which must get a record each. The disk is filled for real: a small tmpfs
mounted in a private mount namespace (``unshare -rm``, no root needed where user namespaces
are allowed; nothing is mounted outside this process). Each check prints what was measured;
the command exits 1 when one fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "poai"
TERM_MESSAGE = "detenido (señal de terminación)"
_WRAPPER = """
import json, resource, sys
from extractor.cli import main
code = main(sys.argv[1:])
usage = {"main_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
         "workers_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}
print("POAI-RSS " + json.dumps(usage), file=sys.stderr)
sys.exit(code)
"""


def build_corpus(folder: Path, n: int, seed: int, formats: tuple[str, ...] = (".pdf", ".docx")) -> list[Path]:
    """``n`` byte-distinct copies of samples chosen with ``seed`` (a trailer no reader looks at)."""
    rng = random.Random(seed)
    sources = sorted(p for p in SAMPLES.iterdir() if p.suffix in formats)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for index in range(n):
        source = rng.choice(sources)
        target = folder / f"{index:05d}_{source.name}"
        if source.suffix == ".pdf":
            target.write_bytes(source.read_bytes() + f"\n% copia {index}\n".encode())
        else:
            shutil.copy(source, target)
            with zipfile.ZipFile(target, "a") as archive:
                archive.comment = f"copia {index}".encode()
        made.append(target)
    return made


def add_non_documents(folder: Path) -> list[Path]:
    """What a folder may hold that is no document: each must still get a record."""
    fifo, broken, loop = folder / "tuberia.pdf", folder / "enlace_roto.pdf", folder / "bucle.pdf"
    os.mkfifo(fifo)
    broken.symlink_to(folder / "no_existe.pdf")
    loop.symlink_to(loop)
    return [fifo, broken, loop]


def poai(*args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    """The ``poai`` command in a subprocess (measuring its peak memory), stderr captured; in a
    process group of its own, with its workers, as a service manager runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", _WRAPPER, *args], cwd=cwd, env=env, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def finish(process: subprocess.Popen[str], timeout: float | None = None) -> tuple[int, str, dict[str, int]]:
    """Exit status, stderr (without the memory line) and peak memory of a finished run."""
    _out, err = process.communicate(timeout=timeout)
    usage: dict[str, int] = {}
    lines = []
    for line in err.splitlines():
        if line.startswith("POAI-RSS "):
            usage = json.loads(line.removeprefix("POAI-RSS "))
        else:
            lines.append(line)
    return process.returncode, "\n".join(lines), usage


def temps(*folders: Path) -> list[str]:
    """poai's temporary files left in ``folders``."""
    return sorted(p.name for f in folders if f.is_dir() for p in f.iterdir() if p.name.startswith(".poai-"))


def digests(paths: list[Path]) -> dict[str, str]:
    """The content of each output (a folder: of each file in it), to tell whether it changed."""
    found = {}
    for path in paths:
        for file in sorted(path.iterdir()) if path.is_dir() else [path]:
            if file.exists() and not file.name.startswith(".poai-"):
                found[str(file)] = hashlib.sha256(file.read_bytes()).hexdigest()
    return found


def catalog_state(path: Path) -> dict[str, Any]:
    """Whether a catalog is consistent: SQLite's integrity check and every stored record readable."""
    if not path.exists():
        return {"integridad": "sin catálogo", "filas": 0, "ilegibles": 0}
    connection = sqlite3.connect(path)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        rows = connection.execute("SELECT registro FROM registros").fetchall()
    finally:
        connection.close()
    bad = 0
    for (text,) in rows:
        try:
            parts = json.loads(text)
            bad += not all(isinstance(p, dict) and "estado" in p for p in parts)
        except ValueError:
            bad += 1
    return {"integridad": integrity, "filas": len(rows), "ilegibles": bad}


def _catalog_rows(path: Path) -> int:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1)
        try:
            return int(connection.execute("SELECT COUNT(*) FROM registros").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def records(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines output."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class Outputs:
    """The outputs of one run in a folder: the workbook, JSON Lines, the CSV folder and the catalog."""

    def __init__(self, folder: Path, catalog: Path | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.book, self.jsonl, self.csv = folder / "consolidado.xlsx", folder / "registros.jsonl", folder / "csv"
        self.catalog = catalog or folder / "catalogo.sqlite"

    def args(self, corpus: Path, *extra: str, cache: bool = True) -> list[str]:
        catalog = ["--cache", str(self.catalog)] if cache else ["--no-cache"]
        return ["run", str(corpus), "-o", str(self.book), "--json", str(self.jsonl), "--csv", str(self.csv),
                *catalog, *extra]

    def digests(self) -> dict[str, str]:
        return digests([self.book, self.jsonl, self.csv])

    def temps(self) -> list[str]:
        return temps(self.folder, self.csv)


def _signal_when(process: subprocess.Popen[str], ready: Any, signum: int, poll: float = 0.001,
                 group: bool = False) -> bool:
    """Send ``signum`` as soon as ``ready()`` holds, to the run or to its whole process group (the
    run and its workers, as a service manager stops a service); False: the run ended first."""
    while process.poll() is None:
        if ready():
            if group:
                os.killpg(process.pid, signum)
            else:
                process.send_signal(signum)
            return True
        time.sleep(poll)
    return False


def previous_outputs(corpus: Path, work: Path, workers: int) -> tuple[Path, int]:
    """One complete run (outputs and catalog), copied as the previous outputs of every fault."""
    out = Outputs(work)
    rc, _err, _ = finish(poai(*out.args(corpus, "--workers", str(workers))))
    return work, rc


def interrupt(corpus: Path, work: Path, signum: int, phase: str, workers: int, base: Path) -> dict[str, Any]:
    """A run stopped by ``signum`` while reading (its catalog filling), while writing (its
    temporary files there) or, in phase "grupo", while reading with its workers signalled too;
    over the previous outputs copied from ``base``; then what was left."""
    shutil.copytree(base, work)
    out = Outputs(work)
    before = out.digests()
    result: dict[str, Any] = {"senal": signal.Signals(signum).name, "fase": phase}
    for _attempt in range(3):
        if phase in ("lectura", "grupo"):
            out.catalog.unlink(missing_ok=True)  # reading again, the catalog filling as it goes
            for extra in (Path(f"{out.catalog}-wal"), Path(f"{out.catalog}-shm")):
                extra.unlink(missing_ok=True)
            run = poai(*out.args(corpus, "--workers", str(workers)))
            reached = _signal_when(run, lambda: _catalog_rows(out.catalog) >= 1, signum, poll=0.01,
                                   group=phase == "grupo")
        else:  # the catalog is warm: reading is instant and writing is most of the run
            run = poai(*out.args(corpus, "--workers", str(workers)))
            reached = _signal_when(run, lambda: bool(out.temps()), signum)
        rc, err, _ = finish(run)
        if reached:
            break
    result.update(alcanzado=reached, codigo=rc, mensaje=TERM_MESSAGE in err, traceback="Traceback" in err,
                  temporales=out.temps(), intactas=out.digests() == before, catalogo=catalog_state(out.catalog),
                  final=err.strip().splitlines()[-12:])
    if signum == signal.SIGKILL:  # a later run cleans up and reads everything
        rc, err, _ = finish(poai(*out.args(corpus, "--workers", str(workers))))
        result.update(reejecucion=rc, temporales_despues=out.temps(), registros_despues=len(records(out.jsonl)),
                      catalogo_despues=catalog_state(out.catalog))
    return result


def concurrent(corpus: Path, work: Path, n: int, workers: int) -> dict[str, Any]:
    """Two runs at once on one catalog and the same outputs: both succeed, nothing is left half-done."""
    out = Outputs(work)
    runs = [poai(*out.args(corpus, "--workers", str(workers))) for _ in range(2)]
    finished = [finish(run) for run in runs]
    codes = [rc for rc, _err, _usage in finished]
    from openpyxl import load_workbook

    book = load_workbook(out.book, read_only=True)
    rows = sum(1 for _ in book["Puestos"].iter_rows(min_row=2))
    book.close()
    return {"codigos": codes, "registros": len(records(out.jsonl)), "filas_puestos": rows, "entradas": n,
            "temporales": out.temps(), "catalogo": catalog_state(out.catalog),
            "mensajes": [err.strip().splitlines()[-3:] for rc, err, _usage in finished if rc != 0]}


def disk_full(corpus: Path, work: Path, workers: int, base: Path) -> dict[str, Any]:
    """Outputs on a small tmpfs, in a private mount namespace; the disk filled, then a run."""
    if shutil.which("unshare") is None:
        return {"medido": False, "motivo": "no hay unshare"}
    work.mkdir(parents=True, exist_ok=True)
    report = work / "informe.json"
    command = ["unshare", "-rm", sys.executable, str(Path(__file__).resolve()), "_disco-lleno", str(corpus),
               str(work / "disco"), str(report), str(workers), str(base)]
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return {"medido": False, "motivo": f"unshare no disponible: {probe.stderr.strip()}"}
    inside = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if inside.returncode != 0 or not report.exists():  # e.g. no tmpfs mount allowed in the namespace
        return {"medido": False, "motivo": f"no se pudo montar un disco pequeño: {inside.stderr.strip()[-300:]}"}
    return {"medido": True, "variantes": json.loads(report.read_text(encoding="utf-8"))}


def _disk_full_inside(corpus: Path, mount: Path, report: Path, workers: int, base: Path) -> None:
    """Inside the namespace: mount, copy the previous outputs, fill the disk, run with and without catalog."""
    mount.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True)
    results = []
    for variant, cache in (("sin catálogo", False), ("con catálogo", True)):
        folder = mount / variant.replace(" ", "_")
        shutil.copytree(base, folder, ignore=shutil.ignore_patterns("catalogo.sqlite*"))
        out = Outputs(folder, catalog=mount / "catalogo.sqlite")  # a new catalog, on the full disk
        args = out.args(corpus, "--workers", str(workers), cache=cache)
        before = out.digests()
        stat = os.statvfs(mount)
        filler = mount / "relleno"
        with open(filler, "wb") as handle:  # leave a few KB free: less than the outputs need
            handle.write(b"\0" * max(0, stat.f_bavail * stat.f_frsize - 8192))
        rc, err, _ = finish(poai(*args))
        said = "catálogo" if cache else "el disco está lleno"  # a catalog that cannot be written says so
        results.append({"variante": variant, "codigo": rc, "mensaje": said in err,
                        "texto": err.strip().splitlines()[-1:], "traceback": "Traceback" in err,
                        "temporales": out.temps(), "intactas": out.digests() == before})
        filler.unlink()
    report.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


CASES = ("term_lectura", "term_escritura", "term_grupo", "kill_lectura", "kill_escritura", "disco_lleno",
         "concurrentes")


def faults(n: int, seed: int, workers: int, work: Path, formats: tuple[str, ...],
           cases: tuple[str, ...] = CASES) -> dict[str, Any]:
    """The faults named in ``cases`` (all by default) over one corpus of ``n`` documents."""
    corpus = work / "corpus"
    build_corpus(corpus, n, seed, formats)
    signals = {"term": signal.SIGTERM, "kill": signal.SIGKILL}
    base, rc = previous_outputs(corpus, work / "previa", workers)
    result: dict[str, Any] = {"documentos": n, "previa": rc}
    for case in cases:
        if case == "disco_lleno":
            result[case] = disk_full(corpus, work / case, workers, base)
        elif case == "concurrentes":
            result[case] = concurrent(corpus, work / case, n, workers)
        else:
            kind, phase = case.split("_")
            result[case] = interrupt(corpus, work / case, signals[kind], phase, workers, base)
    return result


def load(n: int, seed: int, workers: int, work: Path, formats: tuple[str, ...]) -> dict[str, Any]:
    """One run over ``n`` documents and three things that are no document."""
    corpus = work / "corpus"
    inputs = len(build_corpus(corpus, n, seed, formats)) + len(add_non_documents(corpus))
    out = Outputs(work / "salida")
    start = time.perf_counter()
    rc, err, usage = finish(poai(*out.args(corpus, "--workers", str(workers), cache=False)))
    seconds = time.perf_counter() - start
    found = records(out.jsonl)
    return {"entradas": inputs, "registros": len(found), "archivos_distintos": len({r["archivo"] for r in found}),
            "estados": dict(Counter(r["estado"] for r in found)),
            "errores": dict(Counter(r["error"]["codigo"] for r in found if r.get("error"))),
            "codigo": rc, "traceback": err.count("Traceback"), "segundos": round(seconds, 1),
            "documentos_por_segundo": round(inputs / seconds, 2),
            "memoria_principal_mb": round(usage.get("main_kb", 0) / 1024, 1),
            "memoria_worker_mb": round(usage.get("workers_kb", 0) / 1024, 1),
            "temporales": out.temps(), "workers": workers}


def failures(kind: str, result: dict[str, Any]) -> list[str]:
    """What went wrong in a result (empty: every check held)."""
    if kind == "carga":
        bad = []
        if result["registros"] != result["entradas"] or result["archivos_distintos"] != result["entradas"]:
            bad.append("no hay un registro por entrada")
        if result["traceback"] or result["temporales"] or result["codigo"] not in (0, 1):
            bad.append("traceback, temporales o código inesperado")
        return bad
    bad = [] if result["previa"] == 0 else ["previa"]
    for name, case in result.items():
        if name == "concurrentes":
            ok = case["codigos"] == [0, 0] and case["registros"] == case["entradas"] and not case["temporales"] \
                and case["catalogo"]["integridad"] == "ok"
        elif name == "disco_lleno":
            ok = all(v["codigo"] == 2 and v["mensaje"] and not v["temporales"] and v["intactas"]
                     and not v["traceback"] for v in case.get("variantes", []))
        elif isinstance(case, dict):
            ok = _interrupt_held(case, result["documentos"])
        else:
            continue
        if not ok:
            bad.append(name)
    return bad


def _interrupt_held(case: dict[str, Any], documents: int) -> bool:
    """Whether a run stopped by a signal left what it must."""
    expected = 143 if case["senal"] == "SIGTERM" else -signal.SIGKILL
    ok = case["alcanzado"] and case["codigo"] == expected and case["intactas"] and \
        case["catalogo"]["integridad"] in ("ok", "sin catálogo") and not case["catalogo"]["ilegibles"]
    if case["senal"] == "SIGTERM":
        return bool(ok and case["mensaje"] and not case["temporales"] and not case["traceback"])
    return bool(ok and case["reejecucion"] == 0 and not case["temporales_despues"]
                and case["registros_despues"] == documents)


def main(argv: list[str] | None = None) -> int:
    """Entry point: ``carga`` or ``fallas``; prints the figures (``--json``: as JSON)."""
    parser = argparse.ArgumentParser(description="poai bajo carga y ante fallas (BENCHMARKS.md, «Fiabilidad»)")
    commands = parser.add_subparsers(dest="orden", required=True)
    for name in ("carga", "fallas"):
        command = commands.add_parser(name)
        command.add_argument("--n", type=int, default=2000 if name == "carga" else 40)
        command.add_argument("--seed", type=int, default=1)
        command.add_argument("--workers", type=int, default=2)
        command.add_argument("--formatos", default="pdf,docx", help="extensiones de las muestras copiadas")
        command.add_argument("--json", action="store_true")
        command.add_argument("--trabajo", type=Path, help="carpeta de trabajo (por defecto, una temporal)")
        if name == "fallas":
            command.add_argument("--casos", default=",".join(CASES), help="fallas que se provocan, separadas por comas")
    inside = commands.add_parser("_disco-lleno")
    for name in ("corpus", "montaje", "informe"):
        inside.add_argument(name, type=Path)
    inside.add_argument("workers", type=int)
    inside.add_argument("previa", type=Path)
    args = parser.parse_args(argv)
    if args.orden == "_disco-lleno":
        _disk_full_inside(args.corpus, args.montaje, args.informe, args.workers, args.previa)
        return 0
    formats = tuple(f".{f.strip().lstrip('.')}" for f in args.formatos.split(","))
    with tempfile.TemporaryDirectory(prefix="poai-fiabilidad-") as scratch:
        work = args.trabajo or Path(scratch)
        if args.orden == "carga":
            result = load(args.n, args.seed, args.workers, work, formats)
        else:
            result = faults(args.n, args.seed, args.workers, work, formats, tuple(args.casos.split(",")))
    bad = failures(args.orden, result)
    result["fallas"] = bad
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
