"""When each archived article is fetched again: the re-check schedule.

Every article has a next-check time (`recheck_schedule.next_check`, Unix seconds). The
wait after a check is a quarter of the time since the article last changed, between
`MIN_INTERVAL` and `MAX_INTERVAL`: half an hour for an article published two hours ago,
six hours at a day old, under two days at a week, three months at a year, and never more
than four months, so old articles are checked too (they are taken down as well). Each
wait is shortened by a random 0–25 % (jitter), so the articles archived in one crawl do
not all fall due together, and a check is never later than its interval allows.

A run takes at most `budget` due articles of a site, most overdue first (the time past
due as a share of the interval: half an hour late is much for a new article, nothing
for an old one), so a large archive spreads its checks over runs instead of making one
run a day-long crawl. Articles archived by any path (crawl, import-warc, import-jsonl,
merge) are enrolled at the start and end of every run (`enrol`).

"Changed" starts at the article's publication time (else its first fetch) and moves to
each edit, removal or restoration detected.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

MIN_INTERVAL = 30 * 60
MAX_INTERVAL = 120 * 86400
SHARE = 0.25  # interval = SHARE × time since the last change
JITTER = (0.75, 1.0)
RETRY_OUTAGE = 3600  # a check that met an outage is due again after this
SUSPECT_WAIT = 86400  # a suspected removal is checked again after a day at least

_ENROL = """
SELECT a.id, a.site, a.url, a.published_at, a.first_fetched_at, a.last_changed_at
FROM articles a
WHERE a.id > coalesce((SELECT max(article_id) FROM recheck_schedule), 0)
  AND NOT EXISTS (SELECT 1 FROM recheck_schedule s WHERE s.article_id = a.id)
"""
_DUE = """
SELECT article_id, url FROM recheck_schedule
WHERE site = ? AND next_check <= ?
ORDER BY (? - next_check) * 1.0 / interval_s DESC, next_check
LIMIT ?
"""


@dataclass(frozen=True, slots=True)
class Due:
    article_id: int
    url: str


def seconds(iso: str | None) -> float | None:
    """Unix seconds of an ISO 8601 time or date (a date alone: its midnight, +07:00)."""
    if not iso:
        return None
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC) + timedelta(hours=-7)
    return when.timestamp()


def iso(unix: float) -> str:
    return datetime.fromtimestamp(unix, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def interval_for(since_change: float) -> float:
    """The wait before the next check of an article unchanged for `since_change` seconds."""
    return min(MAX_INTERVAL, max(MIN_INTERVAL, SHARE * since_change))


def _next(now: float, changed: float, rng: random.Random) -> tuple[int, int]:
    interval = interval_for(max(0.0, now - changed))
    return int(now + interval * rng.uniform(*JITTER)), int(interval)


def enrol(db: Database, rng: random.Random) -> int:
    """Give every article without a schedule one (whatever its site); returns how many.

    An article's last check is taken as its last change of record (`last_changed_at`, at
    least its first fetch), its last change as its publication time (else that fetch).
    Articles are never deleted and their ids only grow, so only those after the last one
    enrolled are looked at: a run costs nothing here once all are in. (Enrolling one site
    at a time would break that: its last id would hide the other sites' earlier ones.)
    """
    rows = db.execute(_ENROL).fetchall()
    values = []
    for article_id, site_, url, published, first, last in rows:
        checked = seconds(last) or seconds(first) or 0.0
        changed = min(seconds(published) or checked, checked)
        next_check, interval = _next(checked, changed, rng)
        values.append((article_id, site_, url, iso(changed), last, next_check, interval))
    db.conn.executemany(
        "INSERT INTO recheck_schedule (article_id, site, url, changed_at, last_checked_at,"
        " next_check, interval_s) VALUES (?, ?, ?, ?, ?, ?, ?)",
        values,
    )
    return len(values)


def due(db: Database, site: str, now: float, budget: int | None) -> list[Due]:
    """The articles of `site` due at `now`, most overdue first, at most `budget`."""
    limit = -1 if budget is None else budget
    rows = db.execute(_DUE, [site, int(now), int(now), limit]).fetchall()
    return [Due(article_id, url) for article_id, url in rows]


def checked(
    db: Database,
    article_id: int,
    now: float,
    rng: random.Random,
    *,
    seen: bool,
    changed: bool = False,
) -> tuple[int, int] | None:
    """Reschedule after a check: `seen` if the article answered, `changed` if it changed
    (edited, removed or restored), which starts its waits short again. Returns the next
    check time and the interval, None for an article without a schedule."""
    row = db.execute(
        "SELECT changed_at FROM recheck_schedule WHERE article_id = ?", [article_id]
    ).fetchone()
    if row is None:
        return None
    changed_at = now if changed else (seconds(row[0]) or now)
    next_check, interval = _next(now, changed_at, rng)
    stamp = iso(now)
    db.execute(
        "UPDATE recheck_schedule SET last_checked_at = ?, next_check = ?, interval_s = ?,"
        " checks = checks + 1, changed_at = ?,"
        " last_seen_at = CASE WHEN ? THEN ? ELSE last_seen_at END WHERE article_id = ?",
        [stamp, next_check, interval, iso(changed_at), seen, stamp, article_id],
    )
    return next_check, interval


def check_again_after(db: Database, article_id: int, now: float, wait: float) -> None:
    """A check that proved nothing (an outage) or a suspected removal: due after `wait`
    seconds, whatever the interval."""
    db.execute(
        "UPDATE recheck_schedule SET last_checked_at = ?, next_check = ? WHERE article_id = ?",
        [iso(now), int(now + wait), article_id],
    )


def recent(db: Database, site: str, days: int) -> list[Due]:
    """The articles of `site` published (else first fetched) within `days` days."""
    if days <= 0:
        return []
    day = (datetime.now(UTC) - timedelta(days=days)).date().isoformat()
    rows = db.execute(
        "SELECT id, url FROM articles WHERE site = ?"
        " AND coalesce(published_at, first_fetched_at) >= ? ORDER BY id",
        [site, day],
    ).fetchall()
    return [Due(article_id, url) for article_id, url in rows]


def select(
    db: Database,
    site: str,
    *,
    older_than_days: int | None = None,
    urls: tuple[str, ...] = (),
) -> list[Due]:
    """Articles of `site` for a re-check outside the schedule: those at `urls` (canonical
    URLs or aliases), else those published more than `older_than_days` days ago, else all."""
    if urls:
        marks = ", ".join("?" * len(urls))
        rows = db.execute(
            "SELECT DISTINCT a.id, a.url FROM articles a JOIN article_urls u ON u.article_id = a.id"
            f" WHERE a.site = ? AND (u.url IN ({marks}) OR a.canonical_url IN ({marks}))"
            " ORDER BY a.id",
            [site, *urls, *urls],
        ).fetchall()
    elif older_than_days is not None:
        day = (datetime.now(UTC) - timedelta(days=older_than_days)).date().isoformat()
        rows = db.execute(
            "SELECT id, url FROM articles WHERE site = ?"
            " AND substr(coalesce(published_at, first_fetched_at), 1, 10) < ? ORDER BY id",
            [site, day],
        ).fetchall()
    else:
        rows = db.execute("SELECT id, url FROM articles WHERE site = ? ORDER BY id", [site])
    return [Due(article_id, url) for article_id, url in rows]
