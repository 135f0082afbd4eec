"""poai: read, normalise, audit and consolidate Bolivian POAIs."""

from __future__ import annotations

from extractor._version import __version__
from extractor.api import run  # noqa: E402
from extractor.errors import PoaiError  # noqa: E402
from extractor.pipeline import extract, extract_all, extract_bytes  # noqa: E402
from extractor.writers.rows import to_frames  # noqa: E402

__all__ = ["PoaiError", "__version__", "extract", "extract_all", "extract_bytes", "run", "to_frames"]
