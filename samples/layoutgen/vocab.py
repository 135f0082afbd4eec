"""The layout vocabulary (``layouts.toml``) as printable labels: accents, case, colons.

The TOML holds folded words ("identificacion del puesto"); a form prints them with accents
and punctuation ("IDENTIFICACIÓN DEL PUESTO:"). The generator draws every synonym the reader
is told about, so a new synonym in the TOML is exercised without touching this code.
"""

from __future__ import annotations

import random
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# The file is moving; the first that exists wins.
TOML_CANDIDATES = [ROOT / "extractor" / "layout" / "layouts.toml", ROOT / "extractor" / "layouts.toml"]

# Accented spellings of the folded words that appear in the TOML and in the generator's own labels.
_ACCENTS = {
    "identificacion": "identificación",
    "descripcion": "descripción",
    "analisis": "análisis",
    "especificas": "específicas",
    "especificos": "específicos",
    "especifica": "específica",
    "especifico": "específico",
    "tecnicos": "técnicos",
    "tecnico": "técnico",
    "formacion": "formación",
    "academica": "académica",
    "academico": "académico",
    "minima": "mínima",
    "minimo": "mínimo",
    "coordinacion": "coordinación",
    "aprobacion": "aprobación",
    "aceptacion": "aceptación",
    "area": "área",
    "numero": "número",
    "verificacion": "verificación",
    "ponderacion": "ponderación",
    "terminos": "términos",
    "funcion": "función",
    "desempeno": "desempeño",
    "publico": "público",
    "anos": "años",
    "caracter": "carácter",
    "categoria": "categoría",
    "jerarquico": "jerárquico",
    "direccion": "dirección",
    "ejecucion": "ejecución",
    "elaboracion": "elaboración",
    "ciudadania": "ciudadanía",
    "administracion": "administración",
    "razon": "razón",
    "item": "ítem",
    "denominacion": "denominación",
    "relacion": "relación",
    "informacion": "información",
    "gestion": "gestión",
    "programacion": "programación",
    "pagina": "página",
    "basica": "básica",
    "doctorado": "doctorado",
    "maestria": "maestría",
    "tecnica": "técnica",
}
# Whole synonyms that a form prints with punctuation the folded form lost.
_SPECIAL = {
    "n": ["N°", "Nº"],
    "no": ["No."],
    "nro": ["Nro.", "Nro"],
    "#": ["#"],
    "%": ["%"],
    "nro item": ["Nro Item", "Nro. Ítem"],
    "n item": ["N° Ítem", "Nº Item"],
    "item n": ["Ítem N°", "Item Nº"],
    "no item": ["No. Item"],
    "n de item": ["N° de Ítem"],
    "nro de item": ["Nro. de Item"],
    "item nro": ["Item Nro."],
    "item contrato": ["Item/Contrato", "Ítem / Contrato"],
    "item o contrato": ["Ítem o Contrato"],
    "peso %": ["Peso (%)", "Peso %"],
    "ponderacion %": ["Ponderación (%)", "Ponderación %"],
    "pond %": ["Pond. (%)", "Pond. %"],
    "pond": ["Pond."],
    "tareas funciones": ["Tareas / Funciones", "Tareas/Funciones"],
    "resultados en terminos de": [
        "Resultados en términos de (cantidad, calidad, tiempo y/o plazo)",
        "Resultados (en términos de cantidad, calidad y tiempo)",
    ],
    "de ejecucion": ["% de Ejecución"],
    "servidor a publico": ["Servidor(a) Público(a)", "Servidor/a Público/a"],
    "objetivos resultados y funciones del cargo": ["Objetivos, Resultados y Funciones del Cargo"],
    "objetivos resultados y funciones del puesto": ["Objetivos, Resultados y Funciones del Puesto"],
    "resultados especificos profesionales y tecnicos": ["Resultados Específicos (Profesionales y Técnicos)"],
    "direccion unidad": ["Dirección / Unidad", "Dirección/Unidad"],
    "intra institucionales": ["Intra Institucionales", "Intra-institucionales"],
    "inter institucionales": ["Inter Institucionales", "Inter-institucionales"],
    "funciones rutinarias o continuas": ["Funciones Rutinarias o Continuas", "Funciones Rutinarias y/o Continuas"],
    "area de formacion": ["Área de Formación", "Área de formación"],
    "presupuesto bs": ["Presupuesto (Bs)"],
}
_SMALL = {"de", "del", "y", "o", "a", "en", "el", "la", "los", "las", "por", "su", "e", "al", "con", "para"}
_UNACCENT = str.maketrans("ÁÉÍÓÚáéíóúÜü", "AEIOUaeiouUu")


def unaccent(text: str) -> str:
    """The text typed without accents (ñ and º kept), as many real forms are."""
    return text.translate(_UNACCENT)


@lru_cache(maxsize=1)
def toml_path() -> Path:
    """Where the layout vocabulary lives now (``extractor/layout/`` first, then ``extractor/``)."""
    for candidate in TOML_CANDIDATES:
        if candidate.exists():
            return candidate
    raise FileNotFoundError("layouts.toml no está en extractor/layout/ ni en extractor/")


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """The parsed TOML."""
    with toml_path().open("rb") as handle:
        return tomllib.load(handle)


def synonyms(*path: str) -> dict[str, list[str]]:
    """A table of the TOML, e.g. ``synonyms("fields", "puesto")`` → {field: [synonym, …]}."""
    table: Any = data()
    for key in path:
        table = table[key]
    return {k: list(v) for k, v in table.items() if isinstance(v, list)}


def accented(folded: str, rng: random.Random) -> str:
    """A printable spelling of a folded synonym, in sentence case, accents restored."""
    if folded in _SPECIAL:
        return rng.choice(_SPECIAL[folded])
    words = [_ACCENTS.get(w, w) for w in folded.split()]
    return " ".join(words)


def cased(text: str, case: str) -> str:
    """``text`` in one of the cases forms use: upper, title, sentence, lower."""
    if case == "upper":
        return text.upper()
    if case == "lower":
        return text.lower()
    if case == "title":
        words = text.split(" ")
        out = []
        for i, word in enumerate(words):
            if i and word.lower() in _SMALL:
                out.append(word.lower())
            elif word[:1].isalpha():
                out.append(word[:1].upper() + word[1:])
            else:
                out.append(word)
        return " ".join(out)
    # sentence case: first letter up, the rest as given except the first word's capital
    return text[:1].upper() + text[1:]


def styled(folded: str, rng: random.Random, case: str, accents: bool, colon: bool = False) -> str:
    """A synonym as the form prints it: accents or not, in ``case``, with a trailing colon or not."""
    text = cased(accented(folded, rng), case)
    if not accents:
        text = unaccent(text)
    if colon and not text.endswith(":"):
        text += ":"
    return text


def plain_words(text: str) -> str:
    """Lower-case letters and digits only: to compare printed labels in the generator's own checks."""
    return re.sub(r"[^a-z0-9ñ ]+", " ", unaccent(text).lower()).strip()
