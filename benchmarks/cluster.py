"""poai on a Dask cluster against local processes, and what a national year (500,000 POAI) needs.

    python benchmarks/cluster.py                      # N=120, 3 repetitions, updates BENCHMARKS.md
    python benchmarks/cluster.py --n 20 --repeats 1 --out /tmp/b.md

Builds the same corpus as benchmarks/run.py (half PDF, half DOCX), starts a Dask scheduler
and workers on the loopback (one thread each, as ``dask worker --nthreads 1``), and measures
documents per second of ``poai run`` with 1 and 2 local workers and with a cluster of 1 and 2
workers, side by side over the same files (medians of the repetitions, every side warmed up
first). It also measures what the estimate needs: the client's CPU per document (hashing,
catalog, audit, writing: what one client can feed), each worker's peak memory (the worker
and its reading child), the bytes a document costs over the network (its file and its
pickled record) and the catalog's size per record. Requires the ``cluster`` and ``samples``
extras.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import run as bench  # noqa: E402 - the corpus and the number formats of the main benchmark

YEAR = 500_000
HEADING = "## Clúster (Dask)"


class LocalCluster:
    """A scheduler and its workers as separate processes on 127.0.0.1, as an office would start them."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.file = work / "scheduler.json"
        self.processes: list[subprocess.Popen[bytes]] = []
        common = ["--host", "127.0.0.1", "--no-dashboard"]
        self.common = common
        self.processes.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", *common, "--port", "0",
             "--scheduler-file", str(self.file)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        while not (self.file.exists() and self.file.stat().st_size):
            time.sleep(0.1)
        self.address = json.loads(self.file.read_text())["address"]

    def add_worker(self) -> None:
        self.processes.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", *self.common, "--nworkers", "1", "--nthreads", "1",
             "--memory-limit", "4GiB", "--scheduler-file", str(self.file)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(len(self.processes) - 1, timeout=120)

    def close(self) -> None:
        for process in self.processes[1:]:
            process.terminate()
        for process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class PeakMemory:
    """The largest resident memory of any worker process with its children, sampled while a run goes."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        with Client(address, timeout=60) as client:
            self.pids = list(client.run(os.getpid).values())
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self) -> None:
        import psutil

        while not self.stop.wait(0.05):
            for pid in self.pids:
                try:
                    process = psutil.Process(pid)
                    rss = process.memory_info().rss + sum(c.memory_info().rss for c in process.children(True))
                except psutil.Error:
                    continue
                self.peak = max(self.peak, rss)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        self.thread.join()


def poai_run(files: list[Path], out: Path, workers: int | None = None, cluster: str | None = None,
             cache: Path | None = None) -> Any:
    from extractor.api import run

    return run([str(p) for p in files], out, workers=workers, cluster=cluster, cache=cache,
               use_cache=cache is not None, timeout=120.0)


def rate(files: list[Path], repeats: int, call: Callable[[], object]) -> float:
    """Documents per second: the median of ``repeats`` runs."""
    return len(files) / bench.timed(call, repeats)


def client_cpu_per_doc(files: list[Path], out: Path, address: str) -> float:
    """CPU seconds the client itself spends per document on a cluster run (its threads included)."""
    start = time.process_time()
    poai_run(files, out, cluster=address)
    return (time.process_time() - start) / len(files)


def record_bytes(files: list[Path]) -> float:
    """The mean size of what a worker sends back for one document (its pickled extraction)."""
    from extractor.pipeline import read_file

    sizes = [len(pickle.dumps(("ok", read_file(str(p))))) for p in files]
    return statistics.mean(sizes)


def catalog_bytes_per_record(files: list[Path], work: Path) -> float:
    cache = work / "catalogo.sqlite"
    cache.unlink(missing_ok=True)
    poai_run(files, work / "cat.xlsx", workers=2, cache=cache)
    import sqlite3

    connection = sqlite3.connect(cache)
    connection.execute("VACUUM")
    connection.close()
    return cache.stat().st_size / len(files)


def measure(n: int, repeats: int, work: Path) -> dict[str, float]:
    """Every figure of the comparison and of the estimate."""
    pdfs, docxs = bench.build_corpus(work / "corpus", n)
    files = pdfs + docxs
    out = work / "consolidado.xlsx"
    figures: dict[str, float] = {"n": len(files), "repeats": repeats, "load_start": os.getloadavg()[0]}
    figures["file_bytes"] = statistics.mean(p.stat().st_size for p in files)
    warm = pdfs[:2] + docxs[:2]
    poai_run(warm, out, workers=1)  # imports and caches, before anything is timed
    figures["local_1"] = rate(files, repeats, lambda: poai_run(files, out, workers=1))
    figures["local_2"] = rate(files, repeats, lambda: poai_run(files, out, workers=2))
    cluster = LocalCluster(work)
    try:
        cluster.add_worker()
        poai_run(warm, out, cluster=cluster.address)  # the worker's imports and reading child
        with PeakMemory(cluster.address) as memory:
            figures["cluster_1"] = rate(files, repeats, lambda: poai_run(files, out, cluster=cluster.address))
        figures["worker_peak_mb"] = memory.peak / 1048576
        cluster.add_worker()
        poai_run(warm, out, cluster=cluster.address)
        figures["cluster_2"] = rate(files, repeats, lambda: poai_run(files, out, cluster=cluster.address))
        figures["client_cpu_ms"] = 1000 * client_cpu_per_doc(files, out, cluster.address)
    finally:
        cluster.close()
    figures["record_bytes"] = record_bytes(files[: min(len(files), 40)])
    figures["catalog_bytes"] = catalog_bytes_per_record(files, work)
    figures["load_end"] = os.getloadavg()[0]
    figures["measured_at"] = time.time()
    return figures


def _f(value: float) -> str:
    return bench._fmt(value)


def _estimate(figures: dict[str, float]) -> list[str]:
    # Two bounds per worker thread: the rate measured on the cluster (with its scheduler, nanny and
    # transfers on the same 2 shared cores) and the local one (a core reading documents and nothing else).
    low, high = figures["cluster_1"], figures["local_1"]
    client_ceiling = 1000 / figures["client_cpu_ms"]  # documents per second one client core can feed
    rows = ["| Workers (1 núcleo cada uno) | Documentos/s | Horas para 500.000 |", "| --- | --- | --- |"]
    for workers in (1, 4, 8, 16, 32, 64):
        slow, fast = min(low * workers, client_ceiling), min(high * workers, client_ceiling)
        capped = " (tope del cliente)" if fast == client_ceiling else ""
        rows.append(f"| {workers} | {_f(slow)} a {_f(fast)}{capped} | {_f(YEAR / fast / 3600)} a "
                    f"{_f(YEAR / slow / 3600)} |")
    network_gb = YEAR * (figures["file_bytes"] + figures["record_bytes"]) / 1e9
    catalog_gb = YEAR * figures["catalog_bytes"] / 1e9
    return [
        *rows,
        "",
        f"- **Costo por documento**: {_f(1000 / low)} ms por worker en el clúster de la medida, "
        f"{_f(1000 / high)} ms en un proceso local; las horas de la tabla van de uno a otro, suponiendo cada "
        "worker con su propio núcleo. En esta máquina dos workers (o dos procesos locales) no leen más que uno: "
        "sus 2 núcleos ya estaban ocupados por otros procesos, así que la medida no muestra cómo escala más "
        "allá de un núcleo.",
        f"- **El cliente** gasta {_f(figures['client_cpu_ms'])} ms de CPU por documento (leer y resumir el archivo, "
        f"catálogo, auditoría, escritura): un solo cliente alimenta como mucho unos {_f(client_ceiling)} "
        "documentos/s, y más workers que eso no acortan la corrida. Para más, varias corridas (por entidad o "
        "ministerio, cada una con su catálogo y su salida), consolidadas después.",
        f"- **Memoria por worker**: pico medido {_f(figures['worker_peak_mb'])} MB (el worker y su proceso de "
        "lectura); cada lectura tiene además el tope de memoria de una corrida local, así que conviene "
        "`--memory-limit` de 2 a 4 GiB por hilo.",
        f"- **Red**: {_f(figures['file_bytes'] / 1024)} KB por archivo (media del corpus) más "
        f"{_f(figures['record_bytes'] / 1024)} KB de registro de vuelta: unos {_f(network_gb)} GB para "
        "500.000 POAI (con `--rutas-compartidas` solo viaja el registro, pero los workers leen la carpeta "
        "compartida y el cliente la lee también para calcular la huella SHA-256). Los escaneos y los PDF "
        "impresos desde Word pesan más que los del generador: con archivos de 200 KB, unos 100 GB.",
        f"- **Catálogo**: {_f(figures['catalog_bytes'] / 1024)} KB por registro → unos {_f(catalog_gb)} GB para "
        "500.000 en un solo archivo SQLite, en el cliente. SQLite admite ese tamaño; su límite es que escribe "
        "uno a la vez: solo el cliente escribe (una transacción por documento), y el catálogo debe estar en "
        "un disco local del cliente, no en una carpeta de red (el bloqueo de SQLite no es fiable en NFS/SMB). "
        "Dos corridas a la vez sobre el mismo catálogo se esperan una a otra.",
        "- **Libro Excel**: una hoja admite 1.048.576 filas; 500.000 POAI con unas diez funciones cada uno "
        "superan ese límite en la hoja de funciones: a esa escala, las salidas útiles son JSON Lines o CSV, "
        "o un libro por entidad.",
    ]


def _load(figures: dict[str, float]) -> str:
    if "load_start" not in figures:
        return ""
    return f" (carga media de {_f(figures['load_start'])} al empezar y {_f(figures['load_end'])} al terminar)"


def section(figures: dict[str, float], command: str) -> list[str]:
    """The Markdown section of BENCHMARKS.md."""
    when = dt.datetime.fromtimestamp(figures.get("measured_at", time.time())).strftime("%Y-%m-%d %H:%M")
    return [
        HEADING,
        "",
        f"Medido el {when} con `{command}`: {int(figures['n'])} documentos (mitad PDF, mitad DOCX) del generador "
        f"de ejemplos, los mismos para cada columna; mediana de {int(figures['repeats'])} repeticiones, cada lado "
        "con sus importaciones ya hechas. El clúster es un planificador y sus workers (`dask worker --nthreads 1`) "
        "en esta misma máquina, por 127.0.0.1.",
        "",
        f"Máquina: {bench.machine()}. **2 núcleos compartidos** con otros procesos mientras se medía{_load(figures)}: "
        "las cifras absolutas varían de una medida a otra; las proporciones son lo que se compara.",
        "",
        "| | 1 | 2 | 2 / 1 |",
        "| --- | --- | --- | --- |",
        f"| `--workers N` (procesos locales), documentos/s | {_f(figures['local_1'])} | {_f(figures['local_2'])} | "
        f"{_f(figures['local_2'] / figures['local_1'])}× |",
        f"| `--cluster` con N workers, documentos/s | {_f(figures['cluster_1'])} | {_f(figures['cluster_2'])} | "
        f"{_f(figures['cluster_2'] / figures['cluster_1'])}× |",
        f"| clúster / local | {_f(figures['cluster_1'] / figures['local_1'])}× | "
        f"{_f(figures['cluster_2'] / figures['local_2'])}× | |",
        "",
        "En una sola máquina el clúster no puede ganar a los procesos locales: suma un planificador, un "
        "supervisor (nanny) y un proceso worker por nodo a los mismos núcleos, y cada documento viaja por la red "
        "local y vuelve como registro. Sirve cuando sus workers están en otras máquinas; lo que esta medida da "
        "es el costo por documento de un worker y el del cliente, de donde sale el estimado.",
        "",
        "### Un año nacional: 500.000 POAI",
        "",
        "Estimado a partir de lo medido arriba (workers de un hilo como los de la medida; con máquinas de más "
        "núcleos, un worker por núcleo):",
        "",
        *_estimate(figures),
        "",
    ]


def write_section(path: Path, lines: list[str]) -> None:
    """Put the section in ``path`` in place of the previous one (or at its end)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks de poai\n"
    body = "\n".join(lines) + "\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: body + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + body
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mide poai en un clúster Dask local frente a procesos locales.")
    parser.add_argument("--n", type=int, default=120, help="documentos del corpus (mitad PDF, mitad DOCX)")
    parser.add_argument("--repeats", type=int, default=3, help="repeticiones de cada medida (se toma la mediana)")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="archivo Markdown de resultados")
    parser.add_argument("--cifras", type=Path, metavar="ARCHIVO.json",
                        help="no mide: escribe la sección con las cifras de una medida anterior (las que esta "
                             "orden muestra al terminar, con la orden que las midió en \"orden\")")
    args = parser.parse_args(argv)
    command = "python benchmarks/cluster.py" + ("" if argv is None and len(sys.argv) == 1 else
                                                 " " + " ".join(argv if argv is not None else sys.argv[1:]))
    if args.cifras is not None:
        saved = json.loads(args.cifras.read_text(encoding="utf-8"))
        command, figures = saved.pop("orden"), saved
    else:
        with tempfile.TemporaryDirectory(prefix="poai-cluster-") as work:
            figures = measure(args.n, args.repeats, Path(work))
    lines = section(figures, command)
    print("\n".join(lines))
    print(json.dumps({**figures, "orden": command}), file=sys.stderr)
    write_section(args.out, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
