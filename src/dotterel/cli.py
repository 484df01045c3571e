"""The command line: every command a thin wrapper over the Python API."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import typer

from . import export
from .cli_analysis import register as register_analysis
from .cli_corrections import register as register_corrections
from .cli_filters import ActorOpt, CountryOpt, DbOpt, PrecisionOpt, SinceOpt, TypeOpt, UntilOpt, check_precision, checked
from .cli_guard import date_filter, internal_errors, open_store_or_fail
from .cli_scale import scale_app
from .ingest import MAX_CHARS, InputError, read_inputs
from .model import CodedDocument

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="dotterel: news text in, PLOVER/ACLED event data out, every field traced to its sentence.")
kb_app = typer.Typer(no_args_is_help=True, help="The actor knowledge base: list, show, add your own actors.")
app.add_typer(kb_app, name="kb")
app.add_typer(scale_app, name="scale")  # Ray scale-out: `dotterel scale code|import` (the optional ray extra)

DateOpt = typer.Option(None, "--date", help="Publication date YYYY-MM-DD for inputs that lack one (a plain-text "
                                             "article's dateline gives way to it).")
WorkersOpt = typer.Option(1, "--workers", "-w", min=1, help="Processes to code with.")
ModelOpt = typer.Option(None, "--event-model", help="Event model from `dotterel train` (\"none\": the lexicon alone).")
ProfileOpt = typer.Option("news", "--profile", help="Coding profile: news (default) or acled-notes (ACLED's note conventions).")


def fail(message: str) -> None:
    typer.echo(f"dotterel: {message}", err=True)
    raise typer.Exit(2)


class Progress:
    """Documents/s and errors so far on stderr, redrawn in place; silent when not on a terminal."""

    def __init__(self, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.start, self.n, self.errors, self.last = time.monotonic(), 0, 0, 0.0

    def update(self, coded: CodedDocument) -> None:
        self.n += 1
        self.errors += coded.error is not None
        now = time.monotonic()
        if self.enabled and now - self.last > 0.2:
            self.last = now
            rate = self.n / max(now - self.start, 1e-9)
            sys.stderr.write(f"\rcoded {self.n} documents  {rate:.1f} docs/s  errors {self.errors}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.n:
            sys.stderr.write("\n")


def use_event_model(path: str | None) -> None:
    """Worker processes read the model choice from the environment, so set it there."""
    import os

    from .events.classifier import MODEL_ENV

    if path and path.lower() != "none" and not Path(path).is_file():
        fail(f"--event-model {path}: no such file")
    if path:
        os.environ[MODEL_ENV] = path


def coded_stream(inputs: list[str], date: str | None, workers: int, max_chars: int,
                 progress: Progress, profile: str = "news") -> Iterator[CodedDocument]:
    from .pipeline import code_documents
    from .profile import profile_names

    if profile not in profile_names():
        fail(f"--profile must be one of {', '.join(profile_names())}, got {profile!r}")

    if date:
        from .ingest import parse_date_string
        if parse_date_string(date) != date:
            fail(f"--date must be YYYY-MM-DD, got {date!r}")
    documents = read_inputs(inputs, default_date=date, max_chars=max_chars)
    try:
        first = next(documents)
    except InputError as err:
        fail(str(err))
    except StopIteration:
        fail("no documents in the input")

    def all_documents():
        yield first
        yield from documents

    try:
        for coded in code_documents(all_documents(), workers=workers, profile=profile):
            progress.update(coded)
            if coded.error:
                typer.echo(f"dotterel: {coded.doc_id}: {coded.error}", err=True)
            yield coded
    except InputError as err:  # a later input path is missing: what was coded is kept
        typer.echo(f"dotterel: {err}", err=True)
        progress.errors += 1
    finally:
        progress.close()


@contextmanager
def output(path: Path | None) -> Iterator[IO[str]]:
    if path is None or str(path) == "-":
        yield sys.stdout
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            f = path.open("w", encoding="utf-8", newline="")
        except OSError as err:  # a wrong -o is a wrong argument: exit 2 before any coding
            fail(f"{path}: cannot write there ({err.strerror or err})")
        with f:
            yield f


MinConfidenceOpt = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                help="Leave out events the coder is less sure of (0-1; see README, 'Confidence').")


def sure_enough(coded: CodedDocument, min_confidence: float) -> CodedDocument:
    if min_confidence > 0:
        coded.events = [e for e in coded.events if e.confidence >= min_confidence]
    return coded


@app.command()
def code(
    inputs: list[str] = typer.Argument(..., help="Articles (.txt, .html), corpora (.jsonl, .csv) or folders."),
    fmt: str = typer.Option("json", "--format", "-f", help="json (contract records) | plover | acled"),
    out: Path | None = typer.Option(None, "--output", "-o", help="Output file (default: stdout)."),
    date: str | None = DateOpt,
    workers: int = WorkersOpt,
    max_chars: int = typer.Option(MAX_CHARS, "--max-chars", help="Longest document coded, in characters."),
    event_model: str | None = ModelOpt,
    min_confidence: float = MinConfidenceOpt,
    profile: str = ProfileOpt,
) -> None:
    """Code documents into events, actors, quotes and relations (one JSON record per document)."""
    if fmt not in ("json", "plover", "acled"):
        fail(f"--format must be json, plover or acled, got {fmt!r}")
    use_event_model(event_model)
    progress = Progress()
    with output(out) as stream, internal_errors():  # on a crash the file is closed with every line coded so far
        records = (sure_enough(c, min_confidence).to_dict()
                   for c in coded_stream(inputs, date, workers, max_chars, progress, profile))
        export.write(records, fmt, stream)
    raise typer.Exit(1 if progress.errors else 0)


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., help="Articles, corpora or folders."),
    db: Path = DbOpt,
    date: str | None = DateOpt,
    workers: int = WorkersOpt,
    max_chars: int = typer.Option(MAX_CHARS, "--max-chars"),
    batch: int = typer.Option(64, "--batch", help="Documents per store transaction."),
    event_model: str | None = ModelOpt,
    profile: str = ProfileOpt,
) -> None:
    """Code documents and store them; documents already stored (same content) are skipped."""
    use_event_model(event_model)

    progress = Progress()
    added = 0
    pending: list[CodedDocument] = []

    def store_pending() -> None:
        nonlocal added, pending
        added += store.add(pending)
        pending = []

    with open_store_or_fail(db) as store:
        with internal_errors(salvage=store_pending):  # on a crash the documents coded so far are stored
            for coded in coded_stream(inputs, date, workers, max_chars, progress, profile):
                pending.append(coded)
                if len(pending) >= batch:
                    store_pending()
            store_pending()
        typer.echo(f"stored {added} new documents ({progress.n - added} already there) in {db}", err=True)
    raise typer.Exit(1 if progress.errors else 0)


def print_rows(rows: list[dict], columns: list[str], as_json: bool) -> None:
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    if not rows:
        typer.echo("(none)")
        return
    widths = {c: min(40, max(len(c), *(len(str(r.get(c) if r.get(c) is not None else "")) for r in rows)))
              for c in columns}
    typer.echo("  ".join(c.ljust(widths[c]) for c in columns))
    for r in rows:
        cells = [str(r.get(c) if r.get(c) is not None else "")[:40].replace("\n", " ") for c in columns]
        typer.echo("  ".join(v.ljust(widths[c]) for v, c in zip(cells, columns)))


def open_store(db: Path):
    return open_store_or_fail(db, read_only=True)


@app.command()
def events(
    db: Path = DbOpt,
    actor: str | None = ActorOpt,
    event_type: str | None = typer.Option(None, "--type", help="PLOVER event type."),
    since: str | None = SinceOpt,
    until: str | None = UntilOpt,
    country: str | None = CountryOpt,
    min_confidence: float | None = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                                                help="Only events the coder is at least this sure of (0-1)."),
    salience: str | None = typer.Option(None, "--salience", help="main (the article's news) or background."),
    precision: str | None = PrecisionOpt,
    limit: int = typer.Option(50, "--limit"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Events from the store (with analysts' corrections)."""
    if salience not in (None, "main", "background"):
        fail(f"--salience must be main or background, got {salience!r}")
    precisions = check_precision(precision)
    with open_store(db) as store:
        f = checked(since, until, event_type, country, actor, store)  # "last week", Iraq, a known type, actor matches
        if f.types and len(f.types) > 1:
            fail("events takes one --type (export, incidents and trends take a comma-separated list)")
        rows = store.events(actor=f.actor, event_type=event_type and f.types[0], since=f.since, until=f.until,
                            country=f.country, limit=limit, min_confidence=min_confidence, salience=salience,
                            precision=precisions)
    print_rows(rows, ["date", "event_type", "mode", "actor_name", "recipient_name", "location_name", "fatalities",
                      "confidence", "doc_id"], as_json)


@app.command()
def actors(
    db: Path = DbOpt,
    actor: str | None = typer.Option(None, "--actor"),
    country: str | None = typer.Option(None, "--country"),
    limit: int = typer.Option(50, "--limit"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Actors from the store, most documents first."""
    with open_store(db) as store:
        rows = store.actors(actor=actor, country=country, limit=limit)
    print_rows(rows, ["id", "name", "kind", "country", "sector", "documents"], as_json)


@app.command()
def quotes(
    db: Path = DbOpt,
    speaker: str | None = typer.Option(None, "--speaker"),
    org: str | None = typer.Option(None, "--org"),
    contains: str | None = typer.Option(None, "--contains"),
    limit: int = typer.Option(50, "--limit"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Quotes from the store."""
    with open_store(db) as store:
        rows = store.quotes(speaker=speaker, org=org, contains=contains, limit=limit)
    print_rows(rows, ["speaker_name", "kind", "cue", "text", "doc_id"], as_json)


@app.command("export")
def export_cmd(
    fmt: str = typer.Option(..., "--format", "-f", help="json | plover | acled | csv | geojson | graphml"),
    db: Path = DbOpt,
    out: Path | None = typer.Option(None, "--output", "-o"),
    actor: str | None = ActorOpt, event_type: str | None = TypeOpt, since: str | None = SinceOpt,
    until: str | None = UntilOpt, country: str | None = CountryOpt, precision: str | None = PrecisionOpt,
    include_flagged: bool = typer.Option(False, "--include-flagged",
                                         help="Keep the events an analyst flagged wrong or duplicate (left out by default)."),
) -> None:
    """Write the store's contents in an export format; the filters of `events` keep only the events they match.
    Analysts' corrections are applied; events flagged wrong or duplicate are left out (see --include-flagged)."""
    from .selection import event_where, selected_records

    if fmt not in export.FORMATS:
        fail(f"--format must be one of {', '.join(export.FORMATS)}")
    with open_store(db) as store:
        f = checked(since, until, event_type, country, actor, store)
        precisions = check_precision(precision)
        w = event_where(f.since, f.until, f.types, f.actor, f.country, precisions)
        records = selected_records(store.con, (w.sql, w.params), any([since, until, event_type, country, actor, precision]),
                                   include_flagged)
    with output(out) as stream:
        n = export.write(records, fmt, stream)
    typer.echo(f"wrote {n} items ({fmt})", err=True)


@app.command()
def summary(db: Path = DbOpt) -> None:
    """A readable summary of the store: documents, events by type, top actors and dyads, errors."""
    with open_store(db) as store:
        s = store.summary()
    typer.echo(render_summary(s))


def render_summary(s: dict) -> str:
    lines = [f"documents: {s['documents']}   events: {s['events']}   quotes: {s['quotes']}   errors: {s['errors']}",
             "", "events by type:"]
    lines += [f"  {t:<10} {n:>5}" for t, n in s["events_by_type"]]
    lines += ["", "top actors:"] + [f"  {n:>5}  {a}" for a, n in s["top_actors"]]
    lines += ["", "top dyads:"] + [f"  {n:>5}  {a} -> {b}" for a, b, n in s["top_dyads"]]
    if s["error_documents"]:
        lines += ["", "documents not coded:"] + [f"  {d}: {e}" for d, e in s["error_documents"]]
    return "\n".join(lines)


def _graph_from_store(db: Path, since, until, actor, min_weight):
    from .network import build_graph

    with open_store(db) as store:
        rows = store.events(actor=actor, since=since, until=until)
        relations = store.relations()
    graph = build_graph(rows, relations)
    graph.remove_edges_from([(a, b) for a, b, d in graph.edges(data=True) if d["weight"] < min_weight])
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    return graph


@app.command()
def network(
    db: Path = DbOpt,
    since: str | None = typer.Option(None, "--since"),
    until: str | None = typer.Option(None, "--until"),
    actor: str | None = typer.Option(None, "--actor"),
    min_weight: int = typer.Option(1, "--min-weight"),
    fmt: str = typer.Option("json", "--format", "-f", help="json | graphml | gexf"),
    out: Path | None = typer.Option(None, "--output", "-o"),
) -> None:
    """The actor network (dyads weighted by events) with centrality and communities."""
    import networkx as nx

    since, until = date_filter(since, "--since"), date_filter(until, "--until")
    graph = _graph_from_store(db, since, until, actor, min_weight)
    with output(out) as stream:
        if fmt == "json":
            from networkx.algorithms import community

            comms = community.greedy_modularity_communities(graph, weight="weight") if graph.number_of_edges() else []
            data = nx.node_link_data(graph, edges="links")
            data["centrality"] = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else {}
            data["communities"] = [sorted(c) for c in comms]
            stream.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
        elif fmt in ("graphml", "gexf"):
            import io

            buf = io.BytesIO()
            (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, buf)
            stream.write(buf.getvalue().decode("utf-8"))
        else:
            fail("--format must be json, graphml or gexf")


@kb_app.command("list")
def kb_list(query: str | None = typer.Argument(None), limit: int = typer.Option(50, "--limit")) -> None:
    """Actors in the knowledge base (package data plus your own), optionally matching a name."""
    from .actors import ActorBase

    base = ActorBase.load()
    q = (query or "").lower()
    shown = [a for a in base.actors.values() if not q or q in a.name.lower() or any(q in x.lower() for x in a.aliases)]
    for a in shown[:limit]:
        typer.echo(f"{a.id:<24} {a.name:<40} {a.kind:<12} {a.country or '':<4} {a.sector or ''}")
    typer.echo(f"({len(shown)} actors)", err=True)


@kb_app.command("show")
def kb_show(actor_id: str) -> None:
    """One actor's record."""
    from .actors import ActorBase

    actor = ActorBase.load().get(actor_id)
    if actor is None:
        fail(f"no actor {actor_id!r} in the knowledge base")
    typer.echo(json.dumps(actor.to_dict(), ensure_ascii=False, indent=1))


@kb_app.command("add")
def kb_add(
    actor_id: str = typer.Argument(..., help="A new id, or an existing one to override."),
    name: str = typer.Option(..., "--name"),
    alias: list[str] = typer.Option([], "--alias", help="Another name; repeat for more."),
    kind: str = typer.Option("armed_group", "--kind"),
    country: str | None = typer.Option(None, "--country", help="ISO 3166-1 alpha-3"),
    sector: str | None = typer.Option(None, "--sector", help="PLOVER sector code"),
    member_of: list[str] = typer.Option([], "--member-of"),
) -> None:
    """Add an actor to your own knowledge-base file (the package data is never edited)."""
    from .actors import KBActor, add_user_actor

    path = add_user_actor(KBActor(id=actor_id, name=name, kind=kind, country=country, sector=sector,
                                  aliases=list(alias), member_of=list(member_of)))
    typer.echo(f"added {actor_id} to {path}")


@app.command()
def train(
    labelled: list[Path] = typer.Argument(..., help="JSONL lines: text, event_type, mode, acled_sub_event_type, trigger."),
    out: Path = typer.Option(..., "--output", "-o", help="Model file to write (.npz); use it with --event-model."),
    shipped: bool = typer.Option(True, "--shipped/--no-shipped", help="Also learn from the examples shipped with dotterel."),
    override: float = typer.Option(0.75, "--override", min=0.0, max=1.0,
                                   help="Probability above which the model retypes a lexicon trigger."),
    propose: float = typer.Option(0.6, "--propose", min=0.0, max=1.0,
                                  help="Probability above which the model codes a verb the lexicon does not know."),
    acled_override: float = typer.Option(2.0, "--acled-override", min=0.0,
                                         help="Probability above which the model's ACLED sub-event type replaces the "
                                              "rules' (train on your own ACLED notes; above 1: never)."),
    epochs: int = typer.Option(300, "--epochs", min=1),
) -> None:
    """Train the event model (type, mode, ACLED sub-event type) on your own labelled sentences."""
    from .events.training import BadExample, read_examples, shipped_examples
    from .events.training import train as train_model
    from .nlp import load_nlp

    examples = shipped_examples() if shipped else []
    try:
        for path in labelled:
            if not path.is_file():
                fail(f"{path}: no such file")
            examples += list(read_examples(path))
        model = train_model(load_nlp(), examples, {"override": override, "propose": propose, "acled_override": acled_override},
                            epochs=epochs)
    except BadExample as err:
        fail(str(err))
    model.meta["trained_on"] = ", ".join(str(p) for p in labelled) + (" + shipped examples" if shipped else "")
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    heads = ", ".join(f"{name} ({len(h.labels)} labels)" for name, h in model.heads.items())
    typer.echo(f"trained on {len(examples)} examples, {len(model.vocab)} features: {heads} -> {out}", err=True)


@app.command()
def serve(
    db: Path = DbOpt,
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse new documents; open the store read-only."),
    token: str | None = typer.Option(None, "--token", envvar="DOTTEREL_TOKEN", show_default=False,
                                     help="Secret that writes (POST) must send as 'Authorization: Bearer TOKEN'; "
                                          "without it writes are refused. Needed to bind beyond loopback."),
    allow_host: list[str] = typer.Option([], "--allow-host", help="Another Host name to answer to (default: "
                                                                   "loopback names only); repeat for more."),
) -> None:
    """The REST API (docs at /docs) and the web dashboard over a store."""
    from .cli_guard import start_server

    start_server(db, host, port, read_only, token, allow_host)


register_analysis(app)  # fuse, incidents, trends, alerts (cli_analysis.py)
register_corrections(app)  # correct, flag, corrections (cli_corrections.py)

if __name__ == "__main__":
    app()
