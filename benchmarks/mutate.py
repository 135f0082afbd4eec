"""Mutated files: the committed samples damaged byte by byte, read by the library, and what came out.

    python benchmarks/mutate.py --n 3000 --seed 15            # the run of BENCHMARKS.md ("Archivos mutados")
    python benchmarks/mutate.py --n 200 --seed 1 --keep /tmp/m  # keep the mutated files to look at them

Every mutated file is built from one committed sample of ``samples/poai/`` (PDF, DOCX, XLSX,
TXT) by one mutation chosen with a seeded generator (the same ``--seed`` and ``--n`` build the
same files, byte for byte): truncation, bit flips, a range overwritten with random bytes, and
damage to each format's structure — for PDF the cross-reference table (offsets shifted,
``startxref`` removed or wrong, the table overwritten) and the compressed streams (FlateDecode
data flipped or cut); for DOCX and XLSX the zip (an entry's compressed data flipped, the
central directory damaged, a part missing, a part's XML cut or with a tag removed); for text
NUL bytes and legacy 8-bit bytes. The files are read through the library's batch API
(:func:`extractor.api.audited_records`: worker processes, time limit) and the command reports:

- inputs and records (every input must give at least one record);
- tracebacks: records whose error is the batch's generic one — an exception that escaped a
  reader — with the exception and where it was raised (found by reading the file again in
  this process);
- the codes (``ok``, ``parcial``, error codes) by mutation;
- records ``ok`` with garbage: a value made only of symbols, a heading or label of the layout
  taken as a value, or a value of the sample with its spaces lost (compared with the sample's
  expected record, never with what the reader is unsure of);
- PDFs with a damaged cross-reference table: how many were read, and whether ``pdftotext``
  (when installed) reads them.

``--json`` writes the figures as JSON (the CI test uses :func:`run` directly).
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "samples" / "poai"
FORMATS = ("pdf", "docx", "xlsx", "txt")
# The batch's message for an exception that escaped a reader ("No se pudo leer el documento (KeyError) …").
GENERIC = re.compile(r"^No se pudo leer el documento \((\w+)\)|^El proceso de lectura terminó de forma inesperada")
# Mutations of a PDF's cross-reference table: pdftotext reads such files, so poai must too.
XREF_MUTATIONS = ("xref_offsets", "xref_zeroed", "xref_overwritten", "startxref_removed", "startxref_wrong")

Mutation = Callable[[bytes, random.Random], bytes]


# --- mutations common to every format ---------------------------------------------------------

def truncate(data: bytes, rng: random.Random) -> bytes:
    """The file cut at a random point (a download or a copy that stopped)."""
    return data[: rng.randint(1, max(1, len(data) - 1))]


def bit_flips(data: bytes, rng: random.Random) -> bytes:
    """A few random bits flipped (a bad disk or memory)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def overwrite(data: bytes, rng: random.Random) -> bytes:
    """A range of the file overwritten with random bytes."""
    size = rng.randint(8, max(8, len(data) // 20))
    start = rng.randrange(max(1, len(data) - size))
    return data[:start] + rng.randbytes(size) + data[start + size:]


# --- PDF ----------------------------------------------------------------------------------------

_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) n")


def _xref_table(data: bytes) -> tuple[int, int]:
    """Where the last classic cross-reference table starts and ends (``xref`` … ``trailer``)."""
    start = data.rfind(b"\nxref")
    end = data.find(b"trailer", start)
    return (start + 1, end) if start >= 0 and end > start else (-1, -1)


def xref_offsets(data: bytes, rng: random.Random) -> bytes:
    """Object offsets of the cross-reference table shifted (a file edited by hand or re-encoded)."""
    start, end = _xref_table(data)
    if start < 0:
        return bit_flips(data, rng)
    shift = rng.choice([-7, -1, 3, 50, 1000])
    every = rng.random() < 0.5

    def moved(match: re.Match[bytes]) -> bytes:
        if not every and rng.random() < 0.5:
            return match.group(0)
        offset = max(0, int(match.group(1)) + shift)
        return b"%010d %s n" % (offset, match.group(2))

    return data[:start] + _XREF_ENTRY.sub(moved, data[start:end]) + data[end:]


def xref_zeroed(data: bytes, rng: random.Random) -> bytes:
    """The cross-reference table blanked: NUL bytes or spaces (a disk block lost)."""
    start, end = _xref_table(data)
    if start < 0:
        return overwrite(data, rng)
    return data[:start] + rng.choice([b"\0", b" "]) * (end - start) + data[end:]


def xref_overwritten(data: bytes, rng: random.Random) -> bytes:
    """The cross-reference table overwritten with junk that looks like table entries (digits,
    "n", "x"): pdfium and pdftotext cannot open most such files, poai must say they are damaged."""
    start, end = _xref_table(data)
    if start < 0:
        return overwrite(data, rng)
    junk = bytes(rng.choice(b" 0123456789xn\n") for _ in range(end - start))
    return data[:start] + junk + data[end:]


def startxref_removed(data: bytes, rng: random.Random) -> bytes:
    """The ``startxref`` keyword and its offset removed (the file's end lost its pointer)."""
    at = data.rfind(b"startxref")
    if at < 0:
        return truncate(data, rng)
    eof = data.find(b"%%EOF", at)
    return data[:at] + (data[eof:] if eof >= 0 and rng.random() < 0.5 else b"")


def startxref_wrong(data: bytes, rng: random.Random) -> bytes:
    """``startxref`` pointing somewhere else."""
    match = re.search(rb"startxref\s+(\d+)", data[-200:])
    if match is None:
        return truncate(data, rng)
    at = len(data) - 200 + match.start(1) if len(data) > 200 else match.start(1)
    wrong = str(rng.randrange(len(data))).encode()
    return data[:at] + wrong + data[at + len(match.group(1)):]


_STREAM = re.compile(rb"stream\r?\n")


def _flate_streams(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of the data of every FlateDecode stream."""
    spans = []
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 300): match.start()]
        if b"FlateDecode" not in head[head.rfind(b"obj"):]:
            continue
        end = data.find(b"endstream", match.end())
        if end > match.end():
            spans.append((match.end(), end))
    return spans


def flate_flipped(data: bytes, rng: random.Random) -> bytes:
    """A few bytes of one compressed (FlateDecode) stream flipped: zlib errors or damaged content."""
    spans = _flate_streams(data)
    if not spans:
        return bit_flips(data, rng)
    start, end = rng.choice(spans)
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        out[rng.randrange(start, end)] ^= rng.randint(1, 255)
    return bytes(out)


def flate_cut(data: bytes, rng: random.Random) -> bytes:
    """One compressed stream's data cut short (its ``endstream`` kept)."""
    spans = _flate_streams(data)
    if not spans:
        return truncate(data, rng)
    start, end = rng.choice(spans)
    cut = rng.randint(start, max(start, end - 2))
    return data[:cut] + b"\n" + data[end:]


def lengths_wrong(data: bytes, rng: random.Random) -> bytes:
    """Every stream's ``/Length`` changed."""
    return re.sub(rb"/Length (\d+)", lambda m: b"/Length %d" % max(0, int(m.group(1)) + rng.randint(-40, 40)), data)


# --- DOCX and XLSX (zip packages) ---------------------------------------------------------------

def _entries(data: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.infolist()


def _main_parts(names: list[str]) -> list[str]:
    wanted = ("word/document.xml", "word/styles.xml", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml",
              "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "xl/_rels/workbook.xml.rels")
    return [n for n in names if n in wanted or n.startswith("xl/worksheets/sheet")]


def zip_entry_flipped(data: bytes, rng: random.Random) -> bytes:
    """A few bytes of one main part's compressed data flipped (zlib or CRC error on unpacking)."""
    infos = [i for i in _entries(data) if i.filename in _main_parts([i.filename for i in _entries(data)])]
    info = rng.choice(infos)
    header = info.header_offset
    name_len, extra_len = int.from_bytes(data[header + 26: header + 28], "little"), \
        int.from_bytes(data[header + 28: header + 30], "little")
    start = header + 30 + name_len + extra_len
    end = start + max(1, info.compress_size)
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(start, end)] ^= rng.randint(1, 255)
    return bytes(out)


def zip_directory_damaged(data: bytes, rng: random.Random) -> bytes:
    """The zip's central directory overwritten in part."""
    at = data.rfind(b"PK\x01\x02")
    first = data.find(b"PK\x01\x02")
    if first < 0:
        return overwrite(data, rng)
    start = rng.randint(first, max(first, at))
    size = rng.randint(4, 60)
    return data[:start] + rng.randbytes(size) + data[start + size:]


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The package written again with each part changed by ``change`` (None: the part left out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                target.writestr(info.filename, content)
    return out.getvalue()


def _pick_part(data: bytes, rng: random.Random) -> str:
    return rng.choice(_main_parts([i.filename for i in _entries(data)]))


def part_missing(data: bytes, rng: random.Random) -> bytes:
    """One main part (the document, its styles, relationships, a sheet …) left out of the package."""
    name = _pick_part(data, rng)
    return rezip(data, lambda n, content: None if n == name else content)


def part_xml_cut(data: bytes, rng: random.Random) -> bytes:
    """One main part's XML cut short (well-formed zip, broken XML)."""
    name = _pick_part(data, rng)
    return rezip(data, lambda n, c: c[: rng.randint(0, len(c))] if n == name else c)


def part_tag_removed(data: bytes, rng: random.Random) -> bytes:
    """One main part with a few of its tags or attributes removed (XML that may still parse)."""
    name = _pick_part(data, rng)

    def change(n: str, content: bytes) -> bytes:
        if n != name:
            return content
        for _ in range(rng.randint(1, 5)):
            tags = list(re.finditer(rb"<[^<>]+>|\s[\w:]+=\"[^\"]*\"", content))
            if not tags:
                break
            tag = rng.choice(tags)
            content = content[: tag.start()] + content[tag.end():]
        return content

    return rezip(data, change)


# --- text ------------------------------------------------------------------------------------------

def nul_bytes(data: bytes, rng: random.Random) -> bytes:
    """NUL bytes scattered in the text (a copy from a damaged disk, UTF-16 read as bytes)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        out.insert(rng.randrange(len(out)), 0)
    return bytes(out)


def legacy_bytes(data: bytes, rng: random.Random) -> bytes:
    """Some UTF-8 letters replaced with single 8-bit bytes (half of the file re-saved as Latin-1)."""
    text = data.decode("utf-8", errors="replace")
    cut = rng.randrange(len(text))
    return text[:cut].encode("utf-8") + text[cut:].encode("cp1252", errors="replace")


MUTATIONS: dict[str, dict[str, Mutation]] = {
    "pdf": {"truncate": truncate, "bit_flips": bit_flips, "overwrite": overwrite,
            "xref_offsets": xref_offsets, "xref_zeroed": xref_zeroed, "xref_overwritten": xref_overwritten,
            "startxref_removed": startxref_removed, "startxref_wrong": startxref_wrong,
            "flate_flipped": flate_flipped, "flate_cut": flate_cut, "lengths_wrong": lengths_wrong},
    "docx": {"truncate": truncate, "bit_flips": bit_flips, "overwrite": overwrite,
             "zip_entry_flipped": zip_entry_flipped, "zip_directory_damaged": zip_directory_damaged,
             "part_missing": part_missing, "part_xml_cut": part_xml_cut, "part_tag_removed": part_tag_removed},
    "txt": {"truncate": truncate, "bit_flips": bit_flips, "overwrite": overwrite, "nul_bytes": nul_bytes,
            "legacy_bytes": legacy_bytes},
}
MUTATIONS["xlsx"] = MUTATIONS["docx"]


@dataclass(frozen=True)
class Mutant:
    """One mutated file: its name, the sample it comes from and the mutation applied."""

    name: str
    source: Path
    mutation: str
    data: bytes


def samples() -> list[Path]:
    """The committed samples that have an expected record, in name order."""
    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lstrip(".") in FORMATS
                  and (SAMPLES / f"{p.stem}.expected.json").exists())


def mutants(n: int, seed: int) -> Iterator[Mutant]:
    """``n`` mutated files: the i-th drawn from its own generator (seed, i), so any one is rebuilt alone.

    Formats take turns (PDF, DOCX, XLSX, TXT …) weighted by how many samples each has, at least
    one in ten for each, so that the one workbook sample is mutated as often as it deserves."""
    sources = samples()
    by_format = defaultdict(list)
    for path in sources:
        by_format[path.suffix.lstrip(".")].append(path)
    weights = {f: max(len(by_format[f]), len(sources) // 10) for f in FORMATS if by_format[f]}
    cache: dict[Path, bytes] = {}
    for index in range(n):
        rng = random.Random(f"{seed}:{index}")
        formato = rng.choices(list(weights), weights=list(weights.values()))[0]
        source = rng.choice(by_format[formato])
        mutation = rng.choice(sorted(MUTATIONS[formato]))
        data = cache.setdefault(source, source.read_bytes())
        mutated = MUTATIONS[formato][mutation](data, rng)
        yield Mutant(f"m{index:05d}_{mutation}_{source.stem}{source.suffix}", source, mutation, mutated)


# --- what came out --------------------------------------------------------------------------------

_SKIP_KEYS = {"archivo", "sha256", "formato", "plantilla", "estado", "error", "auditoria", "tipo", "parte", "ocr",
              "completitud", "codigo", "nivel", "grado"}


def text_values(record: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, value) for every text value of a record's content (not its metadata or findings)."""
    if isinstance(record, dict):
        for key, value in record.items():
            if key not in _SKIP_KEYS:
                yield from text_values(value, f"{path}.{key}" if path else key)
    elif isinstance(record, list):
        for index, value in enumerate(record):
            yield from text_values(value, f"{path}[{index}]")
    elif isinstance(record, str) and record.strip():
        yield path, record


def _squeeze(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if ch.isalnum())


def _layout_labels() -> set[str]:
    """Every heading and label of the layout data (several words), and the one-word headings
    that open a section alone, squeezed."""
    from extractor.layout.spec import vocabulary

    spec = vocabulary()
    tables = [spec.sections, spec.puesto, spec.aprobacion, *spec.columns.values()]
    labels = {_squeeze(s) for table in tables for synonyms in table.values() for s in synonyms if " " in s.strip()}
    return labels | {_squeeze(s) for key in spec.one_word_sections for s in spec.sections[key] if " " not in s.strip()}


def _redecoded(value: str) -> str:
    """``value`` as it reads when its characters are taken back to Windows-1252 bytes and decoded
    as UTF-8 (the undoing of UTF-8 read as Windows-1252)."""
    raw = bytearray()
    for ch in value:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            raw += ch.encode("latin-1", errors="replace") if ord(ch) < 0x100 else ch.encode("utf-8")
    return raw.decode("utf-8", errors="replace")


def _undone(value: str, squeezed_truth: dict[str, str]) -> bool:
    """Whether ``value`` is (part of) a value of the sample once its Windows-1252 reading is undone."""
    fixed = _redecoded(value)
    if fixed == value or "\ufffd" in fixed or len(_squeeze(fixed)) < 3:
        return False
    return any(_squeeze(fixed) in t for t in squeezed_truth)


def garbage(record: dict[str, Any], expected: dict[str, Any], labels: set[str]) -> list[tuple[str, str, str]]:
    """(path, value, class) for the values of ``record`` that are garbage, judged against the
    sample's ``expected`` record (a value of the sample is never garbage): illegible characters,
    UTF-8 read as Windows-1252 (it decodes back to a value of the sample), mostly symbols, a
    heading or label of the layout, or a value of the sample with its spaces lost."""
    truth = {value for _path, value in text_values(expected)}
    squeezed_truth = {_squeeze(v): v for v in truth}
    found = []
    for path, value in text_values(record):
        if value in truth:
            continue
        squeezed = _squeeze(value)
        glyphs = "".join(value.split())
        if any(unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") for ch in glyphs) or "\ufffd" in glyphs:
            found.append((path, value, "caracteres ilegibles"))
        elif _undone(value, squeezed_truth):
            found.append((path, value, "mal decodificado"))
        elif not squeezed or (len(glyphs) >= 6 and len(squeezed) < len(glyphs) / 2):
            found.append((path, value, "símbolos"))
        elif len(squeezed) >= 6 and squeezed in labels and squeezed not in squeezed_truth:
            found.append((path, value, "título del formulario"))
        elif _run_together(value, squeezed, squeezed_truth):
            found.append((path, value, "palabras pegadas"))
    return found


def _run_together(value: str, squeezed: str, squeezed_truth: dict[str, str]) -> bool:
    """Whether ``value`` holds a word that is several consecutive words of a sample's value
    joined (its spaces lost): at least three words, or two making 12 letters or more."""
    # Words as printed: a space a bit flip turned into "!" is no space lost.
    words = [_squeeze(w) for w in re.split(r"[\W_]+", value) if w]
    for original_squeezed, original in squeezed_truth.items():
        if len(squeezed) < 6 or squeezed not in original_squeezed:
            continue
        parts = [_squeeze(w) for w in original.split()]
        joined = {"".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1)
                  if j - i >= 3 or len("".join(parts[i:j])) >= 12}
        if any(w in joined and w not in parts for w in words):
            return True
    return False


@dataclass
class Report:
    """The figures of one run."""

    n: int = 0
    seed: int = 0
    inputs: int = 0
    records: int = 0
    missing: list[str] = field(default_factory=list)
    tracebacks: list[dict[str, str]] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)
    by_mutation: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    ok_garbage: list[dict[str, str]] = field(default_factory=list)
    garbage_values: int = 0  # garbage values in readable records, whatever their estado
    garbage_flagged: int = 0  # of them, with a lectura_dudosa finding on their field
    unflagged: list[dict[str, str]] = field(default_factory=list)  # the others (first 50)
    doubtful: int = 0  # readable records with a lectura_dudosa finding
    xref: Counter[str] = field(default_factory=Counter)
    xref_pdftotext: int = 0  # of them, how many pdftotext reads
    xref_both: int = 0  # read by pdftotext and by poai
    xref_exact: int = 0  # read by poai exactly as the sample
    messages: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON."""
        return {"n": self.n, "seed": self.seed, "inputs": self.inputs, "records": self.records,
                "missing": self.missing, "tracebacks": self.tracebacks, "codes": dict(self.codes),
                "by_mutation": {k: dict(v) for k, v in sorted(self.by_mutation.items())},
                "ok_garbage": self.ok_garbage, "garbage_values": self.garbage_values,
                "garbage_flagged": self.garbage_flagged, "unflagged": self.unflagged, "doubtful": self.doubtful,
                "xref": dict(self.xref),
                "xref_pdftotext": self.xref_pdftotext, "xref_both": self.xref_both, "xref_exact": self.xref_exact,
                "seconds": round(self.seconds, 1),
                "messages": dict(self.messages.most_common())}


def where_raised(data: bytes, name: str) -> dict[str, str]:
    """Read a file again in this process, without the batch's catch-all, and say what escaped where."""
    from extractor.layout.bundle import split_parts
    from extractor.layout.spec import vocabulary
    from extractor.layout.stitching import stitch
    from extractor.readers.detect import detect_format
    from extractor.readers.registry import read_document
    from extractor.sections.parse import parse_document

    try:
        document = read_document(data, detect_format(data))
        for part in split_parts(document, vocabulary()):
            parse_document(stitch(part), vocabulary())
    except Exception as exc:  # noqa: BLE001 - what escaped is what we report
        frames = traceback.extract_tb(exc.__traceback__)
        inner = next((f for f in reversed(frames) if "/extractor/" in f.filename), frames[-1])
        last = frames[-1]
        return {"archivo": name, "excepcion": type(exc).__name__, "mensaje": str(exc)[:160],
                "en": f"{Path(inner.filename).name}:{inner.lineno} ({inner.name})",
                "origen": f"{Path(last.filename).name}:{last.lineno} ({last.name})"}
    return {"archivo": name, "excepcion": "?", "mensaje": "no se repite en este proceso", "en": "", "origen": ""}


def _pdftotext_reads(path: Path) -> bool:
    try:
        out = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return len(out.stdout.strip()) > 200


def run(n: int, seed: int, *, workers: int = 2, timeout: float = 60.0, keep: Path | None = None,
        pdftotext: bool = True) -> Report:
    """Build ``n`` mutated files with ``seed``, read them through the batch API and count what came out."""
    from extractor.api import audited_records

    report = Report(n=n, seed=seed)
    folder = keep or Path(tempfile.mkdtemp(prefix="poai-mutados-"))
    folder.mkdir(parents=True, exist_ok=True)
    built = {}
    for mutant in mutants(n, seed):
        path = folder / mutant.name
        path.write_bytes(mutant.data)
        built[str(path)] = mutant
    report.inputs = len(built)
    labels = _layout_labels()
    expected = {m.source: json.loads((SAMPLES / f"{m.source.stem}.expected.json").read_text(encoding="utf-8"))
                for m in built.values()}
    use_pdftotext = pdftotext and shutil.which("pdftotext") is not None
    seen: set[str] = set()
    started = time.perf_counter()
    try:
        for record in audited_records(list(built), workers=workers, timeout=timeout):
            report.records += 1
            mutant = built[record["archivo"]]
            seen.add(record["archivo"])
            _count(report, record, mutant, expected[mutant.source], labels, use_pdftotext, Path(record["archivo"]))
        report.seconds = time.perf_counter() - started
        report.missing = sorted(built[p].name for p in set(built) - seen)
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return report


def _count(report: Report, record: dict[str, Any], mutant: Mutant, expected: dict[str, Any], labels: set[str],
           use_pdftotext: bool, path: Path) -> None:
    error = record.get("error")
    code = record["estado"] if error is None else error["codigo"]
    generic = GENERIC.match(error["mensaje"]) if error is not None else None
    if generic is not None:
        code = "traceback"
        report.tracebacks.append({"mutacion": mutant.mutation, **where_raised(mutant.data, mutant.name)})
    elif error is not None:
        report.messages[f"{error['codigo']}: {error['mensaje']}"] += 1
    report.codes[code] += 1
    report.by_mutation[f"{mutant.source.suffix.lstrip('.')}:{mutant.mutation}"][code] += 1
    if error is None and any(f["regla"] == "lectura_dudosa" for f in record.get("auditoria", [])):
        report.doubtful += 1
    if error is None:
        flagged = {f["campo"] for f in record.get("auditoria", []) if f["regla"] == "lectura_dudosa"}
        for campo, value, kind in garbage(record, expected, labels):
            report.garbage_values += 1
            report.garbage_flagged += campo in flagged
            if campo not in flagged and len(report.unflagged) < 50:
                report.unflagged.append({"archivo": mutant.name, "campo": campo, "valor": value[:80], "clase": kind})
            if record["estado"] == "ok":
                report.ok_garbage.append({"archivo": mutant.name, "campo": campo, "valor": value[:80], "clase": kind})
    if mutant.mutation in XREF_MUTATIONS and mutant.source.suffix == ".pdf":
        report.xref[code] += 1
        read = error is None
        report.xref_exact += read and same_content(record, expected)
        if use_pdftotext and _pdftotext_reads(path):
            report.xref_pdftotext += 1
            report.xref_both += read


# Rules across the documents of one run: many mutants of one sample share its item and person.
_CORPUS_RULES = {"item_duplicado", "ocupante_duplicado", "superior_desconocido", "documento_repetido"}


def same_content(record: dict[str, Any], expected: dict[str, Any]) -> bool:
    """Whether a record says what the sample's expected record says (its file and the findings of
    the rules across documents aside)."""
    own = {**record, "auditoria": [f for f in record.get("auditoria", []) if f["regla"] not in _CORPUS_RULES]}
    return all(own.get(key) == value for key, value in expected.items() if key not in ("archivo", "sha256"))


def render(report: Report) -> str:
    """The figures as the command prints them (Markdown, Spanish)."""
    lines = [f"Archivos mutados: {report.inputs} (semilla {report.seed}), {report.records} registros, "
             f"{report.seconds:.0f} s.", ""]
    lines += ["| Medida | Valor |", "| --- | --- |",
              f"| entradas | {report.inputs} |", f"| registros | {report.records} |",
              f"| entradas sin registro | {len(report.missing)} |",
              f"| excepciones que escapan de un lector (error genérico) | {len(report.tracebacks)} |",
              f"| registros `ok` con valores basura | {len({g['archivo'] for g in report.ok_garbage})} |",
              f"| registros leídos con `lectura_dudosa` | {report.doubtful} |",
              f"| valores basura en registros leídos, con `lectura_dudosa` | {report.garbage_flagged} de "
              f"{report.garbage_values} |"]
    xref_total = sum(report.xref.values())
    read = report.xref["ok"] + report.xref["parcial"]
    lines.append(f"| PDF con la tabla de referencias dañada: leídos | {read} de {xref_total} "
                 f"({report.xref_exact} iguales al ejemplo) |")
    lines.append(f"| … de los que lee pdftotext, leídos por poai | {report.xref_both} de {report.xref_pdftotext} |")
    lines += ["", "| Código | Registros |", "| --- | --- |"]
    lines += [f"| {code} | {count} |" for code, count in report.codes.most_common()]
    codes = [c for c, _ in report.codes.most_common()]
    lines += ["", "| Mutación | " + " | ".join(codes) + " |", "| --- |" + " --- |" * len(codes)]
    for mutation, counts in sorted(report.by_mutation.items()):
        lines.append(f"| {mutation} | " + " | ".join(str(counts.get(c, 0)) for c in codes) + " |")
    if report.tracebacks:
        lines += ["", "Excepciones que escapan (excepción, dónde se produce):", ""]
        places = Counter(f"{t['excepcion']} en {t['en']} ← {t['origen']}" for t in report.tracebacks)
        lines += [f"- {count} × {place}" for place, count in places.most_common()]
    if report.unflagged:
        lines += ["", "Valores basura sin `lectura_dudosa` (primeros 20):", ""]
        lines += [f"- {g['archivo']}: {g['campo']} = «{g['valor']}» ({g['clase']})" for g in report.unflagged[:20]]
    if report.ok_garbage:
        lines += ["", "Registros `ok` con valores basura (primeros 20):", ""]
        lines += [f"- {g['archivo']}: {g['campo']} = «{g['valor']}» ({g['clase']})" for g in report.ok_garbage[:20]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build the mutated files, read them, print the figures."""
    parser = argparse.ArgumentParser(description="Archivos mutados: los ejemplos dañados byte a byte y leídos.")
    parser.add_argument("--n", type=int, default=300, help="cuántos archivos mutados")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="segundos por documento")
    parser.add_argument("--keep", type=Path, help="carpeta donde dejar los archivos mutados")
    parser.add_argument("--json", type=Path, help="escribir las cifras en JSON")
    parser.add_argument("--mensajes", action="store_true", help="listar los mensajes de error y cuántas veces")
    args = parser.parse_args(argv)
    # pdfminer warns on every damaged font; the figures are what this command reports.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    report = run(args.n, args.seed, workers=args.workers, timeout=args.timeout, keep=args.keep)
    print(render(report))
    if args.mensajes:
        print("\nMensajes:\n")
        for message, count in report.messages.most_common():
            print(f"- {count} × {message}")
    if args.json:
        args.json.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
