"""Scans read by OCR: Tesseract's words fed into the PDF reader's geometry (see :mod:`.reader`)."""
