"""Quality gate: the extractors against the hand-annotated gold texts.

The gold lives outside the repository, at `<repo root>/../shared/gold/dev`, or wherever
`TUYENGIAO_GOLD` points. It is read at test time only; nothing of it is copied here.
"""

import os
from pathlib import Path

import pytest

from parsers.evaluate import case_errors, evaluate, format_scores

REPO = Path(__file__).resolve().parents[2]
GOLD = Path(os.environ.get("TUYENGIAO_GOLD", REPO.parent / "shared" / "gold" / "dev"))

TARGETS = {
    "directives": 0.97,
    "speakers": 0.90,
    "persons": 0.90,
    # Pinned at what the extractors reach on the 50 dev cases (2026-12-06, second pass).
    "named_refs": 0.85,
}
ACCURACY_TARGETS = {
    "directive_dates": 0.95,
    "directive_issuers": 0.90,
    "byline_author": 0.90,
    "positions": 0.91,  # pinned as named_refs above
}


@pytest.fixture(scope="module")
def scores():
    if not GOLD.is_dir():
        pytest.skip(f"gold folder {GOLD} is absent; set TUYENGIAO_GOLD to run the gate")
    return evaluate(GOLD)


def _report(scores) -> str:
    lines = format_scores(scores)
    for e in case_errors(scores):
        lines.append(repr(e))
    return "\n".join(lines)


@pytest.mark.parametrize("measure", sorted(TARGETS))
def test_f1_targets(scores, measure):
    assert scores.prf(measure)[2] >= TARGETS[measure], _report(scores)


@pytest.mark.parametrize("measure", sorted(ACCURACY_TARGETS))
def test_accuracy_targets(scores, measure):
    assert scores.accuracy(measure) >= ACCURACY_TARGETS[measure], _report(scores)
