"""The Markdown of a `bench_scale.py` report: rows for the top table of
benchmarks/RESULTS.md, then the details (search by kind, ingest windows, table sizes)."""

from __future__ import annotations

import statistics
from typing import Any

from benchmarks.query_mix import KINDS


def spread(values: list[float]) -> list[float]:
    """min, median, max."""
    return [min(values), statistics.median(values), max(values)]


def _k(n: int) -> str:
    return f"{n // 1_000_000}M" if n and n % 1_000_000 == 0 else f"{n / 1000:g}k"


def _range(values: list[float], digits: int = 0) -> str:
    return "–".join(f"{v:,.{digits}f}" for v in values)


def _loads(report: dict[str, Any]) -> str:
    loads = [
        w["load_average"] for c in report["checkpoints"] for m in c["ingest"].values() for w in m
    ]
    loads += [c["load_average_start"][0] for c in report["checkpoints"]]
    return f"load average {min(loads):.1f}–{max(loads):.1f}"


def summary_rows(report: dict[str, Any], command: str) -> list[str]:
    """Rows for the top table of benchmarks/RESULTS.md."""
    day, window = report["date"][:10], report["window"]
    points = report["checkpoints"]
    rows = []
    for mode, target in (
        ("workers", "≥ 2,000/s at 200k, flat within 20 %"),
        ("one process", "≥ 1,600/s at 200k"),
        ("new process", "≥ 1,600/s at 200k (one process)"),
    ):
        parts = [
            f"{_k(c['articles'])}: {_range(spread([w['per_second'] for w in c['ingest'][mode]]))}"
            for c in points
            if mode in c["ingest"]
        ]
        if parts:
            what = (
                f"ingest, {mode}, {window:,} records after each size (records/s, {_loads(report)})"
            )
            rows.append(f"| {what} | {target} | {'; '.join(parts)} | `{command}` | {day} |")
    parts = []
    for c in points:
        kib = [w["write_kib_per_record"] for m in c["ingest"].values() for w in m]
        if kib and None not in kib:
            parts.append(f"{_k(c['articles'])}: {_range(spread(kib))}")
    if parts:
        what = "disk writes per record in those windows (KiB, storing process)"
        rows.append(f"| {what} | ≤ 128 | {'; '.join(parts)} | `{command}` | {day} |")
    parts = [f"{_k(c['articles'])}: {c['size']['bytes_per_article']:,.0f}" for c in points]
    rows.append(f"| bytes per article | ≤ 13,000 | {'; '.join(parts)} | `{command}` | {day} |")
    last = points[-1]
    every = last["search"]["all"]
    worst = max(KINDS, key=lambda kind: last["search"][kind]["p95_ms"][1])
    figure = (
        f"p95 {_range(every['p95_ms'], 1)} ms, p50 {_range(every['p50_ms'], 1)} ms; slowest kind"
        f" ({worst}) p95 {_range(last['search'][worst]['p95_ms'], 1)} ms"
    )
    what = (
        f"search at {_k(last['articles'])} articles, warm, {len(KINDS)} kinds ×"
        f" {report['queries_per_kind']} queries ({_loads(report)})"
    )
    rows.append(f"| {what} | p95 < 100 ms, p50 < 20 ms | {figure} | `{command}` | {day} |")
    return rows


_CPU = " (with workers) | of it system | of it preparing | load |"


def _window_row(articles: int, mode: str, windows: list[dict[str, Any]]) -> str:
    """min–median–max of the ingest windows stored at one size through one path."""

    def of(key: str, digits: int = 0) -> str:
        if key not in windows[0]:  # a figure the report's windows do not have
            return "–"
        return _range(spread([w[key] or 0 for w in windows]), digits)

    cpu = f"{of('cpu_ms_per_record', 2)} ({of('cpu_ms_per_record_with_workers', 2)})"
    system, preparing = of("system_ms_per_record", 2), of("prepare_ms_per_record", 2)
    return (
        f"| {articles:,} | {mode} | {of('per_second')} | {of('write_kib_per_record')}"
        f" | {cpu} | {system} | {preparing} | {of('load_average', 1)} |"
    )


def markdown(report: dict[str, Any], command: str) -> str:
    """The rows for RESULTS.md's top table, then the details, as Markdown."""
    points = report["checkpoints"]
    out = ["| what | target | figure | command | date |", "|---|---|---|---|---|"]
    out += summary_rows(report, command)
    head = " | ".join(f"{_k(c['articles'])} p50 | p95" for c in points)
    out += ["", f"| search, ms (min–median–max of {report['runs']}) | {head} | matches (count) |"]
    out.append("|---" * (2 + 2 * len(points)) + "|")
    for kind in [*KINDS, "all"]:
        cells = " | ".join(
            f"{_range(c['search'][kind]['p50_ms'], 1)} | {_range(c['search'][kind]['p95_ms'], 1)}"
            for c in points
        )
        matches = points[-1]["search"][kind].get("matches_per_query")
        out.append(f"| {kind} | {cells} | {'' if matches is None else f'{matches:,.0f}'} |")
    out += ["", "| articles | path | records/s | KiB written / record | CPU ms / record" + _CPU]
    out.append("|---|---|---|---|---|---|---|---|")
    for c in points:
        out += [_window_row(c["articles"], mode, runs) for mode, runs in c["ingest"].items()]
    tables = points[-1]["size"].get("tables_bytes_per_article", {})
    if tables:
        out += [
            "",
            f"| table or index ({_k(points[-1]['articles'])} articles) | bytes per article |",
        ]
        out.append("|---|---|")
        out += [f"| {name} | {size:,.0f} |" for name, size in list(tables.items())[:12]]
    build = ", ".join(
        f"{_k(b['from'])}→{_k(b['to'])} {b['per_second']:,.0f}/s"
        + (f" ({b['kib_per_record']:.0f} KiB written a record)" if "kib_per_record" in b else "")
        for b in report["build"]
    )
    gen = report["generation"]
    gauges = [
        f"{_k(c['articles'])} {c['gauge_us_per_article']:.0f}"
        + (f" ({c['fresh_gauge_us_per_article']:.0f})" if "fresh_gauge_us_per_article" in c else "")
        for c in points
        if "gauge_us_per_article" in c
    ]
    out += [
        "",
        f"Built (workers path, timed apart from the windows): {build}.",
        *(
            [
                "Preparing the same articles at each size, CPU µs an article (in a new"
                f" process): {', '.join(gauges)}."
            ]
            if gauges
            else []
        ),
        f"Generation, off the clock: {gen['records']:,} articles in {gen['seconds']:.0f} s"
        f" ({gen['cpu_seconds']:.0f} s CPU in two processes).",
        f"Archive work {report['archive_seconds']:.0f} s, total {report['total_seconds']:.0f} s;"
        f" load average {report['load_average_start'][0]:.1f} at the start,"
        f" {report['load_average_end'][0]:.1f} at the end. Python {report['python']},"
        f" SQLite {report['sqlite']}, {report['cores']} cores, {report['batch']} records a"
        " transaction.",
    ]
    return "\n".join(out)
