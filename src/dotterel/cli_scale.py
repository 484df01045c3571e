"""``dotterel scale``: code on a Ray cluster into Parquet, and store such a file (the optional ``ray`` extra).

A Typer sub-app of its own, registered in cli.py with ``app.add_typer(scale_app, name="scale")``; Ray is imported
only when a command runs, so the rest of the CLI starts as fast without it.
"""

from __future__ import annotations

from pathlib import Path

import typer

from .ingest import MAX_CHARS, InputError

scale_app = typer.Typer(no_args_is_help=True,
                        help="Scale-out with Ray: code on a cluster into Parquet, then store or query the file.")


def _fail(message: str) -> None:
    typer.echo(f"dotterel: {message}", err=True)
    raise typer.Exit(2)


@scale_app.command("code")
def code(
    inputs: list[str] = typer.Argument(..., help="Articles (.txt, .html), corpora (.jsonl, .csv) or folders."),
    out: Path = typer.Option(..., "--output", "-o", help="The folder of Parquet files to write (one row per document)."),
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet (the only format of the Ray path)"),
    address: str | None = typer.Option(None, "--ray-address",
                                       help="Ray cluster (ray://host:10001 or auto); default: a local one."),
    actors: int = typer.Option(2, "--actors", min=1, help="Ray actors, each with its own pipeline."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per actor call."),
    date: str | None = typer.Option(None, "--date", help="Publication date YYYY-MM-DD for inputs that lack one."),
    max_chars: int = typer.Option(MAX_CHARS, "--max-chars", help="Longest document coded, in characters."),
) -> None:
    """Code documents on Ray actors, streamed, into a folder of Parquet files that DuckDB reads directly."""
    if fmt != "parquet":
        _fail(f"--format must be parquet on the Ray path, got {fmt!r}")
    if date:
        from .ingest import parse_date_string

        if parse_date_string(date) != date:
            _fail(f"--date must be YYYY-MM-DD, got {date!r}")
    try:
        import ray  # noqa: F401
    except ImportError:
        _fail("Ray is not installed: pip install 'dotterel[ray]'")
    from .scale import code_with_ray, read_rows

    try:
        n = code_with_ray(inputs, out, num_actors=actors, batch_size=batch_size, default_date=date,
                          max_chars=max_chars, address=address)
    except InputError as err:
        _fail(str(err))
    errors = [(r["doc_id"], r["error"]) for r in read_rows(out) if r["error"] is not None]
    for doc_id, error in errors:
        typer.echo(f"dotterel: {doc_id}: {error}", err=True)
    typer.echo(f"wrote {n} documents ({len(errors)} not coded) to {out}", err=True)
    raise typer.Exit(1 if errors else 0)


@scale_app.command("import")
def import_parquet(
    path: Path = typer.Argument(..., help="A Parquet folder (or file) written by `dotterel scale code`."),
    db: Path = typer.Option("dotterel.duckdb", "--db", help="DuckDB store file."),
) -> None:
    """Store the documents of a Parquet output; documents already stored (same content) are skipped."""
    from .store import Store

    if not path.exists():
        _fail(f"{path}: no such file")
    with Store(db) as store:
        added = store.import_parquet(path)
    typer.echo(f"stored {added} new documents from {path} in {db}", err=True)
