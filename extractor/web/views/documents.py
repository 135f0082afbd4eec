"""The list of documents: estado, completitud and findings, filters, uploads and reading progress."""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from extractor.model.record import Record
from extractor.web.app import workspace
from extractor.web.fields import rule_name
from extractor.web.store import display_name
from extractor.web.upload import UploadRefused, accepted_suffixes, check_document
from extractor.web.views.common import key, part_label, shown_name

pages = Blueprint("documentos", __name__)
ESTADOS = {"ok": "Completo", "parcial": "Parcial", "error": "Ilegible"}


def _row(record: Record) -> dict[str, Any]:
    severities = Counter(f.severidad for f in record.auditoria)
    return {"nombre": shown_name(record) + part_label(record), "record": record, "key": key(record),
            "unidad": record.puesto.dependencia if record.readable else None,
            "puesto": record.puesto.denominacion if record.readable else None,
            "estado": record.estado, "estado_texto": ESTADOS.get(record.estado, record.estado),
            "completitud": record.completitud, "errores": severities["error"],
            "advertencias": severities["advertencia"], "avisos": severities["info"],
            "reglas": sorted({f.regla for f in record.auditoria}),
            "corregido": bool(record.correcciones)}


def _keep(row: dict[str, Any], unidad: str, estado: str, regla: str) -> bool:
    return ((not unidad or row["unidad"] == unidad) and (not estado or row["estado"] == estado)
            and (not regla or regla in row["reglas"]))


@pages.get("/")
def listing() -> str:
    """The documents read, filtered by unit, estado and rule."""
    space = workspace()
    reading, snapshot = space.view()
    rows = [_row(r) for r in snapshot.records]
    unidad, estado, regla = (request.args.get(k, "") for k in ("unidad", "estado", "regla"))
    shown = [r for r in rows if _keep(r, unidad, estado, regla)]
    units = sorted({r["unidad"] for r in rows if r["unidad"]})
    rules = sorted({g for r in rows for g in r["reglas"]})
    return render_template("lista.html", filas=shown, total=len(rows), unidades=units,
                           reglas=[(g, rule_name(g)) for g in rules], estados=ESTADOS,
                           filtro={"unidad": unidad, "estado": estado, "regla": regla},
                           lectura=reading, aceptados=",".join(accepted_suffixes()),
                           carpeta=space.settings.carpeta, sin_poa=snapshot.poa_error)


@pages.post("/documentos")
def upload() -> Response:
    """Keep the uploaded documents in the catalog and read them."""
    space = workspace()
    files = [f for f in request.files.getlist("archivos") if f.filename]
    if not files:
        flash("Elija uno o más documentos para subir.", "error")
        return redirect(url_for(".listing"), code=303)
    added = 0
    for upload in files:
        name = display_name(upload.filename)
        data = upload.read()
        try:
            check_document(name, data)
        except UploadRefused as exc:
            flash(str(exc), "error")
            continue
        stored, new = space.add(name, data)
        added += new
        if not new:
            flash(f"«{name}» ya estaba (como «{stored}»): no se agregó de nuevo.", "aviso")
    if added:
        flash(f"{added} documento(s) agregado(s); leyéndolos…", "ok")
        space.start()
    return redirect(url_for(".listing"), code=303)


@pages.post("/leer")
def read_again() -> Response:
    """Read the folder again (documents added to it since are taken in)."""
    workspace().start()
    return redirect(url_for(".listing"), code=303)


@pages.post("/documentos/quitar")
def remove() -> Response:
    """Forget an uploaded document (its corrections stay in the catalog, for if it comes back)."""
    space = workspace()
    name = request.form.get("nombre", "")
    if name in space.snapshot.uploaded and space.uploads.remove(name):
        flash(f"Se quitó «{name}».", "ok")
        space.start()
    else:
        flash("Ese documento no es uno subido en esta página.", "error")
    return redirect(url_for(".listing"), code=303)


@pages.get("/estado.json")
def progress() -> Response:
    """How far the read in progress is (the list page polls it)."""
    return jsonify(workspace().reading.to_dict())

