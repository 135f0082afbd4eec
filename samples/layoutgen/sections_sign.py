"""The approval section: the Ciudadanía Digital note, signatures (lines or boxes) and dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from layoutgen.model import GridCell, Table, Text, cell
from layoutgen.pools import MONTHS

if TYPE_CHECKING:
    from layoutgen.compose import Composer


def _date(comp: Composer, iso: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    return comp.rng.choice(
        [f"{day:02d}/{month:02d}/{year}", f"{day} de {MONTHS[month - 1]} de {year}", f"{day:02d}-{month:02d}-{year}"]
    )


def approval(comp: Composer) -> None:
    """Ciudadanía Digital note, signatures (lines or boxes) and dates."""
    lay, rng, a = comp.lay, comp.rng, comp.c["aprobacion"]
    comp.heading("aprobacion")
    comp.instruction(
        "La suscripción de la Programación Operativa Anual Individual (POAI), supone conformidad con todo su contenido."
    )
    if a["ciudadania_digital"]:
        comp.out.append(
            Text(
                comp.words(
                    rng.choice(
                        [
                            "EL PRESENTE DOCUMENTO FUE APROBADO CON CIUDADANÍA DIGITAL",
                            "Documento aprobado con Ciudadanía Digital (Ley N° 1080)",
                        ]
                    )
                ),
                kind="note",
            )
        )
    if lay.date_style == "city_line":
        a["fecha_aprobacion"] = None  # one date line: the date the form was made and signed
        if a["fecha_elaboracion"]:
            date = _date(comp, a["fecha_elaboracion"])
            if "/" in date or "-" in date:
                year, month, day = (int(x) for x in a["fecha_elaboracion"].split("-"))
                date = f"{day} de {MONTHS[month - 1]} de {year}"
            comp.out.append(Text(f"{comp.c['extra']['city']}, {date}"))
    elif lay.date_style == "labelled":
        _labelled_dates(comp)
    else:
        a["fecha_elaboracion"] = a["fecha_aprobacion"] = None
    roles = [("elaborado_por", a["elaborado_por"]), ("aprobado_por", a["aprobado_por"])]
    if lay.signature_style == "lines":
        for key, name in roles:
            comp.out.append(
                Text(name or "______________________", kind="label", label=comp.label(lay.labels[key], colon=True))
            )
        return
    if rng.random() < 0.5:
        roles.reverse()
    role_cells: list[GridCell] = [cell(comp.label(lay.labels[k], colon=False), bold=True, align="center")
                                  for k, _ in roles]
    names: list[GridCell] = [cell(n or "", align="center") for _, n in roles]
    lines: list[GridCell] = [cell("______________________", align="center") for _ in roles]
    rows = [lines, names, role_cells] if lay.signature_style == "boxes_below" else [role_cells, names, lines]
    comp.out.append(Table(rows, [0.5, 0.5], ruled=comp.ruled("other") and rng.random() < 0.5))


def _labelled_dates(comp: Composer) -> None:
    """"Label: date" lines, or (``date_box``) a row of labels over a row of dates; family C's start date
    may come with them (printed, but no field of the record)."""
    lay, a = comp.lay, comp.c["aprobacion"]
    dates = [(key, _date(comp, a[key])) for key in ("fecha_elaboracion", "fecha_aprobacion") if a[key]]
    if comp.rng.random() < 0.3:
        dates.append(("fecha_inicio", _date(comp, comp.c["extra"]["fecha_inicio"])))
    if not lay.date_box or len(dates) < 2:
        for key, date in dates:
            comp.out.append(Text(date, kind="label", label=comp.label(lay.labels[key], colon=True)))
        return
    labels: list[GridCell] = [cell(comp.label(lay.labels[key], colon=False), bold=True) for key, _ in dates]
    values: list[GridCell] = [cell(date, align="center") for _, date in dates]
    comp.out.append(Table([labels, values], [1 / len(dates)] * len(dates), ruled=comp.ruled("other")))
