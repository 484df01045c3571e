"""Exit statuses of the command line, kept apart from the commands: a problem of one document is that
document's error (status 1), a wrong argument or an unusable store is one line (status 2), and a failure of
the program itself is one line and status 3, after what was coded is written or stored. Never a traceback,
unless DOTTEREL_DEBUG is set.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

DOCUMENT_ERRORS, USAGE, INTERNAL = 1, 2, 3


def fail(message: str, status: int = USAGE) -> None:
    typer.echo(f"dotterel: {message}", err=True)
    raise typer.Exit(status)


@contextmanager
def internal_errors(salvage: Callable[[], object] | None = None) -> Iterator[None]:
    """Turn an unexpected exception into one message and exit status 3; ``salvage`` first keeps what was done
    (stores the documents already coded). Exits and usage errors pass through."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except Exception as err:
        if salvage is not None:
            try:
                salvage()
            except Exception as again:  # the store itself may be what failed
                typer.echo(f"dotterel: could not keep the documents coded so far: {type(again).__name__}: {again}",
                           err=True)
        if os.environ.get("DOTTEREL_DEBUG"):
            traceback.print_exc()
        if isinstance(err, OSError):  # a full disk, a closed pipe: the system's failure, not a bug
            fail(f"the run stopped: {err}; what was coded before it is kept", INTERNAL)
        fail(f"internal error, the run stopped: {type(err).__name__}: {err} (a bug, not a problem of your input; what "
             f"was coded before it is kept; set DOTTEREL_DEBUG=1 for the traceback)", INTERNAL)


READ_WAIT_S = 10.0  # how long a read waits for a writer to let go of the store (DOTTEREL_READ_WAIT overrides)


def open_store_or_fail(db: Path, read_only: bool = False):
    """The store at ``db``, or one line and exit status 2 when it cannot be opened (another process holds it)."""
    from .store import Store, StoreError

    if read_only and not db.exists():
        fail(f"{db}: no such store; run `dotterel ingest` first")
    # a running server writes for a moment at a time: a reader waits that moment out (an ingest holds on for long)
    wait = float(os.environ.get("DOTTEREL_READ_WAIT", READ_WAIT_S)) if read_only else 0.0
    deadline = time.monotonic() + wait
    while True:
        try:
            return Store(db, read_only=read_only)
        except StoreError as err:
            if time.monotonic() >= deadline:
                fail(str(err))
            time.sleep(0.2)


def date_filter(value: str | None, option: str) -> str | None:
    """A --since/--until value, checked: a real YYYY, YYYY-MM or YYYY-MM-DD, else exit status 2."""
    from .ingest.dateline import is_date_prefix

    if value and not is_date_prefix(value):
        fail(f"{option} must be a real date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value or None


def start_server(db: Path, host: str, port: int, read_only: bool, token: str | None, allow_host: list[str]) -> None:
    """`dotterel serve`: refuse an unsafe bind, warn about a wide one, and report a busy store in one line."""
    from .store import StoreError
    from .web import serve
    from .web.guard import bind_policy

    if read_only and not db.exists():
        fail(f"{db}: no such store; run `dotterel ingest` first")
    try:
        hosts, warnings = bind_policy(host, token, allow_host)
    except ValueError as err:
        fail(str(err))
    for warning in warnings:
        typer.echo(f"dotterel: warning: {warning}", err=True)
    try:
        serve(db, host=host, port=port, read_only=read_only, token=token, allowed_hosts=hosts)
    except StoreError as err:
        fail(str(err))
