"""Corrections: kept in the catalog, applied on every later read before the audit, listed in the record."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.api import Batch, Options
from extractor.catalog import Catalog
from extractor.corrections import Correction, FieldPathError, apply, correction, paths
from extractor.model.record import Record

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "poai"
# A text dump whose second specific function has no verification source (funcion_incompleta).
SAMPLE = SAMPLES / "poai_a03_texto.txt"
POA = Path(__file__).resolve().parent.parent / "samples" / "poa" / "poa_unidad_2023.xlsx"


def _read(folder: Path, cache: Path, poa: Path | None = None) -> list[Record]:
    with Batch([str(folder)], Options(workers=1, cache=cache, poa=poa)) as batch:
        return list(batch.records())


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "poai"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    return folder


def test_a_correction_is_applied_on_the_next_run_and_the_audit_sees_it(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "catalogo.sqlite"
    [record] = _read(corpus, cache)
    assert any(f.campo == "funciones[1].fuente_verificacion" for f in record.auditoria)
    assert record.funciones[1].fuente_verificacion is None
    with Catalog(cache) as catalog:
        catalog.corrections.add([correction(record, "funciones[1].fuente_verificacion", "  Informe  técnico ",
                                            "web"),
                                 correction(record, "puesto.item", "0142", "libro")])
    [again] = _read(corpus, cache)
    assert again.funciones[1].fuente_verificacion == "Informe técnico"
    assert again.puesto.item == "0142"
    assert not any(f.campo == "funciones[1].fuente_verificacion" for f in again.auditoria)
    listed = {c["campo"]: c for c in again.correcciones}
    assert listed["funciones[1].fuente_verificacion"]["antes"] is None
    assert listed["funciones[1].fuente_verificacion"]["despues"] == "Informe técnico"
    assert listed["puesto.item"] == {**listed["puesto.item"], "antes": "142", "despues": "0142", "origen": "libro"}
    assert json.loads(json.dumps(again.to_dict()))["correcciones"] == again.to_dict()["correcciones"]


def test_correcting_again_keeps_what_was_read(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "catalogo.sqlite"
    [record] = _read(corpus, cache)
    with Catalog(cache) as catalog:
        catalog.corrections.add([correction(record, "funciones[0].ponderacion", "12,5")])
        catalog.corrections.add([correction(record, "funciones[0].ponderacion", "15")])
        [kept] = catalog.corrections.all()
    assert (kept.antes, kept.despues) == (10.0, 15)
    [again] = _read(corpus, cache)
    assert again.funciones[0].ponderacion == 15
    assert any(f.regla == "ponderacion_total" for f in again.auditoria)  # 105, not 100


def test_a_correction_whose_field_is_gone_is_reported_not_dropped(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "catalogo.sqlite"
    [record] = _read(corpus, cache)
    lost = Correction(record.sha256, 0, "funciones[40].resultado", None, "Informe", "web", "2026-12-01T10:00:00-04:00")
    with Catalog(cache) as catalog:
        catalog.corrections.add([lost])
    [again] = _read(corpus, cache)
    [finding] = [f for f in again.auditoria if f.regla == "correccion_no_aplicada"]
    assert finding.campo == "funciones[40].resultado"
    assert "ya no existe" in finding.mensaje
    assert [c["campo"] for c in again.correcciones] == ["funciones[40].resultado"]


def test_moving_a_function_to_another_operation(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "catalogo.sqlite"
    [record] = _read(corpus, cache, POA)
    unlinked = [i for i, f in enumerate(record.funciones) if f.tipo == "especifica" and f.poa is None]
    index = unlinked[0] if unlinked else 0
    target = record.funciones[index].poa_candidatos[0]
    with Catalog(cache) as catalog:
        catalog.corrections.add([correction(record, f"funciones[{index}].poa",
                                            {"codigo": target.codigo, "operacion": target.operacion}, "web")])
    [again] = _read(corpus, cache, POA)
    moved = again.funciones[index].poa
    assert moved is not None and moved.codigo == target.codigo
    assert not any(f.regla == "funcion_sin_poa" and f.campo == f"funciones[{index}].poa" for f in again.auditoria)
    # Without the POA the link correction waits; it is neither applied nor reported lost.
    [plain] = _read(corpus, cache)
    assert not any(f.regla == "correccion_no_aplicada" for f in plain.auditoria)


def test_fixed_fields_and_unknown_paths_are_refused() -> None:
    record = Record(archivo="x", sha256="0")
    for campo in ("sha256", "auditoria", "completitud", "puesto..item", "funciones[x].n"):
        with pytest.raises(FieldPathError):
            correction(record, campo, "1")
    with pytest.raises(FieldPathError):
        correction(record, "puesto.inexistente", "1")
    with pytest.raises(FieldPathError):
        paths.coerce("funciones[0].ponderacion", "diez")


def test_apply_without_corrections_is_the_same_record() -> None:
    record = Record(archivo="x", sha256="0")
    assert apply(record, []) == (record, [])


@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False))
def test_numbers_typed_with_a_decimal_comma(value: object) -> None:
    text = f"{value}".replace(".", ",")
    assert paths.coerce("funciones[0].ponderacion", text) == pytest.approx(float(f"{value}"))


@given(st.lists(st.text(alphabet="abcdef ÁÉ", min_size=1).map(str.strip).filter(bool), max_size=5))
def test_lists_typed_one_item_per_line(items: list[str]) -> None:
    import re

    expected = [re.sub(r"\s+", " ", i) for i in items]
    assert paths.coerce("normas", "\n".join(items)) == expected


def test_the_python_api_corrects_and_read_applies_it(corpus: Path, tmp_path: Path) -> None:
    import extractor

    cache = tmp_path / "catalogo.sqlite"
    [record] = extractor.read([corpus], cache=cache).records
    entry = extractor.correct(record.to_dict(), "objetivo", "  Objetivo   corregido ", cache=cache)
    assert entry["origen"] == "api" and entry["despues"] == "Objetivo corregido"
    reading = extractor.read([corpus], cache=cache)
    assert reading.records[0].objetivo == "Objetivo corregido"
    assert reading.frames["correcciones"]["campo"].tolist() == ["objetivo"]
    assert extractor.read([corpus]).records[0].objetivo != "Objetivo corregido"  # no catalog, no correction
