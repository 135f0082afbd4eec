"""Readers: one per file format, each turning bytes into a :class:`~extractor.model.document.Document`."""
