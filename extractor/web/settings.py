"""What a ``poai web`` server serves: its folder, POA, catalog, address and limits."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from extractor.api import CATALOG_NAME
from extractor.readers.limits import DEFAULT_TIMEOUT

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8765
UPLOAD_LIMIT = 50 * 1024 * 1024  # one request's upload: a POAI is a few pages, 50 MB is far beyond one


@dataclass(frozen=True)
class Settings:
    """The server's settings. ``token``: the access token every request needs when the server
    listens beyond this computer (``host`` other than 127.0.0.1); None on 127.0.0.1."""

    carpeta: Path | None = None
    poa: Path | None = None
    catalogo: Path | None = None
    host: str = LOOPBACK
    puerto: int = DEFAULT_PORT
    token: str | None = None
    limite: int = UPLOAD_LIMIT
    workers: int | None = None
    timeout: float | None = DEFAULT_TIMEOUT
    secret: bytes = b""  # signs the session cookie (CSRF token); a fresh one per server when empty
    verbose: bool = False  # an unexpected error's traceback on the console

    @property
    def catalog(self) -> Path:
        """The catalog file: the one given, else in the folder (as ``poai run`` puts it beside its
        workbook), else in the user's data folder."""
        if self.catalogo is not None:
            return self.catalogo
        if self.carpeta is not None:
            return self.carpeta / CATALOG_NAME
        return data_folder() / CATALOG_NAME

    @property
    def open_to_network(self) -> bool:
        """Whether the server listens beyond this computer (and so asks for the token)."""
        return self.host not in (LOOPBACK, "localhost", "::1")


def data_folder() -> Path:
    """Where poai keeps its catalog when no folder is given: the user's data folder
    (XDG_DATA_HOME or ~/.local/share on Linux, %LOCALAPPDATA% on Windows,
    ~/Library/Application Support on macOS), in a ``poai`` subfolder."""
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "poai"
