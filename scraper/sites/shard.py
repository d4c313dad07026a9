"""Shards of the registered sites, for crawling them on several machines.

A site belongs to shard `I` of `N` when the first eight bytes of the SHA-256 of its name,
read as a number, leave `I` modulo `N`: the same on every machine and Python version
(unlike `hash()`), and unchanged when other sites are added.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Shard:
    index: int
    count: int

    def holds(self, site: str) -> bool:
        digest = hashlib.sha256(site.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index


def parse_shard(text: str) -> Shard:
    """`I/N` with 0 ≤ I < N; ValueError naming the problem otherwise."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match:
        raise ValueError(f"--shard {text!r}: write it as I/N, e.g. 0/4")
    index, count = int(match[1]), int(match[2])
    if count < 1 or index >= count:
        raise ValueError(f"--shard {text!r}: I must be between 0 and N-1")
    return Shard(index, count)
