"""Serving the web application with waitress until Ctrl-C, and opening it in the browser."""

from __future__ import annotations

import signal
import socket
import threading
import webbrowser
from collections.abc import Callable
from types import FrameType

from extractor.web.app import create_app
from extractor.web.settings import Settings
from extractor.web.workspace import Workspace

THREADS = 6


class PortInUse(OSError):
    """The port asked for is taken (or not allowed)."""


def addresses(settings: Settings, port: int) -> tuple[str, str | None]:
    """The address to open on this computer, and the one to give others on the network (with the token)."""
    query = f"?token={settings.token}" if settings.open_to_network and settings.token else ""
    local = f"http://127.0.0.1:{port}/{query}"
    if not settings.open_to_network:
        return local, None
    host = socket.gethostname() if settings.host in ("0.0.0.0", "::") else settings.host
    return local, f"http://{host}:{port}/{query}"


def serve(settings: Settings, *, open_browser: bool = True, say: Callable[[str], None] = print) -> None:
    """Serve until Ctrl-C (or SIGTERM): the read in progress is stopped, the catalog left whole."""
    from waitress.server import create_server

    space = Workspace(settings)
    app = create_app(settings, space)
    try:
        server = create_server(app, host=settings.host, port=settings.puerto, threads=THREADS, ident="poai")
    except OSError as exc:
        space.close()
        raise PortInUse(f"No se puede usar el puerto {settings.puerto} en {settings.host}: "
                        "ya está en uso por otro programa o no está permitido.") from exc
    port = int(server.effective_port)
    local, network = addresses(settings, port)
    say(f"poai web: abra {local} en el navegador.")
    if network is not None:
        say(f"Desde otras computadoras de la red: {network}")
        say("Comparta este enlace solo con quien deba revisar los documentos: la clave da acceso a todo.")
    say(f"Catálogo: {space.catalog_path}")
    say("Pulse Ctrl-C para detener poai web.")
    space.start()
    if open_browser:
        threading.Timer(0.6, webbrowser.open, args=(local,)).start()
    # Ctrl-C and SIGTERM both stop the server (even where the shell started it with SIGINT ignored).
    previous = {number: signal.signal(number, _interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.run()  # returns on Ctrl-C: waitress closes its sockets and threads
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        server.close()
        space.close()
        say("poai web detenido.")


def _interrupt(_number: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt
