"""Posted documents are coded by one worker thread, off the request and outside the store's write lock.

A POST puts a job in a bounded queue and waits a little (``wait`` seconds) for it: a short document comes back
coded (201) as before; a long one, or one behind others, comes back as ``202 Accepted`` with a status URL
(``/api/jobs/{id}``) to poll, so no request holds a connection for the minute a 100k-character text takes, and
a small document posted after a large one is answered at once. A full queue is ``503`` with ``Retry-After``:
the server never takes more work than it can do. Reads never wait on coding: only the insert, milliseconds, takes
the store's lock, and every finished write empties the read cache (``ReadCache``).
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("dotterel.web")

QUEUE_SIZE = 32  # documents waiting to be coded; more are refused with 503
KEPT_JOBS = 1000  # finished jobs whose status can still be asked for
DEFAULT_WAIT = 10.0  # seconds a POST waits for its document before answering 202
MAX_WAIT = 60.0


class QueueFull(Exception):
    """The write queue holds as many documents as it may."""


@dataclass
class Job:
    id: str
    content_hash: str
    chars: int
    status: str = "queued"  # queued -> coding -> done | error
    key: str | None = None
    record: dict[str, Any] | None = None
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None
    done: threading.Event = field(default_factory=threading.Event)

    def view(self, position: int | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"job": self.id, "status": self.status, "status_url": f"/api/jobs/{self.id}",
                               "chars": self.chars}
        if position is not None and self.status == "queued":
            out["queued_ahead"] = position
        if self.key:
            out["key"] = self.key
            out["document_url"] = f"/api/documents/{self.key}"
        if self.error:
            out["error"] = self.error
        if self.finished is not None:
            out["seconds"] = round(self.finished - self.created, 2)
        return out


class Writer:
    """One worker that codes queued documents in order and stores each with ``store_one``.

    ``code_one(document) -> coded`` runs outside any lock (the pipeline is used by this thread only);
    ``store_one(coded) -> (key, record)`` stores it (this thread is the server's only writer)."""

    def __init__(self, code_one: Callable[[Any], Any], store_one: Callable[[Any], tuple[str, dict]],
                 on_write: Callable[[], None] = lambda: None, size: int = QUEUE_SIZE):
        self.code_one, self.store_one, self.on_write = code_one, store_one, on_write
        self.queue: queue.Queue[tuple[Job, Any]] = queue.Queue(maxsize=size)
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.by_hash: dict[str, Job] = {}  # queued or coding, by content: the same text posted twice is one job
        self.guard = threading.Lock()
        self.ids = itertools.count(1)
        self.worker = threading.Thread(target=self._work, name="dotterel-writer", daemon=True)
        self.worker.start()

    def submit(self, document: Any) -> Job:
        """Queue a document (a ``Document`` with ``content_hash``); the job already queued for the same text if any."""
        with self.guard:
            if (same := self.by_hash.get(document.content_hash)) is not None:
                return same
            job = Job(id=f"{next(self.ids)}-{document.content_hash[:12]}", content_hash=document.content_hash,
                      chars=len(document.text))
            try:
                self.queue.put_nowait((job, document))
            except queue.Full:
                raise QueueFull(f"{self.queue.qsize()} documents are waiting to be coded") from None
            self.by_hash[job.content_hash] = job
            self.jobs[job.id] = job
            while len(self.jobs) > KEPT_JOBS:
                self.jobs.popitem(last=False)
            return job

    def get(self, job_id: str) -> Job | None:
        with self.guard:
            return self.jobs.get(job_id)

    def position(self, job: Job) -> int:
        """How many queued jobs are ahead of this one."""
        with self.guard:
            queued = [j for j in self.jobs.values() if j.status == "queued"]
        return sum(1 for j in queued if j.created < job.created)

    def _work(self) -> None:
        while True:
            job, document = self.queue.get()
            job.status = "coding"
            try:
                coded = self.code_one(document)
                job.key, job.record = self.store_one(coded)
                self.on_write()
                job.status = "done"
            except Exception as err:  # one document's failure is its job's error, never the worker's end
                log.exception("coding job %s failed", job.id)
                job.status, job.error = "error", f"{type(err).__name__}: {err}"[:500]
            finally:
                job.finished = time.time()
                with self.guard:
                    self.by_hash.pop(job.content_hash, None)
                job.done.set()
                self.queue.task_done()


class ReadCache:
    """ASGI middleware: answers repeated GETs of the JSON API from memory until the next write.

    The store changes only through this server's writer (DuckDB lets one process write), so a read's answer holds
    until ``clear()``; an analyst's dashboard asks the same few views again and again. Bounded: ``entries``
    answers of at most ``max_bytes`` each, least recently used dropped first."""

    def __init__(self, app, entries: int = 512, max_bytes: int = 2_000_000, prefix: str = "/api/",
                 skip: tuple[str, ...] = ("/api/jobs",)):
        self.app, self.entries, self.max_bytes, self.prefix, self.skip = app, entries, max_bytes, prefix, skip
        self.answers: OrderedDict[bytes, tuple[int, list, bytes]] = OrderedDict()
        self.generation = 0
        self.guard = threading.Lock()

    def clear(self) -> None:
        with self.guard:
            self.generation += 1
            self.answers.clear()

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") != "GET" or not path.startswith(self.prefix) or \
                path.startswith(self.skip):
            await self.app(scope, receive, send)
            return
        key = path.encode("utf-8", "surrogateescape") + b"?" + scope.get("query_string", b"")
        with self.guard:
            hit = self.answers.get(key)
            if hit is not None:
                self.answers.move_to_end(key)
            generation = self.generation
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: dict[str, Any] = {}
        parts: list[bytes] = []

        async def keep(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        body = b"".join(parts)
        if start.get("status") == 200 and len(body) <= self.max_bytes:
            with self.guard:
                if generation == self.generation:  # no write landed while this was read
                    self.answers[key] = (200, list(start.get("headers", [])), body)
                    while len(self.answers) > self.entries:
                        self.answers.popitem(last=False)
