"""The project's exceptions: one base class, one subclass per SCHEMA.md error code."""

from __future__ import annotations

# What to do about a damaged file, said the same way everywhere.
REEXPORT = "vuelva a exportarlo desde el documento original"
RESAVE_WORD = "ábralo en Word y guárdelo de nuevo como .docx"


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in Spanish (``strerror`` speaks the machine's language)."""
    import errno

    reasons = {
        errno.ENOENT: "no existe", errno.EACCES: "no tiene permiso", errno.EPERM: "no tiene permiso",
        errno.EISDIR: "es una carpeta", errno.ENOTDIR: "la ruta no es una carpeta", errno.ENOSPC: "el disco está lleno",
        errno.EROFS: "el disco es de solo lectura", errno.ENAMETOOLONG: "el nombre es demasiado largo",
    }
    return reasons.get(exc.errno or -1, "error del sistema al acceder al archivo")


class PoaiError(Exception):
    """Base of every error poai raises on purpose.

    ``codigo`` is the SCHEMA.md error code, ``mensaje`` a Spanish message for the user,
    ``archivo`` the file concerned (when known).
    """

    codigo = "archivo_danado"

    def __init__(self, mensaje: str, archivo: str | None = None) -> None:
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.archivo = archivo

    def as_dict(self) -> dict[str, str]:
        """The ``error`` object of a record."""
        return {"codigo": self.codigo, "mensaje": self.mensaje}


class DamagedFileError(PoaiError):
    """Empty, truncated or unparseable file."""

    codigo = "archivo_danado"


class EncryptedPdfError(PoaiError):
    """A password-protected PDF."""

    codigo = "pdf_cifrado"


class NoTextError(PoaiError):
    """A scan without a text layer."""

    codigo = "sin_texto"


class UnsupportedFormatError(PoaiError):
    """A format poai cannot read."""

    codigo = "formato_no_soportado"


class NotPoaiError(PoaiError):
    """A readable document in which no known POAI layout is found."""

    codigo = "no_es_poai"


class TooLargeError(PoaiError):
    """A file beyond the size limits."""

    codigo = "demasiado_grande"
