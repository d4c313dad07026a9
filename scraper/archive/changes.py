"""What changed on the sites: edits, removals, restorations and moves, as events.

`changes` holds one row per event an analyst reads: an article **edited** (its record
compared field by field, `parsers.compare`), **removed**, **restored** after a removal,
or **moved** (its URL now redirects to the same article elsewhere). `removals` holds the
episodes behind the removed/restored events, and the suspicions that came to nothing.

A URL's removal goes live → suspect → removed. A failure that says the page is gone (the
kinds of `REMOVAL_KINDS`) makes it suspect; it is removed only when a failure is seen
again on another run at least `CONFIRM_AFTER` later, and the caller reports failures
only from runs where the same site's other pages answered (an outage proves nothing). A
page that answers again closes the episode: a suspicion is `cleared` (no event), a
removal is `restored` (an event; the removal stays on record). Nothing is deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from parsers.compare import Comparison
from scraper.archive.schedule import seconds

REMOVAL_KINDS = ("gone", "redirected", "soft_404", "replaced", "access_denied")
KINDS = ("edited", "removed", "restored", "moved")
CONFIRM_AFTER = 86400


@dataclass(frozen=True, slots=True)
class Page:
    """The archived article a check was about, and the check."""

    article_id: int
    url: str
    site: str
    at: str  # when it was fetched (ISO, UTC)
    fetch_id: int | None
    run_id: int | None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A check whose answer says the article is gone, and how."""

    page: Page
    kind: str  # one of REMOVAL_KINDS
    http_status: int | None
    target_url: str | None = None


def _event(db: Database, page: Page, kind: str, **values: object) -> int:
    row = {
        "article_id": page.article_id,
        "url": page.url,
        "site": page.site,
        "kind": kind,
        "detected_at": page.at,
        "observed_to": page.at,
        "fetch_id": page.fetch_id,
        "run_id": page.run_id,
        **values,
    }
    cursor = db.conn.execute(
        f"INSERT INTO changes ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    return int(cursor.lastrowid)


def record_edit(
    db: Database, page: Page, comparison: Comparison, version_id: int, observed_from: str | None
) -> int:
    """An `edited` event for the version the page replaced (`article_versions` row)."""
    return _event(
        db,
        page,
        "edited",
        observed_from=observed_from,
        fields=json.dumps(list(comparison.fields)),
        substantive=int(comparison.substantive),
        field_diff=json.dumps(comparison.field_diff, ensure_ascii=False),
        text_diff=json.dumps(list(comparison.text_diff), ensure_ascii=False),
        diff=_readable(comparison),
        similarity=round(comparison.similarity, 4),
        version_id=version_id,
    )


def _readable(comparison: Comparison) -> str:
    """The change as a reader would want it: field by field, then the text's word diff."""
    lines = []
    for name, diff in comparison.field_diff.items():
        if name == "persons":
            lines += [f"person removed: {n}" for n in diff["removed"]]
            lines += [f"person added: {n}" for n in diff["added"]]
            for change in diff["positions"]:
                old, new = "; ".join(change["old"]) or "-", "; ".join(change["new"]) or "-"
                lines.append(f"position of {change['name']}: {old} → {new}")
        elif name == "directives":
            lines += [f"document removed: {d}" for d in diff["removed"]]
            lines += [f"document added: {d}" for d in diff["added"]]
        else:
            lines.append(f"{name}: {diff['old']} → {diff['new']}")
    text = comparison.readable_diff()
    return "\n".join(lines + ([f"text:\n{text}"] if text else []))


def record_moved(db: Database, page: Page, target: str, last_seen: str | None) -> int | None:
    """A `moved` event, once per new target (the schedule remembers the last one)."""
    row = db.execute(
        "SELECT moved_to FROM recheck_schedule WHERE article_id = ?", [page.article_id]
    ).fetchone()
    if row and row[0] == target:
        return None
    db.execute(
        "UPDATE recheck_schedule SET moved_to = ? WHERE article_id = ?", [target, page.article_id]
    )
    return _event(db, page, "moved", detail=target, observed_from=last_seen)


def _open_removal(db: Database, article_id: int) -> tuple | None:
    return db.execute(
        "SELECT id, status, first_failed_at, last_run_id, failed_runs, last_seen_at,"
        " last_failed_at FROM removals"
        " WHERE article_id = ? AND status IN ('suspect', 'removed') ORDER BY id DESC LIMIT 1",
        [article_id],
    ).fetchone()


def removal_evidence(db: Database, evidence: Evidence, last_seen: str | None) -> str:
    """Take in a failure from a run where the site answered; returns the URL's state now:
    `suspect`, `removed` (just confirmed: an event is recorded) or `still removed`."""
    page = evidence.page
    found = _open_removal(db, page.article_id)
    update = {
        "kind": evidence.kind,
        "http_status": evidence.http_status,
        "target_url": evidence.target_url,
        "last_failed_at": page.at,
        "fetch_id": page.fetch_id,
        "last_run_id": page.run_id,
    }
    if found is None:
        db["removals"].insert(
            {
                **update,
                "article_id": page.article_id,
                "url": page.url,
                "site": page.site,
                "status": "suspect",
                "last_seen_at": last_seen,
                "first_failed_at": page.at,
                "failed_runs": 1,
            }
        )
        return "suspect"
    removal_id, status, first_failed, last_run, runs, seen_before, _ = found
    runs += page.run_id != last_run
    update["failed_runs"] = runs
    if status == "removed":
        db["removals"].update(removal_id, update)
        return "still removed"
    waited = (seconds(page.at) or 0) - (seconds(first_failed) or 0)
    if runs >= 2 and waited >= CONFIRM_AFTER:
        db["removals"].update(removal_id, {**update, "status": "removed", "removed_at": page.at})
        detail = evidence.kind + (f" → {evidence.target_url}" if evidence.target_url else "")
        _event(
            db,
            page,
            "removed",
            detail=detail,
            observed_from=seen_before,
            observed_to=first_failed,
            removal_id=removal_id,
        )
        return "removed"
    db["removals"].update(removal_id, update)
    return "suspect"


def answered(db: Database, page: Page) -> str | None:
    """The article answered: close an open removal episode. Returns `restored` (an event
    is recorded), `cleared` (a suspicion dropped) or None (nothing was open)."""
    found = _open_removal(db, page.article_id)
    if found is None:
        return None
    removal_id, status, *_, last_failed = found
    if status == "suspect":
        db["removals"].update(removal_id, {"status": "cleared", "restored_at": page.at})
        return "cleared"
    db["removals"].update(removal_id, {"status": "restored", "restored_at": page.at})
    _event(db, page, "restored", observed_from=last_failed, removal_id=removal_id)
    return "restored"


def is_removed(db: Database, article_id: int) -> bool:
    return bool(
        db.execute(
            "SELECT 1 FROM removals WHERE article_id = ? AND status = 'removed'", [article_id]
        ).fetchone()
    )
