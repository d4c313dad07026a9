"""Profiles learned from a site's own pages, measured on pages they did not see.

Leave-one-out: for each article page of a site with two or more pages, a profile is
learned from the site's other pages (`parsers.learn.learn`, the packaged profile set
aside) and the held-out page is parsed with it; the generic parser reads the same page.
Sites: the fixture pages of each family (tests/fixtures/<family>/, grouped by host) and
the hosts of ../shared/real-pages/ with two or more pages (index.tsv). Fields as the
real-pages README scores them: title and date exact (a date to the minute), body by
token F1, author exact after folding. Then the time to learn from ten pages.

    python benchmarks/bench_learn.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parsers import NotAnArticle, Registry, parse
from parsers.learn import LearnError, learn
from parsers.learn.fields import token_f1
from parsers.learn.pages import read_page, templates
from parsers.sites.catalog import failer, parser_profile

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
REAL = ROOT.parent / "shared" / "real-pages"
FAMILIES = ("tuyengiao.vn", "liferay", "vnportal", "wordpress", "newspaper")


def fold(text: str | None) -> str | None:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split()) if text else None


def fixture_cases() -> dict[tuple[str, str], list[tuple[Path, dict]]]:
    """(group, host) → pages with their expected record (url, title, published, body, author)."""
    sites: dict[tuple[str, str], list[tuple[Path, dict]]] = defaultdict(list)
    for family in FAMILIES:
        for path in sorted((FIXTURES / family).glob("*.json")):
            if path.name.endswith(".links.json") or ".cp1258" in path.name or ".nfd" in path.name:
                continue  # the same page in another encoding or normal form
            record = json.loads(path.read_text(encoding="utf-8"))
            expected = {
                "url": record["url"], "title": record["title"],
                "published": record["published_at"], "body": record["body_text"],
                "author": (record["byline"] or {}).get("author"), "section": record["section"],
            }  # fmt: skip
            sites[(family, urlsplit(record["url"]).hostname)].append(
                (path.with_suffix(".html"), expected)
            )
    if (REAL / "index.tsv").is_file():
        for line in (REAL / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]:
            number, host, _url = line.split("\t")
            record = json.loads((REAL / f"{number}.json").read_text(encoding="utf-8"))
            expected = {
                "url": record["url"], "title": record["title"], "published": record["published"],
                "body": record["body_text"], "author": record["author"],
                "section": record["section"],
            }  # fmt: skip
            sites[("real-pages", host)].append((REAL / f"{number}.html", expected))
    return sites


def scores(article, expected: dict) -> dict[str, float]:
    if article is None:
        return {"title": 0.0, "date": 0.0, "body": 0.0, "author": 0.0, "section": 0.0}
    date, want = article.published_at, expected["published"]
    same_date = bool(date and want) and (
        date[:16] == want[:16] if len(date) > 10 and len(want) > 10 else date == want
    )
    author = article.byline.author if article.byline else None
    return {
        "title": float(fold(article.title) == fold(expected["title"])),
        "date": float(same_date or (date is None and want is None)),
        "body": token_f1(expected["body"], article.body_text),
        "author": float(fold(author) == fold(expected["author"])),
        "section": float(fold(article.section) == fold(expected["section"])),
    }


def read(path: Path, url: str, registry: Registry):
    try:
        return parse(path.read_bytes(), url, registry=registry)
    except NotAnArticle:
        return None


def same_template(rest: list[tuple[bytes, str]], held: tuple[bytes, str]):
    """The learning pages of the held-out page's template when the site has pages of
    two (as a user would learn a template with too few pages of its own: from those)."""
    pages = [read_page(n, raw, url) for n, (raw, url) in enumerate([*rest, held], 1)]
    groups = templates(pages)
    if len(groups) == 1:
        return rest
    mine = next(g for g in groups if pages[-1] in g)
    return [rest[p.number - 1] for p in mine if p is not pages[-1]] or rest


def leave_one_out(sites) -> tuple[dict, list[str]]:
    table: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    lines = []
    for (group, host), pages in sorted(sites.items()):
        if len(pages) < 2:
            continue
        for held, (path, expected) in enumerate(pages):
            rest = [(p.read_bytes(), e["url"]) for i, (p, e) in enumerate(pages) if i != held]
            rest = same_template(rest, (path.read_bytes(), expected["url"]))
            try:
                # As the command learns (two pages at least, two agreeing) where the site
                # has the pages; from the one other page of a two-page site.
                profile = learn(host, rest, minimum=min(2, len(rest)))
            except LearnError as exc:
                lines.append(f"{group} {path.name}: not learned: {exc}")
                continue
            parser = parser_profile(profile.data, failer(host))
            got = scores(read(path, expected["url"], Registry([parser])), expected)
            base = scores(read(path, expected["url"], Registry([])), expected)
            for name in got:
                table[group][f"learned {name}"].append(got[name])
                table[group][f"generic {name}"].append(base[name])
            table[group]["worse"].append(float(any(got[n] < base[n] for n in got)))
            learned_fields = ",".join(sorted(profile.data["selectors"]))
            lines.append(
                f"{group} {path.name} (from {len(rest)}): learned "
                + " ".join(f"{k}={v:.2f}" for k, v in got.items())
                + " | generic "
                + " ".join(f"{k}={v:.2f}" for k, v in base.items())
                + f" | selectors {learned_fields}"
            )
    return table, lines


def learning_time(repeat: int) -> list[float]:
    """Seconds to learn from ten pages (the tuyengiao.vn fixtures of the older layout,
    repeated to ten), one core."""
    pages = []
    for path in sorted((FIXTURES / "tuyengiao.vn").glob("*.json")):
        if path.name.endswith(".links.json") or "bo-cuc-moi" in path.name:
            continue
        url = json.loads(path.read_text(encoding="utf-8"))["url"]
        pages.append((path.with_suffix(".html").read_bytes(), url))
    pages = (pages * 2)[:10]
    times = []
    for _ in range(repeat):
        start = time.process_time()
        learn("tuyengiao.vn", pages)
        times.append(time.process_time() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing runs (default 5)")
    parser.add_argument("--verbose", action="store_true", help="one line per held-out page")
    args = parser.parse_args()
    table, lines = leave_one_out(fixture_cases())
    if args.verbose:
        print("\n".join(lines))
    names = ("title", "date", "body", "author", "section")
    print(f"{'group':<14} {'pages':>5}  " + "  ".join(f"{n:>15}" for n in names) + "  worse")
    for group, cells in table.items():
        mean = {key: statistics.mean(values) for key, values in cells.items()}
        row = [f"{mean['learned ' + n]:.3f}/{mean['generic ' + n]:.3f}" for n in names]
        pages, worse = len(cells["learned title"]), int(sum(cells["worse"]))
        print(f"{group:<14} {pages:>5}  " + "  ".join(f"{c:>15}" for c in row) + f"  {worse:>5}")
    print("(learned/generic, mean over the held-out pages; worse: held-out pages on which a")
    print(" learned field scored below the generic parser's)")
    times = learning_time(args.repeat)
    print(f"learning from ten pages: {min(times):.3f}–{max(times):.3f} s CPU ({len(times)} runs)")


if __name__ == "__main__":
    main()
