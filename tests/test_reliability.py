"""Reliability: what is no document, the time limit and the memory cap, temporary files, signals,
a full disk and two runs at once. Nothing here depends on the machine's speed: a document that
must time out blocks by construction, one that must exceed the memory cap really allocates
more, and the faults are real (signals, a full tmpfs, concurrent processes)."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.batch import process
from extractor.catalog import Catalog
from extractor.cli import main
from extractor.model.document import Document
from extractor.readers import registry
from extractor.readers.registry import ReadOptions
from extractor.readers.text import TextReader
from extractor.writers.atomic import AtomicFile, remove_stale
from extractor.writers.csvfile import CsvWriter
from extractor.writers.jsonl import JsonLinesWriter

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "000_bb97881b95efc531.txt"
sys.path.insert(0, str(ROOT / "benchmarks"))
import reliability  # noqa: E402

BLOCK, GREEDY = b"POAI-PRUEBA-BLOQUEA", b"POAI-PRUEBA-MEMORIA"


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".poai-"))


# -- what is no document ------------------------------------------------------------------------

def test_every_input_named_or_found_gets_a_record_and_nothing_hangs(tmp_path: Path) -> None:
    folder = tmp_path / "carpeta"
    (folder / "sub").mkdir(parents=True)
    other = tmp_path / "otra"
    other.mkdir()
    (other / "enlazado.txt").write_bytes(SEED.read_bytes())
    (folder / "poai.txt").write_bytes(SEED.read_bytes())
    os.mkfifo(folder / "tuberia.pdf")
    (folder / "roto.docx").symlink_to(folder / "no_existe.docx")
    (folder / "bucle.pdf").symlink_to(folder / "bucle.pdf")
    (folder / "sub" / "arriba").symlink_to(folder)  # a link back to a folder it is in
    (folder / "otra").symlink_to(other)  # a link to another folder: followed
    (folder / "notas.ini").write_text("x")  # not a document by its name: not an input
    named_fifo = tmp_path / "nombrada"
    os.mkfifo(named_fifo)
    out = tmp_path / "registros.jsonl"
    inputs = [str(folder), str(named_fifo), *(["/dev/zero"] if Path("/dev/zero").exists() else [])]
    # In a subprocess with a time limit: a regression that blocks on a FIFO fails instead of hanging.
    result = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", *inputs, "--json", str(out),
                             "--no-cache", "--timeout", "600"], capture_output=True, text=True, timeout=300,
                            cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    records = {Path(r["archivo"]).relative_to(tmp_path).as_posix() if r["archivo"].startswith(str(tmp_path))
               else r["archivo"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    codes = {name: (r["error"]["codigo"] if r["estado"] == "error" else r["estado"]) for name, r in records.items()}
    assert codes == {
        "carpeta/bucle.pdf": "archivo_danado", "carpeta/otra/enlazado.txt": codes["carpeta/poai.txt"],
        "carpeta/poai.txt": codes["carpeta/poai.txt"], "carpeta/roto.docx": "archivo_danado",
        "carpeta/sub/arriba": "archivo_danado", "carpeta/tuberia.pdf": "formato_no_soportado",
        "nombrada": "formato_no_soportado", **({"/dev/zero": "formato_no_soportado"} if len(inputs) == 3 else {}),
    }
    assert codes["carpeta/poai.txt"] in {"ok", "parcial"}
    message = {name: r["error"]["mensaje"] for name, r in records.items() if r["estado"] == "error"}
    assert message["carpeta/tuberia.pdf"].startswith(f"«{folder / 'tuberia.pdf'}» es una tubería (FIFO)")
    assert f"es un enlace a «{folder / 'no_existe.docx'}», que no existe" in message["carpeta/roto.docx"]
    assert "es un enlace en bucle" in message["carpeta/bucle.pdf"]
    assert f"es un enlace a la carpeta «{folder}», que lo contiene (un bucle)" in message["carpeta/sub/arriba"]
    if "/dev/zero" in message:
        assert message["/dev/zero"].startswith("«/dev/zero» es un dispositivo")


def test_a_fifo_or_device_given_as_the_unit_poa_or_the_rules_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "tuberia"
    os.mkfifo(fifo)
    for option, what in (("--poa", "No se puede abrir el POA"), ("--reglas", "No se puede leer el archivo de reglas")):
        command = "match" if option == "--poa" else "audit"
        result = subprocess.run([sys.executable, "-m", "extractor.cli", command, str(SEED), option, str(fifo),
                                 "--no-cache"], capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"poai: error: {what} {fifo}: «{fifo}» es una tubería (FIFO)")


# -- the time limit and the memory cap, in real workers -----------------------------------------

class _TestReader:
    """The text reader, except for two test documents: one that blocks, one that needs more memory
    than ``allocate`` bytes (registered in the parent, so forked workers have it too)."""

    formats = ("txt",)

    def __init__(self, allocate: int = 0) -> None:
        self.allocate = allocate

    def read(self, data: bytes, options: ReadOptions) -> Document:
        if BLOCK in data:
            time.sleep(3600)  # never returns within any time limit
        if GREEDY in data:
            _held = bytearray(self.allocate)  # a real allocation: the cap refuses it or not
        return TextReader().read(data, options)


@pytest.fixture
def test_reader(monkeypatch: pytest.MonkeyPatch) -> _TestReader:
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the test reader reaches the workers through fork")
    reader = _TestReader()
    monkeypatch.setitem(registry._readers, "txt", reader)
    return reader


def _document(tmp_path: Path, name: str, marker: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(SEED.read_bytes() + b"\n" + marker + b"\n")
    return path


def test_time_limit_stops_a_blocked_worker_and_the_batch_goes_on(tmp_path: Path, test_reader: _TestReader) -> None:
    blocked = _document(tmp_path, "bloqueado.txt", BLOCK)
    # A generous limit: the document that must succeed is read far within it on any machine.
    results = list(process([str(blocked), str(SEED)], workers=1, timeout=10))
    timed_out, seed = results[0][0], results[1][0]
    assert timed_out.estado == "error" and timed_out.error is not None
    # The library says what happened; the command adds which option changes the limit.
    assert "superó el límite de 10 s" in timed_out.error.mensaje
    assert "--" not in timed_out.error.mensaje and timed_out.error.ajuste == "tiempo"
    assert seed.estado in {"ok", "parcial"}


def _address_space() -> int:
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("no /proc: the address space of a worker is unknown")
    match = re.search(r"VmSize:\s+(\d+) kB", status.read_text())
    assert match is not None
    return int(match.group(1)) * 1024


def test_memory_cap_gives_that_document_an_error_and_the_batch_goes_on(tmp_path: Path,
                                                                        test_reader: _TestReader) -> None:
    greedy = _document(tmp_path, "voraz.txt", GREEDY)
    cap = _address_space() + (256 << 20)  # a forked worker starts at this process's size
    test_reader.allocate = cap  # more than the whole cap: refused whatever the worker holds
    catalog = Catalog(tmp_path / "catalogo.sqlite")
    results = list(process([str(greedy), str(SEED)], workers=1, timeout=600, memory_limit=cap, catalog=catalog))
    capped, seed = results[0][0], results[1][0]
    assert capped.estado == "error" and capped.error is not None
    assert capped.error.codigo == "demasiado_grande"
    assert "memoria" in capped.error.mensaje
    assert seed.estado in {"ok", "parcial"}
    assert len(catalog) == 1  # a document refused by the cap is not kept: another cap may read it
    catalog.close()
    # Without the cap the same document is read: it is the cap that refused it.
    test_reader.allocate = 256 << 20
    uncapped = list(process([str(greedy)], workers=1, timeout=600, memory_limit=None))[0][0]
    assert uncapped.estado in {"ok", "parcial"}


# -- temporary files ------------------------------------------------------------------------------

def test_temporary_files_exist_only_while_writing(tmp_path: Path) -> None:
    from extractor.model.record import Record

    (tmp_path / "csv").mkdir()
    writer = JsonLinesWriter(tmp_path / "r.jsonl")
    csv_writer = CsvWriter(tmp_path / "csv")
    assert _temps(tmp_path) == [] and _temps(tmp_path / "csv") == []  # nothing before the first write
    writer.add([Record(archivo="a.txt", sha256="")])
    assert len(_temps(tmp_path)) == 1
    writer.close()
    csv_writer.close()
    assert _temps(tmp_path) == [] and (tmp_path / "r.jsonl").exists()
    from extractor.writers.rows import sheet_columns

    assert _temps(tmp_path / "csv") == [] and len(list((tmp_path / "csv").iterdir())) == len(sheet_columns(False))


_HOLDER = """
import sys, time
from pathlib import Path
from extractor.writers.atomic import AtomicFile
print(AtomicFile(Path(sys.argv[1])).create(), flush=True)
time.sleep(600)
"""


def test_a_later_run_removes_stale_temporary_files_never_live_ones(tmp_path: Path) -> None:
    target = tmp_path / "registros.jsonl"
    holders = [subprocess.Popen([sys.executable, "-c", _HOLDER, str(target)], stdout=subprocess.PIPE, text=True,
                                cwd=ROOT) for _ in range(2)]
    try:
        dead, live = (Path(h.stdout.readline().strip()) for h in holders if h.stdout is not None)
        holders[0].send_signal(signal.SIGKILL)  # killed outright: its temporary file stays
        holders[0].wait()
        assert dead.exists() and live.exists()
        (tmp_path / ".poai-otro.jsonl-abcd1234.tmp").write_text("")  # another output's: not ours to remove
        assert main(["extract", str(SEED), "--json", str(target), "--no-cache"]) == 0
        assert not dead.exists()
        assert live.exists()  # its writer still runs
        assert (tmp_path / ".poai-otro.jsonl-abcd1234.tmp").exists()
        assert len(target.read_text(encoding="utf-8").splitlines()) == 1
    finally:
        for holder in holders:
            holder.kill()
            holder.wait()
    assert remove_stale(target) == [live]


def test_a_writer_racing_a_cleaner_keeps_its_file(tmp_path: Path) -> None:
    target = tmp_path / "c.xlsx"
    first, second = AtomicFile(target), AtomicFile(target)
    path = first.create()
    assert second.create() != path and path.exists()  # the second writer's clean-up spares the first
    first.commit()
    second.discard()
    assert target.exists() and _temps(tmp_path) == []


_WRITE_TOO_MUCH = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, resource.RLIM_INFINITY))
from extractor.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_write_refused_by_the_system_leaves_no_temporary_file(tmp_path: Path) -> None:
    # A real refusal by the kernel, without root: a file-size limit (EFBIG) on every output.
    corpus = tmp_path / "corpus"
    reliability.build_corpus(corpus, 6, seed=3, formats=(".docx",))
    out = reliability.Outputs(tmp_path / "salida")
    args = out.args(corpus, "--workers", "1", cache=False)
    result = subprocess.run([sys.executable, "-c", _WRITE_TOO_MUCH, *args], capture_output=True, text=True,
                            cwd=ROOT, timeout=600)
    assert result.returncode == 2, result.stderr
    assert "no se pudo escribir una salida" in result.stderr and "Traceback" not in result.stderr
    assert out.temps() == []


# -- the faults, for real (the small subset of benchmarks/reliability.py that CI runs) ---------------

@pytest.fixture(scope="module")
def faults(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    cases = ("term_lectura", "term_escritura", "term_grupo", "kill_escritura", "disco_lleno", "concurrentes")
    return reliability.faults(4, 1, 2, tmp_path_factory.mktemp("fallas"), (".docx",), cases)


@pytest.mark.parametrize("phase", ["lectura", "escritura", "grupo"])  # "grupo": its workers signalled too
def test_sigterm_stops_like_ctrl_c(faults: dict[str, dict[str, object]], phase: str) -> None:
    case = faults[f"term_{phase}"]
    assert case["alcanzado"], case  # the signal came while reading / while the temporary files existed
    assert case["codigo"] == 143
    assert case["mensaje"] and not case["traceback"]
    assert case["temporales"] == []
    assert case["intactas"]
    assert case["catalogo"] == {**case["catalogo"], "integridad": "ok", "ilegibles": 0}  # type: ignore[dict-item]


def test_kill_9_while_writing_leaves_old_outputs_and_the_next_run_cleans_up(
        faults: dict[str, dict[str, object]]) -> None:
    case = faults["kill_escritura"]
    assert case["alcanzado"] and case["codigo"] == -signal.SIGKILL
    assert case["intactas"]
    assert case["temporales"], "killed while writing: its temporary files stay"
    assert case["reejecucion"] == 0 and case["temporales_despues"] == []
    assert case["registros_despues"] == 4


def test_full_disk(faults: dict[str, dict[str, object]]) -> None:
    case = faults["disco_lleno"]
    if not case["medido"]:
        pytest.skip(str(case["motivo"]))
    for variant in case["variantes"]:  # type: ignore[attr-defined]
        assert variant["codigo"] == 2 and variant["mensaje"] and not variant["traceback"], variant
        assert variant["temporales"] == [] and variant["intactas"], variant


def test_two_runs_at_once_on_one_catalog_and_the_same_outputs(faults: dict[str, dict[str, object]]) -> None:
    case = faults["concurrentes"]
    assert faults["previa"] == 0
    assert case["codigos"] == [0, 0], case["mensajes"]
    assert case["registros"] == case["filas_puestos"] == 4
    assert case["temporales"] == [] and case["catalogo"]["integridad"] == "ok"  # type: ignore[index]
    assert reliability.failures("fallas", faults) == []


def test_load_subset_gives_one_record_per_input(tmp_path: Path) -> None:
    result = reliability.load(8, 1, 2, tmp_path, (".docx",))
    assert result["entradas"] == result["registros"] == result["archivos_distintos"] == 11
    assert result["errores"] == {"archivo_danado": 2, "formato_no_soportado": 1}
    assert result["traceback"] == 0 and result["temporales"] == []
    assert reliability.failures("carga", result) == []
