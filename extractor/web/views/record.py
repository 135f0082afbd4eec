"""A document's page: the source page as an image beside its fields, findings linked to their
fields; editing a field, a function row or a function's operation saves a correction."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from extractor.corrections import FieldPathError, paths
from extractor.web.app import workspace
from extractor.web.fields import anchor, rule_name, sections
from extractor.web.preview import page_png, preview
from extractor.web.views.common import part_label, record_or_404, shown_name

pages = Blueprint("documento", __name__)
PREFIX = "c:"  # form inputs named "c:<field path>"


def _is_list(campo: str) -> bool:
    try:
        return paths.leaf(campo) in paths.STRING_LISTS
    except FieldPathError:
        return False


def _first_page(parte: dict[str, object] | None) -> int:
    pages_of = parte.get("paginas") if parte else None
    return int(pages_of[0]) if isinstance(pages_of, list) and pages_of and pages_of[0] else 1


@pages.get("/documento/<sha256>/<int:parte>")
def show(sha256: str, parte: int) -> str:
    """The document page."""
    space = workspace()
    record = record_or_404(sha256, parte)
    data = space.source(record)
    vista = preview(data, record.sha256) if data is not None else None
    page = request.args.get("pagina", type=int) or _first_page(record.parte)
    if vista is not None and vista.paginas:
        page = min(max(page, 1), vista.paginas)
    found, links = sections(record) if record.readable else ([], {})
    findings = [(f, links.get(n), rule_name(f.regla)) for n, f in enumerate(record.auditoria)]
    operations = space.snapshot.operations
    return render_template("documento.html", record=record, nombre=shown_name(record) + part_label(record),
                           secciones=found, hallazgos=findings, vista=vista, pagina=page,
                           operaciones=operations, correcciones=record.correcciones, parte=parte,
                           subido=record.archivo in space.snapshot.uploaded)


@pages.get("/documento/<sha256>/<int:parte>/pagina/<int:number>.png")
def page_image(sha256: str, parte: int, number: int) -> Response:
    """A page of the source document as an image."""
    record = record_or_404(sha256, parte)
    data = workspace().source(record)
    image = page_png(data, record.sha256, number) if data is not None else None
    if image is None:
        abort(404)
    return Response(image, mimetype="image/png", headers={"Cache-Control": "private, max-age=3600"})


@pages.post("/documento/<sha256>/<int:parte>/corregir")
def correct(sha256: str, parte: int) -> BaseResponse:
    """Keep the values typed in one form of the page as corrections."""
    space = workspace()
    record = record_or_404(sha256, parte)
    values: dict[str, Any] = {name[len(PREFIX):]: value for name, value in request.form.items()
                              if name.startswith(PREFIX)}
    for campo, value in values.items():  # a list is typed one item per line (an item may hold "; ")
        if _is_list(campo):
            values[campo] = value.splitlines()
    back = url_for(".show", sha256=sha256, parte=parte, pagina=request.form.get("pagina", type=int))
    try:
        made = space.correct(record, values)
    except FieldPathError as exc:
        flash(f"No se guardó: {exc}", "error")
        return redirect(back, code=303)
    if not made:
        flash("No había cambios que guardar.", "aviso")
        return redirect(back, code=303)
    names = ", ".join(c.campo for c in made)
    later = "; se verá aplicada cuando termine la lectura en curso" if space.reading.running else ""
    flash(f"Corrección guardada ({names}){later}.", "ok")
    return redirect(f"{back}#{anchor(made[0].campo)}", code=303)


@pages.post("/documento/<sha256>/<int:parte>/deshacer")
def undo(sha256: str, parte: int) -> BaseResponse:
    """Forget one correction: the value read comes back."""
    record = record_or_404(sha256, parte)
    campo = request.form.get("campo", "")
    if workspace().undo(record, campo):
        flash(f"Se deshizo la corrección de {campo}: vuelve el valor leído.", "ok")
    else:
        flash("Esa corrección ya no estaba guardada.", "aviso")
    return redirect(url_for(".show", sha256=sha256, parte=parte) + f"#{anchor(campo)}", code=303)


@pages.post("/documento/<sha256>/<int:parte>/mover")
def move(sha256: str, parte: int) -> BaseResponse:
    """Move a function to another operation of the POA (or to none)."""
    record = record_or_404(sha256, parte)
    index = request.form.get("indice", type=int)
    codigo = request.form.get("codigo", "")
    if index is None or not 0 <= index < len(record.funciones) or not record.funciones[index].linked:
        abort(400)
    try:
        made = workspace().move(record, index, codigo)
    except KeyError:
        abort(400)
    if made is not None:
        flash(f"Función movida a la operación {codigo}." if codigo else "La función quedó sin operación.", "ok")
    back = request.form.get("volver")
    if back == "poa":
        return redirect(url_for("poa.show"), code=303)
    return redirect(url_for(".show", sha256=sha256, parte=parte) + f"#{anchor(f'funciones[{index}].poa')}",
                    code=303)
