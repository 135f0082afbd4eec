"""Matching each function of a POAI to the operation of the unit POA it serves.

Texts are normalised the Spanish way (accents, case, punctuation, stop words, light
stemming so that "capacitación" and "capacitar" meet) and compared with rapidfuzz's
``process.cdist``, vectorised over all functions and operations at once. A function gets
its best operation when the score reaches the threshold, and keeps the next two candidates
for review.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from extractor.model.record import Funcion
from extractor.poa.loader import Operation, Poa
from extractor.textnorm import fold

# Tuned on the sample corpus (samples/poa/etiquetas_poa.json): see tests/test_matching.py.
DEFAULT_THRESHOLD = 36.0
CANDIDATES = 3
# Weight of the word-overlap score against rapidfuzz's character-level score.
_OVERLAP_WEIGHT = 0.75
# A function's result alone (its words may name the operation the statement only paraphrases)
# counts a little less than the function itself.
_RESULT_WEIGHT = 0.85
# A clear winner links below the threshold: at least this share of it, and this many times the
# runner-up's score (a rare word shared with one operation only).
_MARGIN_FLOOR = 0.7
_MARGIN_RATIO = 3.0
_CHUNK = 1024

STOP_WORDS = frozenset("""
a al algo ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era
es esa esas ese eso esos esta estas este esto estos hacia hasta la las le les lo los mas me mediante mi mis muy
ni no nos o otra otras otro otros para pero por porque que quien se segun ser si sin sobre su sus tal tambien
tanto te tu tus u un una unas uno unos y ya cada todo toda todos todas asi dicho dicha mismo misma etc
""".split())

# Longest first; a suffix is removed only when a stem of four letters or more remains.
_SUFFIXES = sorted("""
aciones acion iciones icion amientos amiento imientos imiento idades idad ables able ibles ible istas ista
ivos ivas ivo iva adoras adores adora ador antes ante mente ados adas ado ada idos idas ido ida ales al
icas icos ica ico ares ar er ir es os as ios ias io ia s o a e
""".split(), key=len, reverse=True)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light Spanish stem: "capacitación", "capacitar", "capacitados" → "capacit"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def normalise(text: str | None) -> str:
    """Folded, stop-word-free, stemmed words of ``text``, space separated."""
    words = re.findall(r"[a-zñ]+", fold(text or ""))
    return " ".join(stem(w) for w in words if w not in STOP_WORDS and len(w) > 1)


@dataclass
class Match:
    """A function's best operation and the runners-up; ``actividad`` is the activity of that
    operation the function matched best ({"codigo", "actividad"}), None where it matched the
    operation itself."""

    codigo: str | None
    operacion: str | None
    puntaje: float
    candidatos: list[dict[str, Any]]
    actividad: dict[str, Any] | None = None


class Matcher:
    """Compares functions with the operations of one unit POA.

    The score (0-100) mixes two views. Word overlap: the cosine of stemmed words weighted by
    how rare each word is among the POA's operations (a shared "geoportal" says more than a
    shared "información"). Character similarity: rapidfuzz's token_sort_ratio, which forgives
    typos ("opreaciones"). Both are computed for all functions × operations at once
    (numpy and ``process.cdist``).
    """

    def __init__(self, poa: Poa, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.poa = poa
        self.threshold = threshold
        self.operations: list[Operation] = poa.operaciones
        self.full = [normalise(o.matching_text()) for o in self.operations]
        self.heads = [normalise(f"{o.operacion} {o.producto or ''}") for o in self.operations]
        vocabulary = sorted({w for text in self.full for w in text.split()})
        self.index = {w: i for i, w in enumerate(vocabulary)}
        frequency = np.zeros(len(vocabulary))
        for text in self.full:
            for word in set(text.split()):
                frequency[self.index[word]] += 1
        count = max(len(self.full), 1)
        self.idf = (np.log((1 + count) / (1 + frequency)) + 1).astype(np.float32)
        self.unknown = float(self.idf.max()) if len(self.idf) else 1.0
        # Both views of every operation in one matrix, so one product scores a query against both.
        self.views = np.vstack([self._unit_rows(self.heads), self._unit_rows(self.full)])
        # Activities (and tasks): a function that names one links to its operation.
        self.activities = [(i, a) for i, o in enumerate(self.operations) for a in o.actividades]
        self.activity_texts = [normalise(a.texto) for _, a in self.activities]
        self.activity_matrix = self._unit_rows(self.activity_texts)
        self.sorted_heads = [_sorted_words(t) for t in self.heads]
        self.sorted_activities = [_sorted_words(t) for t in self.activity_texts]

    def _words(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The POA words of ``texts`` as (text, word) pairs, in text order, and how many of each
        text's distinct words the POA never uses."""
        rows: list[int] = []
        columns: list[int] = []
        unknown = np.zeros(len(texts), dtype=np.float32)
        for row, text in enumerate(texts):
            words = set(text.split())
            known = [self.index[w] for w in words if w in self.index]
            rows.extend([row] * len(known))
            columns.extend(known)
            unknown[row] = len(words) - len(known)
        return np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64), unknown

    def _vectors(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The idf-weighted word vectors of ``texts``, and how many of each text's distinct words
        the POA never uses."""
        rows, columns, unknown = self._words(texts)
        matrix = np.zeros((len(texts), len(self.index)), dtype=np.float32)
        matrix[rows, columns] = self.idf[columns]
        return matrix, unknown

    def _unit_rows(self, texts: Sequence[str]) -> np.ndarray:
        matrix, _unknown = self._vectors(texts)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        unit: np.ndarray = matrix / np.maximum(norms, 1e-9)
        return unit

    def _overlap(self, queries: Sequence[str], targets: np.ndarray | None = None) -> np.ndarray:
        """Best cosine of each query against each operation (with its product, or with everything),
        or against each row of ``targets``: one product scores a chunk of queries against both views."""
        matrix = targets if targets is not None else self.views
        views = 1 if targets is not None else 2
        width = matrix.shape[0] // views
        result = np.zeros((len(queries), width), dtype=np.float32)
        for start in range(0, len(queries), _CHUNK):
            chunk = queries[start:start + _CHUNK]
            vectors, unknown = self._vectors(chunk)
            # Words the POA never uses still count in the query's length.
            norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors) + unknown * self.unknown ** 2)[:, None]
            best = (vectors @ matrix.T).reshape(len(chunk), views, width).max(axis=1)
            result[start:start + len(chunk)] = best / np.maximum(norms, 1e-9)
        return result

    def scores(self, functions: Sequence[str], with_results: Sequence[str],
               results: Sequence[str] | None = None) -> np.ndarray:
        """Scores (0-100) of every function (normalised, alone, with its result, and its result
        alone when given) × operation."""
        if not functions or not self.operations:
            return np.zeros((len(functions), len(self.operations)))
        overlap = np.maximum(self._overlap(functions), self._overlap(with_results))
        if results is not None:
            overlap = np.maximum(overlap, _RESULT_WEIGHT * self._overlap(results))
        characters = _characters(functions, self.sorted_heads)
        combined: np.ndarray = 100.0 * (_OVERLAP_WEIGHT * overlap + (1 - _OVERLAP_WEIGHT) * characters)
        return combined

    def activity_scores(self, functions: Sequence[str], with_results: Sequence[str]) -> np.ndarray:
        """Scores (0-100) of every function × activity (``self.activities``)."""
        if not functions or not self.activities:
            return np.zeros((len(functions), len(self.activities)))
        targets = self.activity_matrix
        overlap = np.maximum(self._overlap(functions, targets), self._overlap(with_results, targets))
        characters = _characters(functions, self.sorted_activities)
        combined: np.ndarray = 100.0 * (_OVERLAP_WEIGHT * overlap + (1 - _OVERLAP_WEIGHT) * characters)
        return combined

    def match(self, functions: Sequence[Funcion | Mapping[str, Any]]) -> list[Match]:
        """The match of each function (a record's functions, or their JSON objects)."""
        texts = [_texts(f) for f in functions]
        alone = [normalise(funcion) for funcion, _ in texts]
        with_results = [normalise(f"{funcion} {resultado}") for funcion, resultado in texts]
        results = [normalise(resultado) for _, resultado in texts]
        matrix = self.scores(alone, with_results, results)
        by_activity = self.activity_scores(alone, with_results)
        # An operation scores as well as its best activity; remember which activity that was.
        best_activity = np.full(matrix.shape, -1, dtype=np.int64)
        for column, (operation, _activity) in enumerate(self.activities):
            better = by_activity[:, column] > matrix[:, operation]
            matrix[better, operation] = by_activity[better, column]
            best_activity[better, operation] = column
        order = _top(matrix, CANDIDATES)
        top = np.take_along_axis(matrix, order, axis=1)
        second = top[:, 1] if top.shape[1] > 1 else np.zeros(len(top))
        links = (top[:, 0] >= self.threshold) | _clear_winners(top[:, 0], second, self.threshold) \
            if top.shape[1] else np.zeros(len(top), dtype=bool)
        via = np.take_along_axis(best_activity, order[:, :1], axis=1)[:, 0] if top.shape[1] else None
        result = []
        for row in range(len(matrix)):
            ranked = [{"codigo": self.operations[i].codigo, "operacion": self.operations[i].operacion,
                       "puntaje": round(float(score), 1)} for i, score in zip(order[row], top[row])]
            if not ranked:
                result.append(Match(None, None, 0.0, []))
            elif links[row]:
                result.append(Match(ranked[0]["codigo"], ranked[0]["operacion"], ranked[0]["puntaje"], ranked[1:],
                                    self._via(int(via[row]) if via is not None else -1)))
            else:
                result.append(Match(None, None, ranked[0]["puntaje"], ranked[:CANDIDATES - 1]))
        return result

    def _via(self, column: int) -> dict[str, Any] | None:
        """The activity a link went through (its column in ``self.activities``), or None."""
        if column < 0:
            return None
        activity = self.activities[column][1]
        return {"codigo": activity.codigo, "actividad": activity.texto}


def _sorted_words(text: str) -> str:
    """``text``'s words in order, which is what token_sort_ratio compares."""
    return " ".join(sorted(text.split()))


def _characters(queries: Sequence[str], sorted_targets: Sequence[str]) -> np.ndarray:
    """rapidfuzz's token_sort_ratio (0-1) of every query × target. It is the plain ratio of the
    texts with their words sorted; sorting each text once, not once per pair, makes it several
    times faster."""
    scores: np.ndarray = process.cdist([_sorted_words(q) for q in queries], sorted_targets, scorer=fuzz.ratio,
                                       workers=-1, dtype=np.float32) / 100.0
    return scores


def _top(matrix: np.ndarray, count: int) -> np.ndarray:
    """The columns of each row's ``count`` best scores, best first; a tie goes to the lower column
    (``argmax`` takes the first), as a stable sort would."""
    work = matrix.copy()
    picks = []
    for _ in range(min(count, matrix.shape[1])):
        best = np.argmax(work, axis=1)
        picks.append(best)
        work[np.arange(len(work)), best] = -np.inf
    return np.stack(picks, axis=1) if picks else np.zeros((len(matrix), 0), dtype=np.int64)


def _clear_winners(best: np.ndarray, second: np.ndarray, threshold: float) -> np.ndarray:
    """Scores below the threshold that still stand out: far above the runner-up."""
    floor: np.ndarray = (best >= _MARGIN_FLOOR * threshold) & (best >= _MARGIN_RATIO * np.maximum(second, 1.0))
    return floor


def _texts(function: Funcion | Mapping[str, Any]) -> tuple[str, str]:
    """A function's statement and result."""
    if isinstance(function, Funcion):
        return function.funcion or "", function.resultado or ""
    return function.get("funcion") or "", function.get("resultado") or ""
