"""Per-field scores on pages not written for the parsers, beside trafilatura's.

    PYTHONPATH=. python benchmarks/bench_real_pages.py [--real DIR] [--zoo] [--zoo-first K]
        [--zoo-variants N] [--pages]

Two sets of pages, each scored with the generic parser (no site profile) and with
trafilatura (`bare_extraction` with metadata), side by side:

- `--real` (default `../shared/real-pages`, or `TUYENGIAO_REAL_PAGES`): real article
  pages of Vietnamese news sites as their servers sent them, with hand-made expected
  records (their README says how to score them);
- `--zoo`: the template zoo (`tests/support/zoo.py`), every family's fixture pages re-rendered
  with renamed classes, other nesting, other date forms and extra furniture. The
  generic parser reads them with no profile at all, so no family's rules are used on
  its own pages (leave one family out, for every family at once). `--zoo-first K
  --zoo-variants N` scores variants K to K+N-1 together: variant 0 (the default) is the
  one the tests use, the others are drawn from the same generator with other seeds.

Scores, per field: title, published_at (the same instant; a page showing minutes only is
matched to the minute; a date-only value counts when the day is right), author,
organisation, section and sapo by exact match after NFC, whitespace and case folding;
body by token F1 of lower-cased word tokens; "lost": pages the extractor read nothing
from (no title, no body). On the zoo, "profiles" is the registered sites' profiles with
their generic fallback (the zoo's pages are at registered hosts). The organisation
compared is the byline's organisation, else its source ("Theo TTXVN" credits TTXVN), as
the real pages' records have it. `--pages` prints every page's misses.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from parsers import decode_html, parse
from parsers.registry import Registry

REPO = Path(__file__).resolve().parent.parent
REAL = Path(os.environ.get("TUYENGIAO_REAL_PAGES", REPO.parent / "shared" / "real-pages"))
FIELDS = ("title", "published", "author", "organization", "section", "sapo")
_WORD = re.compile(r"\w+")


@dataclass
class Reading:
    """What an extractor read from a page, in the expected records' terms."""

    title: str | None = None
    published: str | None = None
    author: str | None = None
    organization: str | None = None
    section: str | None = None
    sapo: str | None = None
    body: str = ""


def real_pages(folder: Path = REAL) -> list[tuple[str, bytes, dict]]:
    """(name, page bytes, expected record) of every page of the folder."""
    return [
        (path.stem, path.with_suffix(".html").read_bytes(), json.loads(path.read_text("utf-8")))
        for path in sorted(folder.glob("*.json"))
    ]


def zoo_pages(variant: int = 0) -> list[tuple[str, bytes, dict]]:
    """The template zoo's pages with their expected records in the real pages' terms."""
    from tests.support.zoo import zoo

    found = []
    for page in zoo(variant):
        record = page.record
        byline = record.get("byline") or {}
        expected = {
            "url": record["url"],
            "title": record["title"],
            "sapo": record["sapo"],
            "published": record["published_at"],
            "section": record.get("section"),
            "author": byline.get("author"),
            # As the real pages' records have it: the credited organisation or source.
            "organization": byline.get("organization") or byline.get("source"),
            "body_text": record["body_text"],
        }
        found.append((page.name, page.html.encode("utf-8"), expected))
    return found


def generic_run(html: bytes, url: str) -> Reading:
    return _reading(parse(html, url, registry=Registry([])))


def profiles_run(html: bytes, url: str) -> Reading:
    """The registered sites' profiles on (the zoo's pages are at registered hosts)."""
    return _reading(parse(html, url))


def _reading(article) -> Reading:
    byline = article.byline
    return Reading(
        title=article.title,
        published=article.published_at,
        author=byline.author if byline else None,
        organization=(byline.organization or byline.source) if byline else None,
        section=article.section,
        sapo=article.sapo,
        body=article.body_text,
    )


def trafilatura_run(html: bytes, url: str) -> Reading:
    import trafilatura

    text, _ = decode_html(html)
    doc = trafilatura.bare_extraction(
        text, url=url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S", "original_date": True},
    )  # fmt: skip
    if doc is None:
        return Reading()
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    categories = get("categories") or []
    return Reading(
        title=get("title"),
        published=get("date"),
        author=get("author"),
        section=categories[-1] if categories else None,
        sapo=get("description"),
        body=get("text") or "",
    )


EXTRACTORS: dict[str, Callable[[bytes, str], Reading]] = {
    "generic": generic_run,
    "trafilatura": trafilatura_run,
}
# On the zoo, also the registered profiles, whose selectors no longer match its markup.
ZOO_EXTRACTORS = {"profiles": profiles_run, **EXTRACTORS}


def fold(value: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", value or "").casefold().split())


def f1(guess: str, truth: str) -> float:
    g = Counter(_WORD.findall(guess.lower()))
    t = Counter(_WORD.findall(truth.lower()))
    if not g and not t:
        return 1.0
    common = sum((g & t).values())
    if not common:
        return 0.0
    precision, recall = common / sum(g.values()), common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def _moment(value: str | None) -> datetime | date | None:
    try:
        if not value:
            return None
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def same_time(guess: str | None, truth: str | None) -> bool:
    """The same instant to the minute; a date-only value counts when the day is right;
    a naive time is read as Vietnam time (what the page shows)."""
    g, t = _moment(guess), _moment(truth)
    if g is None or t is None:
        return g is None and t is None
    if isinstance(t, datetime) and isinstance(g, datetime):
        if g.tzinfo is None:
            g = g.replace(tzinfo=t.tzinfo)
        return g.replace(second=0, microsecond=0) == t.replace(second=0, microsecond=0)
    day = lambda v: v.date() if isinstance(v, datetime) else v  # noqa: E731
    return day(g) == day(t)


def page_scores(reading: Reading, expected: dict) -> dict[str, float]:
    scores: dict[str, float] = {
        "title": fold(reading.title) == fold(expected["title"]),
        "published": same_time(reading.published, expected["published"]),
    }
    for name in ("author", "organization", "section", "sapo"):
        scores[name] = fold(getattr(reading, name)) == fold(expected.get(name))
    scores["body_f1"] = f1(reading.body, expected["body_text"])
    return scores


def score(
    run: Callable[[bytes, str], Reading], pages: list[tuple[str, bytes, dict]], show: bool
) -> dict[str, float]:
    rows: dict[str, list[float]] = {"lost": []}
    for name, html, expected in pages:
        try:
            reading = run(html, expected["url"])
        except Exception as exc:  # an extractor failing on a page scores zero on it
            reading = Reading()
            if show:
                print(f"  {name}: {type(exc).__name__}: {exc}")
        scores = page_scores(reading, expected)
        rows["lost"].append(float(not reading.title and not reading.body))
        for key, value in scores.items():
            rows.setdefault(key, []).append(float(value))
        if show:
            misses = [k for k in FIELDS if not scores[k]]
            for key in misses:
                print(f"  {name} {key}: got {getattr(reading, key)!r} want {expected.get(key)!r}")
            if scores["body_f1"] < 0.95:
                print(f"  {name} body_f1 {scores['body_f1']:.3f}")
    means = {key: statistics.mean(values) for key, values in rows.items()}
    means["lost"] = sum(rows["lost"])
    return means


def table(
    title: str,
    pages: list[tuple[str, bytes, dict]],
    show: bool,
    extractors: dict[str, Callable[[bytes, str], Reading]] = EXTRACTORS,
) -> None:
    print(f"{title}: {len(pages)} pages")
    print("extractor     title  published  author  organization  section  sapo   body_F1  lost")
    for name, run in extractors.items():
        if show:
            print(f"{name}:")
        s = score(run, pages, show)
        print(
            f"{name:<12} {s['title']:6.1%} {s['published']:9.1%} {s['author']:7.1%}"
            f" {s['organization']:12.1%} {s['section']:8.1%} {s['sapo']:6.1%}"
            f" {s['body_f1']:7.3f} {s['lost']:5.0f}"
        )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--real", type=Path, default=REAL, help="folder of real pages")
    options.add_argument("--zoo", action="store_true", help="score the template zoo too")
    options.add_argument("--zoo-first", type=int, default=0, help="first zoo variant scored")
    options.add_argument("--zoo-variants", type=int, default=1, help="how many zoo variants")
    options.add_argument("--pages", action="store_true", help="print every page's misses")
    arguments = options.parse_args()
    warnings.filterwarnings("ignore")
    table(f"real pages ({arguments.real.name})", real_pages(arguments.real), arguments.pages)
    if arguments.zoo:
        first = arguments.zoo_first
        variants = range(first, first + arguments.zoo_variants)
        pages = [page for variant in variants for page in zoo_pages(variant)]
        title = f"template zoo, variants {first}-{variants[-1]}"
        table(title, pages, arguments.pages, ZOO_EXTRACTORS)


if __name__ == "__main__":
    main()
