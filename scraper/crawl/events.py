"""``--log-json``: one JSON object per line for each thing a run does, for log collectors.

Events: ``run_start``, ``fetch`` (every page requested, with its outcome), ``article``
(what archiving did with an article page: new, updated, unchanged, duplicate), ``error``
(a site that failed, or an unexpected error), ``site_end`` and ``run_end``. Each has
``event``, ``time`` (UTC, ISO 8601) and ``run_id``. Lines are written whole and flushed,
so a killed run leaves a readable log.
"""

from __future__ import annotations

import json
import threading
from typing import Any, TextIO

from scraper.archive.store import now_iso


class EventLog:
    """Thread-safe JSON-lines writer; with no stream, events go nowhere."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.run_id: int | None = None
        self._lock = threading.Lock()

    def emit(self, event: str, **fields: Any) -> None:
        if self.stream is None:
            return
        line = json.dumps(
            {"event": event, "time": now_iso(), "run_id": self.run_id, **fields},
            ensure_ascii=False,
        )
        with self._lock:
            self.stream.write(line + "\n")
            self.stream.flush()
