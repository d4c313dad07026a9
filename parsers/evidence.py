"""Candidates for a field: every piece of evidence a reader found, checked, in rank order.

A reader yields `Candidate`s best first; the first one that passed its checks is taken
(`take`). The ones refused say why, so `tuyengiao sites check` can show every candidate
of a page, which one was taken and why the others were not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a field: where it was found, what the page says there, the value
    it gives (None when refused) and why it was refused."""

    source: str
    seen: str
    value: str | None
    refused: str = ""


def take(candidates: Iterable[Candidate]) -> tuple[str | None, str]:
    """The first candidate's value that passed its checks, with its source."""
    for candidate in candidates:
        if candidate.value:
            return candidate.value, candidate.source
    return None, ""


def checked(source: str, seen: str, value: str | None, refusal: str) -> Candidate:
    """A candidate that gives `value`, or refused with `refusal` when there is none."""
    return Candidate(source, seen, value or None, "" if value else refusal)
