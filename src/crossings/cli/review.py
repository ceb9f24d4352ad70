"""`crossings review` (walk unreviewed figures, a key per decision; share decisions as JSON lines) and
`crossings users` (reviewer and reader accounts for the API). Thin: the rules are crossings.review.
"""

from __future__ import annotations

import getpass
import shlex
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crossings import accounts
from crossings import review as reviewing
from crossings.cli.common import DbOption, app, console, open_store
from crossings.errors import InputError

KEYS = {"a": "accept", "c": "correct", "r": "reject", "m": "recommend", "s": "skip", "q": "quit"}
PROMPT = "[a]ccept  [c]orrect  [r]eject  reco[m]mend  [s]kip  [q]uit"
FIELDS_HELP = ("fields as name=value, quoted where they hold spaces, e.g. low=5000 high=6000 "
               'attributed_to="Interior Ministry" reason="typo in the article"; empty to go back')

users_app = typer.Typer(no_args_is_help=True, help="Accounts that may use the API: reviewers and readers.")
app.add_typer(users_app, name="users")


@app.command("review")
def review_command(
    corridor: str = typer.Option(None, "--corridor", help="Only this corridor, ORIGIN-DESTINATION (RU-GE)."),
    reviewer: str = typer.Option(None, "--reviewer", envvar="CROSSINGS_REVIEWER",
                                 help="Your name in the log (default: $CROSSINGS_REVIEWER, else your login)."),
    limit: int = typer.Option(None, "--limit", help="Stop after this many figures."),
    export: Path = typer.Option(None, "--export", help="Write every decision made here to FILE (JSON lines)."),
    import_: Path = typer.Option(None, "--import", help="Apply the decisions in FILE (JSON lines); "
                                 "running it twice changes nothing."),
    history: int = typer.Option(None, "--history", help="Show the log of one figure (its id) and stop."),
    db: str = DbOption,
) -> None:
    """Review unreviewed figures one by one, newest first: each sentence with its number highlighted,
    then a key: a=accept, c=correct (asks for fields), r=reject, m=recommend, s=skip, q=quit."""
    if sum(x is not None for x in (export, import_, history)) > 1:
        raise InputError("give one of --export, --import and --history")
    with open_store(db) as store:
        if export is not None:
            console.print(f"wrote {reviewing.export_decisions(store, export)} decisions to {export}",
                          highlight=False)
        elif import_ is not None:
            _print_import(reviewing.import_decisions(store, import_, via=f"import:{import_.name}"), import_)
        elif history is not None:
            print_history(reviewing.history(store, history), history)
        else:
            origin, destination = _corridor(corridor)
            name = (reviewer or getpass.getuser()).strip()
            walk(store, reviewing.pending(store, origin, destination)[:limit], name)


def _corridor(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    from crossings.cli.corridors import country

    parts = value.replace("→", "-").split("-")
    if len(parts) != 2:
        raise InputError(f"--corridor {value!r}: expected ORIGIN-DESTINATION, e.g. RU-GE")
    return country(parts[0], "origin"), country(parts[1], "destination")


# -- the walk ---------------------------------------------------------------------------------------


class Keys:
    """Keys from the terminal one keypress at a time, or from a pipe one character at a time (blanks
    between keys are ignored), and a line of fields after `c`."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdin
        self.tty = self.stream.isatty()

    def key(self) -> str:
        if self.tty:
            return typer.getchar().lower()
        while True:
            char = self.stream.read(1)
            if char == "":
                return "q"  # end of input: stop, keeping what was decided
            if not char.isspace():
                return char.lower()

    def line(self, prompt: str) -> str:
        if self.tty:
            return console.input(prompt)
        console.print(prompt, end="", highlight=False)
        rest = self.stream.readline()
        rest = rest if rest.strip() else self.stream.readline()
        console.print(rest.strip(), highlight=False, markup=False)
        return rest


def walk(store, figures: list[dict[str, Any]], reviewer: str, keys: Keys | None = None) -> Counter[str]:
    """Show each figure and apply the key pressed; returns the count of each outcome."""
    keys = keys or Keys()
    done: Counter[str] = Counter()
    if not figures:
        console.print("nothing to review: every figure here has been reviewed")
        return done
    console.print(f"{len(figures)} figures to review, as [bold]{reviewer}[/bold]", highlight=False)
    for n, fig in enumerate(figures, 1):
        console.print(figure_panel(fig, n, len(figures)))
        outcome = _decide(store, fig, reviewer, keys)
        done[outcome] += 1
        if outcome == "quit":
            break
    console.print(outcome_table(done, len(figures)))
    return done


def _decide(store, fig: dict[str, Any], reviewer: str, keys: Keys) -> str:
    """Ask until a key gives an outcome: a decision made, skip or quit."""
    while True:
        console.print(PROMPT, highlight=False, markup=False)
        action = KEYS.get(keys.key())
        if action is None:
            console.print("[red]unknown key[/red]")
            continue
        if action in ("skip", "quit"):
            return action
        fields, reason = ({}, None)
        if action == "correct":
            fields, reason = _fields(keys)
            if not fields:
                continue
        try:
            reviewing.apply(store, fig["id"], action, reviewer, fields or None, reason, via="cli")
        except reviewing.ReviewError as exc:
            console.print(f"[red]{exc}[/red]", highlight=False)
            continue
        console.print(f"[green]{action}ed[/green]" if action != "recommend" else "[green]recommended[/green]")
        return action


def _fields(keys: Keys) -> tuple[dict[str, str], str | None]:
    console.print(FIELDS_HELP, style="dim", highlight=False)
    try:
        parts = shlex.split(keys.line("fields> "))
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        return {}, None
    pairs = dict(p.split("=", 1) for p in parts if "=" in p)
    if len(pairs) != len(parts):
        console.print("[red]each field as name=value[/red]")
        return {}, None
    return {k: v for k, v in pairs.items() if k != "reason"}, pairs.get("reason")


def figure_panel(fig: dict[str, Any], n: int, total: int) -> Panel:
    """The evidence sentence with the number highlighted, and the figure as read."""
    sentence = Text(fig["evidence"]["text"])
    if fig.get("span"):
        sentence.stylize("bold black on yellow", *fig["span"])
    amount = f"{fig['low']:,}" if fig["low"] == fig["high"] else f"{fig['low']:,}–{fig['high']:,}"
    kind = f"per {fig['rate_per']}" if fig["kind"] == "rate" else fig["kind"]
    read = Text.assemble(
        (f"{fig['origin'] or '?'} → {fig['destination'] or '?'}  ", "bold"), (f"{amount} {fig['unit']} ", "bold"),
        f"{kind} ({fig['qualifier']})  {fig['period_start'] or '…'} – {fig['period_end'] or '…'}  ",
        (f"{fig['attributed_to'] or 'unattributed'} [{fig['source_type']}]", "cyan"))
    where = Text(f"{fig['article_title'] or ''} · {fig['article_site'] or ''} · {fig['article_published'] or ''}",
                 style="dim")
    return Panel(Text("\n").join([sentence, read, where]), title=f"figure {fig['id']} ({n} of {total})",
                 title_align="left")


def outcome_table(done: Counter[str], total: int) -> Table:
    table = Table(title="review", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for action in ("accept", "correct", "reject", "recommend", "skip"):
        table.add_row({"accept": "accepted", "correct": "corrected", "reject": "rejected",
                       "recommend": "recommended", "skip": "skipped"}[action], str(done[action]))
    table.add_row("not reached", str(total - sum(v for k, v in done.items() if k != "quit")))
    return table


def print_history(entries: list[dict[str, Any]], figure_id: int) -> None:
    table = Table(title=f"figure {figure_id}: review history")
    for col in ("at", "reviewer", "action", "changed", "reason", "via"):
        table.add_column(col, overflow="fold")
    for e in entries:
        changed = ", ".join(f"{k}: {e['before'].get(k)!r} → {v!r}" for k, v in e["after"].items()
                            if e["before"].get(k) != v)
        table.add_row(e["at"], e["reviewer"], e["action"] + ("" if e["applied"] else " (superseded)"),
                      changed, e["reason"] or "", e["via"])
    console.print(table if entries else f"figure {figure_id} has not been reviewed")


def _print_import(summary: reviewing.ImportSummary, path: Path) -> None:
    counts = " · ".join(f"{name} {value}" for name, value in summary.to_dict().items())
    console.print(f"imported {path.name}: {counts}", highlight=False)


# -- accounts ---------------------------------------------------------------------------------------


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="The account's name."),
    role: str = typer.Option("reviewer", "--role", help="reviewer (may review) or reader (may only read)."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin's first "
                                        "line instead of asking."),
    db: str = DbOption,
) -> None:
    """Create an account (or change its role and password) for the API and the dashboard."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    with open_store(db) as store:
        new = accounts.add_user(store, name, role, password)
    console.print(f"{'added' if new else 'updated'} {role} {name}", highlight=False)


@users_app.command("list")
def users_list(db: str = DbOption) -> None:
    """Accounts and their roles (never their passwords)."""
    from crossings.cli.common import ListFormat, print_rows

    with open_store(db) as store:
        print_rows(store.users(), ListFormat.table, ("name", "role", "created_at"), title="users")


@users_app.command("remove")
def users_remove(name: str = typer.Argument(..., help="The account's name."), db: str = DbOption) -> None:
    """Delete an account and end its sessions (its decisions stay in the log)."""
    with open_store(db) as store:
        if not store.remove_user(name):
            raise InputError(f"no user {name!r}")
    console.print(f"removed {name}", highlight=False)
