"""WAL checkpoints in a thread of their own, for bulk loads.

By default SQLite checkpoints inside the commit that takes the WAL past 1,000 pages: the
writer itself copies the log into the database file and syncs it. In a bulk load that
is about a sixth of the time of storing a record, spent while nothing else is stored.
During `scraper.archive.bulk.store_batches` the writer's automatic checkpoints are
turned off and this thread, on a connection of its own, runs a PASSIVE checkpoint after
each batch, while the next one is being stored: SQLite lets a checkpoint copy committed
frames while a writer appends new ones, and the writer starts the log again from the top
once a checkpoint has copied all of it. Safety is SQLite's, as before: a killed load
leaves committed batches in the log or the file, and the next opening recovers them.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from types import TracebackType


class Checkpointer:
    """A thread checkpointing the archive each time `request` is called, while the
    writer's own automatic checkpoints are off."""

    def __init__(self, writer: sqlite3.Connection, path: Path) -> None:
        self._writer = writer
        self._automatic = writer.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        self._conn = sqlite3.connect(path, check_same_thread=False)
        self._conn.execute("PRAGMA busy_timeout = 10000")
        self._wanted = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="checkpointer", daemon=True)
        self.error: sqlite3.Error | None = None

    def __enter__(self) -> Checkpointer:
        self._writer.execute("PRAGMA wal_autocheckpoint = 0")
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stopping = True
        self._wanted.set()
        self._thread.join()
        self._conn.close()
        self._writer.execute(f"PRAGMA wal_autocheckpoint = {self._automatic}")

    def request(self) -> None:
        """Checkpoint what is committed now (after the checkpoint running, if one is).
        Call from the writer's thread, between its transactions."""
        if self.error is not None:  # the thread has stopped: the writer checkpoints again
            self._writer.execute(f"PRAGMA wal_autocheckpoint = {self._automatic}")
        self._wanted.set()

    def _run(self) -> None:
        """Checkpoint at each request; on leaving, once more, so that the file holds
        every batch committed before."""
        while True:
            self._wanted.wait()
            self._wanted.clear()
            try:
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error as exc:  # `request` gives the writer its checkpoints back
                self.error = exc
                return
            if self._stopping:
                return
