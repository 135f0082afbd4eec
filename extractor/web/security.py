"""Who may use the server: this computer only, or the office network with the access token.

On 127.0.0.1 the server answers only requests addressed to this computer (a page elsewhere
cannot reach it through a name that points here). Opened to the network, every request needs the
access token: given once in the address (``?token=…``), it is then kept in a cookie and the
address is cleaned of it. Pages say the browser must not frame them, send them elsewhere, or run
scripts but the server's own.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from flask import Flask, Response, abort, redirect, request
from werkzeug.wrappers import Response as BaseResponse

COOKIE = "poai_acceso"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def new_token() -> str:
    """A fresh access token (printed when the server starts)."""
    return secrets.token_urlsafe(24)


def protect(app: Flask, token: str | None) -> None:
    """Ask for ``token`` on every request (None: this computer only) and set the pages' headers."""

    @app.before_request
    def _check() -> BaseResponse | None:
        if token is None:
            return None
        given = request.args.get("token")
        if given is not None and secrets.compare_digest(given, token):
            query = urlencode([(k, v) for k, v in request.args.items(multi=True) if k != "token"])
            response = redirect(request.path + (f"?{query}" if query else ""), code=303)
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
            return response
        kept = request.cookies.get(COOKIE)
        if kept is None or not secrets.compare_digest(kept, token):
            abort(403)
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
