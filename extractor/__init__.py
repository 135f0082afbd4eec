"""poai: read, normalise, audit and consolidate Bolivian POAIs.

``read`` (files or folders → records and pandas tables, every rule applied), ``audit`` and
``match`` (the corpus rules and the POA link again, on records already read), ``correct`` (a
value fixed by hand, kept in the catalog for every later read), ``run`` (the
consolidated workbook), ``extract`` (one file's record as JSON). The record is described in
docs/registro.md.
"""

from __future__ import annotations

from extractor._version import __version__
from extractor.api import run  # noqa: E402
from extractor.errors import PoaiError  # noqa: E402
from extractor.model.record import Record  # noqa: E402
from extractor.pipeline import extract, extract_all, extract_bytes  # noqa: E402
from extractor.reading import Reading, audit, correct, match, read  # noqa: E402
from extractor.writers.rows import to_frames  # noqa: E402

__all__ = ["PoaiError", "Reading", "Record", "__version__", "audit", "correct", "extract", "extract_all",
           "extract_bytes", "match", "read", "run", "to_frames"]
