"""Vega-Lite specifications of the report's charts, built with Altair.

A spec here carries no data: the report adds the rows of the chart's query as the
top-level `data.values`, so the data in the page is the query's result, row for row.
Months are "YYYY-MM" strings read as UTC dates, so no time zone moves a count into the
month before.
"""

from __future__ import annotations

from typing import Any

import altair as alt

WIDTH = 680  # with a legend, fits a 1,000-pixel window
CELL = 14  # height of one row of a heat map, in pixels

MONTH_AXIS = alt.Axis(format="%Y-%m", labelAngle=-45)


def count_axis(top: int) -> alt.Axis:
    """An axis of counts up to `top`: whole numbers only, no 0.5 ticks on small counts."""
    return alt.Axis(format="d", tickCount=max(1, min(top, 8)))


def _month(title: str = "Month of publication") -> alt.X:
    return alt.X("month:T", timeUnit="utcyearmonth", title=title, axis=MONTH_AXIS)


def _title(text: str, period: str, note: str = "") -> alt.TitleParams:
    subtitle = [f"Period: {period}"] + ([note] if note else [])
    return alt.TitleParams(text=text, subtitle=subtitle, anchor="start")


def _rows(count: int) -> int:
    return max(CELL * count, 40)


def heat_map(**kwargs: Any) -> dict[str, Any]:
    """Rows (sites, documents, persons, provinces) against months, coloured by a value."""
    return _heat_chart(**kwargs).to_dict()


def _heat_chart(
    *,
    title: str,
    period: str,
    row: str,
    row_title: str,
    value: str,
    value_title: str,
    rows: int,
    note: str = "",
    x_title: str = "Month of publication",
    scheme: str = "blues",
) -> alt.Chart:
    return (
        alt.Chart(width=WIDTH, height=_rows(rows), title=_title(title, period, note))
        .mark_rect()
        .encode(
            x=_month(x_title),
            y=alt.Y(f"{row}:N", title=row_title, sort="ascending"),
            color=alt.Color(
                f"{value}:Q", title=value_title, scale=alt.Scale(scheme=scheme, zero=True)
            ),
            tooltip=[
                alt.Tooltip(f"{row}:N", title=row_title),
                alt.Tooltip("month:T", timeUnit="utcyearmonth", title="month", format="%Y-%m"),
                alt.Tooltip(f"{value}:Q", title=value_title),
            ],
        )
    )


def articles_heat_maps(period: str, sites: int) -> dict[str, Any]:
    """The same counts twice: absolute, and as a share of each site's busiest month (a
    small site's gap or drop shows as clearly as a large one's)."""
    common = {
        "period": period,
        "row": "site",
        "row_title": "Site",
        "rows": sites,
    }
    absolute = _heat_chart(
        title="Articles per site per month",
        value="articles",
        value_title="Articles (count)",
        **common,
    )
    normalised = _heat_chart(
        title="Articles per site per month, normalised",
        value="share_of_busiest",
        value_title="Share of the site's busiest month (0–1)",
        note="1 = the site's busiest month; each row scaled on its own",
        scheme="greens",
        **common,
    )
    spec = (
        alt.vconcat(absolute, normalised, spacing=40).resolve_scale(color="independent").to_dict()
    )
    for view in spec["vconcat"]:  # Altair's placeholder; the views read the page's data
        view.pop("data", None)
    spec.pop("datasets", None)
    return spec


def bars(
    *,
    title: str,
    period: str,
    category: str,
    category_title: str,
    value: str,
    value_title: str,
    tooltip: list[tuple[str, str]],
    note: str = "",
    rows: int,
    top: int,
) -> dict[str, Any]:
    """Horizontal bars, longest first; `top` is the longest."""
    chart = (
        alt.Chart(
            width=WIDTH - 200, height=_rows(rows) + 4 * rows, title=_title(title, period, note)
        )
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=value_title, axis=count_axis(top)),
            y=alt.Y(f"{category}:N", title=category_title, sort="-x"),
            tooltip=[alt.Tooltip(f"{name}", title=label) for name, label in tooltip],
        )
    )
    return chart.to_dict()


def lag_bars(period: str, document: str, top: int, months: tuple[int, int]) -> dict[str, Any]:
    """Citations by months after the issue, on a continuous axis so that gaps show."""
    first, last = months
    bar_width = max(2, min(30, (WIDTH - 40) // (last - first + 1) - 2))
    chart = (
        alt.Chart(
            width=WIDTH,
            height=220,
            title=_title(
                f"Citations of {document} by months after its issue date",
                period,
                "0 = cited in the month it was issued; negative = dated before its issue date",
            ),
        )
        .mark_bar(size=bar_width)
        .encode(
            x=alt.X(
                "months_after_issue:Q",
                title="Months after the issue date (calendar months)",
                scale=alt.Scale(domain=[min(first, 0) - 1, last + 1], nice=False),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            y=alt.Y("citations:Q", title="Citations (articles)", axis=count_axis(top)),
            tooltip=[
                alt.Tooltip("months_after_issue:Q", title="months after issue"),
                alt.Tooltip("citations:Q", title="citations"),
            ],
        )
    )
    return chart.to_dict()


def republication_line(period: str) -> dict[str, Any]:
    chart = (
        alt.Chart(
            width=WIDTH,
            height=220,
            title=_title(
                "Share of articles that are republications, per month",
                period,
                "A republication: an article in a story cluster that is not its earliest copy",
            ),
        )
        .mark_line(point=True)
        .encode(
            x=_month(),
            y=alt.Y("percent_republished:Q", title="Republications (% of the month's articles)"),
            tooltip=[
                alt.Tooltip("month:T", timeUnit="utcyearmonth", title="month", format="%Y-%m"),
                alt.Tooltip("articles:Q", title="articles"),
                alt.Tooltip("republications:Q", title="republications"),
                alt.Tooltip("percent_republished:Q", title="% republished"),
            ],
        )
    )
    return chart.to_dict()


def flow_matrix(period: str, origins: int, copies: int) -> dict[str, Any]:
    chart = (
        alt.Chart(
            width=max(CELL * 2 * copies, 200),
            height=max(CELL * 2 * origins, 40),
            title=_title(
                "Republications from origin site (row) to republishing site (column)",
                period,
                "Origin: the earliest published copy of the story, on any site",
            ),
        )
        .mark_rect()
        .encode(
            x=alt.X("copy_site:N", title="Republishing site", axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("origin_site:N", title="Origin site"),
            color=alt.Color(
                "republications:Q",
                title="Republications (articles)",
                scale=alt.Scale(scheme="oranges"),
            ),
            tooltip=[
                alt.Tooltip("origin_site:N", title="origin"),
                alt.Tooltip("copy_site:N", title="republished on"),
                alt.Tooltip("republications:Q", title="republications"),
            ],
        )
    )
    return chart.to_dict()


def _month_shift(month: str, by: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# One colour per kind of change, the same in every report: edits blue, removals red.
CHANGE_COLOURS = {
    "edited (substantive)": "#08519c",
    "edited (other fields)": "#6baed6",
    "removed": "#cb181d",
    "restored": "#41ab5d",
    "moved": "#969696",
}


def changes_bars(period: str, top: int, months: tuple[str, str]) -> dict[str, Any]:
    """Changes per month, stacked by kind (each site its own piece, named in the tooltip);
    a month either side, so that one month of changes is a bar, not the whole width."""
    domain = [_month_shift(months[0], -1), _month_shift(months[1], 1)]
    chart = (
        alt.Chart(
            width=WIDTH,
            height=240,
            title=_title(
                "Edits, removals and restorations of published articles, per month seen",
                period,
                "Found by re-checks; substantive: persons, positions or documents cited changed",
            ),
        )
        .mark_bar()
        .encode(
            x=alt.X(
                "month:T",
                timeUnit="utcyearmonth",
                title="Month the change was detected",
                axis=MONTH_AXIS,
                scale=alt.Scale(domain=domain),
            ),
            y=alt.Y("changes:Q", title="Changes (events)", stack="zero", axis=count_axis(top)),
            color=alt.Color(
                "change:N",
                title="Change",
                scale=alt.Scale(domain=list(CHANGE_COLOURS), range=list(CHANGE_COLOURS.values())),
            ),
            tooltip=[
                alt.Tooltip("month:T", timeUnit="utcyearmonth", title="month", format="%Y-%m"),
                alt.Tooltip("change:N", title="change"),
                alt.Tooltip("site:N", title="site"),
                alt.Tooltip("changes:Q", title="changes"),
            ],
        )
    )
    return chart.to_dict()
