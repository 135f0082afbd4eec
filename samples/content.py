"""Fictional POAI content for the sample corpus: people, posts, functions, requirements.

Every name and post here is invented. ``build_specs`` returns the ground truth of each
sample: the record fields the document will print, plus how to print it (family, formats,
hard cases).
"""

from __future__ import annotations

import random
from copy import deepcopy
from typing import Any

# One fictional entity: the ministry's directorate whose unit POA is samples/poa/. Its offices
# fill three forms (families A, B and C), and keep many POAIs both as Word and as PDF.
ENTITY_A = "MINISTERIO DE PLANIFICACIÓN TERRITORIAL"

UNIT = "DIRECCIÓN GENERAL DE SISTEMAS DE INFORMACIÓN TERRITORIAL"

NAMES = [
    "ROSA ELENA QUISPE MAMANI", "JUAN CARLOS VARGAS ROJAS", "MARÍA FERNANDA CHOQUE LIMACHI",
    "LUIS ALBERTO GUTIÉRREZ PAZ", "CARMEN JULIA FLORES ARCE", "DIEGO ARMANDO TICONA CRUZ",
    "ANA LUCÍA MENACHO SORUCO", "PEDRO PABLO CONDORI HUANCA", "SILVIA PATRICIA AÑEZ VACA",
    "JORGE ENRIQUE SALINAS ORTIZ", "GABRIELA ANDREA POMA APAZA", "RICARDO JAVIER MOLINA ÁVILA",
    "VERÓNICA ISABEL CALLE NINA", "FERNANDO JOSÉ ROCA SUÁREZ", "PAOLA ROXANA MENDOZA CUSI",
    "MARCO ANTONIO LAURA COPA", "NATALIA BEATRIZ AGUILAR TERÁN", "HUGO RENÉ CHAMBI YUJRA",
]

SUPERIOR = "DIRECTOR(A) GENERAL DE SISTEMAS DE INFORMACIÓN TERRITORIAL"
SUPERIOR_NAME = "OSCAR DANIEL MIRANDA VELASCO"
GESTION = 2023  # the year of the unit POA every sample serves

# The unit POA's operations. Functions below are written to serve them (paraphrased).
POA_OPERATIONS = [
    ("1.1.1", "Actualizar el catastro territorial georreferenciado de los municipios priorizados",
     "Base catastral actualizada", "1.1"),
    ("1.1.2", "Desarrollar el geoportal institucional de información territorial",
     "Geoportal en producción", "1.1"),
    ("1.1.3", "Capacitar a gobiernos municipales en el uso de información geoespacial",
     "Técnicos municipales capacitados", "1.1"),
    ("1.2.1", "Administrar la infraestructura tecnológica y los servidores de la entidad",
     "Servicios tecnológicos disponibles", "1.2"),
    ("1.2.2", "Implementar el sistema de seguimiento de proyectos de inversión territorial",
     "Sistema de seguimiento implementado", "1.2"),
    ("1.2.3", "Elaborar el plan de seguridad de la información institucional",
     "Plan de seguridad aprobado", "1.2"),
    ("1.3.1", "Elaborar estudios de límites y organización territorial",
     "Informes técnicos de límites", "1.3"),
    ("1.3.2", "Conciliar conflictos de límites intermunicipales",
     "Actas de conciliación suscritas", "1.3"),
    ("1.10.1", "Producir estadísticas territoriales e indicadores de desarrollo",
     "Anuario estadístico territorial publicado", "1.10"),
    ("1.10.2", "Difundir la información territorial a la ciudadanía",
     "Publicaciones y boletines difundidos", "1.10"),
]

# (function, result, verification source, POA operation it serves or None)
SPECIFIC_POOL: list[tuple[str, str, str, str | None]] = [
    ("Actualizar la información catastral georreferenciada de los municipios asignados, "
     "verificando linderos y superficies",
     "Catastro municipal actualizado y validado en el primer semestre",
     "Base de datos catastral e informe técnico", "1.1.1"),
    ("Levantar y depurar la cartografía base de los predios rurales de los municipios priorizados",
     "Cartografía base depurada de 12 municipios", "Mapas temáticos e informe de depuración", "1.1.1"),
    ("Programar y mantener los módulos del geoportal de información territorial",
     "Geoportal con nuevos módulos publicados", "Reporte de versiones del geoportal", "1.1.2"),
    ("Diseñar los servicios de mapas web que publica el geoportal de la entidad",
     "Servicios web de mapas publicados en el geoportal", "Catálogo de servicios publicados", "1.1.2"),
    ("Impartir talleres a técnicos municipales sobre manejo de herramientas geoespaciales",
     "Seis talleres ejecutados con técnicos municipales", "Listas de asistencia y memorias de taller", "1.1.3"),
    ("Preparar guías y material didáctico para la formación de técnicos de los gobiernos municipales en SIG",
     "Material de capacitación aprobado", "Guías publicadas", "1.1.3"),
    ("Garantizar el funcionamiento de servidores, redes y copias de respaldo de la entidad",
     "Disponibilidad de servicios tecnológicos superior al 98 %",
     "Bitácora de servidores e informes mensuales", "1.2.1"),
    ("Gestionar la renovación de servidores, equipos informáticos y licencias de la infraestructura institucional",
     "Infraestructura y licencias renovadas", "Informe de conformidad y actas de recepción", "1.2.1"),
    ("Construir el módulo de registro y monitoreo de proyectos de inversión del sistema de seguimiento",
     "Módulo de monitoreo de proyectos en funcionamiento", "Acta de puesta en producción", "1.2.2"),
    ("Integrar la información de proyectos de inversión territorial al sistema de seguimiento",
     "Proyectos de inversión registrados y actualizados", "Reportes del sistema", "1.2.2"),
    ("Formular la política y el plan de seguridad de la información institucional",
     "Plan de seguridad de la información aprobado por resolución", "Resolución administrativa y plan", "1.2.3"),
    ("Realizar estudios técnicos de delimitación territorial solicitados por las entidades territoriales",
     "Estudios de límites concluidos en plazo", "Informes técnicos de delimitación", "1.3.1"),
    ("Participar en procesos de conciliación de conflictos de límites entre municipios",
     "Conflictos de límites conciliados", "Actas de conciliación", "1.3.2"),
    ("Calcular indicadores de desarrollo territorial a partir de registros administrativos",
     "Indicadores territoriales calculados y documentados", "Base de indicadores y nota metodológica", "1.10.1"),
    ("Publicar boletines y reportes de información territorial para la población",
     "Boletines trimestrales difundidos", "Boletines publicados en el sitio web", "1.10.2"),
    ("Elaborar el reglamento interno de uso de vehículos oficiales de la dirección",
     "Reglamento de vehículos aprobado", "Reglamento", None),
    ("Organizar el archivo físico histórico de la dirección según normas de archivística",
     "Archivo histórico organizado", "Inventario documental", None),
]

ROUTINE_POOL: list[tuple[str, str, str]] = [
    ("Atender y derivar hojas de ruta y correspondencia recibida", "Correspondencia atendida en plazo",
     "Sistema de correspondencia"),
    ("Redactar los reportes de actividades que solicite el inmediato superior", "Reportes entregados",
     "Reportes"),
    ("Asistir a reuniones de coordinación de la dirección", "Acuerdos de coordinación cumplidos",
     "Actas de reunión"),
    ("Emitir notas internas y externas de la unidad", "Requerimientos atendidos", "Notas emitidas"),
    ("Brindar soporte técnico a usuarios internos", "Incidencias resueltas", "Registro de incidencias"),
    ("Mantener actualizado el inventario de bienes asignados", "Inventario actualizado",
     "Formulario de asignación de bienes"),
]

INTRA = [
    "Despacho Ministerial", "Viceministerio de Planificación Territorial",
    "Dirección General de Asuntos Administrativos",
    "Dirección General de Asuntos Jurídicos", "Dirección General de Planificación", "Unidad de Auditoría Interna",
    "Unidad de Comunicación Social", "Unidad de Transparencia y Lucha contra la Corrupción",
]
INTER = [
    "Gobiernos Autónomos Municipales", "Gobiernos Autónomos Departamentales", "Instituto Nacional de Estadística",
    "Instituto Geográfico Militar", "Agencia de Gobierno Electrónico y Tecnologías de Información y Comunicación",
    "Universidades públicas", "Cooperación internacional",
]

NORMS = [
    "Constitución Política del Estado", "Ley 1178 de Administración y Control Gubernamentales",
    "Ley 2027 Estatuto del Funcionario Público", "Reglamento Interno de Personal",
    "Código de Ética Institucional", "Ley 004 de Lucha contra la Corrupción",
]

QUALITIES = [
    "Responsabilidad y compromiso institucional", "Capacidad de trabajo en equipo",
    "Capacidad de análisis y síntesis", "Trabajo bajo presión", "Iniciativa y proactividad",
    "Comunicación oral y escrita", "Ética y transparencia",
]

KNOWLEDGE = [
    "Ley 1178 (SAFCO)", "Idioma originario", "Sistemas de Información Geográfica",
    "Administración de bases de datos", "Responsabilidad por la Función Pública", "Gestión de proyectos",
    "Seguridad de la información",
]

AREAS = [
    "Ingeniería de Sistemas, Informática o ramas afines", "Ingeniería Geográfica o Geodesia",
    "Economía, Administración o Planificación", "Derecho", "Arquitectura o Urbanismo",
]

POSTS = [
    ("PROFESIONAL EN SISTEMAS DE INFORMACIÓN GEOGRÁFICA", "PROFESIONAL IV"),
    ("TÉCNICO EN CATASTRO TERRITORIAL", "TÉCNICO II"),
    ("RESPONSABLE DE INFRAESTRUCTURA TECNOLÓGICA", "PROFESIONAL II"),
    ("ANALISTA DE ESTADÍSTICAS TERRITORIALES", "PROFESIONAL III"),
    ("PROFESIONAL EN LÍMITES Y ORGANIZACIÓN TERRITORIAL", "PROFESIONAL III"),
    ("DESARROLLADOR DE SISTEMAS", "PROFESIONAL IV"),
    ("JEFE DE UNIDAD DE GEOMÁTICA", "JEFE DE UNIDAD"),
    ("TÉCNICO EN SOPORTE INFORMÁTICO", "TÉCNICO I"),
    ("PROFESIONAL EN CAPACITACIÓN TERRITORIAL", "PROFESIONAL IV"),
    ("ADMINISTRADOR DE BASES DE DATOS", "PROFESIONAL II"),
    ("PROFESIONAL EN SEGURIDAD DE LA INFORMACIÓN", "PROFESIONAL III"),
    ("TÉCNICO EN DIFUSIÓN DE INFORMACIÓN", "TÉCNICO II"),
]

# Who reports to whom (indexes into POSTS); the head of the unit reports to the Director General,
# whose own POAI is not in the corpus (the one ``superior_desconocido`` the samples show).
HEAD = 6  # JEFE DE UNIDAD DE GEOMÁTICA
SUPERIOR_OF = {0: HEAD, 1: HEAD, 2: HEAD, 3: HEAD, 4: HEAD, 7: HEAD, 8: HEAD, 11: HEAD, 5: 2, 9: 2, 10: 2}
# The posts a form lists as supervised (its first direct reports, as the head's form prints them).
SUPERVISED = {HEAD: [0, 1, 7]}


def superior_of(index: int) -> tuple[str, str]:
    """The post and the person a post's POAI names as its superior (who approves it)."""
    boss = SUPERIOR_OF.get(index)
    return (SUPERIOR, SUPERIOR_NAME) if boss is None else (POSTS[boss][0], NAMES[boss])


def supervised_by(index: int) -> list[str]:
    """The supervised posts a post's form lists."""
    return [POSTS[i][0] for i in SUPERVISED.get(index, [])]


_UNACCENT = str.maketrans("ÁÉÍÓÚáéíóú", "AEIOUaeiou")


def unaccent(text: str) -> str:
    """The same text typed without accents (ñ kept), as many real forms are."""
    return text.translate(_UNACCENT)


def _weights(rng: random.Random, count: int) -> list[float]:
    """``count`` weights adding up to exactly 100, multiples of 5."""
    base = [5.0] * count
    remaining = 100 - 5 * count
    while remaining > 0:
        base[rng.randrange(count)] += 5
        remaining -= 5
    return base


def _activities(rng: random.Random, function: str, fuente: str) -> list[dict[str, Any]]:
    verbs = ["Planificar", "Ejecutar", "Revisar", "Informar sobre"]
    count = rng.choice([2, 3])
    shares = {2: [50.0, 50.0], 3: [30.0, 40.0, 30.0]}[count]
    media = [fuente, "Informe de avance", "Acta de validación"]
    subject = function.split(" ", 1)[1][:50].rsplit(" ", 1)[0]
    return [
        {"actividad": f"{verbs[i]} {subject}", "medio_verificacion": media[i % len(media)],
         "porcentaje": shares[i]}
        for i in range(count)
    ]


def build_specs(seed: int = 2023) -> list[dict[str, Any]]:
    """The ground truth of every sample document, in a fixed order."""
    rng = random.Random(seed)
    specs: list[dict[str, Any]] = []
    families = ["A", "B", "C"] * 4
    for index, family in enumerate(families):
        post, level = POSTS[index]
        person = NAMES[index]
        gestion = GESTION
        n_spec = rng.choice([4, 5, 6, 7])
        n_rout = rng.choice([2, 3])
        specific = rng.sample(SPECIFIC_POOL, n_spec)
        routine = rng.sample(ROUTINE_POOL, n_rout)
        weights = _weights(rng, n_spec + n_rout)
        functions: list[dict[str, Any]] = []
        for n, (func, res, src, op) in enumerate(specific, 1):
            functions.append({"tipo": "especifica", "n": n, "funcion": func, "resultado": res,
                              "fuente_verificacion": src, "ponderacion": weights[n - 1], "indicador": None,
                              "actividades": [], "pagina": None, "_poa": op})
        for n, (func, res, src) in enumerate(routine, 1):
            functions.append({"tipo": "rutinaria", "n": n, "funcion": func, "resultado": res,
                              "fuente_verificacion": src, "ponderacion": weights[n_spec + n - 1],
                              "indicador": None, "actividades": [], "pagina": None, "_poa": None})
        spec: dict[str, Any] = {
            "id": f"{family.lower()}{index // 3 + 1:02d}",
            "family": family,
            "gestion": gestion,
            "puesto": {
                "denominacion": post,
                "item": str(100 + 7 * index),
                "dependencia": UNIT,
                "inmediato_superior": superior_of(index)[0],
                "ocupante": person,
                "cargos_supervisados": supervised_by(index),
            },
            "nivel": level,
            "relaciones": {"intrainstitucionales": rng.sample(INTRA, rng.choice([3, 4, 6])),
                           "interinstitucionales": rng.sample(INTER, rng.choice([2, 3, 5]))},
            "objetivo": (f"Contribuir al cumplimiento de los objetivos de la {UNIT.title()} mediante la gestión "
                         f"técnica de las tareas propias del puesto de {post.lower()}, con calidad, oportunidad "
                         f"y en el marco de la normativa vigente."),
            "funciones": functions,
            "normas": rng.sample(NORMS, rng.choice([3, 4])),
            "formacion": [
                {"area": rng.choice(AREAS), "grado_minimo": "licenciatura", "prioridad": "excluyente"},
                {"area": rng.choice(AREAS), "grado_minimo": "postgrado", "prioridad": "deseable"},
            ],
            "experiencia": {"general": rng.choice([2, 3, 4]), "profesional": rng.choice([1, 2]),
                            "sector_publico": rng.choice([1, 2])},
            "conocimientos": [{"conocimiento": k, "caracter": rng.choice(["excluyente", "deseable"])}
                              for k in rng.sample(KNOWLEDGE, 4)],
            "cualidades": rng.sample(QUALITIES, rng.choice([3, 4, 5])),
            "aprobacion": {"elaborado_por": person, "aprobado_por": superior_of(index)[1],
                           "ciudadania_digital": family == "A", "fecha_elaboracion": None,
                           "fecha_aprobacion": None},
            "hard": set(),
        }
        if family == "C":
            _to_family_c(spec, rng)
        if family == "B":
            spec["puesto"]["dependencia"] = f"Funcional: {UNIT} Lineal: VICEMINISTERIO DE PLANIFICACIÓN TERRITORIAL"
            spec["puesto"]["ocupante"] = None
            spec["aprobacion"]["fecha_elaboracion"] = f"{gestion}-01-{10 + index:02d}"
            spec["aprobacion"]["fecha_aprobacion"] = f"{gestion}-01-{15 + index:02d}"
        specs.append(spec)
    _add_hard_cases(specs)
    return specs


def _to_family_c(spec: dict[str, Any], rng: random.Random) -> None:
    """Family C prints no item or occupant, no result/source columns but activities."""
    spec["puesto"]["item"] = None
    spec["puesto"]["ocupante"] = None
    spec["conocimientos"] = []
    year = spec["gestion"]
    spec["aprobacion"]["fecha_elaboracion"] = f"{year}-01-{rng.randint(10, 20):02d}"
    spec["aprobacion"]["fecha_aprobacion"] = f"{year}-01-{rng.randint(21, 28):02d}"
    spec["fecha_inicio"] = f"{year}-01-02"
    degree_words = {"licenciatura": "Licenciatura en", "postgrado": "Diplomado en"}
    for entry in spec["formacion"]:
        # Free text: the area is the line as printed, degree words included (SCHEMA.md).
        entry["area"] = f"{degree_words[entry['grado_minimo']]} {entry['area']}"
        entry["prioridad"] = None if entry["grado_minimo"] == "licenciatura" else "deseable"
    for function in spec["funciones"]:
        function["resultado"] = None
        if function["tipo"] == "especifica":
            function["indicador"] = f"{rng.choice([80, 90, 100])} % de cumplimiento del resultado"
            function["actividades"] = _activities(rng, function["funcion"], function["fuente_verificacion"])
            media = [a["medio_verificacion"] for a in function["actividades"]]
            function["fuente_verificacion"] = "; ".join(dict.fromkeys(media))
        else:
            function["fuente_verificacion"] = None


def _add_hard_cases(specs: list[dict[str, Any]]) -> None:
    """Spread the hard cases over the corpus (each spec is rendered in several formats)."""
    by_id = {s["id"]: s for s in specs}
    # Family A
    by_id["a01"]["hard"] |= {"repeat_header", "long_rows", "unruled_functions"}
    by_id["a02"]["hard"] |= {"no_accents", "weights_mixed", "unruled_ident", "cut_row"}
    by_id["a02"].update(deepcopy(_unaccented(by_id["a02"])))
    by_id["a03"]["hard"] |= {"weights_fraction", "blank_cells", "narrow_priority", "no_header_continuation"}
    by_id["a04"]["hard"] |= {"missing_cualidades", "list_cell_relations", "cut_row", "unruled_ident"}
    # Family B
    by_id["b01"]["hard"] |= {"repeat_header", "weights_mixed"}
    by_id["b02"]["hard"] |= {"no_accents", "cut_row", "narrow_priority"}
    by_id["b02"].update(deepcopy(_unaccented(by_id["b02"])))
    by_id["b03"]["hard"] |= {"blank_cells", "missing_normas"}
    by_id["b04"]["hard"] |= {"weights_fraction", "no_header_continuation", "unruled_functions"}
    # Family C
    by_id["c01"]["hard"] |= {"repeat_header"}
    # (reportlab draws a page-split row holding a nested table without its borders: no cut row here)
    by_id["c02"]["hard"] |= {"no_accents", "weights_mixed"}
    by_id["c02"].update(deepcopy(_unaccented(by_id["c02"])))
    by_id["c03"]["hard"] |= {"blank_cells", "no_header_continuation"}
    by_id["c04"]["hard"] |= {"missing_cualidades"}
    for spec in specs:
        if "blank_cells" in spec["hard"]:
            victim = spec["funciones"][1]
            if spec["family"] == "C":
                victim["indicador"] = None
            else:
                victim["fuente_verificacion"] = None
            spec["funciones"][-1]["resultado"] = None
        if "missing_cualidades" in spec["hard"]:
            spec["cualidades"] = []
        if "missing_normas" in spec["hard"]:
            spec["normas"] = []
        if "long_rows" in spec["hard"]:
            first = spec["funciones"][0]
            first["resultado"] = (first["resultado"] + ", con reportes de avance mensuales remitidos a la "
                                  "Dirección General y validación técnica de cada entregable por el área "
                                  "solicitante, conforme al cronograma aprobado en el POA")


def _unaccented(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec's texts without accents (the document is typed that way)."""

    def strip(value: Any) -> Any:
        if isinstance(value, str):
            return unaccent(value)
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, dict):
            return {k: (strip(v) if k not in {"tipo", "grado_minimo", "prioridad", "caracter"} else v)
                    for k, v in value.items()}
        return value

    keys = ["puesto", "relaciones", "objetivo", "funciones", "normas", "formacion", "conocimientos",
            "cualidades", "aprobacion", "nivel"]
    return {k: strip(spec[k]) for k in keys}
