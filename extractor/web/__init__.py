"""``poai web``: review and correct what poai read in a local web page (Flask, served by waitress).

The page calls the library only: documents are read through :class:`extractor.api.Batch` with
the catalog, corrections kept with :mod:`extractor.corrections` in that catalog, the workbook
written by :func:`extractor.api.run`. Installed with the ``web`` extra (``pip install
'poai[web]'``); this package's modules that need Flask are imported only when serving.
"""
