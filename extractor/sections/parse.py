"""From the document model to a record: segmentation, recognition, then every section reader.

Nothing here knows which file format the document came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.errors import NotPoaiError
from extractor.layout.recognise import recognise
from extractor.layout.segment import PREAMBLE, segment
from extractor.layout.spec import Family, Vocabulary, vocabulary
from extractor.model.document import Document
from extractor.model.facts import AuditFacts
from extractor.model.record import Record
from extractor.sections.approval import ApprovalReader
from extractor.sections.base import Context, SectionReader
from extractor.sections.formation import FormationReader
from extractor.sections.functions import FunctionsReader
from extractor.sections.identification import IdentificationReader, RelationsReader
from extractor.sections.requirements import ExperienceReader, KnowledgeReader
from extractor.sections.text import GestionReader, ListReader, ObjectiveReader

# In this order: table readers take their rows first, so that the label and list readers
# after them never read a table's rows as labels or entries.
READERS: tuple[SectionReader, ...] = (
    FunctionsReader(), RelationsReader(), IdentificationReader(), GestionReader(), ObjectiveReader(),
    ListReader("normas"), ExperienceReader(), FormationReader(), KnowledgeReader(), ListReader("cualidades"),
    ApprovalReader(),
)
# Headings that group other sections: finding them says nothing of what the document fills.
_GROUPING_SECTIONS = {"descripcion", "requisitos", "especificas", "rutinarias"}
# A document that shows fewer signature phrases and known sections than this, and no
# function, is not a POAI.
_MIN_EVIDENCE = 4


@dataclass
class Parsed:
    """What the section readers found (a record without its file's details), with the facts the
    audit needs about the layout."""

    record: Record
    family: Family
    facts: AuditFacts


def parse_document(document: Document, spec: Vocabulary | None = None) -> Parsed:
    """Read every POAI section of ``document``; raise NotPoaiError when it is not a POAI."""
    spec = spec or vocabulary()
    items = segment(document, spec)
    family, hits = recognise(items, spec)
    context = Context(items, spec)
    record = Record(archivo="", sha256="", plantilla=family.key)
    for reader in READERS:
        reader.read(context, record)
    sections_found = {i.section for i in items} - {PREAMBLE}
    if record.funciones:
        sections_found.add("funciones")
    if record.relaciones.intrainstitucionales or record.relaciones.interinstitucionales:
        sections_found.add("relaciones")
    if hits + len(sections_found - _GROUPING_SECTIONS) < _MIN_EVIDENCE and not record.funciones:
        raise NotPoaiError(
            "El documento no parece un POAI: no se encontraron las secciones de un formato conocido. "
            "Compruebe que sea un POAI; si lo es, su formato es nuevo: comuníquelo al equipo de poai."
        )
    facts = AuditFacts(
        family_labels=list(family.labels), family_sections=list(family.sections),
        labels_found=sorted(context.labels_found), sections_found=sorted(sections_found),
        function_columns=[sorted(c) for c in context.function_columns],
    )
    return Parsed(record=record, family=family, facts=facts)
