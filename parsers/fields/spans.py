"""Which character spans of a text are already taken: a lookup in logarithmic time.

The document reader skips a match that starts inside a span an earlier reading took.
Asking every earlier span in turn made a text full of document numbers quadratic (a
256 KB body: 3 s; 1 MB: over 20 s); sorted starts with a running maximum of the ends
answer the same question with one bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Spans:
    """Half-open spans ``[start, end)``; ``covers(i)`` is True when one contains ``i``."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # _reach[k]: the furthest end among the first k + 1 spans in order of start.
        self._reach = list(accumulate((end for _, end in ordered), max))

    def covers(self, index: int) -> bool:
        k = bisect_right(self._starts, index) - 1
        return k >= 0 and self._reach[k] > index
