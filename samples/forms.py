"""Lay a sample's ground truth out as a form of one of the families A, B, C.

A form is a list of elements that every renderer (text dump, DOCX, PDF) knows how to draw:

- ``("title", text)``, ``("heading", text, level)``, ``("label", text)``, ``("para", text)``
- ``("spacer", points)`` (PDF only: pushes a table over a page break)
- ``("table", Grid)``

A grid cell is a string, a list of strings (one paragraph each), a nested grid, ``None``
(merged into the cell on its left) or ``"^"`` (merged into the cell above).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from content import unaccent

_NUMBER_WORDS = {1: "Un", 2: "Dos", 3: "Tres", 4: "Cuatro", 5: "Cinco"}


def unambiguous(items: list[str], widths: list[float], font_size: float = 9.0) -> list[str]:
    """Order list items so that each line break between items is visibly deliberate.

    A reader tells two items from one wrapped item by asking whether the next word would
    have fitted on the line (issue rule). When an item's last line is so full that the
    next item's first word could not have fitted, no reader can tell; real documents have
    such cells, but a sample's ground truth must be recoverable, so avoid that order.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def last_line_width(text: str, width: float) -> float:
        line = ""
        for word in text.split():
            candidate = f"{line} {word}".strip()
            line = word if stringWidth(candidate, "Helvetica", font_size) > width and line else candidate
        return stringWidth(line, "Helvetica", font_size)

    def clear(a: str, b: str) -> bool:
        first = b.split()[0]
        # Generous margin: the Word-to-PDF route uses a slightly different font.
        return all(last_line_width(a, w) + stringWidth(" " + first, "Helvetica", font_size) * 1.15 + 8 < w
                   for w in widths)

    import random

    candidates = [list(items)]
    rng = random.Random(len(items))
    for _ in range(300):
        shuffled = list(items)
        rng.shuffle(shuffled)
        candidates.append(shuffled)
    for order in candidates:
        if all(clear(a, b) for a, b in zip(order, order[1:])):
            return order
    # No order works: leave out the item that fills its last line most and try again.
    worst = max(items, key=lambda i: max(last_line_width(i, w) / w for w in widths))
    return unambiguous([i for i in items if i != worst], widths, font_size)


@dataclass
class Grid:
    """A table to draw."""

    rows: list[list[Any]]
    widths: list[float]
    header_rows: int = 1
    ruled: bool = True
    label_column: bool = False
    repeat_header: bool = False
    split_rows: bool = False
    txt_break_before: list[int] = field(default_factory=list)


Form = list[tuple[Any, ...]]


def _fmt_weight(value: float | None, style: str, index: int) -> str:
    if value is None:
        return ""
    if style == "fraction":
        return f"{value / 100:.2f}".replace(".", ",")
    if style == "mixed":
        forms = [f"{value:.2f}".replace(".", ","), f"{value:g} %", f"{value:.2f}", f"{value:g}", f"{value:g}%"]
        return forms[index % len(forms)]
    return f"{value:.2f}".replace(".", ",")


def _weight_style(spec: dict[str, Any]) -> str:
    if "weights_fraction" in spec["hard"]:
        return "fraction"
    if "weights_mixed" in spec["hard"]:
        return "mixed"
    return "plain"


def _t(spec: dict[str, Any], text: str) -> str:
    """Form wording, typed without accents where the sample is."""
    return unaccent(text) if "no_accents" in spec["hard"] else text


def _split_points(spec: dict[str, Any], rows: int) -> list[int]:
    if "no_header_continuation" in spec["hard"] and rows > 3:
        return [1 + rows // 2]
    return []


def build_form(spec: dict[str, Any]) -> Form:
    """The form of ``spec`` in its family's layout."""
    return {"A": _form_a, "B": _form_b, "C": _form_c}[spec["family"]](spec)


# -- family A -------------------------------------------------------------------------------
def _form_a(spec: dict[str, Any]) -> Form:
    t = lambda s: _t(spec, s)  # noqa: E731
    p = spec["puesto"]
    form: Form = [
        ("title", "PLAN OPERATIVO ANUAL INDIVIDUAL"),
        ("title", "P.O.A.I."),
        ("title", t(f"GESTIÓN {spec['gestion']}")),
        ("heading", t("1.- IDENTIFICACIÓN DEL PUESTO"), 1),
    ]
    ruled = "unruled_ident" not in spec["hard"]
    form.append(("table", Grid(rows=[
        [t("Denominación del Puesto"), p["denominacion"]],
        ["Nro Item", p["item"]],
        ["Dependencia", p["dependencia"]],
        ["Inmediato Superior", p["inmediato_superior"]],
        ["Nombre del Ocupante", p["ocupante"]],
        ["Cargos Supervisados", list(p["cargos_supervisados"]) or ""],
    ], widths=[0.3, 0.7], header_rows=0, ruled=ruled, label_column=True)))
    form.append(("heading", "2.- RELACIONAMIENTO", 1))
    rel = spec["relaciones"]
    header = ["Relaciones Intrainstitucionales", "Relaciones Interinstitucionales"]
    if "list_cell_relations" in spec["hard"]:
        rows = [header, [list(rel["intrainstitucionales"]), list(rel["interinstitucionales"])]]
    else:
        rows = [header] + [[a or "", b or ""] for a, b in
                           zip_longest(rel["intrainstitucionales"], rel["interinstitucionales"])]
    form.append(("table", Grid(rows=rows, widths=[0.5, 0.5])))
    form += [
        ("heading", t("3.- DESCRIPCIÓN DE FUNCIONES"), 1),
        ("heading", "3.1 Objetivo del Puesto", 2),
        ("label", t("Objetivo del Puesto (razón de ser del puesto)")),
        ("para", spec["objetivo"]),
        ("heading", t("3.2 Funciones Específicas"), 2),
        ("para", t(f"Citar en orden de importancia, los RESULTADOS ESPECÍFICOS que en concordancia con la "
                   f"Programación Operativa Anual (P.O.A. {spec['gestion']}) deberán cumplir en el periodo "
                   f"programado de un año.")),
    ]
    style = _weight_style(spec)
    if "long_rows" in spec["hard"] or "cut_row" in spec["hard"]:
        form.append(("spacer", 250))
    for tipo, head in (("especifica", "Funciones Específicas"), ("rutinaria", "Funciones Rutinarias")):
        if tipo == "rutinaria":
            form.append(("heading", t("3.3 Funciones Rutinarias"), 2))
        funcs = [f for f in spec["funciones"] if f["tipo"] == tipo]
        rows = [[t(f"{head} (de acuerdo a los procesos y POA-{spec['gestion']} de la Unidad o Dependencia)"),
                 t("Resultados en términos de (cantidad, calidad, tiempo y/o plazo)"),
                 t("Fuente de Verificación"), t("Ponderación")]]
        for i, f in enumerate(funcs):
            rows.append([f["funcion"], f["resultado"] or "", f["fuente_verificacion"] or "",
                         _fmt_weight(f["ponderacion"], style, i)])
        form.append(("table", Grid(rows=rows, widths=[0.36, 0.3, 0.22, 0.12],
                                   ruled="unruled_functions" not in spec["hard"],
                                   repeat_header="repeat_header" in spec["hard"],
                                   split_rows="cut_row" in spec["hard"],
                                   txt_break_before=_split_points(spec, len(rows)))))
    form.append(("heading", "3.4 Normas a Cumplir", 2))
    form.append(("label", "Normas a Cumplir"))
    form += [("para", n) for n in spec["normas"]]
    form.append(("heading", "4.- REQUISITOS DEL PUESTO", 1))
    form.append(("heading", t("4.1 Área de Formación"), 2))
    form.append(("para", t("Definir las áreas de formación necesarias para el desempeño del puesto. Asociar a cada "
                           "una el grado mínimo aceptable y la prioridad marcando con una \"X\".")))
    grades = ["bachiller", "tecnico", "licenciatura", "postgrado", "doctorado"]
    matrix = [
        [t("Área de Formación"), t("Grado mínimo de formación aceptable"), None, None, None, None, "Prioridad"],
        ["^", "Bachiller", t("Técnico o Egresado Universitario"), "Licenciatura", "Post Grado", "Doctorado", "^"],
    ]
    for entry in spec["formacion"]:
        marks = ["X" if entry["grado_minimo"] == g else "" for g in grades]
        matrix.append([entry["area"], *marks, (entry["prioridad"] or "").upper()])
    narrow = "narrow_priority" in spec["hard"]
    widths = [0.34, 0.1, 0.14, 0.12, 0.1, 0.1, 0.1] if not narrow else [0.43, 0.1, 0.14, 0.1, 0.09, 0.09, 0.05]
    form.append(("table", Grid(rows=matrix, widths=widths, header_rows=2, txt_break_before=[2])))
    form.append(("heading", t("4.2 Experiencia Laboral mínima requerida"), 2))
    exp = spec["experiencia"]
    form.append(("table", Grid(rows=[
        ["Experiencia", t("Años")],
        ["Experiencia Laboral General", str(exp["general"])],
        ["Experiencia Profesional", str(exp["profesional"])],
        [t("Experiencia en el Sector Público"), str(exp["sector_publico"])],
    ], widths=[0.7, 0.3])))
    form.append(("heading", "4.3 Otros Conocimientos", 2))
    rows = [["Conocimientos", "Excluyente", "Deseable"]]
    for k in spec["conocimientos"]:
        rows.append([k["conocimiento"], "X" if k["caracter"] == "excluyente" else "",
                     "X" if k["caracter"] == "deseable" else ""])
    form.append(("table", Grid(rows=rows, widths=[0.6, 0.2, 0.2])))
    if spec["cualidades"]:
        form.append(("heading", "4.4 Cualidades Personales", 2))
        form += [("para", q) for q in spec["cualidades"]]
    form.append(("heading", t("5.- APROBACIÓN Y ACEPTACIÓN"), 1))
    form.append(("para", t(f"La suscripción de la Programación Operativa Anual Individual (POAI), supone conformidad "
                           f"dentro del periodo (gestión {spec['gestion']}), con todo su contenido.")))
    if spec["aprobacion"]["ciudadania_digital"]:
        form.append(("label", t("EL PRESENTE DOCUMENTO FUE APROBADO CON CIUDADANÍA DIGITAL:")))
    form.append(("para", f"ELABORADO POR: {spec['aprobacion']['elaborado_por']}"))
    form.append(("para", f"APROBADO POR: {spec['aprobacion']['aprobado_por']}"))
    return form


# -- family B -------------------------------------------------------------------------------
def _date(iso: str | None) -> str:
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _form_b(spec: dict[str, Any]) -> Form:
    t = lambda s: _t(spec, s)  # noqa: E731
    p = spec["puesto"]
    functional, linear = p["dependencia"].split(" Lineal: ")
    form: Form = [
        ("title", "CAJA DE SALUD DEL ALTIPLANO"),
        ("title", t(f"PROGRAMACIÓN OPERATIVA ANUAL INDIVIDUAL - GESTIÓN {spec['gestion']}")),
        ("heading", "A. IDENTIFICACION DEL CARGO:", 1),
    ]
    supervised = list(p["cargos_supervisados"]) or "NINGUNO"
    form.append(("table", Grid(rows=[
        ["Nombre del Puesto", p["denominacion"]],
        ["Item/Contrato", f"N° {p['item']}"],
        ["Nombre del Cargo", spec["nivel"]],
        [t("Unidad o Área de Dependencia"), [functional, f"Lineal: {linear}"]],
        ["Cargo Inmediato Superior", p["inmediato_superior"]],
        ["Lugar de Trabajo", "La Paz"],
        ["Cargos Bajo Dependencia", supervised],
        ["Relaciones Internas", list(spec["relaciones"]["intrainstitucionales"])],
        ["Relaciones Externas", list(spec["relaciones"]["interinstitucionales"])],
    ], widths=[0.32, 0.68], header_rows=0, label_column=True)))
    form += [
        ("heading", "B. DESCRIPCION Y ANALISIS DE TAREAS:", 1),
        ("label", "Objetivo del Puesto:"),
        ("para", spec["objetivo"]),
    ]
    style = _weight_style(spec)
    if "cut_row" in spec["hard"] or "repeat_header" in spec["hard"]:
        form.append(("spacer", 300))
    for tipo, title in (("especifica", "Funciones Específicas"), ("rutinaria", "Funciones Continuas")):
        form.append(("heading", t(title), 2))
        rows = [[t("N°"), "Tareas / Funciones", "Resultado Esperado", t("Medio de Verificación"), "Peso (%)"]]
        for i, f in enumerate([f for f in spec["funciones"] if f["tipo"] == tipo]):
            rows.append([str(f["n"]), f["funcion"], f["resultado"] or "", f["fuente_verificacion"] or "",
                         _fmt_weight(f["ponderacion"], style, i)])
        form.append(("table", Grid(rows=rows, widths=[0.06, 0.34, 0.24, 0.24, 0.12],
                                   ruled="unruled_functions" not in spec["hard"],
                                   repeat_header="repeat_header" in spec["hard"],
                                   split_rows="cut_row" in spec["hard"],
                                   txt_break_before=_split_points(spec, len(rows)))))
    form.append(("heading", "C. REQUISITOS DEL CARGO:", 1))
    form.append(("heading", t("Formación Académica"), 2))
    grade_names = {"licenciatura": "Licenciatura", "postgrado": t("Maestría"), "tecnico": t("Técnico Superior")}
    rows = [[t("Área de Formación"), t("Grado Académico"), "Prioridad"]]
    for entry in spec["formacion"]:
        rows.append([entry["area"], grade_names[entry["grado_minimo"]], (entry["prioridad"] or "").capitalize()])
    narrow = "narrow_priority" in spec["hard"]
    form.append(("table", Grid(rows=rows, widths=[0.6, 0.3, 0.1] if not narrow else [0.66, 0.28, 0.06])))
    form.append(("heading", "Experiencia Laboral", 2))
    exp = spec["experiencia"]
    form.append(("table", Grid(rows=[
        ["Tipo de Experiencia", t("Años")],
        ["Experiencia general", f"{exp['general']} años"],
        ["Experiencia profesional", f"{exp['profesional']} años"],
        [t("Experiencia en el sector público"), f"{exp['sector_publico']} años"],
    ], widths=[0.7, 0.3])))
    form.append(("heading", "Conocimientos", 2))
    rows = [["Conocimiento", t("Carácter")]] + [[k["conocimiento"], k["caracter"].capitalize()]
                                                  for k in spec["conocimientos"]]
    form.append(("table", Grid(rows=rows, widths=[0.7, 0.3])))
    if spec["cualidades"]:
        form.append(("heading", "Cualidades Personales", 2))
        form += [("para", f"• {q}") for q in spec["cualidades"]]
    if spec["normas"]:
        form.append(("heading", "D. NORMAS A CUMPLIR:", 1))
        form += [("para", f"• {n}") for n in spec["normas"]]
    form.append(("heading", t("E. APROBACIÓN:"), 1))
    a = spec["aprobacion"]
    form.append(("table", Grid(rows=[
        [f"Elaborado por: {a['elaborado_por']}", f"Aprobado por: {a['aprobado_por']}"],
        [t(f"Fecha de elaboración: {_date(a['fecha_elaboracion'])}"),
         t(f"Fecha de aprobación: {_date(a['fecha_aprobacion'])}")],
    ], widths=[0.5, 0.5], header_rows=0)))
    return form


# -- family C -------------------------------------------------------------------------------
def _form_c(spec: dict[str, Any]) -> Form:
    t = lambda s: _t(spec, s)  # noqa: E731
    p = spec["puesto"]
    form: Form = [
        ("title", "UNIVERSIDAD PÚBLICA DE LOS VALLES" if "no_accents" not in spec["hard"]
         else "UNIVERSIDAD PUBLICA DE LOS VALLES"),
        ("title", "FORM 001"),
        ("title", t(f"PROGRAMACIÓN OPERATIVA ANUAL INDIVIDUAL - GESTIÓN {spec['gestion']}")),
        ("heading", "1 - IDENTIFICACION", 1),
        ("table", Grid(rows=[
            ["CARGO", p["denominacion"]],
            ["UNIDAD O AREA", p["dependencia"]],
            ["SUPERVISION", list(p["cargos_supervisados"]) or "Ninguna"],
            ["PUESTO DE INMEDIATO SUPERIOR", p["inmediato_superior"]],
        ], widths=[0.32, 0.68], header_rows=0, label_column=True)),
        ("table", Grid(rows=[
            ["RELACIONES DEL CARGO", None],
            ["INTERINSTITUCIONALES", "INTRAINSTITUCIONALES"],
            [list(spec["relaciones"]["interinstitucionales"]), list(spec["relaciones"]["intrainstitucionales"])],
        ], widths=[0.5, 0.5], header_rows=2)),
        ("heading", "2 - OBJETIVOS, RESULTADOS Y FUNCIONES DEL CARGO", 1),
        ("table", Grid(rows=[["OBJETIVO DE CARGO", spec["objetivo"]]], widths=[0.25, 0.75], header_rows=0,
                       label_column=True)),
    ]
    if "cut_row" in spec["hard"] or "repeat_header" in spec["hard"]:
        form.append(("spacer", 200))
    style = _weight_style(spec)
    rows: list[list[Any]] = [
        ["RESULTADOS ESPECIFICOS (PROFESIONALES Y TECNICOS)", None, None, None, None],
        ["#", "RESULTADOS ESPECIFICOS", "PONDERACION", "INDICADORES", "ACTIVIDADES"],
    ]
    specific = [f for f in spec["funciones"] if f["tipo"] == "especifica"]
    for i, f in enumerate(specific):
        nested = Grid(rows=[[t("ACTIVIDAD"), t("MEDIO DE VERIFICACION"), t("% DE EJECUCION")]] + [
            [a["actividad"], a["medio_verificacion"], f"{a['porcentaje']:g} %"] for a in f["actividades"]
        ], widths=[0.38, 0.4, 0.22])
        rows.append([str(f["n"]), f["funcion"], _fmt_weight(f["ponderacion"], style, i), f["indicador"] or "",
                     nested])
    form.append(("table", Grid(rows=rows, widths=[0.05, 0.24, 0.09, 0.14, 0.48], header_rows=2,
                               repeat_header="repeat_header" in spec["hard"],
                               split_rows="cut_row" in spec["hard"])))
    rows = [["RESULTADOS CONTINUOS O FUNCIONES", None, None], ["#", "RESULTADO CONTINUO", "PONDERACION"]]
    for i, f in enumerate([f for f in spec["funciones"] if f["tipo"] == "rutinaria"]):
        rows.append([str(f["n"]), f["funcion"], _fmt_weight(f["ponderacion"], style, i + 1)])
    form.append(("table", Grid(rows=rows, widths=[0.06, 0.76, 0.18], header_rows=2)))
    form.append(("heading", "3 - REQUISITOS DEL PUESTO", 1))
    form.append(("heading", "FORMACION", 2))
    for entry in spec["formacion"]:
        suffix = f" ({entry['prioridad']})" if entry["prioridad"] else ""
        form.append(("para", entry["area"] + suffix))
    form.append(("heading", "EXPERIENCIA", 2))
    exp = spec["experiencia"]
    for key, words in (("general", "de experiencia general"), ("profesional", "de experiencia profesional"),
                       ("sector_publico", t("de experiencia en el sector público"))):
        n = exp[key]
        unit = t("año") if n == 1 else t("años")
        form.append(("para", f"{_NUMBER_WORDS[n]} ({n}) {unit} {words}"))
    if spec["cualidades"]:
        form.append(("heading", "CUALIDADES", 2))
        form += [("para", q) for q in spec["cualidades"]]
    form.append(("heading", "CUMPLIMIENTO DE NORMAS Y RESPONSABILIDAD", 2))
    form += [("para", n) for n in spec["normas"]]
    form.append(("heading", "4 - COMPROMISO", 1))
    a = spec["aprobacion"]
    form.append(("table", Grid(rows=[
        ["FECHA ELABORACION", _date(a["fecha_elaboracion"])],
        ["FECHA INICIO DE EJECUCION", _date(spec["fecha_inicio"])],
        ["FECHA DE APROBACION", _date(a["fecha_aprobacion"])],
    ], widths=[0.4, 0.6], header_rows=0, label_column=True)))
    form.append(("table", Grid(rows=[
        ["JEFE INMEDIATO SUPERIOR", "SERVIDOR PUBLICO"],
        [a["aprobado_por"], a["elaborado_por"]],
    ], widths=[0.5, 0.5])))
    return form
