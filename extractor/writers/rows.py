"""Records as tables: the rows of each sheet of the consolidated workbook, built once per record.

Sheet and column names are Spanish (an office reads them). Each column has a kind that the
writers use to store and format it: text, long text, integer, number, date, yes/no. The
workbook and CSV writers take the same rows; :func:`to_frames` makes pandas DataFrames of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from extractor.corrections import part_of
from extractor.model.record import Funcion, Record
from extractor.writers.editable import EDITABLE, field_path


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its Spanish name, kind and display width."""

    name: str
    kind: str = "text"  # text | long | code (text that may look like a number) | int | float | date | bool
    width: float = 16


_ID = [Column("Archivo", "text", 30), Column("Parte", "text", 12), Column("Ítem", "code", 7),
       Column("Puesto", "text", 30)]

SHEETS: dict[str, list[Column]] = {
    "Puestos": [
        Column("Archivo", "text", 30), Column("Parte", "text", 12), Column("Formato", "text", 8),
        Column("Plantilla", "text", 9),
        Column("Gestión", "int", 9), Column("Denominación del puesto", "text", 32), Column("Ítem", "code", 7),
        Column("Dependencia", "text", 32), Column("Inmediato superior", "text", 32),
        Column("Ocupante", "text", 30), Column("Cargos supervisados", "long", 36),
        Column("Objetivo", "long", 50), Column("N° funciones", "int", 11), Column("N° específicas", "int", 11),
        Column("N° rutinarias", "int", 11), Column("Total ponderación", "float", 12),
        Column("Elaborado por", "text", 30), Column("Aprobado por", "text", 30),
        Column("Ciudadanía digital", "bool", 11), Column("Fecha de elaboración", "date", 13),
        Column("Fecha de aprobación", "date", 13), Column("Páginas", "int", 8),
        Column("Completitud (%)", "float", 12), Column("N° observaciones", "int", 12),
        Column("Estado", "text", 9),
    ],
    "Funciones": _ID + [
        Column("Tipo", "text", 11), Column("N°", "int", 5), Column("Función", "long", 60),
        Column("Resultado", "long", 45), Column("Fuente de verificación", "long", 35),
        Column("Ponderación", "float", 12), Column("Indicador", "long", 30), Column("Actividades", "long", 50),
        Column("Página", "int", 8), Column("Código POA", "code", 10), Column("Operación POA", "long", 50),
        Column("Puntaje POA", "float", 11), Column("Otros candidatos POA", "long", 50),
    ],
    "Requisitos": _ID + [
        Column("Requisito", "text", 14), Column("Detalle", "long", 50), Column("Grado mínimo", "text", 13),
        Column("Prioridad o carácter", "text", 14), Column("Años", "float", 8),
    ],
    "Relaciones": _ID + [Column("Tipo de relación", "text", 20), Column("Relación", "long", 60)],
    "Cualidades": _ID + [Column("Cualidad", "long", 60)],
    "Normas": _ID + [Column("Norma", "long", 60)],
    "Auditoría": _ID + [
        Column("Regla", "text", 20), Column("Severidad", "text", 12), Column("Campo", "text", 28),
        Column("Mensaje", "long", 60),
    ],
    "Correcciones": _ID + [
        Column("Campo", "text", 28), Column("Antes", "long", 40), Column("Después", "long", 40),
        Column("Origen", "text", 9), Column("Fecha", "text", 20),
    ],
    "Errores": [Column("Archivo", "text", 40), Column("Código", "text", 20), Column("Mensaje", "long", 60)],
    "Cobertura POA": [
        Column("Código", "code", 10), Column("Acción de corto plazo", "long", 40), Column("Operación", "long", 60),
        Column("N° funciones", "int", 11), Column("N° POAI", "int", 9), Column("Puestos", "long", 60),
        Column("Atendida", "bool", 10),
    ],
}

POA_COLUMNS = {"Código POA", "Operación POA", "Puntaje POA", "Otros candidatos POA"}


def sheet_columns(with_poa: bool) -> dict[str, list[Column]]:
    """The sheets a writer lays out: without a unit POA, no POA columns and no coverage sheet."""
    if with_poa:
        return SHEETS
    return {name: [c for c in columns if c.name not in POA_COLUMNS]
            for name, columns in SHEETS.items() if name != "Cobertura POA"}


_TIPOS = {"especifica": "Específica", "rutinaria": "Rutinaria"}
_GRADOS = {"bachiller": "Bachiller", "tecnico": "Técnico", "licenciatura": "Licenciatura",
           "postgrado": "Postgrado", "doctorado": "Doctorado"}
_EXPERIENCIA = {"general": "Experiencia general", "profesional": "Experiencia profesional",
                "sector_publico": "Experiencia en el sector público"}


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _activities(function: Funcion) -> str | None:
    parts = []
    for activity in function.actividades:
        extra = [activity.medio_verificacion or ""]
        if activity.porcentaje is not None:
            extra.append(f"{activity.porcentaje:g} %")
        detail = ", ".join(e for e in extra if e)
        parts.append(f"{activity.actividad or ''} ({detail})" if detail else activity.actividad or "")
    return "; ".join(p for p in parts if p) or None


Rows = dict[str, list[dict[str, Any]]]


def part_label(record: Record) -> str | None:
    """Which POAI of its file a record is, and its pages ("2 de 3, págs. 5-8"); None for a file
    holding one."""
    parte = record.parte
    if not isinstance(parte, dict) or "n" not in parte:
        return None
    pages = parte.get("paginas") or []
    where = "" if not pages else f", pág. {pages[0]}" if pages[0] == pages[-1] else f", págs. {pages[0]}-{pages[-1]}"
    return f"{parte['n']} de {parte.get('de', '?')}{where}"


def _post_row(record: Record) -> dict[str, Any]:
    puesto, approval, functions = record.puesto, record.aprobacion, record.funciones
    weights = [f.ponderacion for f in functions if f.ponderacion is not None]
    return {
        "Archivo": record.archivo, "Parte": part_label(record), "Formato": record.formato,
        "Plantilla": record.plantilla,
        "Gestión": record.gestion, "Denominación del puesto": puesto.denominacion, "Ítem": puesto.item,
        "Dependencia": puesto.dependencia, "Inmediato superior": puesto.inmediato_superior,
        "Ocupante": puesto.ocupante, "Cargos supervisados": "; ".join(puesto.cargos_supervisados) or None,
        "Objetivo": record.objetivo, "N° funciones": len(functions),
        "N° específicas": sum(1 for f in functions if f.tipo == "especifica"),
        "N° rutinarias": sum(1 for f in functions if f.tipo == "rutinaria"),
        "Total ponderación": round(sum(weights), 2) if weights else None,
        "Elaborado por": approval.elaborado_por, "Aprobado por": approval.aprobado_por,
        "Ciudadanía digital": approval.ciudadania_digital,
        "Fecha de elaboración": _date(approval.fecha_elaboracion),
        "Fecha de aprobación": _date(approval.fecha_aprobacion), "Páginas": record.paginas,
        "Completitud (%)": record.completitud, "N° observaciones": len(record.auditoria),
        "Estado": record.estado,
    }


def _function_row(ident: dict[str, Any], function: Funcion) -> dict[str, Any]:
    poa = function.poa
    return {
        **ident, "Tipo": _TIPOS.get(function.tipo, function.tipo), "N°": function.n,
        "Función": function.funcion, "Resultado": function.resultado,
        "Fuente de verificación": function.fuente_verificacion, "Ponderación": function.ponderacion,
        "Indicador": function.indicador, "Actividades": _activities(function), "Página": function.pagina,
        "Código POA": poa.codigo if poa else None, "Operación POA": poa.operacion if poa else None,
        "Puntaje POA": poa.puntaje if poa else None,
        "Otros candidatos POA": "; ".join(f"{c.codigo} {c.operacion} ({c.puntaje:g})"
                                          for c in function.poa_candidatos) or None,
    }


def _requirement_rows(ident: dict[str, Any], record: Record) -> list[dict[str, Any]]:
    rows = [{**ident, "Requisito": "Formación", "Detalle": entry.area,
             "Grado mínimo": _GRADOS.get(entry.grado_minimo or "", entry.grado_minimo),
             "Prioridad o carácter": entry.prioridad, "Años": None, "_item": f"formacion[{index}]"}
            for index, entry in enumerate(record.formacion)]
    for key, label in _EXPERIENCIA.items():
        years = getattr(record.experiencia, key)
        if years is not None:
            rows.append({**ident, "Requisito": "Experiencia", "Detalle": label, "Grado mínimo": None,
                         "Prioridad o carácter": None, "Años": years, "_item": f"experiencia.{key}"})
    rows += [{**ident, "Requisito": "Conocimiento", "Detalle": entry.conocimiento, "Grado mínimo": None,
              "Prioridad o carácter": entry.caracter, "Años": None, "_item": f"conocimientos[{index}]"}
             for index, entry in enumerate(record.conocimientos)]
    return rows


def record_rows(record: Record) -> Rows:
    """The rows one record contributes to each sheet.

    Rows of the sheets an officer corrects also carry, under keys that are no column, the
    record ("_registro"), the row's item in it ("_item") and the columns whose value a person
    corrected ("_corregidas")."""
    rows: Rows = {name: [] for name in SHEETS if name != "Cobertura POA"}
    if record.error is not None:
        rows["Errores"].append({"Archivo": record.archivo, "Código": record.error.codigo,
                                "Mensaje": record.error.mensaje})
        return rows
    ident = {"Archivo": record.archivo, "Parte": part_label(record), "Ítem": record.puesto.item,
             "Puesto": record.puesto.denominacion}
    rows["Puestos"].append({**_post_row(record), "_item": ""})
    rows["Funciones"] = [{**_function_row(ident, function), "_item": f"funciones[{index}]"}
                         for index, function in enumerate(record.funciones)]
    rows["Requisitos"] = _requirement_rows(ident, record)
    for key, label in (("intrainstitucionales", "Intrainstitucional"), ("interinstitucionales", "Interinstitucional")):
        for relation in getattr(record.relaciones, key):
            rows["Relaciones"].append({**ident, "Tipo de relación": label, "Relación": relation})
    rows["Cualidades"] = [{**ident, "Cualidad": q} for q in record.cualidades]
    rows["Normas"] = [{**ident, "Norma": n} for n in record.normas]
    rows["Auditoría"] = [{**ident, "Regla": f.regla, "Severidad": f.severidad, "Campo": f.campo,
                          "Mensaje": f.mensaje} for f in record.auditoria]
    rows["Correcciones"] = [{**ident, "Campo": c.get("campo"), "Antes": _shown(c.get("antes")),
                             "Después": _shown(c.get("despues")), "Origen": c.get("origen"), "Fecha": c.get("fecha")}
                            for c in record.correcciones]
    _mark(record, rows)
    return rows


def _shown(value: Any) -> str | None:
    """A corrected value as a cell shows it."""
    if value is None:
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or None
    if isinstance(value, dict):
        return " ".join(str(value[k]) for k in ("codigo", "operacion") if value.get(k)) or None
    if isinstance(value, bool):
        return "Sí" if value else "No"
    return str(value)


def _mark(record: Record, rows: Rows) -> None:
    """Tie the rows an officer may correct to their record, and name their corrected columns."""
    registro = f"{record.sha256}:{part_of(record)}"
    corrected = {c.get("campo") for c in record.correcciones}
    for sheet in EDITABLE:
        for row in rows[sheet]:
            row["_registro"] = registro
            if corrected:
                item = row.get("_item", "")
                row["_corregidas"] = {name for name in EDITABLE[sheet]
                                      if field_path(sheet, name, item) in corrected}


def collect_rows(records: Iterable[Record]) -> Rows:
    """The rows of every sheet for ``records``, in order (what each writer receives)."""
    collected: Rows = {name: [] for name in SHEETS if name != "Cobertura POA"}
    for record in records:
        for sheet, rows in record_rows(record).items():
            collected[sheet].extend(rows)
    return collected


def to_frames(records: Iterable[Record | Mapping[str, Any]],
              coverage: list[dict[str, Any]] | None = None) -> dict[str, pd.DataFrame]:
    """One DataFrame per sheet (Spanish names) of records (typed, or their JSON objects);
    ``coverage`` fills "Cobertura POA" when given."""
    typed = (r if isinstance(r, Record) else Record.from_dict(dict(r)) for r in records)
    collected: Rows = dict(collect_rows(typed))
    if coverage is not None:
        collected["Cobertura POA"] = coverage
    return frames_of(collected)


def frames_of(collected: Rows) -> dict[str, pd.DataFrame]:
    """One typed DataFrame per sheet of rows already built (Spanish sheet and column names)."""
    frames = {}
    for sheet, columns in SHEETS.items():
        if sheet not in collected:
            continue
        names = [c.name for c in columns]
        frame = pd.DataFrame(collected[sheet], columns=names)
        for column in columns:
            if column.kind == "int":
                frame[column.name] = frame[column.name].astype("Int64")
            elif column.kind == "float":
                frame[column.name] = pd.to_numeric(frame[column.name], errors="coerce").astype("Float64")
            elif column.kind in {"text", "long", "code"}:
                frame[column.name] = frame[column.name].astype("object")
        frames[sheet] = frame
    return frames
