"""Every exception poai raises on purpose, in one module.

Per-document errors (:class:`DocumentError`, one subclass per SCHEMA.md error code) become
data in the record of the file concerned and never stop a batch. Usage and configuration
errors (:class:`UsageError`: a missing input, an unwritable output, a bad rules, layout or
POA file, an unusable catalog) stop the command before or while it runs. Messages are
Spanish and say what to do without naming command-line options: the CLI adds those, using
``ajuste`` (the setting that would help: "contrasena", "tiempo", "catalogo").
"""

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
    ajuste: str | None = None

    def __init__(self, mensaje: str, archivo: str | None = None, ajuste: str | None = None) -> None:
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.archivo = archivo
        if ajuste is not None:
            self.ajuste = ajuste

    def as_dict(self) -> dict[str, str]:
        """The ``error`` object of a record."""
        return {"codigo": self.codigo, "mensaje": self.mensaje}


class DocumentError(PoaiError):
    """A document that cannot be read; its record carries the code and message."""


class UsageError(PoaiError):
    """A problem with what the command was asked to do (inputs, outputs, configuration files)."""

    codigo = "uso"


class DamagedFileError(DocumentError):
    """Empty, truncated or unparseable file."""

    codigo = "archivo_danado"


class EncryptedPdfError(DocumentError):
    """A password-protected PDF."""

    codigo = "pdf_cifrado"
    ajuste = "contrasena"


class NoTextError(DocumentError):
    """A scan without a text layer."""

    codigo = "sin_texto"


class UnsupportedFormatError(DocumentError):
    """A format poai cannot read."""

    codigo = "formato_no_soportado"


class NotPoaiError(DocumentError):
    """A readable document in which no known POAI layout is found."""

    codigo = "no_es_poai"


class UnitPoaGivenError(NotPoaiError):
    """A unit POA given as a POAI: ``ajuste`` "poa" (the CLI names the option that takes it)."""

    ajuste = "poa"

    def __init__(self, archivo: str | None = None) -> None:
        super().__init__("El archivo es el POA de la unidad (Programa de Operaciones Anual), no un POAI: "
                         "indíquelo como el POA de la unidad, para vincular las funciones de los POAI con "
                         "sus operaciones.", archivo)


class TooLargeError(DocumentError):
    """A file beyond the size limits."""

    codigo = "demasiado_grande"


class MemoryLimitError(TooLargeError):
    """A document whose reading needed more memory than a worker may use (``ajuste`` "memoria":
    another limit could read it, so it is never kept in the catalog)."""

    ajuste = "memoria"


class ReadTimeoutError(DamagedFileError):
    """A document whose reading took longer than the time limit (SCHEMA.md has no code of its own)."""

    ajuste = "tiempo"


class InputNotFoundError(UsageError):
    """A path given as input does not exist."""

    codigo = "entrada_inexistente"


class OutputError(UsageError):
    """An output cannot be written where asked."""

    codigo = "salida"


class RulesError(UsageError):
    """A rules file that cannot be used; ``clave`` names the offending key."""

    codigo = "reglas_invalidas"

    def __init__(self, mensaje: str, clave: str | None = None) -> None:
        super().__init__(mensaje)
        self.clave = clave


class CatalogError(UsageError):
    """The catalog file cannot be opened or written."""

    codigo = "catalogo"
    ajuste = "catalogo"


class PoaError(UsageError):
    """A file that is not a recognisable unit POA."""

    codigo = "poa_invalido"


class LayoutSpecError(UsageError):
    """A layout file (``layouts.toml`` or an entity's own) that cannot be used; ``clave`` names the key."""

    codigo = "plantilla_invalida"

    def __init__(self, mensaje: str, clave: str | None = None, archivo: str | None = None) -> None:
        super().__init__(mensaje, archivo)
        self.clave = clave


class ClusterError(UsageError):
    """A Dask cluster that cannot be used: its extra not installed, not reachable, no workers, lost mid-run."""

    codigo = "cluster"
