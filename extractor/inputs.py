"""Turning the command line's files and folders into the ordered list of documents to read,
and reading one of them: every input named or found gets a record, even one that is no file.

Only regular files are read. A FIFO, a device or a socket is never opened for reading (it
would block, or never end); a link that leads nowhere (its target gone, or a loop) or a folder
that cannot be listed is reported, not skipped: each becomes a record with its error.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from extractor.errors import DamagedFileError, DocumentError, InputNotFoundError, UnsupportedFormatError, os_reason
from extractor.readers import limits

# In a folder, the files that may be POAIs. A file named on the command line is always read
# (its format is detected from its bytes, whatever its name says).
DOCUMENT_SUFFIXES = {".pdf", ".docx", ".doc", ".txt", ".md", ".docm", ".xlsx", ".xlsm"}
_NOT_FILES = [(stat.S_ISFIFO, "una tubería (FIFO)"), (stat.S_ISCHR, "un dispositivo"),
              (stat.S_ISBLK, "un dispositivo de bloques"), (stat.S_ISSOCK, "un socket")]


def collect_inputs(inputs: Iterable[str | os.PathLike[str]],
                   skip: Iterable[str | os.PathLike[str] | None] = ()) -> list[str]:
    """Files in input order; a folder contributes its documents, recursively, sorted by path.

    ``skip``: files a folder does not contribute (the run's own workbook, the unit POA: poai
    wrote the one and reads the other as the POA). A file named on its own is always an input.
    A folder also contributes what it holds under a document's name that is no file (a FIFO,
    a link leading nowhere), links leading nowhere whatever their name, links back to a folder
    it is inside (a loop) and subfolders it cannot list: each gets a record saying why it was
    not read. Links to other folders are followed.
    """
    skipped = {os.path.realpath(p) for p in skip if p is not None}
    found: list[str] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found.extend(os.fspath(p) for p in sorted(_walk(path, skipped), key=lambda p: p.as_posix()))
        elif os.path.lexists(path):  # a file, or a link (even one leading nowhere) named on its own
            found.append(os.fspath(raw))
        else:
            raise InputNotFoundError(f"No existe el archivo o carpeta: {os.fspath(raw)}", os.fspath(raw))
    return found


def _walk(top: Path, skipped: set[str]) -> list[Path]:
    """What a folder contributes (see :func:`collect_inputs`), in no particular order."""
    found: list[Path] = []
    pending = [(top, frozenset({os.path.realpath(top)}))]  # a folder, with itself and its ancestors
    while pending:
        folder, inside = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            if folder != top:
                found.append(folder)  # reading it gives the reason (no permission …)
            continue
        for entry in entries:
            if entry.name.startswith(("~$", ".")) or entry.name.endswith(".expected.json"):
                continue
            path = Path(entry.path)
            if _is(entry.is_dir):  # follows a link to a folder
                real = os.path.realpath(path)
                if real in inside:
                    found.append(path)  # a loop: reported once, never walked again
                else:
                    pending.append((path, inside | {real}))
            elif _wanted(entry, skipped):
                found.append(path)
    return found


def _wanted(entry: os.DirEntry[str], skipped: set[str]) -> bool:
    """Whether a folder entry that is no folder is an input."""
    if Path(entry.name).suffix.lower() in DOCUMENT_SUFFIXES:
        return not _is(entry.is_file) or os.path.realpath(entry.path) not in skipped
    return entry.is_symlink() and not os.path.exists(entry.path)  # a link leading nowhere: maybe a folder's


def _is(test: Callable[[], bool]) -> bool:
    """A DirEntry test that is False for a link in a loop (which raises instead)."""
    try:
        return test()
    except OSError:
        return False


def read_input(path: str) -> bytes:
    """The bytes of one input, read once; raises the project's error when it is no readable document.

    Only a regular file is opened (never blocking: a FIFO put in its place meanwhile is
    refused too), and one beyond the size limit is refused before it fills the memory.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _unreachable(path, exc) from exc
    _check_kind(path, info.st_mode)
    limits.check_size(info.st_size)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreachable(path, exc) from exc
    with open(handle, "rb") as stream:
        opened = os.fstat(handle)
        _check_kind(path, opened.st_mode)  # what was opened, not what was looked at
        limits.check_size(opened.st_size)
        try:
            data = stream.read()  # its size, checked above, sizes the buffer
        except OSError as exc:
            raise DamagedFileError(f"No se pudo leer «{path}»: {os_reason(exc)}.") from exc
    limits.check_size(len(data))
    return data


def _check_kind(path: str, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise _folder_error(path)
    kind = next((name for test, name in _NOT_FILES if test(mode)), "un archivo especial")
    raise UnsupportedFormatError(f"«{path}» es {kind}, no un documento: poai lee solo archivos comunes "
                                 "(PDF, Word, Excel o texto guardados en el disco).")


def _folder_error(path: str) -> DocumentError:
    """A folder found where a document was expected: a link back to a folder it is in, or one
    that cannot be listed."""
    if os.path.islink(path):
        return DamagedFileError(f"«{path}» es un enlace a la carpeta «{os.path.realpath(path)}», que lo contiene "
                                "(un bucle): esa carpeta ya se recorre, sus documentos no se leen dos veces.")
    try:
        os.listdir(path)
    except OSError as exc:
        return DamagedFileError(f"No se pudo abrir la carpeta «{path}»: {os_reason(exc)}.")
    return UnsupportedFormatError(f"«{path}» es una carpeta, no un documento: indique los documentos que contiene.")


def _unreachable(path: str, exc: OSError) -> DocumentError:
    """The error of a path that cannot be opened: a link leading nowhere, no permission …"""
    if exc.errno == errno.ELOOP:
        return DamagedFileError(f"«{path}» es un enlace en bucle (apunta, directa o indirectamente, a sí mismo): "
                                "no lleva a ningún documento.")
    if os.path.islink(path) and exc.errno == errno.ENOENT:
        return DamagedFileError(f"«{path}» es un enlace a «{os.readlink(path)}», que no existe: el documento "
                                "fue movido o borrado.")
    what = "la carpeta" if os.path.isdir(path) else "el archivo"
    return DamagedFileError(f"No se pudo abrir {what} «{path}»: {os_reason(exc)}.")
