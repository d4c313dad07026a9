"""Parsers against the hand-filled fixture records, side by side with trafilatura and newspaper4k.

    PYTHONPATH=. python benchmarks/bench_parsers.py [--rounds N] [--full-pages] [--cpu]
        [--extractors profiles,generic,trafilatura,newspaper4k]

For every article fixture (every family folder and `generic/`), four extractors:
the registered parsers (site profiles on), the generic parser alone (profiles off),
trafilatura (`bare_extraction` with metadata) and newspaper4k. Scores: exact title,
`published_at` exact (same instant) and on the day, author, token F1 of the body (the
record's `body_text`) and of lead + body together (the comparison fair to extractors that
do not separate the lead), and pages whose body has a line not in the expected record
(furniture, captions or a byline left in). Speed: pages per second on one core, the best
of N passes over all pages, extractors interleaved. `--full-pages` runs the same on the
fixture articles inside a whole page's furniture (`tests/support/furniture.py`, about
60 KiB a page);
`--cpu` times the passes in CPU time (`time.process_time`), steadier on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from parsers import decode_html, parse
from parsers.registry import Registry
from tests.support.furniture import full_page

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
FOLDERS = ("tuyengiao.vn", "liferay", "vnportal", "wordpress", "newspaper", "generic")
_WORD = re.compile(r"\w+")


@dataclass
class Guess:
    title: str | None
    published: str | None
    author: str | None
    sapo: str
    body: str


def fixtures() -> list[tuple[str, bytes, dict]]:
    found = []
    for folder in FOLDERS:
        for path in sorted((FIXTURES / folder).glob("*.json")):
            if path.name.endswith(".links.json"):
                continue
            record = json.loads(path.read_text(encoding="utf-8"))
            html = path.with_suffix(".html").read_bytes()
            found.append((f"{folder}/{path.stem}", html, record))
    return found


def with_furniture(pages: list[tuple[str, bytes, dict]]) -> list[tuple[str, bytes, dict]]:
    """The same articles inside a whole page's furniture, as UTF-8."""
    return [
        (name, full_page(decode_html(html)[0], seed).encode("utf-8"), record)
        for seed, (name, html, record) in enumerate(pages)
    ]


def ours(registry: Registry | None) -> Callable[[bytes, str], Guess]:
    def run(html: bytes, url: str) -> Guess:
        article = parse(html, url, registry=registry)
        author = article.byline.author if article.byline else None
        sapo = article.sapo or ""
        return Guess(article.title, article.published_at, author, sapo, article.body_text)

    return run


def trafilatura_run(html: bytes, url: str) -> Guess:
    import trafilatura

    text, _ = decode_html(html)
    doc = trafilatura.bare_extraction(
        text, url=url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S", "original_date": True},
    )  # fmt: skip
    if doc is None:
        return Guess(None, None, None, "", "")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    return Guess(get("title"), get("date"), get("author"), "", get("text") or "")


def newspaper_run(html: bytes, url: str) -> Guess:
    import newspaper

    text, _ = decode_html(html)
    article = newspaper.Article(url, language="vi")
    article.download(input_html=text)
    article.parse()
    published = article.publish_date.isoformat() if article.publish_date else None
    author = article.authors[0] if article.authors else None
    return Guess(article.title or None, published, author, "", article.text or "")


EXTRACTORS: dict[str, Callable[[], Callable[[bytes, str], Guess]]] = {
    "profiles": lambda: ours(None),
    "generic": lambda: ours(Registry([])),
    "trafilatura": lambda: trafilatura_run,
    "newspaper4k": lambda: newspaper_run,
}


def tokens(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def f1(guess: str, truth: str) -> float:
    g, t = tokens(guess), tokens(truth)
    if not g and not t:
        return 1.0
    common = sum((g & t).values())
    if not common:
        return 0.0
    precision, recall = common / sum(g.values()), common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def instant(value: str | None) -> datetime | date | None:
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=None) if moment.tzinfo is None else moment


def same_time(guess: str | None, truth: str | None) -> bool:
    g, t = instant(guess), instant(truth)
    if g is None or t is None:
        return g is t
    if isinstance(t, datetime) and isinstance(g, datetime):
        if g.tzinfo is None:  # a naive time is read as the page's local time
            return g == t.replace(tzinfo=None)
        return g == t
    return type(g) is type(t) and g == t


def same_day(guess: str | None, truth: str | None) -> bool:
    g, t = instant(guess), instant(truth)
    if g is None or t is None:
        return g is t
    day = lambda v: v.date() if isinstance(v, datetime) else v  # noqa: E731
    return day(g) == day(t)


def score(run: Callable[[bytes, str], Guess], pages: list[tuple[str, bytes, dict]]) -> dict:
    rows = {"title": [], "time": [], "day": [], "author": [], "body": [], "text": [], "extra": []}
    for _name, html, record in pages:
        try:
            guess = run(html, record["url"])
        except Exception:  # a library failing on a page scores zero on it
            guess = Guess(None, None, None, "", "")
        truth_author = (record["byline"] or {}).get("author")
        truth_text = "\n".join(filter(None, [record["sapo"], record["body_text"]]))
        rows["title"].append(guess.title == record["title"])
        rows["time"].append(same_time(guess.published, record["published_at"]))
        rows["day"].append(same_day(guess.published, record["published_at"]))
        rows["author"].append(guess.author == truth_author)
        rows["body"].append(f1(guess.body, record["body_text"]))
        rows["text"].append(f1("\n".join(filter(None, [guess.sapo, guess.body])), truth_text))
        expected_lines = set(truth_text.split("\n"))
        rows["extra"].append(any(line not in expected_lines for line in guess.body.split("\n")))
    return {
        "title": statistics.mean(rows["title"]),
        "published_at": statistics.mean(rows["time"]),
        "day": statistics.mean(rows["day"]),
        "author": statistics.mean(rows["author"]),
        "body_f1": statistics.mean(rows["body"]),
        "body_f1_min": min(rows["body"]),
        "text_f1": statistics.mean(rows["text"]),
        "extra_lines": sum(rows["extra"]),
    }


def one_pass(
    run: Callable[[bytes, str], Guess], pages: list, clock: Callable[[], float] = time.perf_counter
) -> float:
    start = clock()
    for _name, html, record in pages:
        try:
            run(html, record["url"])
        except Exception:
            continue
    return clock() - start


def speeds(
    runners: dict[str, Callable],
    pages: list,
    rounds: int,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """Pages per second of each runner: the best of `rounds` passes, runners interleaved
    so that a busy moment of a shared machine does not favour one of them. With
    `time.process_time` as the clock, a pass counts this process's CPU time only, which
    other work on the machine disturbs less than the wall clock."""
    best = dict.fromkeys(runners, float("inf"))
    for _ in range(rounds):
        for name, run in runners.items():
            best[name] = min(best[name], one_pass(run, pages, clock))
    return {name: len(pages) / seconds for name, seconds in best.items()}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=5)
    options.add_argument("--full-pages", action="store_true", help="whole pages, not fixtures")
    options.add_argument("--cpu", action="store_true", help="time passes in CPU time")
    options.add_argument(
        "--extractors", default=",".join(EXTRACTORS), help="comma-separated, of: %(default)s"
    )
    arguments = options.parse_args()
    rounds = arguments.rounds
    warnings.filterwarnings("ignore")
    pages = with_furniture(fixtures()) if arguments.full_pages else fixtures()
    names = arguments.extractors.split(",")
    unknown = set(names) - set(EXTRACTORS)
    if unknown:
        options.error(f"unknown extractor {', '.join(sorted(unknown))}")
    runners = {name: EXTRACTORS[name]() for name in names}
    clock = time.process_time if arguments.cpu else time.perf_counter
    rates = speeds(runners, pages, rounds, clock)
    size = statistics.mean(len(html) for _, html, _ in pages) / 1024
    print(f"{len(pages)} article pages, {size:.1f} KiB each on average")
    print(
        "extractor     title  published_at  day   author  body_F1  (min)  text_F1  extra  pages/s"
    )
    for name, run in runners.items():
        s = score(run, pages)
        rate = rates[name]
        print(
            f"{name:<12} {s['title']:6.1%} {s['published_at']:8.1%} {s['day']:9.1%}"
            f" {s['author']:7.1%} {s['body_f1']:7.3f} {s['body_f1_min']:6.3f}"
            f" {s['text_f1']:7.3f} {s['extra_lines']:5d} {rate:8.1f}"
        )


if __name__ == "__main__":
    main()
