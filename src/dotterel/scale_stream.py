"""Ordered streaming over a pool of workers, without Ray: the scheduling of :mod:`dotterel.scale`, testable alone.

Batches are drawn from a generator only when a worker is free and the window has room, so the driver never
holds more than ``window`` batches (in flight or finished out of order); results come back in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

Batch = TypeVar("Batch")
Handle = TypeVar("Handle")
Result = TypeVar("Result")


class OrderedPool(Generic[Batch, Handle, Result]):
    """``submit(worker, batch) -> handle``; ``wait(handles) -> a finished handle``;
    ``collect(handle, batch, worker) -> (result, worker)``: a failed batch gives its error result, and a worker
    that died gives way to a new one."""

    def __init__(self, workers: list, submit: Callable[[object, Batch], Handle], wait: Callable[[list[Handle]], Handle],
                 collect: Callable[[Handle, Batch, object], tuple[Result, object]], window: int | None = None):
        self.free, self.submit, self.wait, self.collect = list(workers), submit, wait, collect
        self.window = window or 2 * len(workers)

    def map(self, batches: Iterable[Batch]) -> Iterator[Result]:
        todo = iter(batches)
        pending: dict = {}  # handle -> (position, worker, batch)
        finished: dict[int, Result] = {}
        drawn = emitted = 0
        exhausted = False
        while True:
            while not exhausted and self.free and len(pending) + len(finished) < self.window:
                batch = next(todo, None)
                if batch is None:
                    exhausted = True
                    break
                worker = self.free.pop(0)
                pending[self.submit(worker, batch)] = (drawn, worker, batch)
                drawn += 1
            if not pending and not finished:
                return
            if pending and emitted not in finished:
                handle = self.wait(list(pending))
                position, worker, batch = pending.pop(handle)
                finished[position], worker = self.collect(handle, batch, worker)
                self.free.append(worker)
            while emitted in finished:
                yield finished.pop(emitted)
                emitted += 1
