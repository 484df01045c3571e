"""The scheduling of the Ray path without Ray: batches drawn lazily, a bounded window, results in input order."""

from __future__ import annotations

from dotterel.model import Document
from dotterel.scale import failed_rows
from dotterel.scale_stream import OrderedPool


class FakeWorkers:
    """Workers that finish their batches newest first, so results come back out of order."""

    def __init__(self):
        self.running: list[tuple[int, list[int]]] = []
        self.ticket = 0

    def submit(self, worker, batch):
        self.ticket += 1
        self.running.append((self.ticket, batch))
        return self.ticket

    def wait(self, handles):
        return max(handles)

    def collect(self, handle, batch, worker):
        if batch == ["boom"]:
            return ["failed"], f"{worker}-new"
        return [x * 10 for x in batch], worker


def test_results_come_in_input_order_and_the_input_is_drawn_lazily():
    drawn: list[int] = []

    def batches():
        for i in range(20):
            drawn.append(i)
            yield [i]

    fake = FakeWorkers()
    pool = OrderedPool(["a", "b"], fake.submit, fake.wait, fake.collect, window=3)
    out = []
    for result in pool.map(batches()):
        out += result
        assert len(drawn) - len(out) <= 3  # never more than the window ahead of what was handed back
    assert out == [i * 10 for i in range(20)]


def test_a_failed_batch_keeps_its_place_and_its_worker_is_replaced():
    fake = FakeWorkers()
    pool = OrderedPool(["a"], fake.submit, fake.wait, fake.collect)
    assert list(pool.map([[1], ["boom"], [2]])) == [[10], ["failed"], [20]]
    assert pool.free == ["a-new"]


def test_failed_rows_keep_every_document():
    docs = [Document(doc_id="x", text="Police arrested two men."), Document(doc_id="y", text="", error="empty document: no text")]
    rows = failed_rows(docs, "scale: worker died: RayActorError")
    assert [(r["doc_id"], r["error"]) for r in rows] == [("x", "scale: worker died: RayActorError"),
                                                        ("y", "empty document: no text")]
    assert rows[0]["events"] == "[]"
