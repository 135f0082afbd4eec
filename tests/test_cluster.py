"""``poai run --cluster``: a real Dask scheduler and two workers, started here on the loopback.

The scheduler gives up on a task after two of its workers died (``allowed-failures`` 1, as the
README recommends). Each worker runs under a nanny, which starts it again when it is killed.
A document named ``*lento*`` is held at a gate (tests/cluster_tasks.py) so that the tests act
while it is in flight, whatever the machine's speed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from distributed import Client
from openpyxl import load_workbook

from extractor import api, cluster
from extractor.batch import process
from extractor.cli import main
from extractor.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
SAMPLES = ROOT / "samples" / "poai"
SEED = TESTS / "fixtures" / "000_bb97881b95efc531.txt"
WAIT = 45.0  # seconds at most for anything the cluster is waited for (never reached when it works)


@dataclass
class Cluster:
    address: str
    gate: Path
    env: dict[str, str]

    def reset(self) -> None:
        """Both workers up and the gate closed, with no trace of the previous test."""
        with Client(self.address, timeout=WAIT) as client:
            client.wait_for_workers(2, timeout=WAIT)
        for entry in self.gate.iterdir():
            entry.unlink()

    def starts(self) -> list[Path]:
        return sorted(self.gate.glob("inicio-*"), key=lambda p: p.stat().st_mtime)

    def release(self) -> None:
        (self.gate / "seguir").touch()


def _until(condition: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"no ocurrió a tiempo: {what}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    base = tmp_path_factory.mktemp("cluster")
    gate = base / "puerta"
    gate.mkdir()
    env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1", "POAI_TEST_GATE": str(gate),
           "PYTHONPATH": os.pathsep.join(p for p in (str(TESTS), os.environ.get("PYTHONPATH", "")) if p)}
    scheduler_file = base / "scheduler.json"
    common = ["--host", "127.0.0.1", "--no-dashboard"]
    processes = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", *common, "--port", "0",
                                   "--scheduler-file", str(scheduler_file)], env=env, cwd=base,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        _until(lambda: scheduler_file.exists() and scheduler_file.stat().st_size, "el planificador")
        address = json.loads(scheduler_file.read_text())["address"]
        for _ in range(2):
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", *common, "--nworkers", "1", "--nthreads", "1",
                 "--memory-limit", "2GiB", "--scheduler-file", str(scheduler_file)],
                env=env, cwd=base, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        found = Cluster(address, gate, env)
        found.reset()
        yield found
    finally:
        (gate / "seguir").touch()
        for process in processes[1:]:
            process.terminate()  # the workers at once, then the scheduler they say goodbye to
        for process in reversed(processes):
            _stop(process)


def _inputs(folder: Path, names: list[str], slow: str | None = None) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    if slow is not None:  # last in input order: every other document is read before it is held
        shutil.copy(SAMPLES / slow, folder / f"zz_lento{Path(slow).suffix}")
    return folder


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(path)
    sheets = {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in book.worksheets}
    # The run's date is the only thing that may differ.
    sheets["Resumen"] = [row for row in sheets["Resumen"] if row[0] != "Generado"]
    return sheets


def test_the_cluster_gives_the_records_and_workbook_of_a_local_run(dask_cluster: Cluster, tmp_path: Path) -> None:
    dask_cluster.reset()
    folder = _inputs(tmp_path / "entrada", ["poai_a01_texto.txt", "poai_a02_directo.pdf", "poai_b03_word.docx"])
    shutil.copy(SAMPLES / "poai_a01_texto.txt", folder / "copia_de_a01.txt")  # read once, reported twice
    shutil.copy(SEED, folder / SEED.name)
    (folder / "danado.pdf").write_bytes(b"%PDF-1.4\n% truncated\n")
    local, remote, shared = (tmp_path / name for name in ("local", "cluster", "compartidas"))
    for out in (local, remote, shared):
        out.mkdir()
    assert main(["run", str(folder), "-o", str(local / "c.xlsx"), "--json", str(local / "r.jsonl"),
                 "--workers", "2"]) == 1
    assert main(["run", str(folder), "-o", str(remote / "c.xlsx"), "--json", str(remote / "r.jsonl"),
                 "--cluster", dask_cluster.address]) == 1
    assert main(["run", str(folder), "-o", str(shared / "c.xlsx"), "--json", str(shared / "r.jsonl"),
                 "--cluster", dask_cluster.address, "--rutas-compartidas", "--no-cache"]) == 1
    expected = (local / "r.jsonl").read_bytes()
    assert len(expected.splitlines()) == 6
    assert (remote / "r.jsonl").read_bytes() == expected
    assert (shared / "r.jsonl").read_bytes() == expected
    assert _cells(remote / "c.xlsx") == _cells(local / "c.xlsx") == _cells(shared / "c.xlsx")
    # The catalog stays with the client: a second run sends nothing to the cluster.
    summary = api.run([str(folder)], remote / "c.xlsx", cluster=dask_cluster.address)
    assert summary.parsed == 0 and summary.from_catalog == 6


def test_the_time_limit_holds_per_document_on_the_workers(dask_cluster: Cluster) -> None:
    dask_cluster.reset()
    slow = str(SAMPLES / "poai_c01_libreoffice.pdf")
    local = [r for r, _facts in process([slow], workers=1, timeout=0.001)]
    remote = [r for r, _facts in process([slow], timeout=0.001, cluster=dask_cluster.address)]
    assert remote[0].error is not None and remote[0].error.ajuste == "tiempo"
    assert remote[0].to_dict() == local[0].to_dict()  # the same message, the same record


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_ctrl_c_cancels_what_is_pending_and_writes_nothing(dask_cluster: Cluster, tmp_path: Path) -> None:
    dask_cluster.reset()
    folder = _inputs(tmp_path / "entrada", ["poai_a01_texto.txt"], slow="poai_b01_word.docx")
    out = tmp_path / "salida"
    out.mkdir()
    code = ("import sys, cluster_tasks; from extractor import batch; batch._read_in_worker = cluster_tasks.gated_read; "
            "from extractor.cli import main; sys.exit(main(sys.argv[1:]))")
    child = subprocess.Popen([sys.executable, "-c", code, "run", str(folder), "-o", str(out / "c.xlsx"),
                              "--json", str(out / "r.jsonl"), "--csv", str(out / "csv"), "--no-cache",
                              "--cluster", dask_cluster.address], env=dask_cluster.env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        start = _until(dask_cluster.starts, "el documento lento en lectura")[0]
        reader = int(start.name.split("-")[1])
        child.send_signal(signal.SIGINT)
        _stdout, err = child.communicate(timeout=WAIT)
    finally:
        _stop(child)
    assert child.returncode == 130
    assert "interrumpido" in err.decode("utf-8")
    assert "Traceback" not in err.decode("utf-8")
    assert sorted(p.name for p in out.rglob("*")) == ["csv"] and not any((out / "csv").iterdir())
    _until(lambda: not _alive(reader), "la lectura pendiente cancelada en su nodo")
    with Client(dask_cluster.address, timeout=WAIT) as client:
        _until(lambda: not any(client.processing().values()), "ninguna tarea pendiente en el clúster")


def _killer(dask_cluster: Cluster, kills: int, others: int, done: list[int],
            failures: list[BaseException]) -> threading.Thread:
    """Kill the worker reading the held document ``kills`` times (once every other one is read),
    then let it go."""

    def act() -> None:
        try:
            _until(lambda: len(done) >= others, "los demás documentos leídos")
            for kill in range(kills):
                start = _until(lambda n=kill: len(dask_cluster.starts()) > n and dask_cluster.starts()[n],
                               "el documento lento en lectura")
                os.kill(int(start.read_text()), signal.SIGKILL)  # its worker, as a machine lost
            if kills < 2:  # the scheduler gives up after two; before that, it starts the reading again elsewhere
                _until(lambda: len(dask_cluster.starts()) > kills, "la lectura de nuevo")
        except BaseException as exc:  # noqa: BLE001 - the test reports it; the run must not hang
            failures.append(exc)
        finally:
            dask_cluster.release()  # whatever happened, the held reading goes on and the run ends

    thread = threading.Thread(target=act, daemon=True)
    thread.start()
    return thread


def _held_run(dask_cluster: Cluster, tmp_path: Path, kills: int,
              monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import cluster_tasks

    monkeypatch.setattr("extractor.batch._read_in_worker", cluster_tasks.gated_read)
    dask_cluster.reset()
    names = ["poai_a01_texto.txt", "poai_b03_word.docx", "poai_a02_directo.pdf"]
    folder = _inputs(tmp_path / "entrada", names, slow="poai_b01_word.docx")
    done: list[int] = []
    failures: list[BaseException] = []
    thread = _killer(dask_cluster, kills, len(names), done, failures)
    out = tmp_path / "c.xlsx"
    api.run([str(folder)], out, json_path=tmp_path / "r.jsonl", use_cache=False, cluster=dask_cluster.address,
            progress=lambda n, _total, _path: done.append(n))
    thread.join(timeout=WAIT)
    assert not failures, failures
    records = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(r["archivo"]).name for r in records] == [*sorted(names), "zz_lento.docx"]
    assert all(r["estado"] != "error" for r in records[:-1])
    assert len(dask_cluster.starts()) == kills + (kills < 2)  # started again elsewhere after each loss
    return records


def test_a_worker_lost_mid_run_costs_nothing(dask_cluster: Cluster, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    records = _held_run(dask_cluster, tmp_path, 1, monkeypatch)
    assert records[-1]["estado"] != "error"


def test_a_file_that_kills_two_workers_gets_its_own_error(dask_cluster: Cluster, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    records = _held_run(dask_cluster, tmp_path, 2, monkeypatch)
    error = records[-1]["error"]
    assert records[-1]["estado"] == "error" and error["codigo"] == "archivo_danado"
    assert "nodos del clúster" in error["mensaje"] and "--" not in error["mensaje"]


def test_without_dask_the_message_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UsageError) as error:
        cluster.ClusterPool("tcp://127.0.0.1:8786")
    assert error.value.mensaje == "Para usar un clúster instale el extra cluster: pip install 'poai[cluster]'."
    assert main(["run", str(SEED), "-o", str(tmp_path / "c.xlsx"), "--cluster", "tcp://127.0.0.1:8786"]) == 2
    assert "pip install 'poai[cluster]'" in capsys.readouterr().err
    assert not (tmp_path / "c.xlsx").exists()


def test_an_unreachable_scheduler_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    assert main(["run", str(SEED), "-o", str(tmp_path / "c.xlsx"), "--cluster", "tcp://127.0.0.1:9"]) == 2
    assert "No se pudo conectar con el clúster en tcp://127.0.0.1:9" in capsys.readouterr().err
    assert main(["run", str(SEED), "-o", str(tmp_path / "c.xlsx"), "--rutas-compartidas"]) == 2
    assert "solo tiene sentido junto con --cluster" in capsys.readouterr().err
