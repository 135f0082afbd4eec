"""The ``poai`` command: parse options, call the library, report in Spanish.

The options live in :mod:`extractor.cli_args`; here each subcommand calls the library once and
turns what it returns into Spanish lines on the terminal and an exit status.
"""

from __future__ import annotations

import argparse
import getpass
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from extractor.api import Batch, Options, RunSummary, Tables, count, protected_inputs, run
from extractor.batch import Progress
from extractor.checks.rules import load_rules
from extractor.cli_args import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, build_parser, subcommand, subcommands, suggestion
from extractor.cli_fix import fix
from extractor.errors import PoaiError, UsageError, os_reason
from extractor.inputs import collect_inputs
from extractor.model.record import Record
from extractor.poa.matching import DEFAULT_THRESHOLD
from extractor.web.cli import web_command
from extractor.writers.jsonl import JsonLinesWriter, dumps
from extractor.writers.report import AuditReport, MatchTable

__all__ = ["EXIT_OK", "EXIT_SOME_FAILED", "EXIT_USAGE", "build_parser", "main"]
PASSWORD_VARIABLE = "POAI_PASSWORD"
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM, as shells report them


# What to tell a user about the option that changes the setting an error names (``ajuste``).
_HINTS = {
    "contrasena": f"Indique la contraseña con --password CLAVE o en la variable de entorno {PASSWORD_VARIABLE}.",
    "tiempo": "Puede aumentar el límite con --timeout SEGUNDOS.",
    "catalogo": "Indique otro catálogo con --cache ARCHIVO o use --no-cache.",
    "poa": "Páselo con --poa ARCHIVO.",
}


def _hint(ajuste: str | None) -> str:
    return f" {_HINTS[ajuste]}" if ajuste in _HINTS else ""


def _parse(parser: argparse.ArgumentParser, words: list[str]) -> argparse.Namespace | int:
    """The options of a command line, or the exit status when there is nothing to run."""
    if not words:  # ``poai`` alone: what it can do
        parser.print_help()
        return EXIT_OK
    if not words[0].startswith("-") and words[0] not in subcommands(parser):
        names = subcommands(parser)
        parser.print_usage(sys.stderr)
        print(f"poai: error: orden desconocida: «{words[0]}»{suggestion(words[0], names) or '.'} "
              f"Órdenes: {', '.join(names)}. Vea «poai --ayuda».", file=sys.stderr)
        return EXIT_USAGE
    try:
        args, extra = parser.parse_known_args(words)
        if extra:  # told by the subcommand, with its usage and the option probably meant
            subcommand(parser, args.orden).error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exc:  # help, version and usage errors
        return int(exc.code or 0)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``poai`` command; returns the exit status."""
    args = _parse(build_parser(), list(sys.argv[1:] if argv is None else argv))
    if isinstance(args, int):
        return args
    previous = _stop_on_term()
    try:
        return _COMMANDS[args.orden](args)
    except PoaiError as exc:
        print(f"poai: error: {exc.mensaje}{_hint(exc.ajuste)}", file=sys.stderr)
        return EXIT_USAGE
    except _Terminated:
        print("\npoai: detenido (señal de terminación); no se escribió ninguna salida a medias y las "
              "salidas anteriores quedan como estaban.", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("\npoai: interrumpido; no se escribió ninguna salida a medias.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output (``| head``) has gone: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # writing an output: disk full, permissions changed mid-run …
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"poai: error: no se pudo escribir una salida{where}: {os_reason(exc)}. "
              "Las salidas anteriores quedan como estaban.", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - a traceback never reaches a user unless asked for
        if getattr(args, "verbose", False):
            traceback.print_exc()
        print(f"poai: error inesperado ({type(exc).__name__}): {exc}. Las salidas anteriores quedan como "
              "estaban; informe este mensaje al equipo de poai (con --verbose se ve el detalle).", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class _Terminated(KeyboardInterrupt):
    """SIGTERM (what ``kill`` and service managers send): the run stops as Ctrl-C stops it, its
    temporary files removed and the previous outputs left intact."""


_MAIN_PID: list[int] = []


def _on_term(_signum: int, _frame: object) -> None:
    if _MAIN_PID and os.getpid() != _MAIN_PID[0]:
        # A worker forked a moment ago, before its pool set its own handler: a TERM sent to the
        # whole process group ends it quietly, as its pool would (no traceback on the terminal).
        os._exit(EXIT_TERMINATED)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second TERM must not cut the clean-up short
    raise _Terminated


def _stop_on_term() -> Any:
    """Handle SIGTERM like Ctrl-C while a command runs; returns the handler to restore."""
    if threading.current_thread() is not threading.main_thread():
        return None  # signals reach the main thread only
    _MAIN_PID[:] = [os.getpid()]
    return signal.signal(signal.SIGTERM, _on_term)


class _Bar:
    """A progress bar on stderr: done/total (the number of inputs), the current file and the time left."""

    def __init__(self, enabled: bool = True) -> None:
        self.bar: Any = None
        self.enabled = enabled

    def __call__(self, done: int, total: int, path: str) -> None:
        if not self.enabled:
            return
        self._open(total)
        self.bar.set_postfix_str(Path(path).name, refresh=False)
        self.bar.update(done - self.bar.n)

    def page(self, path: str, number: int, pages: int) -> None:
        """A page of a scan read by OCR: the bar says which, while the document is still being read."""
        if not self.enabled:
            return
        self._open(None)
        self.bar.set_postfix_str(f"{Path(path).name}: página {number} de {pages} (OCR)")

    def _open(self, total: int | None) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=sys.stderr, unit="doc", disable=None, dynamic_ncols=True,
                            desc="Leyendo",
                            bar_format="{desc} {n_fmt}/{total_fmt} |{bar}| quedan {remaining}{postfix}")
        elif total is not None and self.bar.total is None:
            self.bar.total = total

    def close(self, note: str = "") -> None:
        """Close the bar, leaving ``note`` (how many inputs were repeats) where the file name was."""
        if self.bar is not None:
            self.bar.set_postfix_str(note, refresh=True)
            self.bar.close()
            self.bar = None


def _say(args: argparse.Namespace) -> Callable[[str], None]:
    """Where a subcommand's messages go: stderr, or nowhere with --quiet."""
    if args.quiet:
        return lambda text: None
    return lambda text: print(text, file=sys.stderr)


def _documents(summary: RunSummary) -> str:
    """"45 documentos (12 POAI distintos; 2 archivos repetidos)"."""
    notes = []
    if summary.read and summary.poais != summary.read:
        notes.append(f"{summary.poais} POAI {'distinto' if summary.poais == 1 else 'distintos'}: los demás son "
                     "el mismo POAI en otro archivo")
    if summary.repeated:
        notes.append(f"{summary.repeated} {'repetido' if summary.repeated == 1 else 'repetidos'}")
    return f"{summary.total} documentos" + (f" ({'; '.join(notes)})" if notes else "")


def _report(summary: RunSummary, out: Callable[[str], None], verbose: bool = False) -> None:
    unreadable = len(summary.unreadable)
    out(f"Resumen: {_documents(summary)}; {summary.read} leídos "
        f"({summary.with_findings} con observaciones); {unreadable} ilegibles.")
    for entry in summary.unreadable:
        out(f"  - {entry['archivo']}: {entry.get('mensaje', '')}{_hint(entry.get('ajuste'))} "
            f"[{entry.get('codigo', '')}]")
    if summary.from_catalog or verbose:
        out(f"{summary.from_catalog} documentos tomados del catálogo, {summary.parsed} leídos de nuevo.")
    for path in summary.outputs:
        out(f"Escrito: {path}")


def _interactive() -> bool:
    """Is someone at a terminal to answer a question?"""
    return sys.stdin is not None and sys.stdin.isatty() and sys.stderr.isatty()


def _password(args: argparse.Namespace) -> str | None:
    """--password, else $POAI_PASSWORD, else a prompt when a terminal is there and a PDF needs one."""
    if args.password is not None:
        return str(args.password)
    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
    if not _interactive():
        return None
    try:
        protected = protected_inputs(collect_inputs(args.entradas))
    except PoaiError:
        return None  # the batch says what is wrong with the inputs
    if not protected:
        return None
    which = Path(protected[0]).name + (f" y {len(protected) - 1} más" if len(protected) > 1 else "")
    return getpass.getpass(f"Contraseña de los PDF protegidos ({which}): ", stream=sys.stderr) or None


def _options(args: argparse.Namespace, use_cache: bool) -> Options:
    """The batch options every subcommand shares."""
    if getattr(args, "rutas_compartidas", False) and not getattr(args, "cluster", None):
        raise UsageError("--rutas-compartidas solo tiene sentido junto con --cluster DIRECCION.")
    return Options(workers=args.workers, cache=args.cache, use_cache=use_cache, timeout=args.timeout,
                   password=_password(args), rules=load_rules(args.reglas) if args.reglas else None,
                   poa=getattr(args, "poa", None), threshold=getattr(args, "umbral", DEFAULT_THRESHOLD),
                   poa_unit=getattr(args, "unidad", None), ocr=args.ocr,
                   cluster=getattr(args, "cluster", None), shared_paths=getattr(args, "rutas_compartidas", False))


def _batch(args: argparse.Namespace, *, outputs: tuple[Path | None, ...] = (), folders: tuple[Path | None, ...] = (),
           beside: Path | None = None, progress: Progress | None = None) -> Batch:
    """The batch of a reading subcommand (extract, audit, match): a catalog only where asked."""
    use_cache = not args.no_cache and (args.cache is not None or beside is not None)
    return Batch(args.entradas, _options(args, use_cache), outputs=outputs, folders=folders, beside=beside,
                 progress=progress)


def _unreadable(records: list[Record]) -> None:
    for record in records:
        if record.error is not None:
            print(f"poai: {record.archivo}: {record.error.mensaje}{_hint(record.error.ajuste)}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    if args.csv_excel and args.csv is None:
        print("poai: error: --csv-excel indica cómo escribir los CSV; úselo junto con --csv CARPETA.", file=sys.stderr)
        return EXIT_USAGE
    bar = _Bar(enabled=not args.quiet)
    options = _options(args, not args.no_cache)
    try:
        summary = run(args.entradas, args.salida, json_path=args.json, csv_dir=args.csv, workers=options.workers,
                      cache=options.cache, use_cache=options.use_cache, rules=options.rules, poa=options.poa,
                      threshold=options.threshold, timeout=options.timeout, password=options.password,
                      progress=bar, poa_unit=options.poa_unit, ocr=options.ocr, csv_excel=args.csv_excel,
                      cluster=options.cluster, shared_paths=options.shared_paths)
        bar.close(f"({summary.repeated} repetidos)" if summary.repeated else "")
    finally:
        bar.close()
    _report(summary, _say(args), args.verbose)
    return EXIT_SOME_FAILED if summary.unreadable else EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    bar = _Bar(enabled=not args.quiet) if args.json is not None else None
    try:
        with _batch(args, outputs=(args.json,), beside=args.json, progress=bar) as batch:
            records = batch.records()
            if args.json is not None:
                writer = JsonLinesWriter(args.json)
                try:
                    writer.add(records)
                except BaseException:
                    writer.abort()
                    raise
                writer.close()
            elif len(batch.files) == 1:
                print(dumps(next(records), indent=2))
            else:
                for record in records:
                    print(dumps(record))
            stats = batch.stats
    finally:
        if bar is not None:
            bar.close()
    if args.json is not None:
        _unreadable(stats.errors)
        read = stats.total - len(stats.errors)
        _say(args)(f"poai: {read} de {stats.total} documentos leídos; registros en {args.json}")
    return EXIT_SOME_FAILED if stats.errors else EXIT_OK


def _tables(args: argparse.Namespace, batch: Batch, each: Callable[[Record], None]) -> RunSummary:
    """Stream a report command's records through ``each`` and its --csv/--json tables."""
    summary = RunSummary(total=len(batch.files))
    tables = Tables(args.csv, args.json, with_coverage=batch.coverage is not None)
    try:
        for record in batch.records():
            count(record, summary)
            each(record)
            tables.add(record)
    except BaseException:
        tables.abort()
        raise
    tables.close(batch.coverage.rows() if batch.coverage is not None else None)
    summary.outputs = tables.outputs
    return summary


def _written(args: argparse.Namespace, summary: RunSummary) -> None:
    say = _say(args)
    if summary.poais != summary.read or summary.repeated:
        say(f"poai: {_documents(summary)}.")
    for path in summary.outputs:
        say(f"Escrito: {path}")


def _match(args: argparse.Namespace) -> int:
    table = MatchTable()

    def show(record: Record) -> None:
        for line in table.add(record):
            print(line)

    with _batch(args, outputs=(args.json,), folders=(args.csv,)) as batch:
        summary = _tables(args, batch, show)
        assert batch.coverage is not None  # --poa is required for match
        for line in table.coverage(batch.coverage.rows()):
            print(line)
    _unreadable(batch.stats.errors)
    _written(args, summary)
    return EXIT_SOME_FAILED if batch.stats.errors else EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    report = AuditReport()

    def show(record: Record) -> None:
        for line in report.add(record):
            print(line)

    with _batch(args, outputs=(args.json,), folders=(args.csv,)) as batch:
        summary = _tables(args, batch, show)
    for line in report.totals():
        print(line)
    _written(args, summary)
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def _poa(args: argparse.Namespace) -> int:
    from extractor.poa.describe import describe
    from extractor.poa.loader import load_poa

    for line in describe(load_poa(args.archivo, args.unidad), args.nodos):
        print(line)
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": _run, "extract": _extract, "match": _match, "audit": _audit, "poa": _poa, "corregir": fix,
    "web": web_command,
}


if __name__ == "__main__":
    sys.exit(main())
