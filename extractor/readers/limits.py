"""Limits that keep a bad file from exhausting the machine: checked before any parsing."""

from __future__ import annotations

import io
import zipfile

from extractor.errors import RESAVE_WORD, DamagedFileError, TooLargeError

MAX_FILE_BYTES = 100 * 1024 * 1024  # a POAI is a few pages: 100 MB is far beyond any real one
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024  # all the parts of a Word file, unpacked
MAX_COMPRESSION_RATIO = 200  # a part that unpacks to more than 200 times its size is a bomb
DEFAULT_TIMEOUT = 120.0  # seconds to read one document


def check_size(size: int) -> None:
    """Refuse a file of ``size`` bytes when it is larger than :data:`MAX_FILE_BYTES`."""
    if size > MAX_FILE_BYTES:
        raise TooLargeError(
            f"El archivo pesa {size / 1048576:.0f} MB, más que el límite de "
            f"{MAX_FILE_BYTES // 1048576} MB para un POAI: revise que sea el documento correcto."
        )


def check_zip(data: bytes) -> None:
    """Refuse a Word package whose parts would unpack to too much (a zip bomb), before opening it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DamagedFileError(f"El archivo Word está dañado o incompleto (zip ilegible): {RESAVE_WORD}.") from exc
    check_zip_entries(infos)


def check_zip_entries(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a package whose entries (its zip directory, already read) would unpack to too much."""
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise TooLargeError(
            f"El archivo Word se descomprime en {total / 1048576:.0f} MB, más que el límite de "
            f"{MAX_UNCOMPRESSED_BYTES // 1048576} MB: puede ser un archivo malicioso (bomba zip)."
        )
    for info in infos:
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
            raise TooLargeError(
                f"La parte {info.filename} del archivo Word se descomprime {ratio} veces su tamaño: "
                "puede ser un archivo malicioso (bomba zip)."
            )
