"""The unit POA page: which POA is used, its coverage, the functions without an operation."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from extractor.web.app import workspace
from extractor.web.store import display_name
from extractor.web.upload import POA_SUFFIXES, UploadRefused, check_poa
from extractor.web.views.common import key, part_label, shown_name

pages = Blueprint("poa", __name__)


def _unlinked() -> list[dict[str, Any]]:
    """Every specific function the POA link left without an operation, with where it is."""
    rows = []
    for record in workspace().snapshot.records:
        for index, function in enumerate(record.funciones):
            if function.linked and function.poa is None and function.tipo == "especifica":
                rows.append({"record": record, "nombre": shown_name(record) + part_label(record),
                             "puesto": record.puesto.denominacion, "indice": index, "funcion": function,
                             "key": key(record), "candidatos": function.poa_candidatos})
    return rows


@pages.get("/poa")
def show() -> str:
    """The POA page."""
    space = workspace()
    _path, name = space.poa()
    reading, snapshot = space.view()
    coverage = snapshot.coverage or []
    served = sum(1 for row in coverage if row["Atendida"])
    return render_template("poa.html", nombre=name, subido=space.uploads.poa() is not None, cobertura=coverage,
                           atendidas=served, sin_operacion=_unlinked(), operaciones=snapshot.operations,
                           error=snapshot.poa_error, aceptados=",".join(POA_SUFFIXES), lectura=reading)


@pages.post("/poa")
def upload() -> Response:
    """Keep an uploaded unit POA in the catalog and link every document to it."""
    space = workspace()
    upload = request.files.get("poa")
    if upload is None or not upload.filename:
        flash("Elija el archivo del POA de la unidad.", "error")
        return redirect(url_for(".show"), code=303)
    name = display_name(upload.filename)
    data = upload.read()
    try:
        check_poa(name, data)
    except UploadRefused as exc:
        flash(str(exc), "error")
        return redirect(url_for(".show"), code=303)
    space.set_poa(name, data)
    flash(f"POA «{name}» guardado; vinculando las funciones…", "ok")
    space.start()
    return redirect(url_for(".show"), code=303)


@pages.post("/poa/quitar")
def remove() -> Response:
    """Forget the uploaded POA (the one given when poai started, if any, is used again)."""
    space = workspace()
    space.uploads.clear_poa()
    flash("Se quitó el POA subido.", "ok")
    space.start()
    return redirect(url_for(".show"), code=303)
