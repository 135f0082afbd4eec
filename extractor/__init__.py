"""poai: read, normalise, audit and consolidate Bolivian POAIs."""

from __future__ import annotations

from .errors import PoaiError
from .pipeline import extract, extract_bytes

__version__ = "0.1.0"

__all__ = ["PoaiError", "__version__", "extract", "extract_bytes"]
