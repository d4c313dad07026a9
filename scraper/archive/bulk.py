"""Bulk loads: batches are prepared in worker processes while the archive stores the one
before, and the log is checkpointed in a thread (`scraper.archive.checkpointer`).

`prepare` (hashing, folding, JSON, MinHash) costs about two thirds of storing a new
article (0.22–0.24 ms of CPU against 0.29–0.35 from 200,000 to a million articles) and
reads no database, so it runs in separate processes; the archive stays the only writer
and each batch is still stored in its own transaction by this process, in the order
given, so a killed load leaves whole batches, as before.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from parsers.record import Article
from scraper.archive.checkpointer import Checkpointer
from scraper.archive.prepare import Prepared, prepare
from scraper.archive.store import Archive


def worker_count(cores: int | None = None) -> int:
    """Workers preparing batches: two, but one on a machine of two cores or fewer.

    The storing process is the bottleneck (it alone writes the archive) and preparing a
    batch costs less than storing it, so one worker keeps up with it; a second worker on
    two cores only takes CPU from the storing process (measured in benchmarks/HISTORY.md).
    """
    if cores is None:  # the cores this process may run on, where the system tells
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
        cores = cores or os.cpu_count() or 1
    return 2 if cores > 2 else 1


def exit_with_parent(parent: int) -> None:
    """Run in each worker as it starts: a thread that ends the worker once the storing
    process `parent` is gone. A killed load cannot shut its pool down, and its workers
    would otherwise wait for work for ever (about 120 MB each)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


AHEAD = 2  # batches prepared ahead of the one being stored: enough to keep both busy


def store_batches(
    archive: Archive, batches: Iterable[list[Article]], fetched_at: Callable[[], str]
) -> Iterator[list[str]]:
    """Store each batch in a transaction of its own; yields the outcomes of each batch.

    `fetched_at` is called once a batch, when it is stored. The first batch is prepared
    here while the workers start, so the load does not wait for their start-up.
    """
    batches = iter(batches)
    first = next(batches, None)
    if first is None:
        return
    # "spawn": a forked child would inherit the open database connection.
    context = multiprocessing.get_context("spawn")
    with (
        ProcessPoolExecutor(
            max_workers=worker_count(),
            mp_context=context,
            initializer=exit_with_parent,
            initargs=(os.getpid(),),
        ) as pool,
        Checkpointer(archive.db.conn, archive.path) as checkpoints,
    ):
        ahead = _Ahead(pool, batches)
        ahead.fill()
        ready = prepare(first)
        while True:
            outcomes = _store(archive, ready, fetched_at())
            checkpoints.request()
            yield outcomes
            ahead.fill()
            if not ahead.waiting:
                break
            ready = ahead.waiting.popleft().result()
    if ahead.error is not None:
        # Reading failed (a malformed record): everything read before it is stored, as
        # a load without the workers would have done.
        raise ahead.error


class _Ahead:
    """Batches read and sent to the workers, in order, at most AHEAD at a time; reading
    stops at the first error, kept for when what was read before it is stored."""

    def __init__(self, pool: ProcessPoolExecutor, batches: Iterator[list[Article]]) -> None:
        self.pool, self.batches = pool, batches
        self.waiting: deque[Future[list[Prepared]]] = deque()
        self.error: Exception | None = None
        self.done = False

    def fill(self) -> None:
        while not self.done and len(self.waiting) < AHEAD:
            try:
                batch = next(self.batches, None)
            except Exception as exc:
                self.error, batch = exc, None
            if batch is None:
                self.done = True
            else:
                self.waiting.append(self.pool.submit(prepare, batch))


def _store(archive: Archive, prepared: list[Prepared], fetched_at: str) -> list[str]:
    with archive.transaction():
        return archive.store_articles(prepared, fetched_at=fetched_at)
