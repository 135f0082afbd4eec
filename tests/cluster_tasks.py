"""A test-only reading function for the cluster tests, importable on the test's Dask workers
(they run with this folder on their ``PYTHONPATH``).

A document whose name contains ``lento`` waits, in the child process reading it, until the
gate folder (``POAI_TEST_GATE``) holds a file named ``seguir``; on starting it leaves a file
``inicio-<child pid>`` whose text is its worker's pid. The test sees which worker reads it
and when, and decides: let it go, kill its worker, or interrupt the client.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from extractor.pipeline import Extraction, read_bytes

SLOW = "lento"


def gated_read(data: bytes, archivo: str, password: str | None = None, sha256: str | None = None,
               ocr: str = "auto") -> Extraction:
    """:func:`extractor.pipeline.read_bytes`, held at the gate for a document named ``*lento*``."""
    if SLOW in Path(archivo).name:
        gate = Path(os.environ["POAI_TEST_GATE"])
        # Written whole, then named: the test never reads a start file half written.
        partial = gate / f".inicio-{os.getpid()}"
        partial.write_text(str(os.getppid()))
        os.replace(partial, gate / f"inicio-{os.getpid()}")
        while not (gate / "seguir").exists():
            time.sleep(0.05)
    return read_bytes(data, archivo, password, sha256, ocr)
