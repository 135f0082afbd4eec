"""poai's version, apart from the package's ``__init__`` so any module can import it without a cycle."""

__version__ = "0.1.0"
