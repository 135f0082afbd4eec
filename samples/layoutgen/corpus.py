"""Make, read and score generated documents: one (seed, index) → one document and its expected record.

Every random choice comes from ``random.Random`` seeded with ``"{seed}:{index}:<part>"``, so the
same pair always gives the same content, layout and file. Documents are made and read in
worker processes; Word files meant for LibreOffice are converted in batches between the two.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
for _p in (ROOT, ROOT / "samples"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from layoutgen.compose import Composed, compose  # noqa: E402
from layoutgen.expected import expected_record  # noqa: E402
from layoutgen.fiction import draw_content  # noqa: E402
from layoutgen.layout import Layout, draw_layout  # noqa: E402
from layoutgen.score import DocResult, compare, doc_words  # noqa: E402

FORMATS = ["pdf", "docx", "txt"]
_EXT = {"pdf": ".pdf", "docx": ".docx", "txt": ".txt", "lo": ".pdf"}


@dataclass
class Made:
    """A generated document: where it is, how it looks, what it must give."""

    seed: int
    index: int
    layout: Layout
    path: Path
    expected: dict[str, Any]
    used: set[str]


def draw(seed: int, index: int, formats: list[str]) -> tuple[dict[str, Any], Layout, Composed]:
    """Content, layout and composed elements of document ``index`` of ``seed`` (no file written)."""
    formato = random.Random(f"{seed}:{index}:formato").choice(formats)
    content = draw_content(random.Random(f"{seed}:{index}:content"))
    layout = draw_layout(random.Random(f"{seed}:{index}:layout"), formato)
    composed = compose(content, layout, random.Random(f"{seed}:{index}:compose"))
    # A value's word wider than its column would break mid-word and could not be read back: draw the
    # document again smaller (font size, then landscape), as its author would have.
    while composed.overflow and (layout.size > 7.0 or not layout.landscape):
        if layout.size > 7.0:
            layout.size = max(7.0, layout.size - 1.0)
        else:
            layout.landscape = True
        composed = compose(content, layout, random.Random(f"{seed}:{index}:compose"))
    return content, layout, composed


def make(seed: int, index: int, folder: Path, formats: list[str]) -> Made:
    """Write document ``index`` of ``seed`` into ``folder`` (a .docx for "lo": convert it afterwards)."""
    from reportlab import rl_config

    rl_config.invariant = 1  # the same (seed, index) gives the same bytes
    _content, layout, composed = draw(seed, index, formats)
    stem = f"poai_{seed}_{index:05d}"
    if layout.formato == "pdf":
        from layoutgen.pdffile import render_pdf

        path = folder / f"{stem}.pdf"
        # reportlab cannot split some tables with spanned cells across pages (its Table.draw
        # fails on a missing span cell): such a document's rows are not cut, then its header is
        # not repeated, then it turns its pages (other breaks); its layout says so.
        for fallback in ("split_rows", "repeat_header", "landscape", None):
            try:
                render_pdf(composed, layout, path)
                break
            except KeyError:
                if fallback is None:
                    raise
                if fallback == "landscape":
                    layout.landscape = not layout.landscape
                    composed = compose(_content, layout, random.Random(f"{seed}:{index}:compose"))
                else:
                    setattr(layout, fallback, False)
    elif layout.formato == "txt":
        from layoutgen.textfile import render_txt

        path = folder / f"{stem}.txt"
        render_txt(composed, layout, path)
    else:
        from layoutgen.wordfile import render_docx

        path = folder / (f"{stem}_lo.docx" if layout.formato == "lo" else f"{stem}.docx")
        render_docx(composed, layout, path)
    return Made(seed, index, layout, path, expected_record(composed, layout), composed.used)


def write_sidecars(made: Made) -> None:
    """``x.expected.json`` (the content fields) and ``x.layout.json`` beside the document."""
    base = made.path.with_suffix("")
    Path(f"{base}.expected.json").write_text(
        json.dumps(made.expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    Path(f"{base}.layout.json").write_text(
        json.dumps(
            {"seed": made.seed, "index": made.index, "layout": made.layout.__dict__},
            ensure_ascii=False,
            indent=1,
            default=list,
        )
        + "\n",
        encoding="utf-8",
    )


def score(made: Made) -> DocResult:
    """Read ``made`` with ``extractor.extract`` and compare it with its expected record."""
    import extractor

    result = DocResult(
        made.seed,
        made.index,
        made.layout.formato,
        str(made.path),
        made.layout.features(),
        doc_words(made.layout, made.used),
        layout=made.layout.describe(),
    )
    try:
        record = extractor.extract(made.path)
    except Exception as exc:  # a crash is a finding, not the end of the run
        record = {}
        result.error = f"{type(exc).__name__}: {exc}"[:300] + "\n" + traceback.format_exc(limit=-2)[-600:]
    if record.get("estado") == "error":
        result.error = json.dumps(record.get("error"), ensure_ascii=False)
    result.fields = compare(made.expected, record)
    return result


def libreoffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(made: list[Made], batch: int = 40) -> None:
    """Turn the "lo" documents' .docx into PDF with LibreOffice, in batches; paths are updated."""
    soffice = libreoffice()
    todo = [m for m in made if m.layout.formato == "lo"]
    if not todo:
        return
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) no está instalado")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "perfil").as_uri()
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    *(str(m.path) for m in chunk),
                ],
                check=True,
                capture_output=True,
                timeout=900,
            )
            for m in chunk:
                target = m.path.with_name(m.path.name.replace("_lo.docx", "_lo.pdf"))
                shutil.move(Path(tmp, m.path.stem + ".pdf"), target)
                m.path.unlink()
                m.path = target


def _make_job(args: tuple[int, int, str, list[str], bool]) -> Made:
    seed, index, folder, formats, sidecars = args
    made = make(seed, index, Path(folder), formats)
    if sidecars:
        write_sidecars(made)
    return made


def generate(
    seed: int, indices: Iterable[int], folder: Path, formats: list[str], workers: int = 2, sidecars: bool = True
) -> list[Made]:
    """Make every document (in ``workers`` processes), then convert the LibreOffice ones."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(seed, i, str(folder), formats, sidecars) for i in indices]
    if workers <= 1:
        made = [_make_job(j) for j in jobs]
    else:
        with ProcessPoolExecutor(workers) as pool:
            made = list(pool.map(_make_job, jobs, chunksize=8))
    convert(made)
    return made


def score_all(made: list[Made], workers: int = 2) -> Iterator[DocResult]:
    """Read and score every document, in order."""
    if workers <= 1:
        yield from map(score, made)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(score, made, chunksize=4)
