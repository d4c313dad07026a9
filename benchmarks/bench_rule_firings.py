"""Where a change of the extractors fires, on texts it can be checked on without spending
the held-out gold: what differs between a git revision's extractors and the working
tree's, text by text, each difference with the gold's answer where there is one.

Texts: the dev gold's development split (`a*`, `b*`, `c001`–`c010`; `c011`–`c020` are
held out and never read here) and the real pages' body texts (`../shared/real-pages`,
no gold for these fields: a difference there is read by hand). A rule that changes only
the text it was written from has not shown that it generalises; one that changes other
texts, rightly, has.

Usage: `PYTHONPATH=. python benchmarks/bench_rule_firings.py [REVISION]` (default
`HEAD`), from the repository root.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TUYENGIAO_SHARED", REPO.parent / "shared"))
HELD_OUT = range(11, 21)

# Run in a child process with the revision's `parsers` first on the path.
_CHILD = """
import json, sys
from pathlib import Path
from parsers.fields import extract
texts = json.load(sys.stdin)
json.dump({k: extract(v) for k, v in texts.items()}, sys.stdout, ensure_ascii=False)
"""


def texts() -> dict[str, str]:
    """Case name → text, the held-out gold cases left out."""
    out = {}
    for path in sorted((SHARED / "gold" / "dev").glob("*.txt")):
        case = path.stem
        if case[0] == "c" and int(case[1:]) in HELD_OUT:
            continue
        out[case] = path.read_text(encoding="utf-8")
    for path in sorted((SHARED / "real-pages").glob("*.json")):
        page = json.loads(path.read_text(encoding="utf-8"))
        parts = (page.get("title"), page.get("sapo"), page.get("body_text"))
        out[f"page{path.stem}"] = "\n".join(p for p in parts if p)
    return out


def extract_at(root: Path, inputs: dict[str, str]) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps(inputs),
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=True,
    )
    return json.loads(done.stdout)


def _directives(out: dict[str, Any]) -> dict[str, tuple]:
    return {d["id"] or f"«{d['title']}»": (d["date"], d["issuer"]) for d in out["directives"]}


def _persons(out: dict[str, Any]) -> dict[str, tuple]:
    return {p["name"]: (tuple(p["positions"]), p["role"]) for p in out["persons"]}


def _gold(case: str) -> dict[str, Any] | None:
    path = SHARED / "gold" / "dev" / f"{case}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    lines = []
    for case in before:
        gold = _gold(case)
        g_dirs = _directives({"directives": gold["directives"]}) if gold else {}
        g_pers = _persons({"persons": gold["persons"]}) if gold else {}
        for table, g_table in (
            ((_directives(before[case]), _directives(after[case])), g_dirs),
            ((_persons(before[case]), _persons(after[case])), g_pers),
        ):
            old, new = table
            for key in sorted(old.keys() | new.keys()):
                if old.get(key) == new.get(key):
                    continue
                verdict = "no gold"
                if gold is not None:
                    if key not in g_table:
                        verdict = "right" if key not in new else "not in gold"
                    else:
                        verdict = "right" if new.get(key) == g_table[key] else "wrong"
                lines.append(f"{case} {key}: {old.get(key)} -> {new.get(key)} [{verdict}]")
    return lines


def main() -> None:
    revision = sys.argv[1] if len(sys.argv) > 1 else "HEAD"
    archive = subprocess.run(
        ["git", "archive", revision, "parsers"], cwd=REPO, capture_output=True, check=True
    ).stdout
    inputs = texts()
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            if hasattr(tarfile, "data_filter"):  # Python ≥ 3.11.4
                tar.extractall(tmp, filter="data")
            else:
                tar.extractall(tmp)  # our own repository's files
        before = extract_at(Path(tmp), inputs)
    after = extract_at(REPO, inputs)
    lines = differences(before, after)
    print(f"{len(inputs)} texts, {len(lines)} differences against {revision}")
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
