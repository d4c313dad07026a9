"""`tuyengiao serve` shows the report's charts as a datasette-dashboards dashboard, with
the plugin's own copy of the Vega JavaScript (nothing fetched from elsewhere) and the
report's queries."""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.parse
from pathlib import Path

import pytest

from tests.archive.test_serve import server  # the real `serve` process
from tests.cli.test_report import CHROMIUM, chromium, console_errors
from tests.support.serving import get

__all__ = ["server"]


def test_the_report_dashboard_is_served_with_local_scripts_and_the_report_queries(
    server: str, tmp_path: Path
) -> None:
    page = get(server + "/-/dashboards/report").decode("utf-8")
    assert "Charts of the archive" in page
    scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', page)
    assert any(src.endswith("vega-lite.min.js") for src in scripts), scripts
    assert all(src.startswith("/") for src in scripts), scripts
    assert all(href.startswith("/") for href in re.findall(r'<link[^>]*href="([^"]+)"', page))
    for question in ("Who is quoted most?", "From which sites do texts flow to which?"):
        assert question in page

    # Each chart is one of the report's, with the report's query (one server for both
    # checks: starting `serve` runs those queries).
    config = json.loads(get(server + "/-/metadata.json"))["plugins"]["datasette-dashboards"]
    charts = config["report"]["charts"]
    assert {"articles_per_month", "top_speakers", "syndication_flows"} <= set(charts)
    db = next(Path(tmp_path).glob("archive.db"))
    with sqlite3.connect(db) as conn:
        for key, chart in charts.items():
            assert chart["library"] == "vega-lite" and "data" not in chart["display"], key
            url = f"{server}/archive.json?_shape=array&sql=" + urllib.parse.quote(chart["query"])
            served = json.loads(get(url))
            cursor = conn.execute(chart["query"])
            names = [d[0] for d in cursor.description]
            assert served == [dict(zip(names, row, strict=True)) for row in cursor], key


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_chromium_draws_the_dashboard_offline(server: str, tmp_path: Path) -> None:
    done = chromium(server + "/-/dashboards/report", tmp_path / "profile", "--dump-dom")
    assert not console_errors(done.stderr)
    assert done.stdout.count("<svg") >= 5 and 'class="mark-' in done.stdout
