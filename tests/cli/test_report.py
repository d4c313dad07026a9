"""`tuyengiao report` on an archive made by crawling the local tuyengiao.vn mirror, plus a
republication on a provincial site and an edited article (through `import-jsonl`), and
the events re-checks would record (an edit, a removal and its restoration, written by
`scraper.archive.changes`), so every chart has data: the page is self-contained, each
chart's data is its SQL's result, and headless Chromium draws it without a JavaScript
error."""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image
from sqlite_utils import Database

from parsers.compare import compare
from scraper.archive import changes
from scraper.archive.report_charts import CHANGE_COLOURS
from scraper.cli.archive import report_command
from tests.support.mirror import run_tuyengiao, serve_tuyengiao
from tests.support.site_server import LocalSite

COPY_URL = "https://baoangiang.com.vn/dang-lai-bai-cua-tuyen-giao-1.html"
SPEC = re.compile(
    r'<script type="application/json" class="chart-spec" data-chart="([a-z_]+)">(.*?)</script>',
    re.S,
)
SQL = re.compile(r'<pre class="sql" data-chart="([a-z_]+)">(.*?)</pre>', re.S)


def _republished_and_edited(export: str) -> str:
    """Two records for import-jsonl: a copy of the first article on baoangiang.com.vn a
    day later, and the second article with a changed body (a new version)."""
    first, second = (json.loads(line) for line in export.splitlines()[:2])
    copy = {**first, "url": COPY_URL, "canonical_url": COPY_URL, "site": "baoangiang.com.vn"}
    copy["body_text"] = "(TG) - " + first["body_text"]
    day = int(first["published_at"][8:10])
    copy["published_at"] = (
        f"{first['published_at'][:8]}{day % 28 + 1:02d}{first['published_at'][10:]}"
    )
    edited = {**second, "body_text": second["body_text"] + "\nBài viết đã được cập nhật."}
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in (copy, edited)) + "\n"


def _changes_found(db_path: Path, export: str, more: str) -> None:
    """What re-checks would record: the edit of the second article (its version replaced
    by import-jsonl), and the first article removed (two failures two days apart) then
    restored the next month."""
    first, second = (json.loads(line) for line in export.splitlines()[:2])
    edited = json.loads(more.splitlines()[1])
    db = Database(db_path)
    with db.conn:

        def page(record: dict, at: str, run: int) -> changes.Page:
            (article_id,) = db.execute(
                "SELECT id FROM articles WHERE canonical_url = ?", [record["canonical_url"]]
            ).fetchone()
            return changes.Page(article_id, record["url"], record["site"], at, None, run)

        (version,) = db.execute("SELECT max(id) FROM article_versions").fetchone()
        edit = page(second, "2026-11-10T08:00:00Z", 1)
        changes.record_edit(db, edit, compare(second, edited), version, None)
        for at, run in (("2026-11-18T08:00:00Z", 1), ("2026-11-20T08:00:00Z", 2)):
            changes.removal_evidence(db, changes.Evidence(page(first, at, run), "gone", 404), None)
        assert changes.answered(db, page(first, "2026-12-01T08:00:00Z", 3)) == "restored"
    db.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    with LocalSite() as site:
        serve_tuyengiao(site)
        crawled = run_tuyengiao(
            "crawl", "tuyengiao.vn", "--base-url", site.base_url, "--delay", "0.01", cwd=folder
        )
    assert crawled.returncode == 0, crawled.stderr
    exported = run_tuyengiao("export", cwd=folder)
    more = _republished_and_edited(exported.stdout)
    (folder / "more.jsonl").write_text(more, encoding="utf-8")
    imported = run_tuyengiao("import-jsonl", "more.jsonl", cwd=folder)
    assert imported.returncode == 0, imported.stderr
    assert "1 new, 1 updated" in imported.stdout
    _changes_found(folder / "archive.db", exported.stdout, more)
    return folder / "archive.db"


@pytest.fixture(scope="module")
def report(archive: Path) -> str:
    done = run_tuyengiao("report", "--out", "report.html", cwd=archive.parent)
    assert done.returncode == 0, done.stderr
    assert "report written to report.html" in done.stderr
    return (archive.parent / "report.html").read_text(encoding="utf-8")


def charts(page: str) -> dict[str, tuple[dict, str]]:
    """Chart key → (its Vega-Lite spec, the SQL printed under it)."""
    sql = {key: html.unescape(text) for key, text in SQL.findall(page)}
    return {key: (json.loads(text), sql[key]) for key, text in SPEC.findall(page)}


def test_the_page_fetches_nothing(report: str) -> None:
    assert not re.search(r"<script[^>]*\bsrc\s*=", report, re.I)
    assert not re.search(r"<link\b", report, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", report, re.I)
    assert "vegaEmbed" in report  # the JavaScript is in the page itself
    assert report.count("<script") == len(SPEC.findall(report)) + 2


def test_each_chart_shows_the_result_of_the_sql_under_it(archive: Path, report: str) -> None:
    found = charts(report)
    expected = {
        "articles_per_month", "top_documents", "documents_over_time", "document_provinces",
        "top_speakers", "speakers_by_province", "speakers_over_time", "republication_share",
        "syndication_flows", "changes_per_month",
    }  # fmt: skip
    assert expected <= set(found)
    with sqlite3.connect(archive) as conn:
        for key, (spec, sql) in found.items():
            cursor = conn.execute(sql)
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, row, strict=True)) for row in cursor]
            assert rows, key
            assert spec["data"]["values"] == rows, key
    values = {key: spec["data"]["values"] for key, (spec, _) in found.items()}
    assert {r["site"] for r in values["articles_per_month"]} == {
        "tuyengiao.vn",
        "baoangiang.com.vn",
    }
    assert values["syndication_flows"] == [
        {"origin_site": "tuyengiao.vn", "copy_site": "baoangiang.com.vn", "republications": 1}
    ]
    assert values["changes_per_month"] == [
        {"month": "2026-11", "change": "edited (other fields)", "site": "tuyengiao.vn",
         "changes": 1},
        {"month": "2026-11", "change": "removed", "site": "tuyengiao.vn", "changes": 1},
        {"month": "2026-12", "change": "restored", "site": "tuyengiao.vn", "changes": 1},
    ]  # fmt: skip
    assert {r["change"] for r in values["changes_per_month"]} <= set(CHANGE_COLOURS)
    # Provinces are the archive's placements: as published, with today's beside where the
    # 2025 merger renamed it; an article placed in no province keeps its site's name.
    with sqlite3.connect(archive) as conn:
        placed = dict(conn.execute("SELECT province_published, province_today FROM article_places"))
    labels = {r["province"] for r in values["speakers_by_province"]}
    assert "An Giang" in labels and "tuyengiao.vn" in labels
    merged = {p: t for p, t in placed.items() if p and t != p}
    assert merged and {f"{p} (now {t})" for p, t in merged.items()} & labels
    assert labels <= {"tuyengiao.vn"} | {
        p if p == t else f"{p} (now {t})" for p, t in placed.items() if p
    }
    for row in values["document_provinces"]:
        published = row["province"].split(" (now ")[0]
        assert row["province_today"] == placed.get(published, "tuyengiao.vn"), row


def test_every_chart_has_a_title_period_and_axis_titles(report: str) -> None:
    for key, (spec, _) in charts(report).items():
        views = spec.get("vconcat", [spec])
        for view in views:
            assert view["title"]["text"], key
            assert view["title"]["subtitle"][0].startswith("Period: 20"), key
            for channel in ("x", "y"):
                assert view["encoding"][channel]["title"], (key, channel)


def test_vietnamese_text_is_kept_as_written(report: str) -> None:
    names = [r["name"] for r in charts(report)["top_speakers"][0]["data"]["values"]]
    assert any(
        set(name) & set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ") for name in names
    )
    assert '<meta charset="utf-8">' in report and '<html lang="vi">' in report


def test_the_table_of_contents_links_every_chart(report: str) -> None:
    contents = report.split('<nav id="contents">', 1)[1].split("</nav>", 1)[0]
    for key in charts(report):
        assert f'href="#{key}"' in contents and f'<figure id="{key}">' in report


def test_province_keeps_the_articles_published_there(archive: Path, tmp_path: Path) -> None:
    """--province reads names as search and export do: a name of the 34 means the unit
    and every province it absorbed; an old name only its own territory."""
    with sqlite3.connect(archive) as conn:
        placed = conn.execute(
            "SELECT province_published, count(*) FROM article_places"
            " WHERE province_today = 'Cần Thơ' GROUP BY 1"
        ).fetchall()
    assert len(placed) >= 2  # the report runs on provinces merged into Cần Thơ
    for name, expected in (("Cần Thơ", dict(placed)), (placed[0][0], dict(placed[:1]))):
        out = tmp_path / "province.html"
        args = ["--db", str(archive), "--province", name, "--out", str(out)]
        done = CliRunner().invoke(report_command, args)
        assert done.exit_code == 0, done.output
        assert "province: " in done.output and "articles published in: " in done.output
        page = out.read_text(encoding="utf-8")
        values = charts(page)["articles_per_month"][0]["data"]["values"]
        assert sum(r["articles"] for r in values) == sum(expected.values()), name
        assert "articles published in: " in page  # the heading says what was kept


def test_since_and_until_keep_the_articles_published_within(archive: Path, tmp_path: Path) -> None:
    with sqlite3.connect(archive) as conn:
        day = conn.execute("SELECT min(published_at) FROM articles").fetchone()[0][:10]
    out = tmp_path / "day.html"
    args = ["--db", str(archive), "--since", day, "--until", day, "--out", str(out)]
    assert CliRunner().invoke(report_command, args).exit_code == 0
    values = charts(out.read_text(encoding="utf-8"))["articles_per_month"][0]["data"]["values"]
    assert [(r["month"], r["articles"]) for r in values] == [(day[:7], 1)]


def test_bad_input_gets_one_line(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    for args, message in (
        (["--province", "Atlantis"], "unknown province 'Atlantis'"),
        (["--as-of", "2025-13-01"], "is not a date"),
        (["--since", "2024-01-01", "--until", "2023-01-01"], "--since is after --until"),
        (["--since", "yesterday"], "is not a date"),
        (["--site", "tuyengiao.com"], "no article of 'tuyengiao.com'"),
        (["--db", str(tmp_path / "none.db")], "no archive at"),
    ):
        done = CliRunner().invoke(report_command, ["--db", str(archive), *args, "--out", str(out)])
        assert done.exit_code in (1, 2), done.output  # click's error exits, not a crash
        assert isinstance(done.exception, SystemExit), done.exception
        assert message in done.output, done.output
    assert not out.exists()


# -- drawn in headless Chromium ----------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def console_errors(log: str) -> list[str]:
    """The JavaScript console's errors in Chromium's log (--enable-logging=stderr)."""
    console = [line for line in log.splitlines() if ":CONSOLE" in line]
    return [line for line in console if re.search(r"error|uncaught|failed", line, re.I)]


def chromium(url: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium on `url`, with every host name but 127.0.0.1 unresolvable."""
    return subprocess.run(
        [
            CHROMIUM or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            # Any fetch elsewhere would fail, and log an error.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=15000",
            *args,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_chromium_draws_the_charts_without_an_error(
    archive: Path, report: str, tmp_path: Path
) -> None:
    page = archive.parent / "report.html"
    shot = tmp_path / "shot.png"
    args = ("--window-size=1000,1400", f"--screenshot={shot}", "--dump-dom")
    done = chromium(page.as_uri(), tmp_path / "profile", *args)
    assert not console_errors(done.stderr)
    for key in charts(report):  # every chart became an SVG with marks in it
        drawn = done.stdout.split(f'id="vis-{key}"', 1)[1].split("</figure>", 1)[0]
        assert "<svg" in drawn and 'class="mark-' in drawn, key
    # The screenshot opens on the heat map: coloured (not grey) pixels, not a blank page.
    with Image.open(shot) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=np.int16)
    coloured = int(((pixels.max(axis=2) - pixels.min(axis=2)) > 40).sum())
    assert coloured > 0.01 * pixels.shape[0] * pixels.shape[1], coloured
