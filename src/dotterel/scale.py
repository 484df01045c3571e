"""Scale-out with Ray Data: the same :class:`~dotterel.pipeline.Pipeline` inside a pool of Ray actors, output as Parquet.

The documents are read on the driver with the ordinary ingest readers, coded in batches by ``num_actors``
actors (each loads one Pipeline: spaCy and the knowledge once per actor, as a worker process does locally) and
written, in input order, to one Parquet file: a row per document, the record's lists as JSON text columns.
DuckDB reads the file directly (``SELECT * FROM 'out.parquet'``); ``Store.import_parquet`` stores it.
A document that fails keeps its row with ``error`` set and empty lists, as on the local path.

Ray is an optional extra (``pip install dotterel[ray]``): it is imported only when coding runs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ingest import MAX_CHARS, read_inputs
from .model import CodedDocument, Document

# One Parquet row per document: the record's scalar fields, the text and its hash (the store's key),
# then the record's lists as JSON text.
SCALAR_COLUMNS = ["doc_id", "content_hash", "publication_date", "title", "url", "error", "text"]
LIST_COLUMNS = ["events", "quotes", "actors", "relations"]
COLUMNS = SCALAR_COLUMNS + LIST_COLUMNS
DOCUMENT_FIELDS = ["doc_id", "text", "publication_date", "title", "url", "source", "error"]

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
    """The contract records of a Parquet file written by :func:`code_with_ray`, in its order."""
    return [row_record(row) for row in read_rows(path)]


def read_rows(path: str | Path, con: Any = None) -> Iterator[dict[str, Any]]:
    """The rows of a Parquet file written by :func:`code_with_ray`, read with DuckDB (no pyarrow needed)."""
    import duckdb

    cur = (con or duckdb).execute(f"SELECT {', '.join(COLUMNS)} FROM read_parquet(?)", [str(path)])
    while batch := cur.fetchmany(1000):
        yield from (dict(zip(COLUMNS, values)) for values in batch)


class _Coder:
    """The callable class of ``map_batches``: one Pipeline per Ray actor, a batch of documents per call."""

    def __init__(self, model: str | None = None):
        from .pipeline import Pipeline

        self.pipeline = Pipeline(model)
        self.schema = parquet_schema()

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        # rows as Python values (a numpy batch would give float NaN for a column that is all None)
        documents = [Document(**{f: row.get(f) for f in DOCUMENT_FIELDS}) for row in batch.to_pylist()]
        coded = self.pipeline.code(documents, batch_size=max(len(documents), 1))
        return pa.Table.from_pylist([coded_row(c) for c in coded], schema=self.schema)


def parquet_schema() -> pa.Schema:
    """Every column a string, so that every batch (and every file) has the one schema."""
    import pyarrow as pa

    return pa.schema([(c, pa.string()) for c in COLUMNS])


def _document_items(documents: Iterable[Document]) -> list[dict[str, Any]]:
    return [{f: getattr(d, f) for f in DOCUMENT_FIELDS} for d in documents]


def code_with_ray(inputs: list[str], out_parquet: str | Path, num_actors: int = 2, batch_size: int = 32, *,
                  default_date: str | None = None, max_chars: int = MAX_CHARS, model: str | None = None,
                  address: str | None = None) -> int:
    """Code ``inputs`` (articles, corpora, folders) on ``num_actors`` Ray actors into one Parquet file.

    Connects to the Ray cluster at ``address`` (its nodes need dotterel installed), or the one ``ray.init``
    finds: a running local one, or a new one; a cluster already initialised in this process is used as it is.
    Returns the number of documents.
    """
    import ray
    import ray.data

    if not ray.is_initialized():
        # local workers see the same code and user knowledge base as this process
        env = {k: os.environ[k] for k in ("DOTTEREL_KB", "PYTHONPATH") if k in os.environ and address is None}
        ray.init(address=address, runtime_env={"env_vars": env} if env else None, include_dashboard=False,
                 log_to_driver=False)
    options = ray.data.DataContext.get_current().execution_options
    kept_order, options.preserve_order = options.preserve_order, True  # rows in input order, as on the local path
    try:
        return _write(inputs, Path(out_parquet), num_actors, batch_size, default_date, max_chars, model)
    finally:
        options.preserve_order = kept_order


def _write(inputs: list[str], out: Path, num_actors: int, batch_size: int, default_date: str | None, max_chars: int,
           model: str | None) -> int:
    import pyarrow.parquet as pq
    import ray.data

    items = _document_items(read_inputs(inputs, default_date=default_date, max_chars=max_chars))
    out.parent.mkdir(parents=True, exist_ok=True)
    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        if items:
            ds = ray.data.from_items(items).map_batches(
                _Coder, fn_constructor_kwargs={"model": model}, batch_size=batch_size, batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=num_actors), num_cpus=1)
            for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
                writer.write_table(batch.select(COLUMNS).cast(schema))
                n += batch.num_rows
    return n
