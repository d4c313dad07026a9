"""Re-checks at scale: choosing a run's due URLs in a large archive, and comparing a
re-fetched page with its last version.

    PYTHONPATH=. python benchmarks/bench_changes.py [--articles 200000] [--sites 40]
        [--budget 200] [--rounds 5]

**Choosing.** A simulated archive of `--articles` articles over `--sites` sites, published
over ten years, each last fetched in the last four months (as under the schedule) and
with the fetch-log row a crawl leaves (the validators' look-up reads it): the schedule
is enrolled once (timed apart: a one-off, when an archive first gets the schedule), then
a run's choice is timed as `update` makes it — for every site, enrol (nothing new), the
due articles most overdue first within the budget, and their validators. Two moments: a
day later (a normal run), and a year later with everything overdue (a backlog: every
due row of every site is sorted by how overdue it is).

**Comparing.** Every article fixture page (all families) inside a whole page of
furniture (`tests/support/furniture.py`, about 60 KiB) is parsed as the archived version;
the "re-fetched" page is the same page with other furniture (no edit), and with an edit
(a position changed, a document replaced and a sentence rewritten). Timed: the
comparison of the re-fetched record with the archived record's JSON (what a re-check
does once the page is parsed), and, apart, parsing the re-fetched page. Best of
`--rounds`, CPU time.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from parsers import parse
from parsers.compare import compare
from scraper.archive import schedule
from scraper.archive.recheck import rechecks
from scraper.archive.schedule import iso
from scraper.archive.store import Archive
from tests.conftest import FIXTURES, article_fixtures
from tests.support.furniture import full_page

DAY = 86400


def build(archive: Archive, articles: int, sites: int, now: float) -> list[str]:
    rng = random.Random(19)
    names = [f"site-{k:02d}.gov.vn" for k in range(sites)]
    rows, fetches = [], []
    for i in range(1, articles + 1):
        site = names[i % sites]
        url = f"https://{site}/tin-tuc/bai-{i}-{100000 + i}"
        published = now - rng.uniform(0, 10 * 365 * DAY)
        stamp = iso(max(published, now - rng.uniform(0, 120 * DAY)))  # last fetched
        rows.append((i, url, url, site, iso(published), stamp, stamp))
        fetches.append((url, url, stamp, f"f{i // 5000}.warc.gz", i * 900, 900, f"<urn:{i}>", i))
    db = archive.db
    with archive.transaction():
        db.conn.executemany(
            "INSERT INTO articles (id, canonical_url, url, site, title, body_text, published_at,"
            " parser, body_hash, content_hash, record_slim, first_fetched_at, last_changed_at)"
            " VALUES (?, ?, ?, ?, 't', 'b', ?, 'p', 'h', 'h', '{}', ?, ?)",
            rows,
        )
        db.conn.executemany(
            "INSERT INTO fetches (url, fetch_url, status, fetched_at, outcome, warc_file,"
            " warc_offset, warc_length, warc_record_id, article_id, etag, warc_payload_digest)"
            " VALUES (?, ?, 200, ?, 'new', ?, ?, ?, ?, ?, '\"e\"', 'sha1:X')",
            fetches,
        )
    return names


def choose(archive: Archive, names: list[str], now: float, budget: int) -> tuple[float, float, int]:
    """One run's choice for every site, as `update` makes it; CPU and wall seconds, URLs."""
    rng = random.Random(1)
    start, wall = time.process_time(), time.perf_counter()
    chosen = 0
    for site in names:
        with archive.transaction():
            schedule.enrol(archive.db, rng)
            due = schedule.due(archive.db, site, now, budget)
        chosen += len(rechecks(archive, due))
    return time.process_time() - start, time.perf_counter() - wall, chosen


def bench_choosing(articles: int, sites: int, budget: int, rounds: int) -> None:
    now = time.time()
    with tempfile.TemporaryDirectory() as tmp, Archive(Path(tmp) / "bench.db") as archive:
        names = build(archive, articles, sites, now)
        start = time.process_time()
        with archive.transaction():
            schedule.enrol(archive.db, random.Random(0))
        print(f"enrol {articles:,} articles once: {time.process_time() - start:.2f} s CPU")
        moments = (("a day later", now + DAY), ("a year later, all overdue", now + 365 * DAY))
        for label, at in moments:
            times = [choose(archive, names, at, budget) for _ in range(rounds)]
            best = min(t for t, _, _ in times)
            due = archive.db.execute(
                "SELECT count(*) FROM recheck_schedule WHERE next_check <= ?", [int(at)]
            ).fetchone()[0]
            print(
                f"choose a run's URLs, {label}: {best * 1000:.0f} ms CPU"
                f" (median {statistics.median(t for t, _, _ in times) * 1000:.0f} ms; wall"
                f" best {min(w for _, w, _ in times) * 1000:.0f} ms);"
                f" {times[0][2]:,} chosen of {due:,} due, {sites} sites, budget {budget}"
            )


def edited(record: dict) -> dict:
    """The record with a position changed, a document replaced and a sentence rewritten."""
    new = json.loads(json.dumps(record))
    if new["persons"]:
        new["persons"][0]["positions"] = ["Bí thư Tỉnh ủy"]
    if new["directives"]:
        new["directives"][0]["id"] = "57-NQ/TW"
    lines = new["body_text"].split("\n")
    middle = len(lines) // 2
    lines[middle] = "Hội nghị đã thống nhất điều chỉnh nội dung " + lines[middle][::-1]
    new["body_text"] = "\n".join(lines)
    return new


def bench_comparing(rounds: int) -> None:
    cases = []
    for folder, name in article_fixtures():
        if "." in name:
            continue
        url = json.loads((FIXTURES / folder / f"{name}.json").read_text(encoding="utf-8"))["url"]
        html = (FIXTURES / folder / f"{name}.html").read_text(encoding="utf-8")
        archived = json.dumps(parse(full_page(html, seed=1), url).to_dict(), ensure_ascii=False)
        cases.append((url, full_page(html, seed=2), archived))
    refetched = [parse(page, url).to_dict() for url, page, _ in cases]
    changed = [edited(record) for record in refetched]

    def timed(work) -> list[float]:
        best = []
        for index in range(len(cases)):
            runs = []
            for _ in range(rounds):
                start = time.process_time()
                work(index)
                runs.append(time.process_time() - start)
            best.append(min(runs) * 1000)
        return best

    same = timed(lambda i: compare(json.loads(cases[i][2]), refetched[i]))
    edit = timed(lambda i: compare(json.loads(cases[i][2]), changed[i]))
    parsing = timed(lambda i: parse(cases[i][1], cases[i][0]))
    pairs = zip(cases, refetched, strict=True)
    assert all(not compare(json.loads(case[2]), new).changed for case, new in pairs)
    for label, values in (
        ("compare, no edit", same),
        ("compare, edited", edit),
        ("parse the re-fetched page", parsing),
    ):
        print(
            f"{label}: median {statistics.median(values):.2f} ms, max {max(values):.2f} ms"
            f" ({len(values)} pages, CPU, best of {rounds})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--sites", type=int, default=40)
    parser.add_argument("--budget", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    bench_comparing(args.rounds)
    bench_choosing(args.articles, args.sites, args.budget, args.rounds)


if __name__ == "__main__":
    main()
