"""The gold measures on the dev folder's three parts, printed side by side.

The dev folder (`../shared/gold/dev` from the repository root, or `TUYENGIAO_GOLD`) holds
the cases the extractors' rules were first written from (`a*`, `b*`), and twenty newer
cases from other sites: `c001`–`c010`, read while writing rules, and `c011`–`c020`,
held out (scored only, never read to write a rule). The held-out column is the figure
that says how the rules do on texts they were not written from.

Usage: `PYTHONPATH=. python benchmarks/bench_gold_split.py`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from parsers.evaluate import Scores, evaluate  # noqa: E402

SPLITS = {
    "a+b": lambda case: case[0] in "ab",
    "c001-c010": lambda case: case[0] == "c" and int(case[1:]) <= 10,
    "c011-c020": lambda case: case[0] == "c" and int(case[1:]) > 10,
    "all": lambda case: True,
}
F1 = ("directives", "speakers", "persons", "named_refs")
ACCURACY = ("directive_dates", "directive_issuers", "byline_author", "positions", "speaker_roles")


def rows(scores: Scores) -> dict[str, str]:
    out = {}
    for measure in F1:
        out[f"{measure} F1"] = f"{scores.prf(measure)[2]:.3f}"
    for measure in ACCURACY:
        out[measure] = f"{scores.accuracy(measure):.3f}"
    return out


def main() -> None:
    gold = Path(os.environ.get("TUYENGIAO_GOLD", REPO.parent / "shared" / "gold" / "dev"))
    columns = {name: rows(evaluate(gold, only)) for name, only in SPLITS.items()}
    names = list(columns)
    print(f"| measure | {' | '.join(names)} |")
    print(f"|---|{'---|' * len(names)}")
    for measure in columns[names[0]]:
        print(f"| {measure} | {' | '.join(columns[n][measure] for n in names)} |")


if __name__ == "__main__":
    main()
