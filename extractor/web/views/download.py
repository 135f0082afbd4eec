"""The consolidated workbook, written as ``poai run`` writes it, with the corrections applied."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, Response, flash, redirect, url_for
from werkzeug.wrappers import Response as BaseResponse

from extractor.errors import PoaiError
from extractor.web.app import workspace

pages = Blueprint("libro", __name__)
FILENAME = "poai-consolidado.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pages.get("/libro.xlsx")
def workbook() -> BaseResponse:
    """Write the workbook of every document and send it."""
    space = workspace()
    with tempfile.TemporaryDirectory(prefix="poai-libro-") as folder:
        output = Path(folder, FILENAME)
        try:
            space.workbook(output)
        except PoaiError as exc:
            flash(f"No se pudo escribir el libro: {exc.mensaje}", "error")
            return redirect(url_for("documentos.listing"), code=303)
        data = output.read_bytes()
    return Response(data, mimetype=XLSX, headers={"Content-Disposition": f'attachment; filename="{FILENAME}"'})
