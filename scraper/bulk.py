"""Bulk loads on two cores: the next batch is prepared in a worker process while the
archive stores the current one.

`prepare` (hashing, folding, JSON, MinHash) is about half the cost of storing a new
article and reads no database, so it runs in a separate process; the archive stays the
only writer and each batch is still stored in its own transaction by this process, so a
killed load leaves whole batches, as before.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from parsers.record import Article
from scraper.archive import Archive
from scraper.prepare import Prepared, prepare


def store_batches(
    archive: Archive, batches: Iterable[list[Article]], fetched_at: Callable[[], str]
) -> Iterator[list[str]]:
    """Store each batch in a transaction of its own; yields the outcomes of each batch.

    `fetched_at` is called once a batch, when it is stored.
    """
    # "spawn": a forked child would inherit the open database connection.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        waiting: Future[list[Prepared]] | None = None
        batches = iter(batches)
        while True:
            try:
                batch = next(batches, None)
            except Exception:
                # Reading failed (a malformed record): store what was read before it, as
                # a load without the worker would have.
                if waiting is not None:
                    _store(archive, waiting.result(), fetched_at())
                raise
            if batch is None:
                break
            done, waiting = waiting, pool.submit(prepare, batch)
            if done is not None:
                yield _store(archive, done.result(), fetched_at())
        if waiting is not None:
            yield _store(archive, waiting.result(), fetched_at())


def _store(archive: Archive, prepared: list[Prepared], fetched_at: str) -> list[str]:
    with archive.transaction():
        return archive.store_articles(prepared, fetched_at=fetched_at)
