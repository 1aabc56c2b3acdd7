"""`kg.store.answers`: the chunked reads that follow a build run side by side, their answers in
the order of their queries, and an error stops the queries not yet started."""
from __future__ import annotations

import threading

import pytest

import kg.store
from kg.store import QueryResult, Store, StoreError, answers, rows_for_each


class _Recording:
    """A store whose answers are the query text itself; the query `fail` raises."""

    def __init__(self, fail: str | None = None) -> None:
        self.fail, self.asked, self.threads = fail, [], set()
        self._lock = threading.Lock()

    def query(self, sparql: str) -> QueryResult:
        with self._lock:
            self.asked.append(sparql)
            self.threads.add(threading.current_thread().name)
        if sparql == self.fail:
            raise StoreError(f"query failed: {sparql}")
        return QueryResult(columns=["q"], rows=[(sparql,)])


@pytest.mark.parametrize("count", [0, 1, 2, 3, 40])
@pytest.mark.parametrize("threads", [1, 2, 4])
def test_answers_come_in_the_order_of_their_queries(monkeypatch: pytest.MonkeyPatch, count: int, threads: int) -> None:
    monkeypatch.setattr(kg.store, "READ_THREADS", threads)
    store = _Recording()
    queries = [f"q{i}" for i in range(count)]
    assert [answer.rows for answer in answers(store, iter(queries))] == [[(q,)] for q in queries]
    assert sorted(store.asked) == sorted(queries)
    assert any(name.startswith("kg-read") for name in store.threads) == (threads > 1 and count > 1)


def test_an_error_stops_the_queries_not_yet_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.store, "READ_THREADS", 2)
    store = _Recording(fail="q1")
    with pytest.raises(StoreError, match="q1"):
        list(answers(store, (f"q{i}" for i in range(100))))
    assert len(store.asked) <= 2 + 2  # the two running, at most the two queued beside them


def test_rows_for_each_reads_every_chunk_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over more IRIs than one VALUES block takes, the rows of all blocks, in the order one
    thread reads them."""
    store = Store(None)
    try:
        iris = [f"https://example.org/thing/{i:04d}" for i in range(1_234)]
        store.update("INSERT DATA { " + " ".join(f"<{iri}> <https://example.org/n> {i} ." for i, iri in enumerate(iris)) + " }")
        query = "SELECT ?x ?n WHERE { {values} ?x <https://example.org/n> ?n }"
        monkeypatch.setattr(kg.store, "READ_THREADS", 1)
        alone = rows_for_each(store, query, "x", reversed(iris))
        monkeypatch.setattr(kg.store, "READ_THREADS", 3)
        assert rows_for_each(store, query, "x", reversed(iris)) == alone
        assert sorted(alone) == [(iri, i) for i, iri in enumerate(iris)]
    finally:
        store.close()
