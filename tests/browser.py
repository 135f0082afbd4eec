"""A real ``poai web`` server in its own process, and Debian's Chromium driven by Playwright.

Shared by the browser tests and by ``docs/capturas.py`` (the screenshots of the README). The
browser is the system's (``apt-get install chromium``): Playwright never downloads one here.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_URL = re.compile(r"abra (http://\S+) en el navegador")


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


class WebServer:
    """``poai web … --puerto 0 --no-navegador`` running until :meth:`stop` (Ctrl-C, as a person stops it)."""

    def __init__(self, *args: str, env: dict[str, str] | None = None, timeout: float = 60) -> None:
        command = [sys.executable, "-m", "extractor.cli", "web", "--puerto", "0", "--no-navegador", *args]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        deadline = time.monotonic() + timeout
        self.url = ""
        while not self.url:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError("poai web no arrancó:\n" + "".join(self.lines))
            found = [m.group(1) for line in list(self.lines) if (m := _URL.search(line))]
            self.url = found[0] if found else ""
            time.sleep(0.05)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def stop(self, timeout: float = 30) -> int:
        """Stop it with Ctrl-C (SIGINT) and return its exit status."""
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        self._reader.join(5)
        return code

    @property
    def output(self) -> str:
        """What it printed."""
        return "".join(self.lines)


def wait_read(page: Any, timeout: float = 60_000) -> None:
    """Wait until the page shows no read in progress (it reloads itself when one ends), and until that
    page has loaded whole (the status comes before the list in the page)."""
    page.wait_for_selector('#lectura[data-leyendo="0"]', state="attached", timeout=timeout)
    page.wait_for_load_state("load")


def submit(page: Any, selector: str) -> None:
    """Click what sends a form and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)
