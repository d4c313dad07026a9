"""What `crawl` and `update` show on stderr while they run.

On a terminal: one status line whose counts are the summary's own ("5 pages fetched; 3
new, …", from the run's totals, not a count of hook calls), log warnings printed above it
(tqdm's `write`) rather than onto it, and a line naming what is waited for when no page
has been done for a while (`scraper.crawl.run.STATUS_EVERY`). Elsewhere (cron, a pipe),
or with --quiet: nothing but the warnings and errors.
"""

from __future__ import annotations

import logging
import sys

from tqdm import tqdm

from scraper.archive.store import RunCounts
from scraper.crawl.frontier import Item


class _AboveBar(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        tqdm.write(self.format(record), file=sys.stderr)


class Display:
    def __init__(self, *, quiet: bool) -> None:
        self.bar: tqdm | None = None
        self._handlers: list[logging.Handler] = []
        if quiet or not sys.stderr.isatty():
            return
        self.bar = tqdm(file=sys.stderr, bar_format="{desc} [{elapsed}]", dynamic_ncols=True)
        self.bar.set_description_str("starting…")
        root = logging.getLogger()
        self._handlers = root.handlers[:]
        above = _AboveBar()
        if self._handlers:
            above.setFormatter(self._handlers[0].formatter)
        root.handlers = [above]

    def progress(self, item: Item, outcome: str, counts: RunCounts) -> None:
        if self.bar is None:
            return
        row = counts.as_row()
        pages = "page" if row["fetched"] == 1 else "pages"
        self.bar.set_description_str(
            f"{row['fetched']} {pages} fetched; {row['new']} new, {row['unchanged']} unchanged,"
            f" {row['failed']} failed · {item.site}"
        )

    def status(self, waiting: list[tuple[str, str, float]]) -> None:
        if self.bar is None:
            return
        for url, what, seconds in waiting:
            tqdm.write(f"still working: {url}: {what} ({seconds:.0f} s)", file=sys.stderr)

    def close(self) -> None:
        if self.bar is None:
            return
        self.bar.close()
        logging.getLogger().handlers = self._handlers
