"""Every article placed in the map of its day and in today's map (`article_places`).

The placement is derived data, like the search index: `refresh_places` places each
article not placed yet, changed since it was placed, or of a site whose profile now
names another province or life, with `parsers.places.placement.place`. It runs at the
end of each run and before search, export and serve read placements, in batches, each
in a transaction (`Archive.place_articles`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlite_utils import Database

from parsers.places.placement import place
from parsers.places.provinces import Province, select
from scraper.sites.profile import SiteProfile

BATCH = 2000


def site_key(profile: SiteProfile | None) -> str:
    """What of a site's profile a placement depends on, as one string."""
    if profile is None:
        return ""
    return f"{profile.province or ''}|{profile.valid_until or ''}"


def _day(published_at: str | None) -> date | None:
    try:
        return date.fromisoformat(published_at[:10]) if published_at else None
    except ValueError:
        return None


def _stale(db: Database, site: str, key: str, after: int) -> list[tuple]:
    return db.execute(
        """
        SELECT a.id, a.byline_organization, a.title, coalesce(a.sapo, ''), a.body_text,
               a.published_at, a.last_changed_at
        FROM articles a LEFT JOIN article_places p ON p.article_id = a.id
        WHERE a.site = ? AND a.id > ?
          AND (p.article_id IS NULL OR p.changed_at IS NOT a.last_changed_at
               OR p.site_key IS NOT ?)
        ORDER BY a.id LIMIT ?
        """,
        [site, after, key, BATCH],
    ).fetchall()


def _row(profile: SiteProfile | None, key: str, article: tuple) -> tuple:
    article_id, organisation, title, sapo, body, published_at, changed_at = article
    placed = place(
        site_province=profile.province if profile else None,
        byline_organization=organisation,
        text=f"{title}\n{sapo}\n{body}",
        published=_day(published_at),
        site_until=profile.valid_until if profile else None,
    )
    published, now = placed.published, placed.today
    return (
        article_id,
        published.id if published else None,
        published.name if published else None,
        now.id if now else None,
        now.name if now else None,
        placed.rule,
        placed.evidence,
        key,
        changed_at,
    )


def refresh_places(db: Database, sites: Mapping[str, SiteProfile]) -> int:
    """Place every article that needs it; returns how many were (re)placed."""
    placed = 0
    for (site,) in db.execute("SELECT DISTINCT site FROM articles").fetchall():
        profile = sites.get(site)
        key = site_key(profile)
        after = 0
        while rows := _stale(db, site, key, after):
            with db.atomic():
                db.conn.executemany(
                    "INSERT OR REPLACE INTO article_places (article_id, published_id,"
                    " province_published, today_id, province_today, rule, evidence,"
                    " site_key, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [_row(profile, key, row) for row in rows],
                )
            placed += len(rows)
            after = rows[-1][0]
    return placed


class UnknownProvince(ValueError):
    """A --province name that is no province of either map."""


def province_filter(name: str, as_of: date | None) -> tuple[Province, tuple[Province, ...]]:
    """The unit NAME denotes and the units an article's province as published must be one
    of (`parsers.places.provinces.select`)."""
    selected = select(name, as_of)
    if selected is None:
        raise UnknownProvince(f"unknown province {name!r} (a name of the 63 or the 34)")
    return selected
