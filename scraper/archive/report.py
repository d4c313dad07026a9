"""`tuyengiao report`: one self-contained HTML page of charts of the archive.

Each chart is a query (`report_sql`) and a Vega-Lite spec (`report_charts`); the page
holds the spec with the query's rows as its data, the query's text under the chart, and
the Vega, Vega-Lite and vega-embed JavaScript inline (from vl-convert, which ships them),
so it opens offline and fetches nothing.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import altair
import vl_convert
from tqdm import tqdm

from scraper.archive import report_charts as charts
from scraper.archive import report_sql as q
from scraper.archive.report_page import Chart, Rows, Section, page
from scraper.archive.report_sql import Scope

SECTIONS = (
    Section("articles", "Articles per site per month", "Coverage: gaps and drops per site."),
    Section(
        "documents",
        "Documents cited over time",
        "Which Party and state documents are pushed, when, and where.",
    ),
    Section(
        "speakers",
        "Speakers",
        "Who is quoted: persons who spoke, presided, reported, concluded or directed.",
    ),
    Section(
        "syndication",
        "Syndication",
        "How texts spread: republications of a story published first elsewhere.",
    ),
    Section(
        "changes",
        "Changes",
        "Articles edited, removed or restored after publication, as re-checks found them.",
    ),
)


PLACES_NOTE = (
    "Province as published, today's as (now …) where another; an article placed in no"
    " province is shown by its site"
)


def _distinct(rows: Rows, key: str) -> int:
    return len({row[key] for row in rows})


def _top(rows: Rows, key: str) -> int:
    return max(row[key] for row in rows)


def _month_top(rows: Rows, key: str) -> int:
    """The largest monthly total of `key` (the height of the tallest stacked bar)."""
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["month"]] = totals.get(row["month"], 0) + row[key]
    return max(totals.values())


def plan(scope: Scope, period: str, document: str | None) -> list[Chart]:
    """The report's charts, in order."""
    out = [
        Chart(
            "articles_per_month",
            "articles",
            "Where are the gaps in coverage, and when did a site's output (or its parser) drop?",
            q.articles_per_month(scope),
            lambda rows: charts.articles_heat_maps(period, _distinct(rows, "site")),
        ),
        Chart(
            "top_documents",
            "documents",
            "Which documents are cited most?",
            q.top_documents(scope),
            lambda rows: charts.bars(
                title=f"The {q.TOP_DOCUMENTS} most cited documents",
                period=period,
                category="document",
                category_title="Document (number-symbol)",
                value="citations",
                value_title="Citations (articles citing it)",
                tooltip=[
                    ("document:N", "document"),
                    ("citations:Q", "citations"),
                    ("sites:Q", "sites"),
                    ("first_cited:N", "first cited"),
                ],
                rows=len(rows),
                top=_top(rows, "citations"),
            ),
        ),
        Chart(
            "documents_over_time",
            "documents",
            "When was each of the most cited documents pushed?",
            q.documents_over_time(scope),
            lambda rows: charts.heat_map(
                title=f"Citations per month of the {q.TOP_DOCUMENTS_OVER_TIME} most cited"
                " documents",
                period=period,
                row="document",
                row_title="Document",
                value="citations",
                value_title="Citations (articles)",
                rows=_distinct(rows, "document"),
                scheme="purples",
            ),
        ),
    ]
    if document:
        out += [
            Chart(
                "document_provinces",
                "documents",
                f"Where and when was {document} cited?",
                q.document_provinces(scope, document),
                lambda rows: _document_provinces(rows, period, document),
            ),
            Chart(
                "document_lag",
                "documents",
                f"How long after its issue was {document} cited?",
                q.document_lag(scope, document),
                lambda rows: charts.lag_bars(
                    period,
                    document,
                    _top(rows, "citations"),
                    (rows[0]["months_after_issue"], rows[-1]["months_after_issue"]),
                ),
                empty=f"No citation of {document} with a known issue date in this period.",
            ),
        ]
    out += [
        Chart(
            "top_speakers",
            "speakers",
            "Who is quoted most?",
            q.top_speakers(scope),
            lambda rows: charts.bars(
                title=f"The {q.TOP_SPEAKERS} most quoted persons",
                period=period,
                category="name",
                category_title="Person",
                value="appearances",
                value_title="Appearances (articles where the person spoke or presided)",
                tooltip=[
                    ("name:N", "person"),
                    ("appearances:Q", "appearances"),
                    ("sites:Q", "sites"),
                ],
                rows=len(rows),
                top=_top(rows, "appearances"),
            ),
        ),
        Chart(
            "speakers_by_province",
            "speakers",
            "Where is each of the most quoted persons quoted?",
            q.speakers_by_province(scope),
            lambda rows: _speaker_provinces(rows, period),
        ),
        Chart(
            "speakers_over_time",
            "speakers",
            "When is each of the most quoted persons quoted?",
            q.speakers_over_time(scope),
            lambda rows: charts.heat_map(
                title=f"Appearances per month of the {q.TOP_SPEAKERS_COMPARED} most quoted persons",
                period=period,
                row="name",
                row_title="Person",
                value="appearances",
                value_title="Appearances (articles)",
                rows=_distinct(rows, "name"),
                scheme="reds",
            ),
        ),
        Chart(
            "republication_share",
            "syndication",
            "What share of the articles are republications of a text published elsewhere?",
            q.republication_share(scope),
            lambda rows: charts.republication_line(period),
        ),
        Chart(
            "syndication_flows",
            "syndication",
            "From which sites do texts flow to which?",
            q.syndication_flows(scope),
            lambda rows: charts.flow_matrix(
                period, _distinct(rows, "origin_site"), _distinct(rows, "copy_site")
            ),
            empty="No republication in this period.",
        ),
        Chart(
            "changes_per_month",
            "changes",
            "How often are published articles edited, removed or restored?",
            q.changes_per_month(scope),
            lambda rows: charts.changes_bars(
                period, _month_top(rows, "changes"), (rows[0]["month"], rows[-1]["month"])
            ),
            empty="No edit or removal of these articles has been found.",
        ),
    ]
    return out


def _document_provinces(rows: Rows, period: str, document: str) -> dict[str, Any]:
    spec = charts.heat_map(
        title=f"Citations of {document} per province per month",
        period=period,
        row="province",
        row_title="Province as published",
        value="citations",
        value_title="Citations (articles)",
        rows=_distinct(rows, "province"),
        note=PLACES_NOTE,
        scheme="purples",
    )
    today = {"field": "province_today", "type": "nominal", "title": "province today"}
    spec["encoding"]["tooltip"].insert(1, today)
    return spec


def _speaker_provinces(rows: Rows, period: str) -> dict[str, Any]:
    spec = charts.heat_map(
        title=f"Appearances of the {q.TOP_SPEAKERS_COMPARED} most quoted persons per province",
        period=period,
        row="name",
        row_title="Person",
        value="appearances",
        value_title="Appearances (articles)",
        rows=_distinct(rows, "name"),
        note=PLACES_NOTE,
        scheme="reds",
    )
    spec["encoding"]["x"] = {
        "field": "province",
        "type": "nominal",
        "title": "Province as published",
        "axis": {"labelAngle": -45},
    }
    spec["encoding"]["tooltip"][1] = {"field": "province", "type": "nominal", "title": "province"}
    spec["width"] = max(28 * _distinct(rows, "province"), 200)
    return spec


def query(conn: sqlite3.Connection, sql: str) -> Rows:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _period(scope: Scope, first: str | None, last: str | None) -> str:
    start = scope.since.isoformat() if scope.since else (first or "")[:10]
    end = scope.until.isoformat() if scope.until else (last or "")[:10]
    return f"{start} – {end} (publication dates)" if start or end else "no dated article"


@dataclass(frozen=True)
class Charted:
    """The charts of a scope, each with its spec and its rows (None: no data)."""

    period: str
    total: int
    figures: list[tuple[Chart, dict[str, Any] | None]]


def chart_all(db_path: Path, scope: Scope, document: str | None, bar: tqdm) -> Charted:
    """Run every chart's query on the archive (read-only) and build its spec."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        total, first, last = conn.execute(q.range_sql(scope)).fetchone()
        period = _period(scope, first, last)
        if document is None:
            found = conn.execute(q.most_cited_document(scope)).fetchone()
            document = found[0] if found else None
        todo = plan(scope, period, document)
        bar.total = len(todo) + 2
        bar.update(1)
        figures = []
        for chart in todo:
            bar.set_postfix_str(chart.key)
            rows = query(conn, chart.sql)
            spec = None
            if rows:
                spec = chart.spec(rows)
                spec.pop("datasets", None)  # Altair's placeholder for a chart without data
                spec["data"] = {"values": rows}
            figures.append((chart, spec))
            bar.update(1)
    finally:
        conn.close()
    return Charted(period, total, figures)


def build(
    db_path: Path,
    out: Path,
    scope: Scope,
    *,
    document: str | None = None,
    progress: bool = True,
) -> int:
    """Write the report of the archive at `db_path` to `out`; returns its size in bytes."""
    bar = tqdm(total=3, unit="step", file=sys.stderr, disable=not progress, desc="report")
    charted = chart_all(db_path, scope, document, bar)
    bar.set_postfix_str("javascript")
    version = "_".join(altair.SCHEMA_VERSION.split(".")[:2])
    script = vl_convert.javascript_bundle(vl_version=version)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    heading = _heading(db_path, scope, charted.period, charted.total, stamp)
    out.write_text(page(charted.figures, SECTIONS, script, heading), encoding="utf-8")
    bar.update(1)
    bar.close()
    return out.stat().st_size


def _heading(db_path: Path, scope: Scope, period: str, total: int, stamp: str) -> list[str]:
    """The lines under the page's title: what was reported on, and when."""
    sites = ", ".join(sorted(scope.sites)) if scope.sites else "all"
    if scope.province:
        sites = f"{sites} ({scope.province})"
    return [
        f"Archive: {db_path.name} · built {stamp}",
        f"Sites: {sites} · period: {period} · {total:,} dated articles",
    ]
