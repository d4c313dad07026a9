"""End to end: a site that edits, removes, moves and restores articles between runs, and
goes down for one; each change is recorded as its kind, and nothing for furniture or the
outage. The runs are the `tuyengiao` command in-process (the listing of changes a real
process) against a local server; "a day passes" moves the archive's recorded failure
times a day back, as the rule waits a day between failures."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from scraper.archive.serve import QUERIES
from scraper.cli.main import cli
from tests.support.edited_site import EditedSite, path
from tests.support.mirror import run_tuyengiao
from tests.support.site_server import LocalSite

SITE = "https://tuyengiao.vn"


def tuyengiao(site: LocalSite, cwd: Path, *args: str):
    result = CliRunner().invoke(
        cli,
        [*args, "tuyengiao.vn", "--base-url", site.base_url, "--delay", "0", "--retries", "0",
         "--db", str(cwd / "archive.db")],
    )  # fmt: skip
    assert result.exit_code in (0, 3), result.output
    return result


def rows(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def a_day_passes(db: Path) -> None:
    """Every time the archive recorded moves a day back, as if the runs so far had been
    a day earlier."""
    times = {
        "fetches": ("fetched_at",),
        "removals": ("first_failed_at", "last_failed_at", "last_seen_at", "removed_at"),
        "changes": ("detected_at", "observed_from", "observed_to"),
    }
    with sqlite3.connect(db) as conn:
        for table, columns in times.items():
            for column in columns:
                conn.execute(
                    f"UPDATE {table} SET {column} ="
                    f" strftime('%Y-%m-%dT%H:%M:%SZ', {column}, '-1 day')"
                )


def changes(db: Path) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for url, kind, detail, fields, substantive in rows(
        db, "SELECT url, kind, detail, fields, substantive FROM changes ORDER BY id"
    ):
        n = int(url.rsplit("-", 2)[-2])
        found.setdefault(kind, []).append((n, detail, json.loads(fields), substantive))
    return found


def test_edits_removals_moves_and_restorations_are_told_apart(
    local_site: LocalSite, tmp_path: Path
) -> None:
    site = EditedSite(local_site)
    db = tmp_path / "archive.db"
    first = tuyengiao(local_site, tmp_path, "crawl")
    assert "14 new" in first.stdout, first.stdout + first.stderr

    art = site.articles
    art[1].title += " (cập nhật)"
    art[2].position = "Bí thư Tỉnh ủy"
    art[3].document = "Nghị quyết số 57-NQ/TW của Bộ Chính trị"
    art[4].furniture = "Tin nổi bật"  # sidebar and header only
    art[5].status = 404
    art[6].status = 410
    art[7].redirect = "/"
    art[8].soft_404 = True
    art[9].redirect = path(14)  # another article: replaced
    art[10].status = 404  # comes back later
    art[11].redirect = "/tin-tuc/bai-viet-so-11-170011"  # the same article elsewhere: moved
    site.serve_copy(11, "/tin-tuc/bai-viet-so-11-170011")
    art[12].status = 403
    art[13].notice = True  # the notice the site gives for any missing page: a soft 404
    # Run 2, by the schedule: every article's time has come.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE recheck_schedule SET next_check = 0")
    second = tuyengiao(local_site, tmp_path, "update")
    assert "8 suspected removed" in second.stdout, second.stdout
    found = changes(db)
    assert sorted(found) == ["edited", "moved"]
    edited = {n: (fields, substantive) for n, _, fields, substantive in found["edited"]}
    assert edited == {
        1: (["title"], 0),
        2: (["persons", "text"], 1),  # the position is in the text too
        3: (["directives", "text"], 1),
    }
    assert found["moved"] == [(11, SITE + "/tin-tuc/bai-viet-so-11-170011", [], 0)]
    assert rows(db, "SELECT count(*) FROM article_versions") == [(3,)]
    diff = rows(db, "SELECT diff FROM changes WHERE kind = 'edited' ORDER BY id")
    assert "position of Lê Minh Châu: Phó Bí thư Tỉnh ủy; Trưởng Ban Tuyên giáo" in diff[1][0]
    assert "document removed: 35-NQ/TW\ndocument added: 57-NQ/TW" in diff[2][0]
    assert "[-35-]{+57+}" in diff[2][0]
    assert rows(db, "SELECT count(*) FROM article_versions WHERE fetch_id IS NULL") == [(0,)]

    # Run 3, a day later: the whole site is down. Nothing is removed.
    a_day_passes(db)
    site.down = True
    third = tuyengiao(local_site, tmp_path, "recheck", "--all")
    assert "changes" not in third.stdout
    assert sorted(changes(db)) == ["edited", "moved"]
    assert rows(db, "SELECT DISTINCT status FROM removals") == [("suspect",)]

    # Run 4, a day later: the site answers, the pages are still gone: removed.
    a_day_passes(db)
    site.down = False
    fourth = tuyengiao(local_site, tmp_path, "recheck", "--all")
    assert "8 removed" in fourth.stdout, fourth.stdout
    removed = {n: detail for n, detail, _, _ in changes(db)["removed"]}
    assert removed == {
        5: "gone",
        6: "gone",
        7: f"redirected → {SITE}/",
        8: "soft_404",
        9: f"replaced → {SITE}{path(14)}",
        10: "gone",
        12: "access_denied",
        13: "soft_404",
    }

    # Run 5: article 10 is back.
    a_day_passes(db)
    art[10].status = 200
    fifth = tuyengiao(local_site, tmp_path, "recheck", "--url", SITE + path(10))
    assert "1 restored" in fifth.stdout, fifth.stdout
    assert [n for n, *_ in changes(db)["restored"]] == [10]
    assert rows(db, "SELECT status FROM removals WHERE url = ?", SITE + path(10)) == [("restored",)]
    # Nothing for the furniture change, nothing deleted.
    assert all(n != 4 for kind in changes(db).values() for n, *_ in kind)
    assert rows(db, "SELECT count(*) FROM articles") == [(14,)]

    listed = run_tuyengiao("changes", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "13 changes" in listed.stderr
    assert "edited (persons, text) — substantive" in listed.stdout
    feed = run_tuyengiao("changes", "--kind", "removed", "--atom", cwd=tmp_path)
    assert feed.stdout.count("<entry>") == 8 and '<category term="removed"' in feed.stdout

    # The analysts' views: Datasette's canned queries, and the export.
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        recent = conn.execute(QUERIES["recent_changes"]["sql"], {"since": "", "kind": ""})
        assert len(recent.fetchall()) == 13
        edits = conn.execute(QUERIES["substantive_edits"]["sql"]).fetchall()
        assert sorted(r["url"] for r in edits) == [SITE + path(2), SITE + path(3)]
        assert "document added: 57-NQ/TW" in edits[0]["diff"] + edits[1]["diff"]
        removed = conn.execute(QUERIES["removed_articles"]["sql"]).fetchall()
        assert len(removed) == 8
    export = CliRunner().invoke(
        cli, ["export", "--changes", "--format", "csv", "--db", str(db), "--site", "tuyengiao.vn"]
    )
    assert export.exit_code == 0, export.output
    lines = export.stdout.splitlines()
    assert lines[0].startswith("id,detected_at,kind,detail,site,title,url,observed_between")
    assert sum(",removed," in line for line in lines) == 8

    # A merge carries the events and removal episodes along, once.
    merged = tmp_path / "merged.db"
    done = CliRunner().invoke(cli, ["merge", str(db), str(db), "--into", str(merged)])
    assert done.exit_code == 0, done.output
    assert rows(merged, "SELECT kind, count(*) FROM changes GROUP BY kind") == rows(
        db, "SELECT kind, count(*) FROM changes GROUP BY kind"
    )
    assert rows(merged, "SELECT status, count(*) FROM removals GROUP BY status") == [
        ("removed", 7),
        ("restored", 1),
    ]
