"""dotterel: news text in, PLOVER/ACLED event data out, every field traceable to its sentence."""

from __future__ import annotations

from .model import CodedDocument

__version__ = "0.1.0"
_pipeline = None


def code(text: str, date: str | None = None, title: str | None = None, url: str | None = None,
         doc_id: str = "text") -> CodedDocument:
    """Code one article; the pipeline is loaded on first use and kept."""
    global _pipeline
    from .ingest import document_from_text
    from .pipeline import Pipeline

    if _pipeline is None:
        _pipeline = Pipeline()
    return _pipeline.code_one(document_from_text(text, doc_id=doc_id, date=date, title=title, url=url))


def __getattr__(name: str):  # keep `import dotterel` light: spaCy and DuckDB load when used
    if name == "Pipeline":
        from .pipeline import Pipeline
        return Pipeline
    if name == "Store":
        from .store import Store
        return Store
    raise AttributeError(name)


__all__ = ["CodedDocument", "Pipeline", "Store", "code"]
