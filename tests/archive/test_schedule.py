"""The re-check schedule: intervals by age, and a simulated year of nightly runs over
10,000 archived URLs — each run within its budget, every URL checked again within its
interval.

The simulation runs the schedule's own functions on a real archive file; only the clock
is simulated (a run a day, as the nightly job), and the fetches are what a check would decide."""

from __future__ import annotations

import bisect
import random
from pathlib import Path

import pytest

from scraper.archive import schedule
from scraper.archive.schedule import MAX_INTERVAL, MIN_INTERVAL, interval_for, iso
from scraper.archive.store import Archive

HOUR, DAY = 3600, 86400
T0 = 1_767_225_600  # 2026-01-01T00:00:00Z
PERIOD = DAY
SITE = "tuyengiao.vn"


def test_the_wait_grows_with_the_time_since_the_last_change() -> None:
    assert interval_for(2 * HOUR) == MIN_INTERVAL  # minutes for a new article
    assert interval_for(DAY) == 6 * HOUR  # hours at a day old
    assert 1 * DAY < interval_for(7 * DAY) < 2 * DAY  # days after a week
    assert 80 * DAY < interval_for(365 * DAY) < 100 * DAY  # months after a year
    assert interval_for(20 * 365 * DAY) == MAX_INTERVAL  # never "never"


def _add(archive: Archive, ids: range, published: list[float], fetched: float) -> None:
    archive.db.conn.executemany(
        "INSERT INTO articles (id, canonical_url, url, site, title, body_text, published_at,"
        " parser, body_hash, content_hash, record_slim, first_fetched_at, last_changed_at)"
        " VALUES (?, ?, ?, ?, 't', 'b', ?, 'p', 'h', 'h', '{}', ?, ?)",
        [
            (i, f"https://{SITE}/bai-{i}", f"https://{SITE}/bai-{i}", SITE, iso(p), iso(fetched),
             iso(fetched))
            for i, p in zip(ids, published, strict=True)
        ],
    )  # fmt: skip


def _run(
    archive: Archive,
    now: float,
    budget: int,
    rng: random.Random,
    promised: dict[int, float],
    per_run: list[int],
    late: list[float],
) -> int:
    """One run: check what is due (1 % of the checks find an edit); note each promise."""
    db = archive.db
    due = schedule.due(db, SITE, now, budget)
    per_run.append(len(due))
    for item in due:
        late.append(now - promised[item.article_id])
        edited = rng.random() < 0.01
        found = schedule.checked(db, item.article_id, now, rng, seen=True, changed=edited)
        assert found is not None
        next_check, interval = found
        assert next_check <= now + interval
        promised[item.article_id] = next_check + PERIOD
    return len(due)


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "archive.db") as archive:
        yield archive


def test_a_year_of_runs_over_10000_urls_keeps_the_budget_and_every_interval(
    archive: Archive,
) -> None:
    rng = random.Random(19)
    budget = 500
    old = 9000  # archived by a first crawl at T0, published over the five years before
    _add(archive, range(1, old + 1), [T0 - rng.uniform(0, 5 * 365 * DAY) for _ in range(old)], T0)
    # 1,000 more published (and archived within the hour) during the year.
    arrivals = sorted(T0 + rng.uniform(0, 365 * DAY) for _ in range(1000))
    db = archive.db
    promised: dict[int, float] = {}  # article → latest time its next check may come
    checks, per_run, late = 0, [], []
    now = T0
    while now < T0 + 365 * DAY:
        now += PERIOD
        with archive.transaction():
            first = old + 1 + bisect.bisect_right(arrivals, now - PERIOD)
            fresh = arrivals[first - old - 1 : bisect.bisect_right(arrivals, now)]
            if fresh:
                _add(archive, range(first, first + len(fresh)), fresh, now - rng.uniform(0, HOUR))
            schedule.enrol(db, rng)
            for article_id, next_check, interval in db.execute(
                "SELECT article_id, next_check, interval_s FROM recheck_schedule"
                " WHERE article_id > ?",
                [max(promised, default=0)],
            ).fetchall():
                assert next_check <= now + interval
                promised[article_id] = next_check + PERIOD
            checks += _run(archive, now, budget, rng, promised, per_run, late)
    assert max(per_run) <= budget
    assert max(late) <= 0, f"{sum(x > 0 for x in late)} checks came later than promised"
    assert min(promised.values()) > now  # and none is overdue at the end
    # Every URL was checked again within its interval, at least once in the year, and the
    # checks are spread: no run takes more than a few times the average.
    never = db.execute(
        "SELECT count(*) FROM recheck_schedule WHERE checks = 0 AND article_id <= ?", [old]
    ).fetchone()[0]
    assert never == 0
    assert max(per_run) < 4 * checks / len(per_run)


def test_when_more_are_due_than_the_budget_the_most_overdue_go_first(archive: Archive) -> None:
    rng = random.Random(7)
    _add(archive, range(1, 2001), [T0 - 3 * 365 * DAY] * 2000, T0)
    schedule.enrol(archive.db, rng)
    archive.db.execute("UPDATE recheck_schedule SET next_check = ? WHERE article_id <= 10", [T0])
    later = T0 + 200 * DAY  # everything is due now; the first ten have waited longest
    due = schedule.due(archive.db, SITE, later, 100)
    assert len(due) == 100
    assert {d.article_id for d in due[:10]} == set(range(1, 11))
    seen: set[int] = set()
    runs = 0
    while len(seen) < 2000:
        for item in schedule.due(archive.db, SITE, later, 100):
            schedule.checked(archive.db, item.article_id, later, rng, seen=True)
            seen.add(item.article_id)
        runs += 1
        assert runs <= 20  # 2,000 due at once take 20 runs of 100, not more


def test_every_site_is_enrolled_whatever_the_order_of_ids(archive: Archive) -> None:
    rng = random.Random(3)
    _add(archive, range(1, 101), [T0 - DAY] * 100, T0)
    archive.db.execute("UPDATE articles SET site = 'other.gov.vn' WHERE id % 2 = 0")
    assert schedule.enrol(archive.db, rng) == 100
    _add(archive, range(101, 111), [T0] * 10, T0 + HOUR)
    assert schedule.enrol(archive.db, rng) == 10
    assert schedule.enrol(archive.db, rng) == 0
    sites = archive.db.execute("SELECT site, count(*) FROM recheck_schedule GROUP BY site")
    assert dict(sites.fetchall()) == {SITE: 60, "other.gov.vn": 50}
