"""Workbook (and CSV) writing cost per document, without reading: records from a JSON Lines file.

    python benchmarks/workbook.py RECORDS.jsonl --n 300 --repeats 3 [--poa]

The records (``poai extract … --json``) are repeated, each copy under its own file name and item,
until there are ``--n``; then the rows are built and the workbook written, as ``poai run`` does,
``--repeats`` times. Prints the median processor milliseconds (process time: other work on the machine
weighs less than on the clock) per document of the workbook and of the CSV
files (comma and Excel-in-Spanish dialects where this version has it).
"""

from __future__ import annotations

import argparse
import inspect
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from extractor.model.record import Record
from extractor.writers.csvfile import CsvWriter
from extractor.writers.rows import collect_rows
from extractor.writers.xlsx import WorkbookWriter


def _records(path: Path, n: int) -> list[Record]:
    base = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = []
    for index in range(n):
        data = json.loads(json.dumps(base[index % len(base)]))
        copy = index // len(base)
        if copy:
            data["archivo"] = f"copia{copy}/{data['archivo']}"
        records.append(Record.from_dict(data))
    return records


def _time_book(records: list[Record], folder: Path, with_poa: bool) -> float:
    start = time.process_time()
    book = WorkbookWriter(folder / "consolidado.xlsx", with_coverage=with_poa)
    for offset in range(0, len(records), 200):
        chunk = records[offset:offset + 200]
        book.add(chunk, collect_rows(chunk))
    book.close()
    return time.process_time() - start


def _time_csv(records: list[Record], folder: Path, with_poa: bool, **dialect: Any) -> float:
    start = time.process_time()
    writer = CsvWriter(folder / "csv", with_coverage=with_poa, **dialect)
    for offset in range(0, len(records), 200):
        writer.add(collect_rows(records[offset:offset + 200]))
    writer.close()
    return time.process_time() - start


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("records", type=Path)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--poa", action="store_true", help="lay out the POA columns (records read with --poa)")
    args = parser.parse_args()
    records = _records(args.records, args.n)
    excel = "excel_es" in inspect.signature(CsvWriter).parameters
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "csv").mkdir()
        _time_book(records[:20], folder, args.poa)  # warm-up: imports, caches
        book = statistics.median(_time_book(records, folder, args.poa) for _ in range(args.repeats))
        plain = statistics.median(_time_csv(records, folder, args.poa) for _ in range(args.repeats))
        line = (f"{len(records)} documentos: libro {book * 1000 / len(records):.2f} ms por documento, "
                f"CSV {plain * 1000 / len(records):.2f} ms")
        if excel:
            spanish = statistics.median(_time_csv(records, folder, args.poa, excel_es=True)
                                        for _ in range(args.repeats))
            line += f", CSV para Excel en español {spanish * 1000 / len(records):.2f} ms"
        size = (folder / "consolidado.xlsx").stat().st_size
        print(f"{line} por documento; libro de {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
