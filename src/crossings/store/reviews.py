"""Stage 6 for people: the review log, reviewer accounts and their sessions, and the Store methods over them.

The log is append-only (triggers refuse UPDATE and DELETE on both engines). A review is one write
transaction: the figure is read (locked on PostgreSQL), the caller's `decide` turns its state into
column changes, and the change and its log entry are written together — so of two reviewers on one
figure the later commit wins and both entries are kept, each `before` being what that reviewer
really changed. crossings.review holds the rules; this module only stores.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crossings.records import Figure
from crossings.store import FigureQuery, queries, rows
from crossings.store.schema import JSON, articles, figures, metadata

# What a reviewer may change, and what the log records of every change.
CORRECTABLE = ("origin", "destination", "unit", "kind", "low", "high", "qualifier", "rate_per", "period_start",
               "period_end", "attributed_to", "source_type")
TRACKED = ("review_state", "recommended", *CORRECTABLE)

review_log = sa.Table(
    "review_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("uid", sa.String(64), nullable=False),  # stable across databases: import skips known ones
    sa.Column("figure_id", sa.Integer),  # no foreign key: the log outlives what it speaks of
    sa.Column("figure_key", JSON, nullable=False),  # the figure named portably (article hash + offsets)
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("at", sa.String(40), nullable=False),  # ISO 8601 UTC with microseconds: sorts in time order
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("before", JSON, nullable=False),
    sa.Column("after", JSON, nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("via", sa.String(64), nullable=False, server_default="library"),  # cli | api | import | …
    sa.Column("applied", sa.Boolean, nullable=False, server_default=sa.true()),  # false: an imported
    # decision older than one already made here, kept for the record only
    sa.Index("review_log_uid_key", "uid", unique=True),
    sa.Index("review_log_figure_idx", "figure_id"),
)

users = sa.Table(
    "users", metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("role", sa.String(32), nullable=False),  # reviewer | reader
    sa.Column("password_hash", sa.Text, nullable=False),  # "scrypt$n$r$p$salt$hash" (crossings.accounts)
    sa.Column("created_at", sa.String(32), nullable=False),
)

sessions = sa.Table(
    "sessions", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # SHA-256 of the bearer token, never the token
    sa.Column("user_name", sa.String(100), sa.ForeignKey("users.name", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("expires_at", sa.String(32), nullable=False),
)

Decide = Callable[[dict[str, Any]], dict[str, Any] | None]


class ReviewStore:
    """Mixed into Store: review state changes with their log, accounts and sessions."""

    dialect: str
    _write: Callable[[], AbstractContextManager[Connection]]
    _read: Callable[[], AbstractContextManager[Connection]]

    # -- figures under review -------------------------------------------------------------------

    def figure(self, figure_id: int) -> dict[str, Any] | None:
        """One figure row (the contract's dict), or None."""
        stmt = queries.figures_select(FigureQuery()).where(figures.c.id == figure_id)
        with self._read() as conn:
            found = conn.execute(stmt).first()
        return rows.figure_row(found) if found is not None else None

    def review_figure(self, figure_id: int, decide: Decide, entry: dict[str, Any]) -> dict[str, Any] | None:
        """Apply `decide(state)` to one figure and log it with `entry` (uid, reviewer, at, action, reason,
        via), in one transaction. `decide` returns the column changes, or None to log the entry as not
        applied and change nothing. Returns the log entry, or None when there is no such figure."""
        with self._write() as conn:
            state = _state(conn, figure_id)
            if state is None:
                return None
            changes = decide(state)
            if changes is None:  # logged for the record only (an imported decision older than ours)
                entry, changes = {**entry, "applied": False}, {}
            if changes:
                conn.execute(figures.update().where(figures.c.id == figure_id).values(**rows.storable(changes)))
            logged = {"applied": True, **entry, "figure_id": figure_id, "figure_key": state["key"],
                      **_before_after(state, changes)}
            conn.execute(review_log.insert().values(**logged))
        return logged

    def review_log(self, figure_id: int | None = None) -> list[dict[str, Any]]:
        """Log entries, oldest first; those of one figure with `figure_id`."""
        stmt = sa.select(review_log).order_by(review_log.c.id)
        if figure_id is not None:
            stmt = stmt.where(review_log.c.figure_id == figure_id)
        with self._read() as conn:
            return [_entry(r) for r in conn.execute(stmt)]

    def has_review(self, uid: str) -> bool:
        with self._read() as conn:
            return conn.execute(sa.select(review_log.c.id).where(review_log.c.uid == uid)).first() is not None

    def find_figure(self, key: dict[str, Any]) -> int | None:
        """The id of the figure a portable key names (see figure_key), or None if none or several fit."""
        article = sa.select(articles.c.id).where(articles.c.content_hash == key.get("content_hash"))
        if key.get("article_url"):
            article = sa.select(articles.c.id).where((articles.c.content_hash == key.get("content_hash"))
                                                     | (articles.c.url == key["article_url"]))
        stmt = sa.select(figures).where(figures.c.article_id.in_(article.scalar_subquery()),
                                        figures.c.evidence_start == key.get("evidence_start"))
        with self._read() as conn:
            found = [r._mapping for r in conn.execute(stmt)]
        fits = [r["id"] for r in found if _fits(r, key)]
        return fits[0] if len(fits) == 1 else None

    # -- accounts and sessions ------------------------------------------------------------------

    def add_user(self, name: str, role: str, password_hash: str) -> bool:
        """Create the account, or replace its role and password; True when it is new."""
        with self._write() as conn:
            known = conn.execute(users.update().where(users.c.name == name)
                                 .values(role=role, password_hash=password_hash)).rowcount
            if not known:
                conn.execute(users.insert().values(name=name, role=role, password_hash=password_hash,
                                                   created_at=rows.now()))
            else:
                conn.execute(sessions.delete().where(sessions.c.user_name == name))
        return not known

    def user(self, name: str) -> dict[str, Any] | None:
        with self._read() as conn:
            found = conn.execute(sa.select(users).where(users.c.name == name)).first()
        return dict(found._mapping) if found is not None else None

    def users(self) -> list[dict[str, Any]]:
        with self._read() as conn:
            return [{"name": r.name, "role": r.role, "created_at": r.created_at}
                    for r in conn.execute(sa.select(users).order_by(users.c.name))]

    def remove_user(self, name: str) -> bool:
        with self._write() as conn:
            conn.execute(sessions.delete().where(sessions.c.user_name == name))
            return bool(conn.execute(users.delete().where(users.c.name == name)).rowcount)

    def add_session(self, token_hash: str, user_name: str, expires_at: str) -> None:
        with self._write() as conn:
            conn.execute(sessions.delete().where(sessions.c.expires_at < rows.now()))
            conn.execute(sessions.insert().values(token_hash=token_hash, user_name=user_name,
                                                  created_at=rows.now(), expires_at=expires_at))

    def session_user(self, token_hash: str) -> dict[str, Any] | None:
        """{name, role} of an unexpired session, or None."""
        stmt = (sa.select(users.c.name, users.c.role).join_from(sessions, users)
                .where(sessions.c.token_hash == token_hash, sessions.c.expires_at > rows.now()))
        with self._read() as conn:
            found = conn.execute(stmt).first()
        return dict(found._mapping) if found is not None else None

    def end_session(self, token_hash: str) -> None:
        with self._write() as conn:
            conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))


# -- re-extraction ----------------------------------------------------------------------------------


def fresh_figures(conn: Connection, article_id: int, found: list[Figure]) -> list[Figure]:
    """The newly extracted figures that are not already stored as a reviewed figure of the article.

    Store.replace_figures keeps reviewed figures; without this, each would come back beside itself as
    an unreviewed copy (a rejected figure, too). A figure is the same when its number sits at the same
    place in the text, or, without a span, when its sentence and machine values are the same."""
    reviewed = conn.execute(sa.select(figures).where(figures.c.article_id == article_id,
                                                     figures.c.review_state != "unreviewed"))
    taken = {_position(_machine(r._mapping)) for r in reviewed}
    return [f for f in found if _position(_figure_fields(f)) not in taken]


def _figure_fields(fig: Figure) -> dict[str, Any]:
    span = fig.span or (None, None)
    return {"evidence_start": fig.evidence.start, "evidence_end": fig.evidence.end, "span_start": span[0],
            "span_end": span[1], **{name: getattr(fig, name) for name in CORRECTABLE}}


def _position(values: dict[str, Any]) -> tuple[Any, ...]:
    if values.get("span_start") is not None:
        return ("span", values["evidence_start"] + values["span_start"], values["evidence_start"] + values["span_end"])
    return ("sentence", values["evidence_start"], values["evidence_end"], values["unit"], values["kind"],
            values["low"], values["high"])


def _machine(row: Any) -> dict[str, Any]:
    """A stored figure as the extractor gave it: machine_values over the current values."""
    return {**dict(row), **(row["machine_values"] or {})}


# -- state and entries ------------------------------------------------------------------------------


def _state(conn: Connection, figure_id: int) -> dict[str, Any] | None:
    stmt = (sa.select(figures, articles.c.content_hash, articles.c.url.label("article_url"))
            .join_from(figures, articles).where(figures.c.id == figure_id).with_for_update(of=figures))
    found = conn.execute(stmt).first()
    if found is None:
        return None
    m = found._mapping
    state = {name: m[name] for name in (*TRACKED, "machine_values", "article_id", "id")}
    state["recommended"] = bool(state["recommended"])
    state["key"] = figure_key(m)
    last = sa.select(sa.func.max(review_log.c.at)).where(review_log.c.figure_id == figure_id,
                                                          review_log.c.applied.is_(True))
    state["last_review_at"] = conn.execute(last).scalar()
    return state


def figure_key(m: Any) -> dict[str, Any]:
    """A figure named so that another database built from the same articles finds it again."""
    machine = _machine(m)
    span = None if m["span_start"] is None else [m["span_start"], m["span_end"]]
    return {"content_hash": m["content_hash"], "article_url": m["article_url"],
            "evidence_start": m["evidence_start"], "evidence_end": m["evidence_end"], "span": span,
            "machine": {name: machine[name] for name in ("unit", "kind", "low", "high")}}


def _fits(row: Any, key: dict[str, Any]) -> bool:
    machine = _machine(row)
    span = None if row["span_start"] is None else [row["span_start"], row["span_end"]]
    return (row["evidence_end"] == key.get("evidence_end") and span == key.get("span")
            and all(machine[k] == v for k, v in (key.get("machine") or {}).items()))


def _before_after(state: dict[str, Any], changes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The review state always, and every tracked value that changed."""
    names = ["review_state", "recommended", *(n for n in CORRECTABLE if n in changes and changes[n] != state[n])]
    after = {**{n: state[n] for n in names}, **{n: changes[n] for n in names if n in changes}}
    return {"before": {n: state[n] for n in names}, "after": after}


def _entry(row: Any) -> dict[str, Any]:
    out = dict(row._mapping)
    out["applied"] = bool(out["applied"])
    return out
