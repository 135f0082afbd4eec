"""Readers: one per file format, each turning bytes into a :class:`~extractor.model.document.Document`.

Call :func:`read_document` with the format :func:`~extractor.readers.detect.detect_format`
found; :mod:`extractor.readers.registry` says how a new format is added.
"""

from extractor.readers.registry import Reader, ReadOptions, read_document, reader_for, register, registered_formats

__all__ = ["ReadOptions", "Reader", "read_document", "reader_for", "register", "registered_formats"]
