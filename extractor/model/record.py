"""The record of SCHEMA.md as typed classes, and its JSON form.

Every stage after the section readers works on these classes; JSON (``to_dict``) is made
only where a record leaves poai (JSON Lines, the catalog, the Python API) and has exactly
SCHEMA.md's keys in SCHEMA.md's order. ``from_dict`` reads that JSON back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from extractor.errors import PoaiError

Json = dict[str, Any]


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _num(value: Any) -> float | int | None:
    return None if value is None else cast("float | int", value)


@dataclass
class Puesto:
    """Identification of the post."""

    denominacion: str | None = None
    item: str | None = None
    dependencia: str | None = None
    inmediato_superior: str | None = None
    ocupante: str | None = None
    cargos_supervisados: list[str] = field(default_factory=list)

    def to_dict(self) -> Json:
        """SCHEMA.md's ``puesto`` object."""
        return {"denominacion": self.denominacion, "item": self.item, "dependencia": self.dependencia,
                "inmediato_superior": self.inmediato_superior, "ocupante": self.ocupante,
                "cargos_supervisados": list(self.cargos_supervisados)}

    @classmethod
    def from_dict(cls, data: Json) -> Puesto:
        """Inverse of :meth:`to_dict`."""
        return cls(_str(data.get("denominacion")), _str(data.get("item")), _str(data.get("dependencia")),
                   _str(data.get("inmediato_superior")), _str(data.get("ocupante")),
                   list(data.get("cargos_supervisados") or []))


@dataclass
class Relaciones:
    """Relations inside and outside the institution, one string per entry."""

    intrainstitucionales: list[str] = field(default_factory=list)
    interinstitucionales: list[str] = field(default_factory=list)

    def to_dict(self) -> Json:
        """SCHEMA.md's ``relaciones`` object."""
        return {"intrainstitucionales": list(self.intrainstitucionales),
                "interinstitucionales": list(self.interinstitucionales)}

    @classmethod
    def from_dict(cls, data: Json) -> Relaciones:
        """Inverse of :meth:`to_dict`."""
        return cls(list(data.get("intrainstitucionales") or []), list(data.get("interinstitucionales") or []))


@dataclass
class Actividad:
    """One row of a function's nested activities table."""

    actividad: str | None = None
    medio_verificacion: str | None = None
    porcentaje: float | None = None

    def to_dict(self) -> Json:
        """SCHEMA.md's activity object."""
        return {"actividad": self.actividad, "medio_verificacion": self.medio_verificacion,
                "porcentaje": self.porcentaje}

    @classmethod
    def from_dict(cls, data: Json) -> Actividad:
        """Inverse of :meth:`to_dict`."""
        return cls(_str(data.get("actividad")), _str(data.get("medio_verificacion")),
                   cast("float | None", _num(data.get("porcentaje"))))


@dataclass
class PoaLink:
    """An operation of the unit POA a function is linked to (or a runner-up candidate).

    ``actividad`` ({"codigo", "actividad"}) is the activity of that operation the function
    matched best: the link is still the operation's; None where the operation itself matched."""

    codigo: str
    operacion: str
    puntaje: float
    actividad: dict[str, str | None] | None = None

    def to_dict(self) -> Json:
        """``{"codigo", "operacion", "puntaje", "actividad"}``."""
        return {"codigo": self.codigo, "operacion": self.operacion, "puntaje": self.puntaje,
                "actividad": dict(self.actividad) if self.actividad else None}

    @classmethod
    def from_dict(cls, data: Json) -> PoaLink:
        """Inverse of :meth:`to_dict`."""
        via = data.get("actividad")
        activity = ({"codigo": _str(via.get("codigo")), "actividad": _str(via.get("actividad"))}
                    if isinstance(via, dict) else None)
        return cls(str(data["codigo"]), str(data["operacion"]), float(data["puntaje"]), activity)


@dataclass
class Funcion:
    """A specific or routine function with its result, verification source and weight."""

    tipo: str
    n: int
    funcion: str | None = None
    resultado: str | None = None
    fuente_verificacion: str | None = None
    ponderacion: float | None = None
    indicador: str | None = None
    actividades: list[Actividad] = field(default_factory=list)
    pagina: int | None = None
    # Set by the POA link only: ``linked`` tells "no match" (poa None) from "never matched".
    linked: bool = False
    poa: PoaLink | None = None
    poa_candidatos: list[PoaLink] = field(default_factory=list)

    def to_dict(self) -> Json:
        """SCHEMA.md's function object (``poa`` and its candidates only once linked to a POA)."""
        data: Json = {"tipo": self.tipo, "n": self.n, "funcion": self.funcion, "resultado": self.resultado,
                      "fuente_verificacion": self.fuente_verificacion, "ponderacion": self.ponderacion,
                      "indicador": self.indicador, "actividades": [a.to_dict() for a in self.actividades],
                      "pagina": self.pagina}
        if self.linked:
            data["poa"] = self.poa.to_dict() if self.poa is not None else None
            data["poa_candidatos"] = [c.to_dict() for c in self.poa_candidatos]
        return data

    @classmethod
    def from_dict(cls, data: Json) -> Funcion:
        """Inverse of :meth:`to_dict`."""
        poa = data.get("poa")
        return cls(
            tipo=str(data["tipo"]), n=int(data["n"]), funcion=_str(data.get("funcion")),
            resultado=_str(data.get("resultado")), fuente_verificacion=_str(data.get("fuente_verificacion")),
            ponderacion=cast("float | None", _num(data.get("ponderacion"))), indicador=_str(data.get("indicador")),
            actividades=[Actividad.from_dict(a) for a in data.get("actividades") or []],
            pagina=cast("int | None", data.get("pagina")), linked="poa" in data,
            poa=PoaLink.from_dict(poa) if poa else None,
            poa_candidatos=[PoaLink.from_dict(c) for c in data.get("poa_candidatos") or []])


@dataclass
class Formacion:
    """A formation requirement: area, minimum degree code, priority."""

    area: str | None = None
    grado_minimo: str | None = None
    prioridad: str | None = None

    def to_dict(self) -> Json:
        """SCHEMA.md's formation object."""
        return {"area": self.area, "grado_minimo": self.grado_minimo, "prioridad": self.prioridad}

    @classmethod
    def from_dict(cls, data: Json) -> Formacion:
        """Inverse of :meth:`to_dict`."""
        return cls(_str(data.get("area")), _str(data.get("grado_minimo")), _str(data.get("prioridad")))


@dataclass
class Experiencia:
    """Years of experience required."""

    general: float | None = None
    profesional: float | None = None
    sector_publico: float | None = None

    def to_dict(self) -> Json:
        """SCHEMA.md's ``experiencia`` object."""
        return {"general": self.general, "profesional": self.profesional, "sector_publico": self.sector_publico}

    @classmethod
    def from_dict(cls, data: Json) -> Experiencia:
        """Inverse of :meth:`to_dict`."""
        return cls(*(cast("float | None", _num(data.get(k))) for k in ("general", "profesional", "sector_publico")))


@dataclass
class Conocimiento:
    """A knowledge requirement and its character."""

    conocimiento: str | None = None
    caracter: str | None = None

    def to_dict(self) -> Json:
        """SCHEMA.md's knowledge object."""
        return {"conocimiento": self.conocimiento, "caracter": self.caracter}

    @classmethod
    def from_dict(cls, data: Json) -> Conocimiento:
        """Inverse of :meth:`to_dict`."""
        return cls(_str(data.get("conocimiento")), _str(data.get("caracter")))


@dataclass
class Aprobacion:
    """Who made and approved the POAI, and when (ISO dates)."""

    elaborado_por: str | None = None
    aprobado_por: str | None = None
    ciudadania_digital: bool = False
    fecha_elaboracion: str | None = None
    fecha_aprobacion: str | None = None

    def to_dict(self) -> Json:
        """SCHEMA.md's ``aprobacion`` object."""
        return {"elaborado_por": self.elaborado_por, "aprobado_por": self.aprobado_por,
                "ciudadania_digital": self.ciudadania_digital, "fecha_elaboracion": self.fecha_elaboracion,
                "fecha_aprobacion": self.fecha_aprobacion}

    @classmethod
    def from_dict(cls, data: Json) -> Aprobacion:
        """Inverse of :meth:`to_dict`."""
        return cls(_str(data.get("elaborado_por")), _str(data.get("aprobado_por")),
                   bool(data.get("ciudadania_digital")), _str(data.get("fecha_elaboracion")),
                   _str(data.get("fecha_aprobacion")))


@dataclass(frozen=True)
class Finding:
    """One entry of ``auditoria``."""

    regla: str
    severidad: str
    campo: str
    mensaje: str

    def to_dict(self) -> Json:
        """``{"regla", "severidad", "campo", "mensaje"}``."""
        return {"regla": self.regla, "severidad": self.severidad, "campo": self.campo, "mensaje": self.mensaje}

    @classmethod
    def from_dict(cls, data: Json) -> Finding:
        """Inverse of :meth:`to_dict`."""
        return cls(str(data["regla"]), str(data["severidad"]), str(data["campo"]), str(data["mensaje"]))


@dataclass(frozen=True)
class ErrorInfo:
    """Why a document could not be read: its SCHEMA.md code and a Spanish message.

    ``ajuste`` names the setting that would let it be read ("contrasena", "tiempo"), so
    that a front end can say how to change it; it is not part of the JSON when unset.
    """

    codigo: str
    mensaje: str
    ajuste: str | None = None

    def to_dict(self) -> Json:
        """The record's ``error`` object."""
        data: Json = {"codigo": self.codigo, "mensaje": self.mensaje}
        if self.ajuste:
            data["ajuste"] = self.ajuste
        return data

    @classmethod
    def from_dict(cls, data: Json) -> ErrorInfo:
        """Inverse of :meth:`to_dict`."""
        return cls(str(data.get("codigo")), str(data.get("mensaje")), _str(data.get("ajuste")))

    @classmethod
    def of(cls, error: PoaiError) -> ErrorInfo:
        """The error object of a raised :class:`PoaiError`."""
        return cls(error.codigo, error.mensaje, error.ajuste)


@dataclass
class Record:
    """One POAI read: SCHEMA.md's record.

    A record of an unreadable file has ``estado`` "error", an ``error`` and no other content.
    """

    archivo: str
    sha256: str
    formato: str | None = None
    paginas: int | None = None
    plantilla: str | None = None
    estado: str = "ok"
    error: ErrorInfo | None = None
    gestion: int | None = None
    parte: Json | None = None
    ocr: Json | None = None
    puesto: Puesto = field(default_factory=Puesto)
    relaciones: Relaciones = field(default_factory=Relaciones)
    objetivo: str | None = None
    funciones: list[Funcion] = field(default_factory=list)
    normas: list[str] = field(default_factory=list)
    formacion: list[Formacion] = field(default_factory=list)
    experiencia: Experiencia = field(default_factory=Experiencia)
    conocimientos: list[Conocimiento] = field(default_factory=list)
    cualidades: list[str] = field(default_factory=list)
    aprobacion: Aprobacion = field(default_factory=Aprobacion)
    auditoria: list[Finding] = field(default_factory=list)
    correcciones: list[Json] = field(default_factory=list)
    completitud: float | None = None

    @property
    def readable(self) -> bool:
        """False for the record of a file that could not be read."""
        return self.estado != "error"

    @classmethod
    def failed(cls, archivo: str, sha256: str, formato: str | None, error: PoaiError | ErrorInfo) -> Record:
        """The record of a document that could not be read."""
        info = error if isinstance(error, ErrorInfo) else ErrorInfo.of(error)
        return cls(archivo=archivo, sha256=sha256, formato=formato, estado="error", error=info)

    def to_dict(self) -> Json:
        """The record's JSON object, keys in SCHEMA.md's order."""
        head: Json = {"archivo": self.archivo, "sha256": self.sha256, "formato": self.formato,
                      "paginas": self.paginas, "plantilla": self.plantilla, "estado": self.estado,
                      "error": self.error.to_dict() if self.error is not None else None}
        if not self.readable:
            return head
        return {**head, "gestion": self.gestion, "parte": self.parte, "ocr": self.ocr,
                "puesto": self.puesto.to_dict(), "relaciones": self.relaciones.to_dict(),
                "objetivo": self.objetivo, "funciones": [f.to_dict() for f in self.funciones],
                "normas": list(self.normas), "formacion": [f.to_dict() for f in self.formacion],
                "experiencia": self.experiencia.to_dict(),
                "conocimientos": [c.to_dict() for c in self.conocimientos], "cualidades": list(self.cualidades),
                "aprobacion": self.aprobacion.to_dict(), "auditoria": [f.to_dict() for f in self.auditoria],
                "correcciones": list(self.correcciones), "completitud": self.completitud}

    @classmethod
    def from_dict(cls, data: Json) -> Record:
        """Inverse of :meth:`to_dict`."""
        error = data.get("error")
        record = cls(archivo=str(data.get("archivo", "")), sha256=str(data.get("sha256", "")),
                     formato=_str(data.get("formato")), paginas=cast("int | None", data.get("paginas")),
                     plantilla=_str(data.get("plantilla")), estado=str(data.get("estado", "ok")),
                     error=ErrorInfo.from_dict(error) if error else None)
        if not record.readable:
            return record
        record.gestion = cast("int | None", data.get("gestion"))
        record.parte, record.ocr = data.get("parte"), data.get("ocr")
        record.puesto = Puesto.from_dict(data.get("puesto") or {})
        record.relaciones = Relaciones.from_dict(data.get("relaciones") or {})
        record.objetivo = _str(data.get("objetivo"))
        record.funciones = [Funcion.from_dict(f) for f in data.get("funciones") or []]
        record.normas = list(data.get("normas") or [])
        record.formacion = [Formacion.from_dict(f) for f in data.get("formacion") or []]
        record.experiencia = Experiencia.from_dict(data.get("experiencia") or {})
        record.conocimientos = [Conocimiento.from_dict(c) for c in data.get("conocimientos") or []]
        record.cualidades = list(data.get("cualidades") or [])
        record.aprobacion = Aprobacion.from_dict(data.get("aprobacion") or {})
        record.auditoria = [Finding.from_dict(f) for f in data.get("auditoria") or []]
        record.correcciones = list(data.get("correcciones") or [])
        record.completitud = cast("float | None", data.get("completitud"))
        return record
