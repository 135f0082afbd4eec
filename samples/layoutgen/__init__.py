"""Random POAIs in random layouts, with the record each one must give (issue 11).

``fiction`` draws the content, ``layout`` the look, ``compose`` lays the content out as
document elements (``model``), the renderers (``pdffile``, ``wordfile``, ``textfile``) draw
them, ``expected`` gives the record from the content alone and ``score`` compares it with
what ``extractor.extract`` reads. ``corpus`` ties them together per (seed, index).
"""
