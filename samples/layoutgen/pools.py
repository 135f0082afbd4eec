"""Word pools for fictional POAIs: entities, people, posts, and the pieces functions are built from.

Every name here is invented. Functions, results and verification sources are assembled from
verbs, objects and qualifiers, so the reader meets sentences it has not seen in the fixed
samples (``samples/content.py``, whose pools are mixed in too).
"""

from __future__ import annotations

# (entity, city, domain key)
ENTITIES = [("MINISTERIO DE PLANIFICACIÓN TERRITORIAL", "La Paz", "territorio"),
    ("MINISTERIO DE JUSTICIA Y DERECHOS HUMANOS", "La Paz", "justicia"),
    ("GOBIERNO AUTÓNOMO MUNICIPAL DE EL ALTO", "El Alto", "municipio"),
    ("GOBIERNO AUTÓNOMO DEPARTAMENTAL DE ORURO", "Oruro", "municipio"),
    ("CAJA DE SALUD DEL ALTIPLANO", "La Paz", "salud"),
    ("SERVICIO DEPARTAMENTAL DE SALUD DE POTOSÍ", "Potosí", "salud"),
    ("UNIVERSIDAD PÚBLICA DE LOS VALLES", "Cochabamba", "universidad"),
    ("UNIVERSIDAD AUTÓNOMA DEL CHACO", "Tarija", "universidad"),
    ("DIRECCIÓN DEPARTAMENTAL DE EDUCACIÓN DE CHUQUISACA", "Sucre", "educacion"),
    ("AUTORIDAD DE FISCALIZACIÓN DE RECURSOS HÍDRICOS", "Santa Cruz de la Sierra", "agua"),
    ("SERVICIO NACIONAL DE ADMINISTRACIÓN DE PERSONAL", "La Paz", "personal"),
    ("EMPRESA MUNICIPAL DE ASEO DE TRINIDAD", "Trinidad", "municipio")]

# Per domain: topics (for posts, units and functions) and documents (for verification sources).
TOPICS = {
    "territorio": ["catastro territorial", "límites municipales", "información geoespacial", "cartografía base",
        "ordenamiento territorial", "estadísticas territoriales"],
    "justicia": ["derechos humanos", "acceso a la justicia", "trata y tráfico de personas", "asuntos jurídicos",
        "defensa legal del Estado", "conciliación extrajudicial"],
    "municipio": ["obras públicas", "catastro urbano", "recaudaciones tributarias", "medio ambiente",
        "desarrollo económico local", "gestión de riesgos", "alumbrado público"],
    "salud": ["epidemiología", "farmacia institucional", "afiliaciones", "auditoría médica", "vigilancia sanitaria",
        "servicios de enfermería"],
    "universidad": ["recursos humanos", "registro académico", "bienestar estudiantil", "evaluación docente",
        "investigación científica", "extensión universitaria"],
    "educacion": ["gestión educativa", "formación de maestros", "infraestructura escolar", "estadística educativa",
        "educación alternativa"],
    "agua": ["fiscalización de operadores", "regulación tarifaria", "calidad del agua", "atención al usuario",
        "registro de operadores"],
    "personal": ["capacitación de servidores públicos", "carrera administrativa", "registro de servidores",
        "evaluación del desempeño", "régimen laboral"],
}

COMMON_TOPICS = ["planificación", "presupuesto", "contrataciones", "archivo central", "sistemas informáticos",
    "comunicación institucional", "transparencia", "activos fijos", "tesorería", "auditoría interna"]

POST_PATTERNS = ["PROFESIONAL EN {T}", "PROFESIONAL I EN {T}", "TÉCNICO EN {T}", "TÉCNICO II DE {T}",
    "RESPONSABLE DE {T}", "JEFE DE UNIDAD DE {T}", "ANALISTA DE {T}", "ASISTENTE DE {T}", "ENCARGADO DE {T}",
    "AUXILIAR DE {T}", "ESPECIALISTA EN {T}", "COORDINADOR DE {T}", "SUPERVISOR DE {T}", "ASESOR EN {T}"]

UNIT_PATTERNS = ["DIRECCIÓN GENERAL DE {T}", "UNIDAD DE {T}", "DEPARTAMENTO DE {T}", "JEFATURA DE {T}", "ÁREA DE {T}",
    "DIRECCIÓN DE {T}", "SECRETARÍA MUNICIPAL DE {T}"]

SUPERIOR_PATTERNS = ["DIRECTOR(A) GENERAL DE {T}", "DIRECTOR (A) DE {T}", "JEFE DE UNIDAD DE {T}",
    "JEFE DE DEPARTAMENTO DE {T}", "SECRETARIO(A) MUNICIPAL DE {T}", "COORDINADOR GENERAL DE {T}"]

LEVELS = ["PROFESIONAL I", "PROFESIONAL II", "PROFESIONAL III", "PROFESIONAL IV", "TÉCNICO I", "TÉCNICO II",
    "JEFE DE UNIDAD", "ASISTENTE", "AUXILIAR III"]

PLACES = ["Oficina Central", "Oficina Nacional", "Regional El Alto", "Edificio Central, piso 4", "Distrito 3"]

FIRST_NAMES = ["ROSA", "JUAN", "MARÍA", "LUIS", "CARMEN", "DIEGO", "ANA", "PEDRO", "SILVIA", "JORGE", "GABRIELA",
    "RICARDO", "VERÓNICA", "FERNANDO", "PAOLA", "MARCO", "NATALIA", "HUGO", "ELENA", "RAÚL", "LUCÍA", "WILLY",
    "NANCY", "EDWIN", "SONIA", "FREDDY", "LIMBERTH", "MARISOL", "ÁLVARO", "JHOSELIN", "RUTH", "GROVER", "INÉS",
    "ROLANDO", "XIMENA", "OMAR", "TERESA", "WILDER", "NOEMÍ", "RENÉ"]

SURNAMES = ["QUISPE", "MAMANI", "VARGAS", "ROJAS", "CHOQUE", "LIMACHI", "GUTIÉRREZ", "FLORES", "ARCE", "TICONA",
    "CRUZ", "MENACHO", "CONDORI", "HUANCA", "AÑEZ", "VACA", "SALINAS", "ORTIZ", "POMA", "APAZA", "MOLINA", "CALLE",
    "NINA", "ROCA", "SUÁREZ", "MENDOZA", "CUSI", "LAURA", "COPA", "AGUILAR", "TERÁN", "CHAMBI", "YUJRA", "PAREDES",
    "VILLCA", "CALDERÓN", "TORREZ", "PEÑARANDA", "ZEBALLOS", "IBÁÑEZ", "CANAZA"]

VERBS_SPECIFIC = ["Elaborar", "Coordinar", "Supervisar", "Revisar", "Formular", "Ejecutar", "Implementar", "Evaluar",
    "Actualizar", "Diseñar", "Gestionar", "Consolidar", "Proponer", "Realizar", "Organizar", "Verificar",
    "Sistematizar", "Controlar", "Desarrollar", "Analizar"]

OBJECTS_SPECIFIC = ["el plan anual de {t}", "los informes técnicos de {t}", "el reglamento interno de {t}",
    "los procesos de {t} de la gestión", "la base de datos de {t}", "el diagnóstico institucional de {t}",
    "los proyectos de {t} priorizados en el POA", "el seguimiento a las metas de {t}",
    "las auditorías de {t} programadas", "el manual de procedimientos de {t}",
    "los talleres de capacitación sobre {t}", "la evaluación semestral de {t}", "el sistema de registro de {t}",
    "la propuesta normativa en materia de {t}", "el inventario documental de {t}",
    "los convenios interinstitucionales de {t}"]

QUALIFIERS = ["", "", "", " en coordinación con las unidades involucradas", " conforme a la normativa vigente",
    " de acuerdo al cronograma aprobado", " en los plazos establecidos", " para la toma de decisiones",
    " con enfoque de género e interculturalidad", " a nivel departamental", " de manera trimestral"]

VERBS_ROUTINE = ["Atender", "Registrar", "Archivar", "Redactar", "Asistir a", "Emitir", "Derivar", "Recepcionar",
    "Elaborar", "Apoyar en", "Participar en", "Responder"]

OBJECTS_ROUTINE = ["la correspondencia interna y externa", "las hojas de ruta asignadas",
    "las reuniones de coordinación", "las consultas de los usuarios", "los reportes mensuales de actividades",
    "las notas e informes solicitados", "los requerimientos del inmediato superior",
    "las solicitudes de información pública", "el control de asistencia del personal",
    "los trámites administrativos de la unidad", "las actividades institucionales convocadas",
    "la documentación de respaldo"]

RESULT_NOUNS = ["Plan", "Informe", "Reglamento", "Base de datos", "Diagnóstico", "Manual", "Sistema", "Propuesta",
    "Inventario", "Registro", "Programa"]

RESULT_STATES = ["aprobado", "elaborado", "actualizado", "implementado", "concluido", "validado", "presentado"]

RESULT_TIMES = ["", " en el primer semestre", " hasta el 30 de junio", " hasta diciembre de la gestión",
    " en un 100 %", " en plazo", " trimestralmente", " al 90 % de lo programado"]

ROUTINE_RESULTS = ["Correspondencia atendida en plazo", "Requerimientos atendidos", "Reportes entregados",
    "Acuerdos cumplidos", "Solicitudes respondidas oportunamente", "Hojas de ruta derivadas", "Usuarios atendidos",
    "Trámites concluidos", "Documentación archivada y disponible"]

SOURCES = ["Informe técnico", "Informes mensuales", "Acta de reunión", "Actas de conciliación",
    "Listas de asistencia", "Resolución administrativa", "Reporte del sistema", "Notas emitidas", "Hojas de ruta",
    "Base de datos actualizada", "Memoria de taller", "Documento aprobado", "Registro de incidencias",
    "Cuaderno de registro", "Correo institucional", "Informe de conformidad", "Planilla de seguimiento"]

INDICATORS = ["N° de informes presentados", "Porcentaje de ejecución del plan", "{p} % de cumplimiento del resultado",
    "Número de talleres realizados", "Documento aprobado", "Nivel de satisfacción de usuarios",
    "N° de procesos concluidos / N° de procesos programados", "Tiempo promedio de atención (días)"]

INTRA_EXTRA = ["Secretaría General", "Unidad de Recursos Humanos", "Unidad Financiera", "Unidad de Planificación",
    "Unidad de Sistemas", "Dirección Jurídica", "Unidad de Auditoría Interna", "Archivo Central", "Gerencia General",
    "Departamento de Contabilidad", "Rectorado", "Vicerrectorado", "Facultades y Carreras", "Concejo Municipal",
    "Despacho del Alcalde", "Unidad de Contrataciones"]

INTER_EXTRA = ["Contraloría General del Estado", "Ministerio de Economía y Finanzas Públicas",
    "Defensoría del Pueblo", "Ministerio Público", "Órgano Judicial", "Servicio de Impuestos Nacionales",
    "Organizaciones sociales", "Gobiernos Autónomos Municipales", "Caja Nacional de Salud",
    "Ministerio de Trabajo, Empleo y Previsión Social", "Cooperación internacional", "Universidades públicas",
    "Procuraduría General del Estado"]

NORMS_EXTRA = ["Ley N° 1178 y sus Normas Básicas", "Ley 2027 Estatuto del Funcionario Público",
    "Decreto Supremo N° 23318-A Responsabilidad por la Función Pública",
    "Normas Básicas del Sistema de Administración de Personal",
    "Reglamento Específico del Sistema de Programación de Operaciones",
    "Ley N° 341 de Participación y Control Social", "Estatuto Orgánico de la Universidad",
    "Reglamento Interno de Personal", "Código de Ética Institucional", "Ley N° 031 Marco de Autonomías",
    "Manual de Organización y Funciones", "Ley N° 045 contra el Racismo y toda forma de Discriminación"]

QUALITIES_EXTRA = ["Liderazgo", "Ética profesional", "Confidencialidad", "Puntualidad", "Orientación al usuario",
    "Capacidad de negociación", "Pensamiento crítico", "Alto grado de responsabilidad",
    "Capacidad de trabajo bajo presión", "Honestidad y transparencia", "Orden y disciplina", "Vocación de servicio",
    "Capacidad de organización"]

KNOWLEDGE_EXTRA = ["Normas Básicas de la Ley 1178", "Idioma nativo", "Ofimática", "Gestión pública por resultados",
    "Sistema SIGEP", "Responsabilidad por la Función Pública", "Redacción de informes técnicos", "Manejo de AutoCAD",
    "Normativa de contrataciones estatales", "Primeros auxilios", "Lengua de señas", "Gestión documental",
    "Planificación estratégica", "Derecho administrativo"]

AREAS_EXTRA = ["Derecho", "Economía", "Administración de Empresas", "Contaduría Pública", "Ingeniería Civil",
    "Ingeniería de Sistemas", "Trabajo Social", "Ciencias de la Educación", "Medicina", "Enfermería",
    "Bioquímica y Farmacia", "Arquitectura", "Comunicación Social", "Ingeniería Ambiental",
    "Bibliotecología y Ciencias de la Información", "Auditoría Financiera", "Psicología", "Ciencias Políticas",
    "Ingeniería Agronómica", "Secretariado Ejecutivo"]

# Degree words of free-text requirements: (printed prefix, code). The prefix stays in ``area`` (SCHEMA).
DEGREE_WORDS = {
    "bachiller": ["Bachiller en Humanidades con estudios en", "Bachiller con cursos en"],
    "tecnico": ["Técnico Superior en", "Técnico Medio en", "Egresado Universitario de"],
    "licenciatura": ["Licenciatura en", "Licenciado en", "Título en Provisión Nacional de Licenciatura en"],
    "postgrado": ["Diplomado en", "Maestría en", "Post Grado en", "Especialidad en"],
    "doctorado": ["Doctorado en", "Doctor en"],
}

MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
    "noviembre", "diciembre"]

NUMBER_WORDS = {
    1: "Un",
    2: "Dos",
    3: "Tres",
    4: "Cuatro",
    5: "Cinco",
    6: "Seis",
    7: "Siete",
    8: "Ocho",
}
