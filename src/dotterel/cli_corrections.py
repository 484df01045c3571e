"""An analyst's corrections on the command line: `correct`, `flag` and `corrections` (list, or undo one).

Registered on the main app by ``register(app)`` in cli.py; each command is a thin wrapper over corrections.py.
A correction opens the store for writing: stop a running `dotterel serve` on it first, or use its REST API.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .cli_filters import DbOpt

IncidentOpt = typer.Option(False, "--incident", help="The id is an incident's (default: an event's).")
WhoOpt = typer.Option(None, "--who", help="Who makes it (kept with it).")
NoteOpt = typer.Option(None, "--note", help="Why (kept with it).")
COLUMNS = ["id", "made_at", "who", "target", "target_id", "field", "old_value", "new_value", "note", "undone_at"]


def _write(db: Path, run) -> dict:
    from .cli_guard import fail, open_store_or_fail
    from .corrections import CorrectionError

    if not db.exists():
        fail(f"{db}: no such store; run `dotterel ingest` first")
    with open_store_or_fail(db) as store:
        try:
            return run(store.con)
        except CorrectionError as err:
            fail(str(err))
    raise AssertionError("unreachable")  # fail() exits


def _show(item: dict) -> None:
    typer.echo(json.dumps(item, ensure_ascii=False, default=str))


def correct(
    target_id: str = typer.Argument(..., help="The event's id (or, with --incident, the incident's)."),
    field: str = typer.Option(..., "--field", help="event_type, actor, recipient, fatalities, date or location."),
    value: str = typer.Option(..., "--value", help="The right value (empty recipient or fatalities: none)."),
    who: str | None = WhoOpt, note: str | None = NoteOpt, incident: bool = IncidentOpt, db: Path = DbOpt,
) -> None:
    """Correct a field of an event or incident; reads and exports use the corrected value (undo: `corrections --undo`)."""
    from .corrections import correct as make

    _show(_write(db, lambda con: make(con, "incident" if incident else "event", target_id, field, value, who, note)))


def flag(
    target_id: str = typer.Argument(..., help="The event's id (or, with --incident, the incident's)."),
    reason: str = typer.Option(..., "--reason", help="wrong | duplicate | unsure (wrong and duplicate events are left "
                                                     "out of exports)."),
    who: str | None = WhoOpt, note: str | None = NoteOpt, incident: bool = IncidentOpt, db: Path = DbOpt,
) -> None:
    """Flag an event or incident as wrong, a duplicate, or unsure."""
    from .corrections import flag as make

    _show(_write(db, lambda con: make(con, "incident" if incident else "event", target_id, reason, who, note)))


def corrections(
    undo: int | None = typer.Option(None, "--undo", help="Undo this correction (it stays in the history)."),
    active: bool = typer.Option(False, "--active", help="Only corrections not undone."),
    db: Path = DbOpt, as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The corrections and flags made so far, oldest first; --undo ID undoes one."""
    from .cli import print_rows
    from .cli_guard import open_store_or_fail
    from .corrections import listing
    from .corrections import undo as take_back

    if undo is not None:
        _show(_write(db, lambda con: take_back(con, undo)))
        return
    with open_store_or_fail(db, read_only=True) as store:
        items = listing(store.con, include_undone=not active)
    print_rows(items, COLUMNS, as_json)


def register(app: typer.Typer) -> None:
    for command in (correct, flag, corrections):
        app.command()(command)
