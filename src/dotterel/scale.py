"""Scale-out with Ray: the same :class:`~dotterel.pipeline.Pipeline` in a pool of Ray actors, output as partitioned Parquet.

The driver streams the documents from the ordinary ingest readers (so dates, errors and folders read as on the
local path) in batches, hands each batch to a free actor (each loads one Pipeline: spaCy and the knowledge once
per actor) and never holds more than a few batches per actor (:class:`~dotterel.scale_stream.OrderedPool`).
Coded batches are written, in input order, to a folder of Parquet files (``part-00000.parquet``, ...,
``rows_per_file`` rows each): a row per document, with its input position ``seq``, the record's lists as JSON
text. DuckDB reads the folder directly (``SELECT * FROM 'out/*.parquet' ORDER BY seq``);
``Store.import_parquet`` stores it. A document that fails keeps its row with ``error`` set and empty lists,
as on the local path; a batch whose actor fails keeps its rows, each with that error.

Ray is an optional extra (``pip install dotterel[ray]``): it is imported only when coding runs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ingest import MAX_CHARS, read_inputs
from .model import CodedDocument, Document
from .scale_stream import OrderedPool

# One Parquet row per document: its input position, the record's scalar fields, the text and its hash (the
# store's key), then the record's lists as JSON text.
SCALAR_COLUMNS = ["doc_id", "content_hash", "publication_date", "title", "url", "error", "text"]
LIST_COLUMNS = ["events", "quotes", "actors", "relations"]
COLUMNS = ["seq", *SCALAR_COLUMNS, *LIST_COLUMNS]
ROWS_PER_FILE = 10_000

if TYPE_CHECKING:
    import pyarrow as pa


def coded_row(coded: CodedDocument) -> dict[str, Any]:
    """The Parquet row of a coded document."""
    rec = coded.to_dict()
    row = {c: rec.get(c) for c in SCALAR_COLUMNS}
    row.update(content_hash=coded.content_hash, text=coded.text)
    row.update({c: json.dumps(rec[c], ensure_ascii=False) for c in LIST_COLUMNS})
    return row


def row_record(row: dict[str, Any]) -> dict[str, Any]:
    """The contract record of a Parquet row (the same dict ``CodedDocument.to_dict`` gives)."""
    lists = {c: json.loads(row[c]) if row[c] else [] for c in LIST_COLUMNS}
    return {"doc_id": row["doc_id"], "publication_date": row["publication_date"], "title": row["title"],
            "url": row["url"], **lists, "error": row["error"]}


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """The contract records of a Parquet folder (or file) written by :func:`code_with_ray`, in input order."""
    return [row_record(row) for row in read_rows(path)]


def parquet_files(path: str | Path) -> str:
    """What DuckDB's ``read_parquet`` reads for an output: the folder's part files, or a single file."""
    path = Path(path)
    return str(path / "*.parquet") if path.is_dir() else str(path)


def read_rows(path: str | Path, con: Any = None) -> Iterator[dict[str, Any]]:
    """The rows of a Parquet output of :func:`code_with_ray`, in input order, read with DuckDB (no pyarrow needed)."""
    import duckdb

    cur = (con or duckdb).execute(f"SELECT {', '.join(COLUMNS)} FROM read_parquet(?) ORDER BY seq", [parquet_files(path)])
    while batch := cur.fetchmany(1000):
        yield from (dict(zip(COLUMNS, values)) for values in batch)


class _Coder:
    """The Ray actor: one Pipeline, a batch of documents per call, the batch's Parquet rows back."""

    def __init__(self, model: str | None = None):
        from .pipeline import Pipeline

        self.pipeline = Pipeline(model)

    def code(self, documents: list[Document]) -> list[dict[str, Any]]:
        return [coded_row(c) for c in self.pipeline.code(documents, batch_size=max(len(documents), 1))]


def failed_rows(documents: list[Document], reason: str) -> list[dict[str, Any]]:
    """The rows of a batch that no actor could code: each document keeps its row, with the reason."""
    return [coded_row(CodedDocument.from_document(d).failed(d.error or reason)) for d in documents]


def parquet_schema() -> pa.Schema:
    """Fixed types (every column but ``seq`` a string), so that every file has the one schema."""
    import pyarrow as pa

    return pa.schema([("seq", pa.int64()), *((c, pa.string()) for c in COLUMNS[1:])])


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


def code_with_ray(inputs: list[str], out_dir: str | Path, num_actors: int = 2, batch_size: int = 32, *,
                  default_date: str | None = None, max_chars: int = MAX_CHARS, model: str | None = None,
                  address: str | None = None, rows_per_file: int = ROWS_PER_FILE) -> int:
    """Code ``inputs`` (articles, corpora, folders) on ``num_actors`` Ray actors into a folder of Parquet files.

    Connects to the Ray cluster at ``address`` (its nodes need dotterel installed), or the one ``ray.init``
    finds: a running local one, or a new one; a cluster already initialised in this process is used as it is.
    Returns the number of documents.
    """
    import ray

    if not ray.is_initialized():
        # local workers see the same code and user knowledge base as this process
        env = {k: os.environ[k] for k in ("DOTTEREL_KB", "PYTHONPATH") if k in os.environ and address is None}
        ray.init(address=address, runtime_env={"env_vars": env} if env else None, include_dashboard=False,
                 log_to_driver=False)
    documents = read_inputs(inputs, default_date=default_date, max_chars=max_chars)
    first = next(documents, None)  # a missing input raises InputError here, before any file is written
    rows = _coded_rows(_chain(first, documents), num_actors, batch_size, model)
    return write_parts(rows, Path(out_dir), rows_per_file)


def _chain(first: Document | None, rest: Iterator[Document]) -> Iterator[Document]:
    if first is not None:
        yield first
        yield from rest


def _coded_rows(documents: Iterable[Document], num_actors: int, batch_size: int,
                model: str | None) -> Iterator[dict[str, Any]]:
    import ray

    actor_class = ray.remote(num_cpus=1)(_Coder)

    def submit(actor, batch: list[Document]):
        return actor.code.remote(batch)

    def wait(handles: list):
        return ray.wait(handles, num_returns=1)[0][0]

    def collect(handle, batch: list[Document], actor):
        try:
            return ray.get(handle), actor
        except ray.exceptions.RayActorError as err:  # the actor died (out of memory, a crash): a new one goes on
            return failed_rows(batch, f"scale: worker died: {type(err).__name__}"), actor_class.remote(model)
        except ray.exceptions.RayError as err:
            return failed_rows(batch, f"scale: batch failed: {type(err).__name__}"), actor

    actors = [actor_class.remote(model) for _ in range(num_actors)]
    for rows in OrderedPool(actors, submit, wait, collect).map(_batches(documents, batch_size)):
        yield from rows


def write_parts(rows: Iterable[dict[str, Any]], out_dir: Path, rows_per_file: int = ROWS_PER_FILE) -> int:
    """Write rows, numbered in order (``seq``), to ``out_dir/part-NNNNN.parquet``; older part files there go first."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("part-*.parquet"):
        old.unlink()
    schema, n, parts, buffer = parquet_schema(), 0, 0, []
    for row in rows:
        buffer.append({**row, "seq": n})
        n += 1
        if len(buffer) == rows_per_file:
            parts = _write_part(buffer, out_dir, parts, schema)
    if buffer or parts == 0:  # an empty input still gives a readable (empty) file
        _write_part(buffer, out_dir, parts, schema)
    return n


def _write_part(rows: list[dict[str, Any]], out_dir: Path, part: int, schema: pa.Schema) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows, schema=schema), out_dir / f"part-{part:05d}.parquet")
    rows.clear()
    return part + 1
