"""Review: analysts accept, correct, reject or recommend stored figures, and every change is logged.

Plain functions over the store. A figure's review_state is unreviewed | accepted | corrected | rejected;
a correction keeps what the extractor said in machine_values. Each decision is one transaction with
its log entry (who, when, action, before/after, why), so of two reviewers on one figure the later
wins and both are in the log. Decisions travel between databases as JSON lines (export_decisions /
import_decisions): each names its figure by article hash and text offsets, and an import skips what
it already has and never lets an older decision undo a newer one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crossings.aggregate import span
from crossings.errors import InputError
from crossings.store import FigureQuery
from crossings.store.reviews import CORRECTABLE

STATES = ("unreviewed", "accepted", "corrected", "rejected")
ACTIONS = ("accept", "correct", "reject", "recommend", "unrecommend")
REVIEW_SETS = ("all", "reviewed", "recommended")
REVIEW_SET_HELP = {"all": "every figure except rejected ones", "reviewed": "accepted or corrected figures only",
                   "recommended": "figures marked recommended only"}
CHOICES = {"unit": ("people", "vehicles", "households"), "kind": ("total", "rate", "stock"),
           "qualifier": ("exact", "about", "nearly", "at_least", "more_than", "at_most", "range", "vague"),
           "rate_per": (None, "day", "week", "month"),
           "source_type": ("government", "un_agency", "ngo", "media", "other", "unattributed")}
FORMAT = "crossings-review/1"


class ReviewError(InputError):
    reason = "bad_review"


# -- decisions --------------------------------------------------------------------------------------


def accept(store, figure_id: int, reviewer: str, reason: str | None = None, via: str = "library") -> dict:
    """The figure is right as it stands (a corrected one stays "corrected")."""
    return _review(store, figure_id, "accept", _accepted, reviewer, reason, via)


def correct(store, figure_id: int, fields: dict[str, Any], reviewer: str, reason: str | None = None,
            via: str = "library") -> dict:
    """Set some of the figure's values; the extractor's originals are kept in machine_values."""
    changes = clean_fields(fields)
    return _review(store, figure_id, "correct", lambda state: _corrected(state, changes), reviewer, reason, via)


def reject(store, figure_id: int, reviewer: str, reason: str | None = None, via: str = "library") -> dict:
    """Not a movement figure, or wrong beyond correcting: left out of every aggregate."""
    return _review(store, figure_id, "reject", lambda s: {"review_state": "rejected", "recommended": False},
                   reviewer, reason, via)


def recommend(store, figure_id: int, reviewer: str, reason: str | None = None, via: str = "library") -> dict:
    """The figure to use among those that overlap it (same corridor, unit, kind and days): it is accepted
    if it was not yet, and any overlapping figure recommended before loses the mark (also logged)."""
    entry = _review(store, figure_id, "recommend", lambda s: {**_accepted(s), "recommended": True},
                    reviewer, reason, via)
    for other in overlapping_recommended(store, figure_id):
        _review(store, other, "unrecommend", lambda s: {"recommended": False}, reviewer,
                f"figure {figure_id} recommended instead", via)
    return entry


def unrecommend(store, figure_id: int, reviewer: str, reason: str | None = None, via: str = "library") -> dict:
    return _review(store, figure_id, "unrecommend", lambda s: {"recommended": False}, reviewer, reason, via)


def apply(store, figure_id: int, action: str, reviewer: str, fields: dict[str, Any] | None = None,
          reason: str | None = None, via: str = "library") -> dict:
    """One decision by name, as the CLI and the API take it."""
    if action == "correct":
        return correct(store, figure_id, fields or {}, reviewer, reason, via)
    if fields:
        raise ReviewError(f"only 'correct' takes fields, not {action!r}", "bad_fields")
    simple: dict[str, Callable[..., dict]] = {"accept": accept, "reject": reject, "recommend": recommend,
                                              "unrecommend": unrecommend}
    if action not in simple:
        raise ReviewError(f"action {action!r}: one of {', '.join(ACTIONS)}", "bad_action")
    return simple[action](store, figure_id, reviewer, reason, via)


def history(store, figure_id: int) -> list[dict[str, Any]]:
    """Every logged decision on the figure, oldest first."""
    return store.review_log(figure_id)


def pending(store, origin: str | None = None, destination: str | None = None) -> list[dict[str, Any]]:
    """Unreviewed figures, newest article first (then in text order), optionally of one corridor."""
    rows = [r for r in store.figures(FigureQuery(origin=origin, destination=destination))
            if r["review_state"] == "unreviewed"]
    rows.sort(key=lambda r: r["evidence"]["start"])
    rows.sort(key=lambda r: (r["article_published"] or "", r["article_id"]), reverse=True)
    return rows


def overlapping_recommended(store, figure_id: int) -> list[int]:
    """Other recommended figures of the same corridor, unit and kind whose days overlap this one's."""
    row = store.figure(figure_id)
    if row is None:
        return []
    query = FigureQuery(origin=row["origin"], destination=row["destination"], unit=row["unit"], kind=row["kind"],
                        review="recommended")
    mine = span(row)
    return [r["id"] for r in store.figures(query) if r["id"] != figure_id and r["origin"] == row["origin"]
            and r["destination"] == row["destination"] and _overlap(mine, span(r))]


def _overlap(a, b) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def _review(store, figure_id: int, action: str, decide, reviewer: str, reason: str | None, via: str) -> dict:
    if not (reviewer or "").strip():
        raise ReviewError("a review needs the reviewer's name", "no_reviewer")
    entry = {"uid": uuid.uuid4().hex, "reviewer": reviewer.strip(), "at": now(), "action": action,
             "reason": (reason or "").strip() or None, "via": via}
    logged = store.review_figure(figure_id, decide, entry)
    if logged is None:
        raise ReviewError(f"no figure with id {figure_id}", "not_found")
    return logged


def _accepted(state: dict[str, Any]) -> dict[str, Any]:
    return {"review_state": "corrected" if state["machine_values"] else "accepted"}


def _corrected(state: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    merged = {**{n: state[n] for n in CORRECTABLE}, **changes}
    check_figure(merged)
    machine = state["machine_values"] or {n: state[n] for n in CORRECTABLE}
    return {**changes, "machine_values": machine, "review_state": "corrected"}


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


# -- checking a correction --------------------------------------------------------------------------


def clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A correction's fields, checked and normalised ("5,000" → 5000, "ru" → "RU", "" → None)."""
    if not isinstance(fields, dict) or not fields:
        raise ReviewError("a correction needs at least one field to change", "bad_fields")
    unknown = sorted(set(fields) - set(CORRECTABLE))
    if unknown:
        raise ReviewError(f"cannot correct {', '.join(unknown)}; fields: {', '.join(CORRECTABLE)}", "bad_fields")
    return {name: _clean(name, value) for name, value in fields.items()}


def _clean(name: str, value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        value = None if value in ("", "null", "none", "-") else value
    if name in ("low", "high"):
        return _count(name, value)
    if name in ("origin", "destination"):
        return _country(name, value)
    if name in ("period_start", "period_end"):
        return _date(name, value)
    if name in CHOICES:
        if value not in CHOICES[name]:
            raise ReviewError(f"{name} {value!r}: one of {', '.join(map(str, CHOICES[name]))}", "bad_fields")
        return value
    if value is not None and (not isinstance(value, str) or len(value) > 500):
        raise ReviewError(f"{name}: text of at most 500 characters", "bad_fields")
    return value


def _count(name: str, value: Any) -> int:
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", value):
        value = int(value.replace(",", ""))
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10**10:
        raise ReviewError(f"{name} {value!r}: a whole number of at least 0", "bad_fields")
    return value


def _country(name: str, value: Any) -> str | None:
    if value is None:
        return None
    import pycountry

    code = value.upper() if isinstance(value, str) else ""
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise ReviewError(f"{name} {value!r}: an ISO 3166-1 alpha-2 code (RU, GE) or empty", "bad_fields")
    return code


def _date(name: str, value: Any) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat() if isinstance(value, str) and len(value) == 10 else _no()
    except ValueError as exc:
        raise ReviewError(f"{name} {value!r}: a date as YYYY-MM-DD, or empty", "bad_fields") from exc


def _no() -> str:
    raise ValueError


def check_figure(values: dict[str, Any]) -> None:
    """The corrected figure as a whole: low ≤ high, start ≤ end, a rate has a period and only a rate."""
    if values["low"] > values["high"]:
        raise ReviewError(f"low {values['low']} is above high {values['high']}", "bad_fields")
    if values["period_start"] and values["period_end"] and values["period_start"] > values["period_end"]:
        raise ReviewError("period_start is after period_end", "bad_fields")
    if (values["kind"] == "rate") != (values["rate_per"] is not None):
        raise ReviewError("a rate needs rate_per (day, week, month), and only a rate has one", "bad_fields")


# -- sharing decisions ------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    read: int = 0
    applied: int = 0  # changed a figure here
    superseded: int = 0  # logged only: a newer decision on the figure was already here
    known: int = 0  # already in this log (an import run twice adds nothing)
    unmatched: int = 0  # no figure here matches the one it speaks of

    def to_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


def export_decisions(store, path: str | Path) -> int:
    """Write the whole log as JSON lines, oldest first; returns how many."""
    entries = store.review_log()
    with Path(path).open("w", encoding="utf-8") as out:
        for entry in entries:
            out.write(json.dumps(_portable(entry), ensure_ascii=False, sort_keys=True) + "\n")
    return len(entries)


def _portable(entry: dict[str, Any]) -> dict[str, Any]:
    """A log entry without this database's ids."""
    skip = ("id", "figure_id", "applied", "via")
    return {"format": FORMAT, **{k: v for k, v in entry.items() if k not in skip}}


def import_decisions(store, path: str | Path, via: str = "import") -> ImportSummary:
    """Apply a file of decisions in the order they were made. Idempotent: an entry already in the log
    is skipped; one older than the figure's newest decision here is logged but changes nothing."""
    summary = ImportSummary()
    for entry in sorted(read_decisions(path), key=lambda e: (e["at"], e["uid"])):
        summary.read += 1
        _import_one(store, entry, via, summary)
    return summary


def read_decisions(path: str | Path) -> list[dict[str, Any]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})", "unreadable") from exc
    return [_decision(line, f"{path}:{n}") for n, line in enumerate(lines, 1) if line.strip()]


def _decision(line: str, where: str) -> dict[str, Any]:
    try:
        entry = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{where}: bad JSON ({exc})", "bad_decisions") from exc
    needed = ("uid", "at", "reviewer", "action", "after", "figure_key")
    if not isinstance(entry, dict) or not all(entry.get(k) for k in needed) or entry["action"] not in ACTIONS:
        raise InputError(f"{where}: not a review decision (needs {', '.join(needed)})", "bad_decisions")
    if not isinstance(entry["after"], dict) or entry["after"].get("review_state") not in STATES:
        raise InputError(f"{where}: 'after' must give the review_state", "bad_decisions")
    return entry


def _import_one(store, entry: dict[str, Any], via: str, summary: ImportSummary) -> None:
    if store.has_review(entry["uid"]):
        summary.known += 1
        return
    figure_id = store.find_figure(entry["figure_key"])
    if figure_id is None:
        summary.unmatched += 1
        return

    def decide(state: dict[str, Any]) -> dict[str, Any] | None:
        newer_here = state["last_review_at"] is not None and state["last_review_at"] > entry["at"]
        return None if newer_here else _imported_changes(state, entry["after"])

    logged = store.review_figure(figure_id, decide, {
        "uid": entry["uid"], "reviewer": entry["reviewer"], "at": entry["at"], "action": entry["action"],
        "reason": entry.get("reason"), "via": via})
    if logged is None:
        summary.unmatched += 1
    elif logged["applied"]:
        summary.applied += 1
    else:
        summary.superseded += 1


def _imported_changes(state: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    changes = {k: v for k, v in after.items() if k in ("review_state", "recommended", *CORRECTABLE)}
    if any(k in CORRECTABLE and v != state[k] for k, v in changes.items()) and not state["machine_values"]:
        changes["machine_values"] = {n: state[n] for n in CORRECTABLE}
    return changes


def summarize_states(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(STATES, 0)
    for row in rows:
        counts[row["review_state"]] = counts.get(row["review_state"], 0) + 1
    return counts


# -- the extractor scored against the decisions ------------------------------------------------------


@dataclass
class ReviewScore:
    """evaluate.Report over the reviewed articles, and what was left out of it."""

    report: Any
    articles: int = 0
    gold: int = 0  # accepted or corrected figures: the extractor should find them as they now read
    must_not: int = 0  # rejected figures: finding one again is a spurious figure
    found_rejected: int = 0
    unscored: int = 0  # found figures that match no decision (nobody has reviewed them yet)

    def summary(self) -> dict[str, Any]:
        return {**self.report.summary(), "source": "reviews", "articles": self.articles, "gold": self.gold,
                "must_not_find": self.must_not, "found_rejected": self.found_rejected, "unscored": self.unscored}


def score_reviews(store, settings: Any = None) -> ReviewScore:
    """Run the current extractor on every article with decisions and score it with evaluate.score:
    accepted and corrected figures are gold for their article, rejected ones must not be found, and
    figures nobody has decided on are left out of the count."""
    from crossings import config, evaluate

    opts = settings or config.load(triage=False)
    docs = review_gold(store)
    result = ReviewScore(None, len(docs), sum(len(d["figures"]) for d in docs),
                         sum(len(d["must_not"]) for d in docs))

    def predict(doc: dict[str, Any]) -> list[dict[str, Any]]:
        found = _extract(doc["article"], opts)
        decided = [f for f in found if any(evaluate.match(g, f) for g in doc["figures"] + doc["must_not"])]
        result.unscored += len(found) - len(decided)
        result.found_rejected += sum(any(evaluate.match(r, f) for r in doc["must_not"]) for f in decided)
        return decided

    result.report = evaluate.score(docs, predict)
    return result


def review_gold(store) -> list[dict[str, Any]]:
    """A gold document per article with decisions: its text, the accepted/corrected figures as they now
    read, and the rejected ones as the machine read them (must_not)."""
    decided: dict[int, list[dict[str, Any]]] = {}
    for row in store.figures(FigureQuery()):
        if row["review_state"] != "unreviewed":
            decided.setdefault(row["article_id"], []).append(row)
    docs = []
    for article_id, rows in sorted(decided.items()):
        article = store.article(article_id)
        gold = [_plain(r) for r in rows if r["review_state"] in ("accepted", "corrected")]
        must_not = [{**_plain(r), **(r["machine_values"] or {})} for r in rows if r["review_state"] == "rejected"]
        docs.append({"id": f"article {article_id}", "text": article["text"], "pub_date": article["published"],
                     "figures": gold, "must_not": must_not, "article": article})
    return docs


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("origin_place", "destination_place", "machine_values")}


def _extract(article_row: dict[str, Any], settings: Any) -> list[dict[str, Any]]:
    from crossings import pipeline
    from crossings.records import Article

    article = Article.from_dict({**article_row, "id": str(article_row["id"]),
                                 "source": article_row.get("source") or f"article:{article_row['id']}"})
    return [f.to_schema() for f in pipeline.analyse(article, settings).figures]
