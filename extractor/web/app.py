"""The web application: Flask, its pages, CSRF protection, limits and Spanish error pages."""

from __future__ import annotations

import secrets
import sys
from typing import Any

from flask import Flask, current_app, render_template, request
from flask.globals import request_ctx
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from extractor.web.fields import anchor, rule_name, text_of
from extractor.web.security import protect
from extractor.web.settings import LOOPBACK, Settings
from extractor.web.workspace import Workspace

ERRORS = {
    400: ("Solicitud no válida", "El formulario llegó incompleto o con datos que no se pueden usar."),
    403: ("Acceso no permitido", "Esta página necesita el enlace con la clave de acceso que poai mostró al "
                                 "iniciarse. Pida el enlace a quien inició poai."),
    404: ("No encontrado", "La página o el documento que busca no existe (puede que se haya quitado o que haya "
                           "cambiado desde la última lectura)."),
    405: ("Acción no permitida", "Esa dirección no acepta esta acción."),
    413: ("Archivo demasiado grande", "Lo que intentó subir supera el límite de {limite} MB por envío. Suba "
                                      "menos documentos a la vez o revise que sea el documento correcto."),
    500: ("Error inesperado", "poai tuvo un error inesperado al preparar esta página. Lo que estaba guardado "
                              "sigue guardado; vuelva a intentarlo e informe al equipo de poai si se repite."),
}


def create_app(settings: Settings, workspace: Workspace | None = None) -> Flask:
    """The application serving ``workspace`` (one made from ``settings`` when not given)."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret or secrets.token_bytes(32),
        MAX_CONTENT_LENGTH=settings.limite,
        MAX_FORM_MEMORY_SIZE=1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,  # a page left open all day still saves
        WTF_CSRF_SSL_STRICT=False,
        SESSION_COOKIE_NAME="poai_sesion",
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_HTTPONLY=True,
    )
    if not settings.open_to_network:
        app.config["TRUSTED_HOSTS"] = [LOOPBACK, "localhost"]
    CSRFProtect(app)
    protect(app, settings.token if settings.open_to_network else None)
    app.extensions["poai"] = workspace or Workspace(settings)
    app.extensions["poai_settings"] = settings

    from extractor.web.views import documents, download, poa, record

    for module in (documents, record, poa, download):
        app.register_blueprint(module.pages)
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(Exception, _unexpected)
    app.jinja_env.globals.update(settings=settings)
    app.jinja_env.filters.update(mb=lambda size: f"{size / 1048576:.0f}", valor=_value, ancla=anchor,
                                 regla=rule_name, numero=_number)
    return app


def _value(value: Any) -> str:
    if isinstance(value, dict) and "codigo" in value:
        return f"{value['codigo']} · {value.get('operacion') or ''}"
    return text_of(value)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}".replace(".", ",")


def workspace() -> Workspace:
    """The workspace of the application serving the current request."""
    found: Workspace = current_app.extensions["poai"]
    return found


def _page(code: int, **extra: Any) -> tuple[str, int]:
    title, message = ERRORS.get(code, ERRORS[500] if code >= 500 else ERRORS[400])
    message = message.format(limite=current_app.config["MAX_CONTENT_LENGTH"] // 1048576)
    if request_ctx.url_adapter is None:  # a request to another host name: no page links can be built
        return f"<!doctype html><html lang=\"es\"><title>{title}</title><h1>{title}</h1></html>", code
    return render_template("error.html", code=code, titulo=title, mensaje=message, **extra), code


def _csrf(error: CSRFError) -> tuple[str, int]:
    return render_template("error.html", code=400, titulo="Formulario vencido o de otro sitio",
                           mensaje="El formulario no trae la marca de seguridad de esta página (la página se abrió "
                                   "antes de reiniciar poai, o el envío vino de otro sitio). Vuelva a abrir la página "
                                   "y repita el cambio."), 400


def _http(error: HTTPException) -> tuple[str, int]:
    return _page(error.code or 500)


def _unexpected(error: Exception) -> tuple[str, int]:
    # The console of whoever started poai gets one line; the detail (traceback) only with --verbose.
    if current_app.extensions["poai_settings"].verbose:
        current_app.logger.exception("error inesperado")
    else:
        print(f"poai web: error inesperado en {request.path} ({type(error).__name__}): {error}.", file=sys.stderr)
    return _page(500)
