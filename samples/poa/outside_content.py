"""Hand-written content of the outside POA corpus (samples/poa/outside.py).

Written from what a person reads on the page, not from the loader: the trees below are the
expected answers; the generator lays the same content out in each file's own shape.
"""

from __future__ import annotations

from typing import Any

Node = dict[str, Any]

ENTITY = "MINISTERIO DE DESARROLLO PRODUCTIVO Y ECONOMÍA PLURAL"
DAF = "DIRECCIÓN GENERAL DE ASUNTOS ADMINISTRATIVOS"
RRHH = "UNIDAD DE RECURSOS HUMANOS"
AUDIT = "UNIDAD DE AUDITORÍA INTERNA"
JURIDICA = "DIRECCIÓN GENERAL DE ASUNTOS JURÍDICOS"


def n(nivel: str, codigo: str | None, texto: str, *hijos: Node) -> Node:
    return {"nivel": nivel, "codigo": codigo, "texto": texto, "hijos": list(hijos)}


def expected(*units: tuple[str | None, list[Node]]) -> dict[str, Any]:
    return {"unidades": [{"unidad": name, "arbol": tree} for name, tree in units]}


# Administrative direction: ACP → operation (with a "1.10" beside "1.1").
ACP_FIN = "Administrar eficientemente los recursos financieros de la entidad"
ACP_CONT = "Gestionar la contratación de bienes y servicios para el funcionamiento institucional"
ACP_BIENES = "Administrar los bienes y activos fijos institucionales"
ACP_ARCH = "Fortalecer el archivo central institucional"

OPS: dict[str, list[tuple[str, str]]] = {
    "1.1": [("1.1.1", "Elaborar el anteproyecto de presupuesto institucional de la gestión 2025"),
            ("1.1.2", "Ejecutar los pagos a proveedores conforme a la normativa vigente"),
            ("1.1.3", "Realizar el cierre contable y presupuestario de la gestión")],
    "1.2": [("1.2.1", "Elaborar y publicar el Programa Anual de Contrataciones (PAC)"),
            ("1.2.2", "Llevar a cabo los procesos de contratación en las modalidades ANPE y licitación pública")],
    "1.3": [("1.3.1", "Realizar el inventario anual de activos fijos"),
            ("1.3.2", "Mantener la infraestructura y el parque automotor de la entidad")],
    "1.10": [("1.10.1", "Organizar y digitalizar la documentación del archivo central")],
}
ACP_TEXT = {"1.1": ACP_FIN, "1.2": ACP_CONT, "1.3": ACP_BIENES, "1.10": ACP_ARCH}
RESULTS = {
    "1.1.1": "Anteproyecto de presupuesto aprobado", "1.1.2": "Pagos ejecutados en plazo",
    "1.1.3": "Estados financieros presentados", "1.2.1": "PAC publicado en el SICOES",
    "1.2.2": "Procesos de contratación concluidos", "1.3.1": "Inventario de activos actualizado",
    "1.3.2": "Infraestructura y vehículos operativos", "1.10.1": "Archivo central organizado",
}


def daf_tree(acps: list[str]) -> list[Node]:
    return [n("acp", a, ACP_TEXT[a], *[n("operacion", c, t) for c, t in OPS[a]]) for a in acps]


# Human resources: ACP → operation → activities lettered "a)", "b)".
RRHH_TREE: list[tuple[str, str, list[tuple[str, str, list[str]]]]] = [
    ("2.1", "Fortalecer la gestión del talento humano de la entidad", [
        ("2.1.1", "Elaborar el Plan Anual de Capacitación del personal", [
            "Relevar las necesidades de capacitación de las unidades",
            "Consolidar y aprobar el plan de capacitación"]),
        ("2.1.2", "Evaluar el desempeño del personal de planta", [
            "Aplicar los formularios de evaluación del desempeño",
            "Elaborar el informe de resultados de la evaluación",
            "Comunicar los resultados a los servidores públicos"])]),
    ("2.2", "Administrar la planilla de sueldos y el registro del personal", [
        ("2.2.1", "Procesar la planilla mensual de sueldos y salarios", [
            "Registrar las altas, bajas y licencias del personal",
            "Remitir la planilla a las entidades gestoras de salud"]),
        ("2.2.2", "Actualizar los files personales de los servidores públicos", [
            "Digitalizar la documentación de los files personales"])]),
]
LETTERS = "abcdefgh"


def rrhh_tree() -> list[Node]:
    return [n("acp", a, at, *[n("operacion", o, ot, *[n("actividad", LETTERS[i], x) for i, x in enumerate(acts)])
                              for o, ot, acts in ops]) for a, at, ops in RRHH_TREE]


# Internal audit: programmatic codes, ACP → operation → activity.
AUDIT_TREE: list[tuple[str, str, list[tuple[str, str, list[tuple[str, str]]]]]] = [
    ("520.1705.121", "Ejecutar el Programa Operativo Anual de Auditoría Interna", [
        ("520.1705.121.01", "Realizar la auditoría de confiabilidad de los registros y estados financieros", [
            ("520.1705.121.01.001", "Planificar la auditoría y elaborar el memorándum de planificación"),
            ("520.1705.121.01.002", "Ejecutar las pruebas de auditoría y emitir el informe")]),
        ("520.1705.121.02", "Efectuar auditorías especiales solicitadas por la Máxima Autoridad Ejecutiva", [
            ("520.1705.121.02.001", "Evaluar las denuncias recibidas y definir el alcance")])]),
    ("520.1705.122", "Realizar el seguimiento a la implantación de recomendaciones", [
        ("520.1705.122.01", "Efectuar el seguimiento a las recomendaciones de informes de control interno", [
            ("520.1705.122.01.001", "Verificar el cumplimiento del cronograma de implantación")])]),
]


def audit_tree() -> list[Node]:
    return [n("acp", a, at, *[n("operacion", o, ot, *[n("actividad", c, t) for c, t in acts])
                              for o, ot, acts in ops]) for a, at, ops in AUDIT_TREE]


# Legal direction with PEI articulation: PEI → ACP → operation.
JUR_TREE: list[tuple[str, str, list[tuple[str, str, list[tuple[str, str]]]]]] = [
    ("4.2.1", "Consolidar un marco normativo que impulse el desarrollo productivo", [
        ("3.1", "Elaborar y revisar los proyectos normativos del sector productivo y de la economía plural", [
            ("3.1.1", "Elaborar proyectos de decretos supremos y resoluciones ministeriales"),
            ("3.1.2", "Emitir informes legales sobre proyectos normativos de otras entidades")]),
        ("3.2", "Atender los procesos judiciales y administrativos de la entidad", [
            ("3.2.1", "Patrocinar los procesos judiciales en los que la entidad es parte")])]),
    ("4.3.1", "Fortalecer la transparencia y la lucha contra la corrupción", [
        ("3.3", "Atender los recursos administrativos y los trámites de transparencia", [
            ("3.3.1", "Resolver los recursos de revocatoria y jerárquicos presentados"),
            ("3.3.2", "Sustanciar los procesos sumarios administrativos")])]),
]


def jur_tree() -> list[Node]:
    return [n("pei", p, pt, *[n("acp", a, at, *[n("operacion", o, ot) for o, ot in ops]) for a, at, ops in acps])
            for p, pt, acps in JUR_TREE]
