"""Outputs of the parsers and field extractors on a large corpus, one JSON line per case.

    PYTHONPATH=. python benchmarks/extract_snapshot.py OUT.jsonl

For changes meant to leave behaviour alone (speed work): write a snapshot before and
after, and compare the files byte for byte. The corpus:

- `parsers.parse` on every HTML fixture under `tests/fixtures/` (the URL of its
  expected record when there is one), with the site profiles and with the generic
  parser alone, as published and in NFD;
- `parsers.fields.extract`, `find_dates`, `find_byline` and `split_byline` on the gold
  texts of `../shared/gold/dev` (or the folder in `TUYENGIAO_GOLD`), every string
  literal of the tests of 12 characters or more, the titles and bodies the parsers
  produced, and synthetic variants of all of these: sentences recombined, then
  upper-cased, lower-cased, title-cased, in NFD, re-wrapped, with doubled spaces, or
  without diacritics (seeded, so the same on every run).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from parsers import parse  # noqa: E402
from parsers.fields import extract, find_byline, find_dates, split_byline  # noqa: E402
from parsers.registry import Registry  # noqa: E402

VARIANTS = 4000
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n")


def texts() -> list[str]:
    """Gold texts and the longer string literals of the tests."""
    gold = Path(os.environ.get("TUYENGIAO_GOLD", REPO.parent / "shared" / "gold" / "dev"))
    found = [p.read_text(encoding="utf-8") for p in sorted(gold.glob("*.txt"))]
    for path in sorted((REPO / "tests").rglob("*.py"), key=lambda p: p.name):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and len(value) >= 12:
                found.append(value)
    return found


def pages() -> list[tuple[str, bytes, str]]:
    """(name, bytes, url) of every HTML fixture."""
    found = []
    for html in sorted((REPO / "tests" / "fixtures").rglob("*.html")):
        url = f"https://{html.parent.name}.example.vn/{html.stem}.html"
        record = html.with_suffix(".json")
        if record.exists():
            url = json.loads(record.read_text(encoding="utf-8")).get("url") or url
        found.append((str(html.relative_to(REPO)), html.read_bytes(), url))
    return found


def parsed(html: bytes | str, url: str, registry: Registry | None) -> dict[str, Any]:
    try:
        return parse(html, url, registry=registry).to_dict()
    except Exception as exc:  # the error is part of the behaviour
        return {"error": type(exc).__name__, "message": str(exc)}


def variants(sources: list[str], count: int) -> list[str]:
    """Recombined sentences of `sources`, each with one of eight transformations."""
    rng = random.Random(7)
    sentences = [s for t in sources for s in _SENTENCE_SPLIT.split(t) if s.strip()]
    found = []
    for i in range(count):
        picked = [rng.choice(sentences) for _ in range(rng.randint(1, 12))]
        text = rng.choice([" ", "\n", "\n\n", ". "]).join(picked)
        found.append(_transform(text, i % 8, rng))
    return found


def _transform(text: str, kind: int, rng: random.Random) -> str:
    if kind == 1:
        return text.upper()
    if kind == 2:
        return unicodedata.normalize("NFD", text)
    if kind == 3:
        return text.lower()
    if kind == 4:  # re-wrapped at 30 to 90 characters
        lines, line = [], []
        for word in text.split(" "):
            line.append(word)
            if len(" ".join(line)) > rng.randint(30, 90):
                lines.append(" ".join(line))
                line = []
        return "\n".join([*lines, " ".join(line)])
    if kind == 5:
        return text.title()
    if kind == 6:
        return text.replace(" ", "  ").replace(",", " ,")
    if kind == 7:
        decomposed = unicodedata.normalize("NFD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c))
    return text


def main(destination: str) -> None:
    generic = Registry([])
    lines: list[str] = []

    def write(key: str, value: Any) -> None:
        lines.append(json.dumps([key, value], ensure_ascii=False))

    produced = []
    for name, html, url in pages():
        for label, registry in (("profiles", None), ("generic", generic)):
            record = parsed(html, url, registry)
            write(f"parse:{label}:{name}", record)
            if "body_text" in record:
                produced.append(record["body_text"])
                head = [record["title"], record["sapo"] or "", record["body_text"]]
                produced.append("\n".join(filter(None, head)))
        nfd = unicodedata.normalize("NFD", html.decode("utf-8", "replace"))
        write(f"parse:nfd:{name}", parsed(nfd, url, None))
        write(f"parse:nfd-generic:{name}", parsed(nfd, url, generic))
    corpus = texts() + produced
    corpus += variants(corpus, VARIANTS)
    for i, text in enumerate(corpus):
        write(f"extract:{i}", extract(text))
        write(f"dates:{i}", [repr(d) for d in find_dates(text)])
        write(f"byline:{i}", repr(find_byline(text)))
        write(f"split:{i}", repr(split_byline(text.split("\n"))))
    Path(destination).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} outputs: {len(corpus)} texts, {len(pages())} pages", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", help="the JSON lines file to write")
    main(parser.parse_args().out)
