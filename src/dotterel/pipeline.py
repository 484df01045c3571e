"""The pipeline: the only place that knows the order of the stages.

It loads the spaCy model, the knowledge and the coding profile (``news`` unless told: see ``profile``) once,
hands the profile to the stages that read source conventions, runs the stages over batches (``nlp.pipe``) and,
with ``workers > 1``, over processes. A stage that fails on one document marks that document's record with
the error; the others go on.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Protocol

from spacy.tokens import Doc

from .model import CodedDocument, Document
from .nlp import load_nlp
from .profile import Profile, load_profile


class Stage(Protocol):
    name: str

    def __call__(self, doc: Doc, coded: CodedDocument) -> None: ...


class Pipeline:
    def __init__(self, model: str | None = None, profile: str | Profile | None = None):
        from .actors import ActorResolver
        from .article import ArticlePass
        from .article.speech import SpokenCriticism
        from .events import EventCoder
        from .events.unnamed import UnnamedDoers
        from .network import RelationExtractor
        from .quotes import QuoteExtractor
        from .when import TemporalResolver
        from .where import PlaceResolver

        self.nlp = load_nlp(model)
        self.profile = load_profile(profile)
        actors = ActorResolver(self.nlp)
        # quotes before the article pass: "we" and "I" inside a quote are its speaker's
        self.stages: list[Stage] = [actors, EventCoder(profile=self.profile), TemporalResolver(),
                                    PlaceResolver(profile=self.profile), QuoteExtractor(), ArticlePass(),
                                    UnnamedDoers(actors.base), SpokenCriticism(), RelationExtractor()]

    def code_one(self, document: Document) -> CodedDocument:
        return next(self.code(iter([document])))

    def code(self, documents: Iterable[Document], batch_size: int = 32) -> Iterator[CodedDocument]:
        """Code documents in input order; error documents pass through with their error."""
        it = iter(documents)
        while batch := list(islice(it, batch_size)):
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Document]) -> list[CodedDocument]:
        coded = [CodedDocument.from_document(d) for d in batch]
        todo = [i for i, c in enumerate(coded) if c.error is None]
        try:
            docs = list(self.nlp.pipe([coded[i].text for i in todo]))
        except Exception:  # one text that breaks spaCy must not take the batch down: go one by one
            docs = [self._parse_one(coded[i]) for i in todo]
        for i, doc in zip(todo, docs):
            if doc is not None:
                self.run_stages(doc, coded[i])
        return coded

    def _parse_one(self, coded: CodedDocument) -> Doc | None:
        try:
            return self.nlp(coded.text)
        except Exception as err:
            coded.failed(f"NLP failed: {type(err).__name__}: {err}")
            return None

    def run_stages(self, doc: Doc, coded: CodedDocument) -> None:
        for stage in self.stages:
            try:
                stage(doc, coded)
            except Exception as err:  # a bug on one document is reported on that document only
                coded.failed(f"{stage.name} stage failed: {type(err).__name__}: {err}")
                return


# ------------------------------------------------------------------ worker processes
_worker: Pipeline | None = None


def _init_worker(model: str | None, profile: str | Profile | None) -> None:
    global _worker
    if _worker is None:  # forked workers inherit the parent's pipeline (copy-on-write): no second load
        _worker = Pipeline(model, profile)


def _work(batch: list[Document]) -> list[CodedDocument]:
    assert _worker is not None
    return _worker._code_batch(batch)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


def code_documents(documents: Iterable[Document], workers: int = 1, batch_size: int = 32,
                   model: str | None = None, pipeline: Pipeline | None = None,
                   profile: str | Profile | None = None) -> Iterator[CodedDocument]:
    """Code a stream of documents, in input order, on one process or ``workers`` processes, under ``profile``
    (a name or a Profile; None: news). A ``pipeline`` given brings its own profile."""
    if workers <= 1:
        yield from (pipeline or Pipeline(model, profile)).code(documents, batch_size)
        return
    global _worker
    fork = sys.platform.startswith("linux")
    ctx = mp.get_context("fork" if fork else "spawn")
    if fork:  # load the model and the knowledge once, before forking, so that workers share the pages
        _worker = pipeline or Pipeline(model, profile)
    try:
        with ctx.Pool(workers, initializer=_init_worker, initargs=(model, profile)) as pool:
            for batch in pool.imap(_work, _batches(documents, batch_size)):
                yield from batch
    finally:
        _worker = None


