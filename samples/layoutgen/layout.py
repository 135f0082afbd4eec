"""A random layout: every choice a form makes about how it prints the same content.

A ``Layout`` is drawn from its own seeded ``random.Random``, independently of the content, so a
failing document is re-made from ``(seed, index)`` and its layout printed with ``describe``.
Scalar fields are the *features* the scorer breaks accuracy down by; the dicts hold the
synonyms drawn from ``layouts.toml`` (reported per synonym).
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from layoutgen.vocab import synonyms

NUMBERINGS = ["1.-", "1 -", "1.", "A.", "I.", "none"]
WEIGHT_FORMATS = ["10", "10,00", "10.00", "10 %", "10%", "0,10"]
# Function-column synonyms that name the type of the function: (specific form, routine forms).
_TIPO_PAIRS = [
    ("funciones especificas", ["funciones rutinarias", "funciones continuas"]),
    ("resultados especificos", ["resultados continuos"]),
    ("resultado especifico", ["resultado continuo"]),
]
_TIPO_HEADERS = {word for spec, routs in _TIPO_PAIRS for word in [spec, *routs]}
# Headers that make the function column a result: such tables have no separate result column.
RESULT_LIKE = {"resultados especificos", "resultado especifico", "resultado continuo", "resultados continuos"}


@dataclass
class Layout:
    """How one document prints its content (see the module docstring)."""

    formato: str = "pdf"  # pdf (reportlab) | docx | txt | lo (DOCX converted by LibreOffice)
    font: str = "Helvetica"  # Helvetica | Times | Courier (standard PDF fonts) | Vera (an embedded TrueType)
    size: float = 9.0
    landscape: bool = False
    paper: str = "A4"  # A4 | Letter
    numbering: str = "1.-"
    subnumbering: bool = True
    heading_style: str = "bold"  # bold | size (bigger, not bold) | caps (plain capitals)
    heading_case: str = "upper"
    heading_colon: bool = False
    label_case: str = "title"  # upper | title | sentence | lower
    accents: bool = True  # labels and headings typed with accents
    content_accents: bool = True  # values typed with accents
    label_colon: bool = False
    label_bold: bool = True
    ident_style: str = "two_col"  # two_col | four_col | lines
    relations_style: str = "table"  # table (Intra | Inter) | in_ident | lines
    objective_style: str = "para"  # para (under a heading) | row (label | value) | line ("Objetivo: …")
    fn_one_table: bool = False  # specific and routine in one table with full-width sub-header rows
    fn_header_rows: int = 1  # 2: merged parent cells over some columns
    fn_parent: str = "pond"  # pond ("Ponderación" over "%") | eval (a parent over result and source)
    fn_number: bool = False  # a N° column
    fn_result: bool = True
    fn_indicator: bool = False
    fn_order: str = "canonical"  # canonical | shuffled
    narrow_columns: bool = False  # column widths ignore the longest word: headers and codes break mid-word
    weight_format: str = "10,00"
    priority_style: str = "upper"  # upper | title | lower | number
    formation_style: str = "matrix"  # matrix (X under a grade) | grade_column | free_text
    formation_two_rows: bool = True
    mark: str = "X"
    knowledge_style: str = "columns"  # columns (X under Excluyente/Deseable) | caracter | suffix
    experience_style: str = "table"  # table | lines | free_text
    list_style: str = "lines"  # rows | one_cell | lines (norms, qualities, knowledge by suffix)
    bullet: str = "none"  # bullet | endash | hyphen | wingdings | none
    ruled: str = "all"  # all | none | mixed (identification and requirements ruled, functions not)
    header_footer: str = "none"  # none | page | page_of | entity
    repeat_header: bool = True
    split_rows: bool = False
    breaks: int = 0  # forced page breaks (between elements or inside a table)
    signature_style: str = "lines"  # lines | boxes_below | boxes_above
    date_style: str = "none"  # none | city_line | labelled
    instructions: bool = True
    instruction_wrap: bool = False  # instructions typed over two lines, the second going on in lower case
    formation_header_wrap: bool = False  # matrix: grade names broken over two header rows ("Post" / "Grado")
    experience_place: str = "own"  # own (its heading) | formation (rows under the formation table, "… (años)")
    date_box: bool = False  # labelled dates as a row of labels over a row of values (family C's FORM 001)
    normas_place: str = "descripcion"  # descripcion | own | requisitos
    print_item: bool = True
    item_prefix: bool = False  # "N° 147"
    print_ocupante: bool = True
    print_supervised: bool = True
    print_nivel: bool = False
    print_lugar: bool = False
    print_relations: bool = True
    print_normas: bool = True
    compounds: bool = False  # texts hold hyphenated compounds ("técnico-jurídico"), which may break after the hyphen
    lists_tight: bool = False  # "lo": list items kept in order when LibreOffice's wrap spaces tell them apart
    # Top and bottom page margins (points): narrow ones (1.5 cm) put a page's first and last lines,
    # table rows among them, where running headers and footers live.
    margin_v: float = 56.69
    # "pdf": tables without rules set with no cell padding, rows as tight as a cell's wrapped lines
    # (Word tables with zero cell margins look so): only where a row's text tells it apart.
    tight_rows: bool = False
    # A watermark ("BORRADOR") drawn large and light behind every page, at ``watermark_angle`` degrees.
    watermark: str = ""
    watermark_angle: int = 45
    columns: list[str] = field(default_factory=list)  # order of the function columns
    labels: dict[str, str] = field(default_factory=dict)  # field → folded synonym
    headings: dict[str, str] = field(default_factory=dict)  # section → folded synonym
    headers: dict[str, str] = field(default_factory=dict)  # column key → folded synonym

    def features(self) -> dict[str, Any]:
        """The scalar choices, for accuracy per feature."""
        skip = {"columns", "labels", "headings", "headers"}
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip}

    def describe(self) -> str:
        """A one-paragraph dump, to re-make and look at a failing document."""
        parts = [f"{k}={v!r}" for k, v in asdict(self).items()]
        return ", ".join(parts)


def _pick(rng: random.Random, table: dict[str, list[str]], key: str) -> str:
    return rng.choice(table[key])


def draw_layout(rng: random.Random, formato: str) -> Layout:
    """A random layout for a document rendered as ``formato``."""
    lay = Layout(formato=formato)
    lay.font = rng.choice(["Helvetica", "Helvetica", "Times", "Courier", "Vera", "Vera"])
    lay.size = rng.choice([8.0, 8.5, 9.0, 9.0, 10.0, 10.0, 11.0])
    lay.landscape = rng.random() < 0.15
    lay.paper = rng.choice(["A4", "Letter"])
    lay.numbering = rng.choice(NUMBERINGS)
    lay.subnumbering = lay.numbering[0] == "1" and rng.random() < 0.6
    lay.heading_style = rng.choice(["bold", "bold", "size", "caps"])
    lay.heading_case = rng.choice(["upper", "upper", "title"]) if lay.heading_style != "caps" else "upper"
    lay.heading_colon = rng.random() < 0.2
    lay.label_case = rng.choice(["upper", "title", "title", "sentence", "lower"])
    lay.accents = rng.random() < 0.7
    lay.content_accents = rng.random() < 0.85
    lay.label_colon = rng.random() < 0.45
    lay.label_bold = rng.random() < 0.7
    lay.ident_style = rng.choice(["two_col", "two_col", "four_col", "lines"])
    lay.relations_style = rng.choice(["table", "table", "in_ident", "lines"])
    lay.objective_style = rng.choice(["para", "para", "row", "line"])
    lay.fn_one_table = rng.random() < 0.35
    lay.fn_header_rows = rng.choice([1, 1, 2])
    lay.fn_number = rng.random() < 0.5
    lay.fn_indicator = rng.random() < 0.3
    lay.fn_order = rng.choice(["canonical", "canonical", "shuffled"])
    lay.narrow_columns = rng.random() < 0.15
    lay.weight_format = rng.choice(WEIGHT_FORMATS)
    lay.priority_style = rng.choice(["upper", "title", "lower", "number"])
    lay.formation_style = rng.choice(["matrix", "matrix", "grade_column", "free_text"])
    lay.formation_two_rows = rng.random() < 0.6
    # reportlab writes "•" in a standard font under its own encoding, which PDF text extraction cannot map
    # (it comes out as "(cid:127)"): no real form shows that, so "•" only where it is drawn as a character.
    standard_pdf = formato == "pdf" and lay.font != "Vera"
    lay.mark = rng.choice(
        ["X", "X", "x"] + ([] if standard_pdf else ["•"]) + (["✓"] if formato in {"docx", "txt"} else [])
    )
    lay.knowledge_style = rng.choice(["columns", "columns", "caracter", "suffix"])
    lay.experience_style = rng.choice(["table", "table", "lines", "free_text"])
    lay.list_style = rng.choice(["rows", "one_cell", "lines"])
    lay.bullet = rng.choice(["none", "none", "endash", "hyphen", "wingdings"] + ([] if standard_pdf else ["bullet"]))
    lay.ruled = rng.choice(["all", "all", "none", "mixed"])
    lay.header_footer = rng.choice(["none", "page", "page_of", "entity"])
    lay.repeat_header = rng.random() < 0.5
    lay.split_rows = rng.random() < 0.4
    lay.breaks = rng.choice([0, 0, 1, 1, 2, 3])
    lay.signature_style = rng.choice(["lines", "boxes_below", "boxes_above"])
    lay.date_style = rng.choice(["none", "city_line", "labelled"])
    lay.instructions = rng.random() < 0.5
    lay.normas_place = rng.choice(["descripcion", "own", "requisitos"])
    lay.print_item = rng.random() < 0.9
    lay.item_prefix = rng.random() < 0.1
    lay.print_ocupante = rng.random() < 0.85
    lay.print_supervised = rng.random() < 0.9
    lay.print_nivel = rng.random() < 0.25
    lay.print_lugar = rng.random() < 0.2
    lay.print_relations = rng.random() < 0.95
    lay.print_normas = rng.random() < 0.95
    _draw_words(rng, lay)
    _draw_requirement_variants(rng, lay)
    # Drawn after every other choice: adding them changed no earlier draw of a (seed, index).
    lay.compounds = rng.random() < 0.3
    tight = rng.random() < 0.5
    lay.lists_tight = formato == "lo" and tight
    lay.margin_v = rng.choice([56.69, 56.69, 42.52])
    tight_rows = rng.random() < 0.3
    lay.tight_rows = formato == "pdf" and tight_rows
    mark, marked, lay.watermark_angle = rng.choice(["BORRADOR", "COPIA", "NO VÁLIDO"]), rng.random() < 0.2, \
        rng.choice([45, 45, 30, 0])
    lay.watermark = mark if marked and formato != "txt" else ""
    return lay


def _draw_requirement_variants(rng: random.Random, lay: Layout) -> None:
    """Layouts of the requirements and approval that the external forms showed (drawn last, so that
    every choice before them stays what it was for a seed and index)."""
    lay.instruction_wrap = lay.instructions and rng.random() < 0.5
    lay.formation_header_wrap = lay.formation_style == "matrix" and rng.random() < 0.4
    lay.experience_place = "formation" if lay.experience_style == "table" and rng.random() < 0.3 else "own"
    if lay.experience_place == "formation":
        # Rows among other requirements are experience only by a label of two words or more.
        for key, values in synonyms("fields", "experiencia").items():
            if " " not in lay.labels["exp_" + key]:
                lay.labels["exp_" + key] = rng.choice([v for v in values if " " in v])
    lay.date_box = lay.date_style == "labelled" and rng.random() < 0.4


def _draw_words(rng: random.Random, lay: Layout) -> None:
    """Synonyms for every heading, label and column header; the function columns and their order."""
    _draw_labels(rng, lay)
    _draw_function_columns(rng, lay)


def _draw_labels(rng: random.Random, lay: Layout) -> None:
    """Synonyms for every heading, label and column header."""
    lay.headings = {key: rng.choice(values) for key, values in synonyms("sections").items()}
    puesto = synonyms("fields", "puesto")
    lay.labels = {key: _pick(rng, puesto, key) for key in puesto}
    if lay.labels["denominacion"] in {"nombre del cargo", "denominacion del cargo", "cargo"}:
        lay.print_nivel = False  # "Nombre del Cargo" would then name two fields: a person could not tell
    elif lay.print_nivel:
        lay.labels["nivel"] = rng.choice(
            [s for s in puesto["nivel"] if s != "nombre del cargo"]
            + (["nombre del cargo"] if lay.labels["denominacion"] == "nombre del puesto" else [])
        )
    for key, values in synonyms("fields", "aprobacion").items():
        lay.labels[key] = rng.choice(values)
    for key, values in synonyms("fields", "experiencia").items():
        lay.labels["exp_" + key] = rng.choice(values)
    for table in ("funciones", "formacion", "conocimientos", "experiencia"):
        for key, values in synonyms("columns", table).items():
            lay.headers[f"{table}.{key}"] = rng.choice(values)


def _draw_function_columns(rng: random.Random, lay: Layout) -> None:
    """The function table's headers that depend on each other; its columns and their order."""
    function_header = lay.headers["funciones.funcion"]
    if function_header in _TIPO_HEADERS and lay.fn_one_table:
        # One table holds both types: its header cannot name one of them.
        generic = [s for s in synonyms("columns", "funciones")["funcion"] if s not in _TIPO_HEADERS]
        function_header = rng.choice(generic)
    lay.headers["funciones.funcion"] = lay.headers["funciones.funcion_rutinaria"] = function_header
    for specific, routine in _TIPO_PAIRS:
        if function_header == specific or function_header in routine:
            # Each table is headed by its own type's word.
            lay.headers["funciones.funcion"] = function_header = specific
            lay.headers["funciones.funcion_rutinaria"] = rng.choice(routine)
    lay.fn_result = function_header not in RESULT_LIKE and rng.random() < 0.85
    if lay.headers["funciones.ponderacion"] == "%" and lay.fn_header_rows == 2:
        lay.fn_parent = "pond"
    else:
        lay.fn_parent = rng.choice(["pond", "eval"]) if lay.fn_result else "pond"
    columns = ["funcion", "resultado", "indicador", "fuente_verificacion", "ponderacion"]
    columns = [c for c in columns if (c != "resultado" or lay.fn_result) and (c != "indicador" or lay.fn_indicator)]
    if lay.fn_order == "shuffled":
        rng.shuffle(columns)
    if lay.fn_header_rows == 2 and lay.fn_parent == "eval":
        # The parent cell spans result and source: they must sit side by side.
        columns.remove("fuente_verificacion")
        columns.insert(columns.index("resultado") + 1, "fuente_verificacion")
    lay.columns = (["n"] if lay.fn_number else []) + columns
