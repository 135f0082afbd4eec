"""Headings, labels and columns found after folding, whatever the numbering, accents or typos."""

from __future__ import annotations

import pytest

from extractor.layout.spec import best_key, vocabulary

V = vocabulary()


@pytest.mark.parametrize(("text", "section"), [
    ("1.- IDENTIFICACIÓN DEL PUESTO", "identificacion"), ("A. IDENTIFICACION DEL CARGO:", "identificacion"),
    ("1 - IDENTIFICACION", "identificacion"), ("I. IDENTIFlCACION DEL PUESTO", "identificacion"),
    ("2.- RELACIONAMIENTO", "relaciones"), ("RELACIONES DEL CARGO", "relaciones"),
    ("3.2 Funciones Específicas", "especificas"), ("3.3 FUNCIONES RUTINARIAS", "rutinarias"),
    ("Funciones Continuas", "rutinarias"), ("RESULTADOS CONTINUOS O FUNCIONES", "rutinarias"),
    ("RESULTADOS ESPECIFICOS (PROFESIONALES Y TECNICOS)", "especificas"),
    ("Objetivo del Puesto (razón de ser del puesto)", "objetivo"), ("OBJETIVO DE CARGO", "objetivo"),
    ("4.2 Experiencia Laboral mínima requerida", "experiencia"), ("4.3 Otros Conocimientos", "conocimientos"),
    ("CUMPLIMIENTO DE NORMAS Y RESPONSABILIDAD", "normas"), ("5.- APROBACIÓN Y ACEPTACIÓN", "aprobacion"),
    ("4 - COMPROMISO", "aprobacion"), ("B. DESCRIPCION Y ANALISIS DE TAREAS:", "descripcion"),
])
def test_sections(text: str, section: str) -> None:
    assert V.section_of(text) == section


@pytest.mark.parametrize("text", ["Viceministerio de Justicia", "Ley 1178", "Experiencia Laboral General",
                                  "Relaciones Intrainstitucionales", "CAPACIDAD DE TRABAJO EN EQUIPO"])
def test_not_sections(text: str) -> None:
    assert V.section_of(text) is None


@pytest.mark.parametrize(("text", "field"), [
    ("Denominación del Puesto", "denominacion"), ("Nombre del Puesto", "denominacion"), ("CARGO", "denominacion"),
    ("Nro Item", "item"), ("Nº Ítem", "item"), ("Item/Contrato", "item"), ("Dependencia", "dependencia"),
    ("Unidad o Área de Dependencia", "dependencia"), ("UNIDAD O AREA", "dependencia"),
    ("Cargo Inmediato Superior", "inmediato_superior"), ("PUESTO DE INMEDIATO SUPERIOR", "inmediato_superior"),
    ("Nombre del Ocupante", "ocupante"), ("Cargos Supervisados", "cargos_supervisados"),
    ("Cargos Bajo Dependencia", "cargos_supervisados"), ("Personal a su cargo", "cargos_supervisados"),
    ("SUPERVISION", "cargos_supervisados"), ("Relaciones Internas", "intrainstitucionales"),
])
def test_puesto_labels(text: str, field: str) -> None:
    assert V.match(text, V.puesto) == field


@pytest.mark.parametrize(("text", "column"), [
    ("Funciones Específicas (de acuerdo a los procesos y POA-2023 de la Unidad o Dependencia)", "funcion"),
    ("Resultados en términos de (cantidad, calidad, tiempo y/o plazo)", "resultado"),
    ("Fuente de Verificación", "fuente_verificacion"), ("Medios de Verificación", "fuente_verificacion"),
    ("Ponderación", "ponderacion"), ("Ponderaci ón", "ponderacion"), ("PONDE RACION", "ponderacion"),
    ("Peso (%)", "ponderacion"), ("Pond.", "ponderacion"), ("RESULTADO CONTINUO", "funcion"), ("#", "n"),
    ("INDICADORES", "indicador"), ("ACTIVIDADES", "actividades"),
])
def test_function_columns(text: str, column: str) -> None:
    assert best_key(text, V.columns["funciones"])[0] == column


def test_instructions_are_not_data() -> None:
    assert V.is_instruction("Citar en orden de importancia, los RESULTADOS ESPECÍFICOS …")
    assert V.is_instruction("Se debe registrar el tipo de cualidades personales")
    assert not V.is_instruction("Constitución Política del Estado")
