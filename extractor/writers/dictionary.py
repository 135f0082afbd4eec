"""The "Diccionario" sheet: what every sheet and column of the workbook holds, and what every
audit rule checks, in the words of a planning office."""

from __future__ import annotations

from typing import Any

from extractor.checks.rules import DEFAULT_SEVERITY, RULE_NAMES, RULES
from extractor.writers.rows import Column

SHEET_PURPOSE = {
    "Resumen": "Totales del lote: documentos leídos, completitud, observaciones más frecuentes.",
    "Por unidad": "Una fila por dependencia (unidad organizacional), con el total al final.",
    "Puestos": "Una fila por POAI leído: el puesto, sus datos y su estado de lectura.",
    "Funciones": "Una fila por función (específica o rutinaria) de cada POAI.",
    "Requisitos": "Una fila por requisito del puesto: formación, experiencia y conocimientos.",
    "Relaciones": "Una fila por relación intrainstitucional o interinstitucional del puesto.",
    "Cualidades": "Una fila por cualidad personal exigida.",
    "Normas": "Una fila por norma que el puesto debe cumplir.",
    "Auditoría": "Una fila por observación de la auditoría (ver las reglas al final de esta hoja).",
    "Correcciones": "Una fila por valor corregido a mano (en el navegador o en este libro con poai corregir): "
                    "antes, después, origen y fecha. Las celdas corregidas van en verde en su hoja.",
    "Errores": "Una fila por archivo que no se pudo leer.",
    "Cobertura POA": "Una fila por operación del POA de la unidad, con las funciones que la atienden.",
    "Diccionario": "Esta hoja: qué contiene cada columna y qué revisa cada regla.",
}

_COMMON = {
    "Archivo": "Ruta del archivo leído, tal como se indicó; el enlace abre el documento original.",
    "Parte": "Si el archivo contiene varios POAI: cuál es («2 de 3») y en qué páginas; vacío si contiene uno.",
    "Ítem": "Número de ítem del puesto, como texto (se conservan los ceros a la izquierda).",
    "Puesto": "Denominación del puesto del POAI al que pertenece la fila.",
    "N° funciones": "Cantidad de funciones.",
    "Mensaje": "Explicación en palabras.",
    "Clave": "Columna oculta: une la fila con su documento para que poai corregir tome lo que se cambie en "
             "esta hoja. No la modifique.",
}

_BY_SHEET: dict[str, dict[str, str]] = {
    "Puestos": {
        "Formato": "Formato del archivo: pdf, docx, xlsx, txt, imagen (leído por OCR) …",
        "Plantilla": "Diseño de formulario reconocido (A, B, C …); vacío si no se reconoció ninguno.",
        "Gestión": "Año (gestión fiscal) del POAI.",
        "Denominación del puesto": "Nombre del puesto.",
        "Dependencia": "Unidad organizacional a la que pertenece el puesto.",
        "Inmediato superior": "Puesto del jefe inmediato.",
        "Ocupante": "Nombre de la servidora o el servidor público que ocupa el puesto.",
        "Cargos supervisados": "Puestos que dependen de este, separados por «;».",
        "Objetivo": "Objetivo del puesto.",
        "N° específicas": "Cantidad de funciones específicas.",
        "N° rutinarias": "Cantidad de funciones rutinarias (continuas).",
        "Total ponderación": "Suma de las ponderaciones de las funciones; debería ser 100.",
        "Elaborado por": "Quien llenó el formulario.",
        "Aprobado por": "Superior que lo aprobó.",
        "Ciudadanía digital": "Sí si el POAI fue aprobado con Ciudadanía Digital.",
        "Fecha de elaboración": "Fecha en que se elaboró.",
        "Fecha de aprobación": "Fecha en que se aprobó.",
        "Páginas": "Páginas del documento.",
        "Completitud (%)": "Porcentaje de los datos esperados que están llenos (0 a 100).",
        "N° observaciones": "Cantidad de observaciones de la auditoría (hoja Auditoría).",
        "Estado": "ok: leído; parcial: leído con valores dudosos (revisar); error: ilegible (hoja Errores).",
    },
    "Funciones": {
        "Tipo": "Específica (resultado anual) o Rutinaria (continua).",
        "N°": "Número de la función dentro de su tipo.",
        "Función": "Enunciado de la función.",
        "Resultado": "Resultado esperado.",
        "Fuente de verificación": "Fuente o medio de verificación; varios separados por «;».",
        "Ponderación": "Peso de la función (las de un POAI suman 100).",
        "Indicador": "Indicador de cumplimiento.",
        "Actividades": "Actividades de la función, con su medio de verificación y su porcentaje.",
        "Página": "Página del documento donde está la función.",
        "Código POA": "Código de la operación del POA de la unidad vinculada a la función.",
        "Operación POA": "Operación del POA vinculada.",
        "Puntaje POA": "Semejanza (0 a 100) entre la función y la operación vinculada.",
        "Otros candidatos POA": "Otras operaciones parecidas, con su puntaje, para revisar la vinculación.",
    },
    "Requisitos": {
        "Requisito": "Formación, Experiencia o Conocimiento.",
        "Detalle": "Área de formación, tipo de experiencia o conocimiento requerido.",
        "Grado mínimo": "Grado académico mínimo: Bachiller, Técnico, Licenciatura, Postgrado, Doctorado.",
        "Prioridad o carácter": "Excluyente, deseable o lo que diga el documento.",
        "Años": "Años de experiencia requeridos.",
    },
    "Relaciones": {
        "Tipo de relación": "Intrainstitucional (dentro de la entidad) o Interinstitucional (con otras).",
        "Relación": "Unidad o entidad con la que se relaciona el puesto.",
    },
    "Cualidades": {"Cualidad": "Cualidad personal exigida por el puesto."},
    "Normas": {"Norma": "Norma que el puesto debe cumplir."},
    "Auditoría": {
        "Regla": "Código de la regla que encontró la observación (ver las reglas al final).",
        "Severidad": "error: debe corregirse; advertencia: conviene revisarla; info: solo informa.",
        "Campo": "Dato observado, como ruta: puesto.ocupante, funciones[1].indicador (cuenta desde 0) …",
    },
    "Correcciones": {
        "Campo": "Dato corregido, como ruta: puesto.ocupante, funciones[1].ponderacion (cuenta desde 0) …",
        "Antes": "Valor que poai leyó del documento.",
        "Después": "Valor corregido, que el libro ya muestra.",
        "Origen": "Dónde se corrigió: web (el navegador), libro (poai corregir) o api (Python).",
        "Fecha": "Cuándo se corrigió.",
    },
    "Errores": {
        "Código": "Motivo: archivo_danado, pdf_cifrado, sin_texto (escaneo sin texto), formato_no_soportado, "
                  "no_es_poai, demasiado_grande …",
    },
    "Cobertura POA": {
        "Código": "Código de la operación en el POA de la unidad.",
        "Acción de corto plazo": "Acción de corto plazo a la que pertenece la operación.",
        "Operación": "Operación del POA.",
        "N° funciones": "Funciones de los POAI vinculadas a la operación.",
        "N° POAI": "POAI distintos que tienen alguna función vinculada a la operación.",
        "Puestos": "Puestos que la atienden.",
        "Atendida": "Sí si al menos una función la atiende.",
    },
    "Diccionario": {
        "Hoja": "Hoja del libro; al final, el código de cada regla de auditoría.",
        "Columna": "Columna de la hoja (vacía en la fila que describe la hoja entera); para una regla, su nombre.",
        "Tipo de dato": "Texto, número, fecha o Sí / No; para una regla, su severidad si la entidad no la cambia.",
        "Descripción": "Qué contiene la columna; para una regla, qué revisa.",
    },
    "Por unidad": {
        "Dependencia": "Unidad organizacional (las grafías de un mismo nombre se agrupan).",
        "Puestos": "POAI leídos de la unidad.",
        "N° funciones": "Funciones de todos sus POAI.",
        "Completitud media (%)": "Promedio de la completitud de sus POAI.",
        "N° observaciones": "Observaciones de la auditoría de todos sus POAI.",
    },
}

RULE_MEANINGS = {
    "campo_vacio": "Un dato del puesto cuyo rótulo está en el formulario quedó en blanco, o no se encontró "
                   "la denominación, el objetivo o la gestión.",
    "seccion_faltante": "Falta una sección que el formulario reconocido tiene (relaciones, funciones, formación, "
                        "experiencia, conocimientos, cualidades, normas).",
    "sin_funciones": "El POAI no tiene ninguna función.",
    "funcion_incompleta": "Una función deja en blanco una columna de su tabla (resultado, fuente de "
                          "verificación, indicador) o no tiene ponderación.",
    "ponderacion_total": "Las ponderaciones de las funciones no suman 100.",
    "sin_aprobacion": "No figura quién lo elaboró ni quién lo aprobó, ni una aprobación con Ciudadanía Digital.",
    "funcion_sin_poa": "Con el POA de la unidad: una función específica no corresponde a ninguna operación.",
    "lectura_dudosa": "poai no está seguro de un valor leído (símbolos sueltos, un rótulo tomado como valor, "
                      "palabras pegadas, OCR de baja confianza): conviene revisarlo en el documento.",
    "item_duplicado": "El mismo ítem aparece en dos POAI de una misma gestión.",
    "ocupante_duplicado": "La misma persona ocupa dos puestos.",
    "superior_desconocido": "Ningún POAI del lote es del puesto que figura como inmediato superior.",
    "documento_repetido": "El mismo POAI está en dos archivos (por ejemplo el Word y su PDF); se cuenta una vez.",
    "correccion_no_aplicada": "Una corrección guardada ya no encuentra su dato en lo leído (el documento o poai "
                              "cambiaron): revise el dato y corríjalo de nuevo.",
}
# Names of rules that checks/rules.py does not name (yet).
_NAMES = {"documento_repetido": "Documento repetido", "correccion_no_aplicada": "Corrección no aplicada"}
_KINDS = {"text": "texto", "long": "texto largo", "code": "texto (código)", "int": "número entero",
          "float": "número", "date": "fecha", "bool": "Sí / No", "key": "texto (clave de poai)"}

HEADER = ["Hoja", "Columna", "Tipo de dato", "Descripción"]
RULES_HEADER = ["Regla", "Nombre", "Severidad por defecto", "Qué revisa"]
COLUMNS = [Column("Hoja", "text", 22), Column("Columna", "text", 34), Column("Tipo de dato", "text", 16),
           Column("Descripción", "long", 75)]


def describe(sheet: str, column: str) -> str:
    """What a column of a sheet holds (a rule's column in "Por unidad": its findings)."""
    text = _BY_SHEET.get(sheet, {}).get(column) or _COMMON.get(column)
    if text is None and column.endswith(")") and "(" in column:
        code = column[column.rindex("(") + 1:-1]
        if code in RULE_MEANINGS or code in RULE_NAMES:
            return f"Observaciones de la regla {code} en los POAI de la unidad."
    return text or ""


def rule_codes(seen: set[str] | None = None) -> list[str]:
    """Every rule the project has, then any other seen in the findings."""
    known = [*RULES, *(code for code in RULE_MEANINGS if code not in RULES)]
    return known + sorted((seen or set()) - set(known))


def column_rows(layout: dict[str, list[Column]]) -> list[list[Any]]:
    """One row per sheet (its purpose) and per column of ``layout`` (sheet name → columns)."""
    rows: list[list[Any]] = []
    for sheet, columns in layout.items():
        rows.append([sheet, None, None, SHEET_PURPOSE.get(sheet, "")])
        rows += [[sheet, c.name, _KINDS.get(c.kind, c.kind), describe(sheet, c.name)] for c in columns]
    return rows


def rule_rows(seen: set[str] | None = None) -> list[list[Any]]:
    """One row per audit rule: code, Spanish name, default severity, meaning."""
    return [[code, RULE_NAMES.get(code) or _NAMES.get(code, code), DEFAULT_SEVERITY.get(code, "info"),
             RULE_MEANINGS.get(code, RULE_NAMES.get(code, ""))] for code in rule_codes(seen)]
