"""The report's HTML page: title, table of contents, and per chart its question, the chart
and the SQL that produced it.

Each chart's spec (with its rows) is a `<script type="application/json" class="chart-spec">`
element that the one script at the end hands to vega-embed; the JavaScript of Vega is
inlined in the head, so nothing is fetched when the page is opened.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str


@dataclass(frozen=True)
class Chart:
    """One chart: its section, the question it answers, its query and its spec."""

    key: str
    section: str
    question: str
    sql: str
    spec: Callable[[Rows], dict[str, Any]]
    empty: str = "No data in this period."


STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 2em auto;
       max-width: 1100px; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2em; }
.meta { color: #555; margin: 0.1em 0; }
nav ol { columns: 2; }
figure { margin: 1.5em 0 2.5em; }
.question { font-weight: bold; }
.chart { min-height: 60px; overflow-x: auto; }
.empty { color: #777; font-style: italic; }
details pre { background: #f5f5f5; padding: 0.8em; overflow-x: auto; font-size: 12px; }
"""

EMBED = """
const options = {renderer: "svg", actions: {export: true, source: false, compiled: false,
                 editor: false}};
for (const element of document.querySelectorAll("script.chart-spec")) {
  const target = document.getElementById("vis-" + element.dataset.chart);
  vegaEmbed(target, JSON.parse(element.textContent), options).catch((error) => {
    target.textContent = "This chart could not be drawn: " + error;
    console.error(error);
  });
}
"""


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _figure(chart: Chart, spec: dict[str, Any] | None) -> str:
    parts = [f'<figure id="{chart.key}">', f'<p class="question">{escape(chart.question)}</p>']
    if spec is None:
        parts.append(f'<p class="empty">{escape(chart.empty)}</p>')
    else:
        parts += [
            f'<div class="chart" id="vis-{chart.key}"></div>',
            f'<script type="application/json" class="chart-spec" data-chart="{chart.key}">'
            f"{script_json(spec)}</script>",
        ]
    parts += [
        "<details><summary>SQL that produced this chart</summary>",
        f'<pre class="sql" data-chart="{chart.key}">{escape(chart.sql)}</pre>',
        "</details>",
        "</figure>",
    ]
    return "\n".join(parts)


def page(
    figures: list[tuple[Chart, dict[str, Any] | None]],
    sections: tuple[Section, ...],
    script: str,
    heading: list[str],
) -> str:
    """The whole document."""
    toc, body = [], []
    for number, section in enumerate(sections, start=1):
        mine = [(chart, spec) for chart, spec in figures if chart.section == section.key]
        items = "".join(
            f'<li><a href="#{chart.key}">{escape(chart.question)}</a></li>' for chart, _ in mine
        )
        toc.append(f'<li><a href="#{section.key}">{escape(section.title)}</a><ul>{items}</ul></li>')
        body.append(f'<section id="{section.key}"><h2>{number}. {escape(section.title)}</h2>')
        body.append(f"<p>{escape(section.intro)}</p>")
        body += [_figure(chart, spec) for chart, spec in mine]
        body.append("</section>")
    meta = "".join(f'<p class="meta">{escape(line)}</p>' for line in heading)
    safe_script = script.replace("</script", "<\\/script")
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tuyengiao-archive report</title>
<style>{STYLE}</style>
<script>{safe_script}</script>
</head>
<body>
<h1>tuyengiao-archive: report</h1>
{meta}
<nav id="contents"><h2>Contents</h2><ol>{"".join(toc)}</ol></nav>
{"".join(body)}
<script>{EMBED}</script>
</body>
</html>
"""
