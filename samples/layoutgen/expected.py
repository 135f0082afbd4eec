"""The record a document must give, built from its composed content and layout, never from the file."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from layoutgen.compose import Composed
from layoutgen.layout import Layout


def expected_record(doc: Composed, lay: Layout) -> dict[str, Any]:
    """The content fields of the record (SCHEMA.md) for ``doc`` printed in ``lay``.

    Fields the layout does not print are null ([] for lists), as SCHEMA says for blank fields.
    """
    c = deepcopy(doc.content)
    p = c["puesto"]
    puesto = {
        "denominacion": p["denominacion"],
        "item": p["item"] if lay.print_item else None,
        "dependencia": p["dependencia"],
        "inmediato_superior": p["inmediato_superior"],
        "ocupante": p["ocupante"] if lay.print_ocupante else None,
        "cargos_supervisados": list(p["cargos_supervisados"]) if lay.print_supervised else [],
    }
    functions = []
    for f in c["funciones"]:
        functions.append(
            {
                "tipo": f["tipo"],
                "n": f["n"],
                "funcion": f["funcion"],
                "resultado": f["resultado"] if "resultado" in lay.columns else None,
                "fuente_verificacion": f["fuente_verificacion"],
                "ponderacion": float(f["ponderacion"]),
                "indicador": f["indicador"] if "indicador" in lay.columns else None,
            }
        )
    experiencia = {k: (float(v) if v is not None else None) for k, v in c["experiencia"].items()}
    return {
        "gestion": c["gestion"],
        "puesto": puesto,
        "relaciones": c["relaciones"],
        "objetivo": c["objetivo"],
        "funciones": functions,
        "normas": c["normas"],
        "formacion": c["formacion"],
        "experiencia": experiencia,
        "conocimientos": c["conocimientos"],
        "cualidades": c["cualidades"],
        "aprobacion": c["aprobacion"],
    }
