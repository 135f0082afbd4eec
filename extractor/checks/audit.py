"""The one audit pass every command uses: document rules, the POA link, then corpus rules.

Records arrive unaudited (from the workers or the catalog) with their layout facts. Each is
audited with the entity's rules and linked to the unit POA as it arrives, then spooled to a
temporary file: corpus rules need every document's key before any record is final. The
records are then read back one by one with their corpus findings, so memory stays flat.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from extractor.checks.corpus import CORPUS_RULES, CorpusKey, corpus_findings
from extractor.checks.document import audit_document
from extractor.checks.poa_link import link_functions
from extractor.checks.rules import DEFAULT_RULES, Rules
from extractor.corrections import CorrectionSource, apply, apply_links, part_of
from extractor.model.facts import AuditFacts
from extractor.model.record import Finding, Record
from extractor.poa.matching import Matcher


@dataclass
class Audit:
    """The checks of one run: the entity's rules, optionally the unit POA's matcher, and where the
    corrections people made are kept (the catalog): the audit runs on the corrected record."""

    rules: Rules = field(default_factory=lambda: DEFAULT_RULES)
    matcher: Matcher | None = None
    corrections: CorrectionSource | None = None

    def __post_init__(self) -> None:
        self.operations = ({o.codigo: o.operacion for o in self.matcher.operations}
                           if self.matcher is not None else {})

    def document(self, record: Record, facts: AuditFacts | None) -> Record:
        """Apply the corrections, the document rules and the POA link to one record; return it."""
        found = self.corrections(record.sha256, part_of(record)) if self.corrections and record.readable else []
        record, lost = apply(record, found)
        if record.readable and facts is not None:
            audit_document(record, facts, self.rules)
        if self.matcher is not None:
            link_functions(record, self.matcher, self.rules)
            lost += apply_links(record, found, self.operations)
        record.auditoria.extend(lost)
        return record

    def run(self, extractions: Iterable[tuple[Record, AuditFacts | None]]) -> Iterator[Record]:
        """Every record of ``extractions`` in order, with all the rules applied."""
        keys: list[CorpusKey | None] = []
        with tempfile.TemporaryFile() as spool:
            for record, facts in extractions:
                record = self.document(record, facts)
                keys.append(CorpusKey.of(record))
                pickle.dump(record, spool, protocol=pickle.HIGHEST_PROTOCOL)
            extra = corpus_findings(keys, self.rules)
            spool.seek(0)
            for index in range(len(keys)):
                record = pickle.load(spool)  # noqa: S301 - our own temporary file
                record.auditoria.extend(extra.get(index, []))
                yield record

    def again(self, records: list[Record]) -> list[Record]:
        """Audit records already read (typed, from a run or from their JSON) with these rules:
        the corpus rules across ``records`` and, with a matcher, the POA link. Document findings
        stay as they were read (their layout facts are not in a record), except those of a rule
        now switched off, which go, and those whose severity the rules set, which take it."""
        keys: list[CorpusKey | None] = []
        for record in records:
            record.auditoria = [self._reset(f) for f in record.auditoria
                                if f.regla not in CORPUS_RULES and self._kept(f.regla)]
            if self.matcher is not None:
                link_functions(record, self.matcher, self.rules)
            keys.append(CorpusKey.of(record))
        extra = corpus_findings(keys, self.rules)
        for index, record in enumerate(records):
            record.auditoria.extend(extra.get(index, []))
        return records

    def _kept(self, regla: str) -> bool:
        return regla not in self.rules.rules or self.rules.active(regla)

    def _reset(self, finding: Finding) -> Finding:
        rule = self.rules.rules.get(finding.regla)
        if rule is None or rule.severidad is None:
            return finding
        return Finding(finding.regla, rule.severidad, finding.campo, finding.mensaje)
