"""One writer per archive: an OS file lock on ``<db>.lock``, held by every command that
writes the archive (crawl, update, import-warc, import-jsonl, reparse, rebuild, merge).

``fcntl.flock`` is released by the kernel when the holder dies, however it dies (SIGKILL,
power loss aside), so a killed run never leaves a lock that blocks the next one. The file
keeps the holder's pid, command and start time so the refusal can say who holds it. The
holder removes it when it releases the lock (a killed run leaves it behind, harmless: an
unlocked file means nothing); a run that locked a file another has just removed tries
again on the new one, so two runs never hold locks on two different files.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

from scraper.archive.store import now_iso

POLL = 0.2  # seconds between two tries of a held lock


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


class ArchiveBusy(Exception):
    """Another process holds the archive's run lock."""


class RunLock:
    """Held for the whole of a command that writes the archive. A second one waits for
    it (``acquire(wait=True)``) or is refused at once."""

    def __init__(self, database: Path, command: str) -> None:
        self.path = Path(database).with_name(Path(database).name + ".lock")
        self.command = command
        self._fd: int | None = None

    def acquire(self, *, wait: bool = False, on_wait: Callable[[str], None] | None = None) -> None:
        """Take the lock. When another process holds it: with ``wait``, tell ``on_wait``
        who (once) and try again every POLL seconds, so a signal still ends the wait at
        once; without, raise ``ArchiveBusy``."""
        told = False
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "another process"
                os.close(fd)
                if not wait:
                    raise ArchiveBusy(
                        f"{self.path.with_suffix('')} is in use by another run ({holder});"
                        " not starting a second one"
                    ) from None
                if not told and on_wait is not None:
                    on_wait(f"{self.path.with_suffix('')} is in use by another run ({holder})")
                told = True
                time.sleep(POLL)
                continue
            if _same_file(fd, self.path):
                break
            os.close(fd)  # locked a file its holder removed meanwhile: take the new one
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}, {self.command} since {now_iso()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            if _same_file(self._fd, self.path):
                self.path.unlink()  # while still locked: see the module doc
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
