"""The table-heavy sections: functions, formation, experience, knowledge (approval: ``sections_sign``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from layoutgen.model import LEFT, UP, GridCell, Table, Text, cell
from layoutgen.pools import DEGREE_WORDS, NUMBER_WORDS
from layoutgen.vocab import synonyms

if TYPE_CHECKING:
    from layoutgen.compose import Composer

_WIDTHS = {
    "n": 0.06,
    "funcion": 0.32,
    "resultado": 0.23,
    "indicador": 0.17,
    "fuente_verificacion": 0.2,
    "ponderacion": 0.11,
}
_GRADES = ["bachiller", "tecnico", "licenciatura", "postgrado", "doctorado"]
_GRADE_COLUMNS = {
    "bachiller": ["Bachiller"],
    "tecnico": ["Técnico o Egresado Universitario", "Técnico", "Técnico Superior"],
    "licenciatura": ["Licenciatura", "Licenciado"],
    "postgrado": ["Post Grado", "Postgrado", "Maestría"],
    "doctorado": ["Doctorado"],
}
_GRADE_WORDS = {
    "bachiller": ["Bachiller"],
    "tecnico": ["Técnico Superior", "Técnico Medio", "Egresado Universitario"],
    "licenciatura": ["Licenciatura", "Licenciado"],
    "postgrado": ["Maestría", "Diplomado", "Post Grado"],
    "doctorado": ["Doctorado"],
}


def weight_text(value: float, style: str) -> str:
    """A weight as printed in ``style`` (see ``layout.WEIGHT_FORMATS``)."""
    whole = value == int(value)
    if style == "0,10":
        return (
            f"{value / 100:.3f}".rstrip("0").replace(".", ",") if not whole else f"{value / 100:.2f}".replace(".", ",")
        )
    plain = f"{int(value)}" if whole else f"{value:g}".replace(".", ",")
    return {
        "10": plain,
        "10,00": f"{value:.2f}".replace(".", ","),
        "10.00": f"{value:.2f}",
        "10 %": f"{plain} %",
        "10%": f"{plain}%",
    }[style]


def _weights_ok(comp: Composer) -> None:
    # Fractions are only read as percentages when every weight is one and they add up to 1.
    if comp.lay.weight_format == "0,10" and abs(sum(f["ponderacion"] for f in comp.c["funciones"]) - 100) > 0.01:
        comp.lay.weight_format = "10,00"


def _header_rows(comp: Composer, tipo: str) -> tuple[list[list[Any]], list[float]]:
    lay = comp.lay
    names = {k: comp.label(lay.headers[f"funciones.{k}"], colon=False) for k in lay.columns}
    if tipo == "rutinaria":
        names["funcion"] = comp.label(lay.headers["funciones.funcion_rutinaria"], colon=False)
    widths = [_WIDTHS[k] for k in lay.columns]
    total = sum(widths)
    widths = [w / total for w in widths]
    if lay.fn_header_rows == 1:
        return [[cell(names[k], bold=True) for k in lay.columns]], widths
    top: list[Any] = []
    bottom: list[Any] = []
    for index, key in enumerate(lay.columns):
        if lay.fn_parent == "pond" and key == "ponderacion":
            parents = [s for s in synonyms("columns", "funciones")["ponderacion"] if "%" not in s]
            parent = lay.headers["funciones.ponderacion"]
            parent = parent if "%" not in parent else parents[0]
            top.append(cell(comp.label(parent, colon=False), bold=True))
            bottom.append(cell("%" if comp.rng.random() < 0.6 else "(%)", bold=True))
        elif lay.fn_parent == "eval" and key == "resultado":
            top.append(
                cell(comp.words(comp.rng.choice(["EVALUACIÓN", "Seguimiento y Evaluación", "CUMPLIMIENTO"])), bold=True)
            )
            bottom.append(cell(names[key], bold=True))
        elif lay.fn_parent == "eval" and key == "fuente_verificacion" and lay.columns[index - 1] == "resultado":
            top.append(LEFT)
            bottom.append(cell(names[key], bold=True))
        else:
            top.append(cell(names[key], bold=True))
            bottom.append(UP)
    return [top, bottom], widths


def _body(comp: Composer, tipo: str) -> list[list[Any]]:
    rows = []
    for f in comp.c["funciones"]:
        if f["tipo"] != tipo:
            continue
        values = {
            "n": str(f["n"]),
            "funcion": f["funcion"],
            "resultado": f["resultado"] or "",
            "indicador": f["indicador"] or "",
            "fuente_verificacion": f["fuente_verificacion"] or "",
            "ponderacion": weight_text(f["ponderacion"], comp.lay.weight_format),
        }
        rows.append(
            [cell(values[k], align="center" if k in {"n", "ponderacion"} else "left") for k in comp.lay.columns]
        )
    return rows


def functions(comp: Composer) -> None:
    """Specific and routine functions: two tables under their own headings, or one table with sub-headers."""
    lay = comp.lay
    _weights_ok(comp)
    ruled = comp.ruled("functions")
    instruction = (
        "Citar en orden de importancia, los resultados específicos que en concordancia con la "
        "Programación Operativa Anual deberán cumplir en el periodo programado."
    )
    if lay.fn_one_table:
        header, widths = _header_rows(comp, "especifica")
        rows = list(header)
        width = len(lay.columns)
        for tipo in ("especifica", "rutinaria"):
            key = "especificas" if tipo == "especifica" else "rutinarias"
            case = "upper" if lay.heading_case == "upper" or comp.rng.random() < 0.5 else "title"
            title = comp.label(lay.headings[key], colon=False)
            title = title.upper() if case == "upper" else title
            rows.append([cell(title, bold=True)] + [LEFT] * (width - 1))
            rows += _body(comp, tipo)
        comp.heading(
            "especificas",
            2,
            folded=comp.rng.choice(["funciones", "funciones del puesto"]) if comp.rng.random() < 0.5 else None,
        )
        comp.instruction(instruction)
        comp.out.append(Table(rows, widths, header_rows=len(header), ruled=ruled, repeat_header=lay.repeat_header))
        return
    for tipo, key in (("especifica", "especificas"), ("rutinaria", "rutinarias")):
        comp.heading(key, 2)
        if tipo == "especifica":
            comp.instruction(instruction)
        header, widths = _header_rows(comp, tipo)
        comp.out.append(
            Table(
                header + _body(comp, tipo),
                widths,
                header_rows=len(header),
                ruled=ruled,
                repeat_header=lay.repeat_header,
            )
        )


def _priority(comp: Composer, code: str | None, index: int) -> str:
    if code is None:
        return ""
    style = comp.lay.priority_style
    if style == "number":
        return str(index + 1)
    return {"upper": code.upper(), "title": code.capitalize(), "lower": code}[style]


def formation(comp: Composer) -> None:
    """Degrees as an X matrix, as a grade-word column, or as free text ("Licenciatura en Derecho (excluyente)")."""
    lay, rng = comp.lay, comp.rng
    comp.heading("formacion", 2)
    entries = comp.c["formacion"]
    h = {k: comp.label(lay.headers[f"formacion.{k}"], colon=False) for k in ("area", "grado", "prioridad")}
    if lay.formation_style == "free_text":
        with_priority = rng.random() < 0.6
        by_line = {}
        for entry in entries:
            entry["area"] = f"{rng.choice(DEGREE_WORDS[entry['grado_minimo']])} {entry['area']}"
            word = _priority(comp, entry["prioridad"], 0) if lay.priority_style != "number" else entry["prioridad"]
            by_line[f"{entry['area']} ({word})" if with_priority else entry["area"]] = entry
            if not with_priority:
                entry["prioridad"] = None
        comp.c["formacion"] = [by_line[line] for line in comp.list_block(list(by_line))]
        return
    comp.instruction("Definir las áreas de formación necesarias para el desempeño del puesto, marcando con una X.")
    for index, entry in enumerate(entries):
        if lay.priority_style == "number":
            entry["prioridad"] = str(index + 1)
    if lay.formation_style == "grade_column":
        rows = [[cell(h["area"], bold=True), cell(h["grado"], bold=True), cell(h["prioridad"], bold=True)]]
        for index, entry in enumerate(entries):
            word = comp.words(rng.choice(_GRADE_WORDS[entry["grado_minimo"]]))
            rows.append(
                [
                    cell(entry["area"]),
                    cell(word, soft=True),
                    cell(
                        _priority(comp, entry["prioridad"], index)
                        if lay.priority_style != "number"
                        else entry["prioridad"],
                        soft=True,
                    ),
                ]
            )
        comp.out.append(Table(rows, [0.55, 0.27, 0.18], header_rows=1, ruled=comp.ruled("other")))
        return
    used = {e["grado_minimo"] for e in entries}
    grades = [g for g in _GRADES if g in used or g in {"tecnico", "licenciatura", "postgrado"} or rng.random() < 0.7]
    names = [comp.words(rng.choice(_GRADE_COLUMNS[g])) for g in grades]
    name_rows = [names]
    if lay.formation_header_wrap and any(" " in n for n in names):
        # Each grade name's last word on a header row of its own ("Técnico o Egresado" / "Universitario").
        name_rows = [[n.rsplit(" ", 1)[0] for n in names], [n.rsplit(" ", 1)[1] if " " in n else "" for n in names]]
    header: list[list[GridCell]]
    if lay.formation_two_rows:
        header = [
            [cell(h["area"], bold=True), cell(h["grado"], bold=True)]
            + [LEFT] * (len(grades) - 1)
            + [cell(h["prioridad"], bold=True)]
        ]
    else:
        first: list[GridCell] = [cell(h["area"], bold=True)]
        grade_cells: list[GridCell] = [cell(n, bold=True, align="center") for n in name_rows.pop(0)]
        header = [first + grade_cells + [cell(h["prioridad"], bold=True)]]
    header += [[UP] + [cell(n, bold=True, align="center") for n in row] + [UP] for row in name_rows]
    grid: list[list[GridCell]] = list(header)
    for index, entry in enumerate(entries):
        marks = [cell(lay.mark if entry["grado_minimo"] == g else "", align="center") for g in grades]
        text = entry["prioridad"] if lay.priority_style == "number" else _priority(comp, entry["prioridad"], index)
        grid.append([cell(entry["area"]), *marks, cell(text, align="center", soft=True)])
    share = 0.62 / len(grades)
    comp.out.append(
        Table(grid, [0.24] + [share] * len(grades) + [0.14], header_rows=len(header), ruled=comp.ruled("other"))
    )


def _years(comp: Composer, n: int) -> str:
    unit = "año" if n == 1 else "años"
    return comp.words(comp.rng.choice([f"{n} {unit}", f"{NUMBER_WORDS[n]} ({n}) {unit}", f"{n} {unit}"]))


def experience(comp: Composer) -> None:
    """Years of experience as a table, as "Label: N años" lines, or as sentences."""
    lay, rng = comp.lay, comp.rng
    exp = comp.c["experiencia"]
    present = [(k, v) for k, v in exp.items() if v is not None]
    if lay.experience_place == "formation":
        # Family B: the years as rows right under the formation table, with no heading or header of their own.
        rows = [[cell(f"{comp.label(lay.labels['exp_' + key], colon=False)} {comp.words('(años)')}"), cell(str(n))]
                for key, n in present]
        comp.out.append(Table(rows, [0.7, 0.3], ruled=comp.ruled("other")))
        return
    comp.heading("experiencia", 2)
    if lay.experience_style == "table":
        rows = [
            [
                cell(comp.label(lay.headers["experiencia.tipo"], colon=False), bold=True),
                cell(comp.label(lay.headers["experiencia.anos"], colon=False), bold=True),
            ]
        ]
        for key, n in present:
            value = str(n) if rng.random() < 0.4 else _years(comp, n)
            rows.append([cell(comp.label(lay.labels["exp_" + key], colon=False)), cell(value)])
        comp.out.append(Table(rows, [0.7, 0.3], header_rows=1, ruled=comp.ruled("other")))
    elif lay.experience_style == "lines":
        for key, n in present:
            comp.out.append(Text(_years(comp, n), kind="label", label=comp.label(lay.labels["exp_" + key], colon=True)))
    else:
        phrases = {
            "general": ["de experiencia general", "de experiencia laboral general"],
            "profesional": ["de experiencia profesional", "de experiencia específica"],
            "sector_publico": ["de experiencia en el sector público", "de experiencia en la administración pública"],
        }
        lines = []
        for key, n in present:
            phrase = comp.words(rng.choice(phrases[key]))
            if rng.random() < 0.5:
                lines.append(f"{_years(comp, n)} {phrase}")
            else:
                lines.append(f"{phrase[3:].capitalize()} de {_years(comp, n)}")
        comp.list_block(lines)


def knowledge(comp: Composer) -> None:
    """Other knowledge: X under Excluyente/Deseable, a word column, or "(excluyente)" after the item."""
    lay = comp.lay
    items = comp.c["conocimientos"]
    if not items:
        return
    comp.heading("conocimientos", 2)
    comp.instruction(
        "Se debe mencionar los cursos que se requieren haber tomado para un desempeño en el cargo, por ejemplo: "
        "Ley 1178, informática, etc."
    )
    head = comp.label(lay.headers["conocimientos.conocimiento"], colon=False)
    if lay.knowledge_style == "suffix":
        words = [_priority(comp, k["caracter"], 0) if lay.priority_style != "number" else k["caracter"] for k in items]
        lines = [f"{k['conocimiento']} ({word})" for k, word in zip(items, words)]
        printed = comp.list_block(lines)
        comp.c["conocimientos"] = [items[lines.index(p)] for p in printed]
        return
    if lay.knowledge_style == "columns":
        rows = [
            [
                cell(head, bold=True),
                cell(comp.label("excluyente", colon=False), bold=True),
                cell(comp.label("deseable", colon=False), bold=True),
            ]
        ]
        rows += [
            [
                cell(k["conocimiento"]),
                cell(lay.mark if k["caracter"] == "excluyente" else "", align="center"),
                cell(lay.mark if k["caracter"] == "deseable" else "", align="center"),
            ]
            for k in items
        ]
        comp.out.append(Table(rows, [0.6, 0.2, 0.2], header_rows=1, ruled=comp.ruled("other")))
        return
    style = lay.priority_style if lay.priority_style != "number" else "upper"
    rows = [[cell(head, bold=True), cell(comp.label(lay.headers["conocimientos.caracter"], colon=False), bold=True)]]
    rows += [
        [
            cell(k["conocimiento"]),
            cell({"upper": k["caracter"].upper(), "title": k["caracter"].capitalize(), "lower": k["caracter"]}[style],
                 soft=True),
        ]
        for k in items
    ]
    comp.out.append(Table(rows, [0.7, 0.3], header_rows=1, ruled=comp.ruled("other")))
