"""Scoring the extractor against hand-labelled gold: the shared rule of ../shared/schema/README.md.

A found figure matches an expected one when origin, destination, unit and kind agree and the numbers
agree (ranges overlap, or differ by at most 2%); each expected figure matches at most one found one.
Precision, recall and F1 count matches; on matched pairs, period_start, period_end, qualifier and
source_type are scored as separate accuracies. An expected figure's `accept` lists other right values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crossings.errors import InputError

Fig = dict[str, Any]
MATCH_KEYS = ("origin", "destination", "unit", "kind")
FIELDS = ("period_start", "period_end", "qualifier", "source_type")
TOLERANCE = 0.02

__all__ = ["DocScore", "FieldError", "Miss", "Report", "load_gold", "match", "numbers_agree",
           "pipeline_predictor", "score", "score_pairs"]


@dataclass
class Miss:
    """An expected figure nothing matched ("missed") or a found figure that matched nothing ("spurious")."""

    doc_id: str
    side: str  # missed | spurious
    figure: Fig
    nearest: Fig | None = None  # for a missed figure, an unmatched found one from the same sentence; and back

    @property
    def evidence(self) -> str:
        return (self.figure.get("evidence") or {}).get("text", "")


@dataclass
class FieldError:
    """A matched pair that disagrees on one scored field."""

    doc_id: str
    field: str
    expected: Fig
    found: Fig


@dataclass
class DocScore:
    doc_id: str = ""
    expected: int = 0
    found: int = 0
    pairs: list[tuple[Fig, Fig]] = field(default_factory=list)
    missed: list[Fig] = field(default_factory=list)
    spurious: list[Fig] = field(default_factory=list)
    field_errors: list[FieldError] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return len(self.pairs)

    def misses(self) -> list[Miss]:
        return ([Miss(self.doc_id, "missed", f, _nearest(f, self.spurious)) for f in self.missed]
                + [Miss(self.doc_id, "spurious", f, _nearest(f, self.missed)) for f in self.spurious])


@dataclass
class Report:
    docs: list[DocScore] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return sum(d.expected for d in self.docs)

    @property
    def found(self) -> int:
        return sum(d.found for d in self.docs)

    @property
    def matched(self) -> int:
        return sum(d.matched for d in self.docs)

    @property
    def precision(self) -> float:
        """matched / found; with nothing found, 1.0 only if nothing was expected either."""
        if self.found:
            return self.matched / self.found
        return 0.0 if self.expected else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def field_accuracy(self) -> dict[str, float | None]:
        """Share of matched pairs right on each field; None when nothing matched."""
        wrong = {name: 0 for name in FIELDS}
        for doc in self.docs:
            for err in doc.field_errors:
                wrong[err.field] += 1
        n = self.matched
        return {name: (n - wrong[name]) / n if n else None for name in FIELDS}

    def misses(self) -> list[Miss]:
        return [m for d in self.docs for m in d.misses()]

    def field_errors(self) -> list[FieldError]:
        return [e for d in self.docs for e in d.field_errors]

    def summary(self) -> dict[str, Any]:
        return {"docs": len(self.docs), "expected": self.expected, "found": self.found,
                "matched": self.matched, "precision": self.precision, "recall": self.recall,
                "f1": self.f1, "field_accuracy": self.field_accuracy}


# -- the rule ----------------------------------------------------------------------------------------


def accepted(expected: Fig, name: str, value: Any) -> bool:
    """Whether `value` is right for field `name`: the expected value or one listed in `accept`."""
    return value == expected.get(name) or value in (expected.get("accept") or {}).get(name, [])


def numbers_agree(expected: Fig, found: Fig) -> bool:
    """[low, high] ranges overlap, or the nearest ends differ by at most 2% of the larger."""
    return _gap(expected, found) <= TOLERANCE


def _gap(expected: Fig, found: Fig) -> float:
    """0 for overlapping ranges, else the relative distance between the nearest ends."""
    e_lo, e_hi, f_lo, f_hi = expected["low"], expected["high"], found["low"], found["high"]
    if e_lo <= f_hi and f_lo <= e_hi:
        return 0.0
    a, b = (e_hi, f_lo) if e_hi < f_lo else (f_hi, e_lo)
    return (b - a) / max(abs(a), abs(b), 1)


def match(expected: Fig, found: Fig) -> bool:
    """The scoring rule's test for one pair."""
    return all(accepted(expected, key, found.get(key)) for key in MATCH_KEYS) and numbers_agree(expected, found)


def _closeness(expected: Fig, found: Fig) -> float:
    """Higher is better: a tie-break between candidate pairs (numbers, scored fields, same sentence)."""
    right = sum(accepted(expected, name, found.get(name)) for name in FIELDS)
    same_sentence = _evidence(expected) != "" and _evidence(expected) == _evidence(found)
    exact = expected["low"] == found["low"] and expected["high"] == found["high"]
    return right + 2 * same_sentence + exact - _gap(expected, found)


def _evidence(fig: Fig) -> str:
    return ((fig.get("evidence") or {}).get("text") or "").strip()


def _nearest(fig: Fig, others: Sequence[Fig]) -> Fig | None:
    """The figure among `others` read from the same sentence with the closest numbers, if any."""
    same = [o for o in others if _evidence(o) and _evidence(o) == _evidence(fig)]
    return min(same, key=lambda o: _gap(fig, o), default=None)


def _assign(expected: Sequence[Fig], found: Sequence[Fig]) -> dict[int, int]:
    """One-to-one matching, expected index → found index, with as many pairs as possible.

    Kuhn's augmenting paths, trying each expected figure's candidates best first, so that a greedy
    first choice never costs another expected figure its only match.
    """
    candidates = [sorted((j for j, f in enumerate(found) if match(e, f)),
                         key=lambda j, e=e: -_closeness(e, found[j])) for e in expected]
    owner: dict[int, int] = {}  # found index → expected index

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expected)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def score_pairs(expected_figs: Sequence[Fig], found_figs: Sequence[Fig], doc_id: str = "") -> DocScore:
    """Score one document's found figures against its expected ones."""
    pairing = _assign(expected_figs, found_figs)
    doc = DocScore(doc_id, len(expected_figs), len(found_figs))
    for i, exp in enumerate(expected_figs):
        if i not in pairing:
            doc.missed.append(exp)
            continue
        got = found_figs[pairing[i]]
        doc.pairs.append((exp, got))
        doc.field_errors += [FieldError(doc_id, name, exp, got) for name in FIELDS
                             if not accepted(exp, name, got.get(name))]
    used = set(pairing.values())
    doc.spurious = [f for j, f in enumerate(found_figs) if j not in used]
    return doc


def score(gold_docs: Iterable[dict[str, Any]], predict: Callable[[dict[str, Any]], list[Fig]]) -> Report:
    """Run `predict` on every gold document and score what it finds."""
    report = Report()
    for doc in gold_docs:
        report.docs.append(score_pairs(doc.get("figures", []), predict(doc), str(doc.get("id", ""))))
    return report


# -- gold files and the pipeline predictor -----------------------------------------------------------


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL gold file: one {"id", "text", "pub_date", "figures"} object per line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file ({getattr(exc, 'strerror', None) or exc})",
                         "unreadable") from exc
    docs = [_gold_line(line, f"{path}:{n}") for n, line in enumerate(lines, 1) if line.strip()]
    if not docs:
        raise InputError(f"{path}: no gold documents in the file", "bad_gold")
    return docs


def _gold_line(line: str, where: str) -> dict[str, Any]:
    try:
        doc = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{where}: bad JSON ({exc})", "bad_gold") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
        raise InputError(f"{where}: expected an object with a 'text' string", "bad_gold")
    figures = doc.setdefault("figures", [])
    if not isinstance(figures, list) or not all(_is_figure(f) for f in figures):
        raise InputError(f"{where}: 'figures' must be a list of objects with integer low and high",
                         "bad_gold")
    doc.setdefault("id", where)
    return doc


def _is_figure(fig: Any) -> bool:
    return isinstance(fig, dict) and isinstance(fig.get("low"), int) and isinstance(fig.get("high"), int)


def pipeline_predictor(settings: Any = None) -> Callable[[dict[str, Any]], list[Fig]]:
    """The predictor `crossings eval` uses: the real pipeline, triage off, on each gold passage."""
    from crossings import config, pipeline
    from crossings.records import RawDoc

    opts = settings or config.load(triage=False)

    def predict(doc: dict[str, Any]) -> list[Fig]:
        ident = str(doc.get("id"))
        raw = RawDoc(source=ident, content=doc["text"].encode("utf-8"), content_type="text/plain",
                     published=doc.get("pub_date"), id=ident)
        return [f.to_schema() for f in pipeline.process(raw, opts).figures]

    return predict
