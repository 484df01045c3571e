"""A served store that other processes can read too.

DuckDB lets one process write a database file, or several read it, never both. A server that kept the file open
for writing would lock out every `dotterel events` or `export` run beside it. So the server holds the store
read-only, like any other reader, and opens it for writing only for the moment a coded document is inserted:
it waits for its own reads in progress, closes, writes, and opens read-only again. While another process holds the
file (a reader, or an `ingest`), the write waits and retries: the document stays queued (``202``), never lost.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from ..store import Store, StoreError

T = TypeVar("T")
RETRY_S = 0.25


class StoreBusy(Exception):
    """Another process holds the store for writing: a read cannot open it now."""


class SharedLock:
    """Many readers or one writer; a waiting writer lets no new reader in (writes are rare and short)."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.readers = 0
        self.writing = False
        self.waiting_writers = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self.cond:
            self.cond.wait_for(lambda: not self.writing and not self.waiting_writers)
            self.readers += 1
        try:
            yield
        finally:
            with self.cond:
                self.readers -= 1
                self.cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self.cond:
            self.waiting_writers += 1
            self.cond.wait_for(lambda: not self.writing and not self.readers)
            self.waiting_writers -= 1
            self.writing = True
        try:
            yield
        finally:
            with self.cond:
                self.writing = False
                self.cond.notify_all()


class SharedStore:
    """The server's way into its store: ``reading()`` cursors on a read-only connection, ``write(fn)`` for a moment
    of write access. ``read_only`` servers never write. ``write_timeout`` bounds how long a write waits for other
    processes to let go of the file (StoreError after it)."""

    def __init__(self, path: str | Path, read_only: bool = False, write_timeout: float = 600.0):
        self.path, self.read_only, self.write_timeout = str(path), read_only, write_timeout
        if not read_only:
            try:
                Store(self.path).close()  # a new store gets its tables now; an old one its schema upgrades
            except StoreError as err:
                # another server of this process reads it already (tests, notebooks): its schema stands
                if not (Path(self.path).exists() and "different configuration" in str(err)):
                    raise
        self.lock = SharedLock()
        self.reopen = threading.Lock()
        self.store: Store | None = None
        self._open_for_reading()

    def _open_for_reading(self) -> None:
        try:
            self.store = Store(self.path, read_only=True)
        except StoreError:
            self.store = None  # another process writes it now: the next read tries again

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """A cursor of the caller's own (DuckDB connections are not shared between threads)."""
        with self.lock.shared():
            if self.store is None:
                with self.reopen:  # after another process let go: one reader reopens for all
                    if self.store is None:
                        self._open_for_reading()
            if self.store is None:
                raise StoreBusy(f"{self.path}: another process is writing the store; retry in a moment")
            con = self.store.con.cursor()
            try:
                yield con
            finally:
                con.close()

    def write(self, fn: Callable[[Store], T]) -> T:
        """Run ``fn`` with the store open for writing, then go back to reading. While another process holds the
        file, each try lets go again: this server's reads go on between tries."""
        if self.read_only:
            raise StoreError(f"{self.path}: the server is read-only")
        deadline = time.monotonic() + self.write_timeout
        while True:
            with self.lock.exclusive():
                if self.store is not None:
                    self.store.close()
                    self.store = None
                try:
                    writable = Store(self.path)
                except StoreError:
                    self._open_for_reading()
                    if time.monotonic() > deadline:
                        raise
                else:
                    try:
                        return fn(writable)
                    finally:
                        writable.close()
                        self._open_for_reading()
            time.sleep(RETRY_S)

    def close(self) -> None:
        with self.lock.exclusive():
            if self.store is not None:
                self.store.close()
                self.store = None
