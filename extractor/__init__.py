"""poai: read, normalise, audit and consolidate Bolivian POAIs."""

from __future__ import annotations

__version__ = "0.1.0"

from .consolidate import run  # noqa: E402
from .errors import PoaiError  # noqa: E402
from .frames import to_frames  # noqa: E402
from .pipeline import extract, extract_bytes  # noqa: E402

__all__ = ["PoaiError", "__version__", "extract", "extract_bytes", "run", "to_frames"]
