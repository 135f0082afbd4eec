"""Readers: one per file format, each turning bytes into a :class:`~extractor.document.Document`."""
