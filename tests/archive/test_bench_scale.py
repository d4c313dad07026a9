"""benchmarks/bench_scale.py end to end on a small archive: every figure it promises is
in its report, with values that could be true."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from benchmarks.query_mix import KINDS

ROOT = Path(__file__).resolve().parents[2]


def _bench_scale(args: list[str]) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "benchmarks/bench_scale.py", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def test_small_run_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    args = ["--articles", "600", "--checkpoints", "600", "--window", "200", "--batch", "100"]
    args += ["--runs", "2", "--queries", "3", "--count-queries", "2"]
    proc = _bench_scale([*args, "--json", str(out), "--dir", str(tmp_path)])
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [c["articles"] for c in report["checkpoints"]] == [600]
    # The build, then two windows of 200 through each of the three paths, the workers'
    # after a batch.
    assert report["generation"]["records"] == 600 + 6 * 200 + 100
    for point in report["checkpoints"]:
        assert set(point["search"]) == {*KINDS, "all"}
        for kind in KINDS:
            low, median, high = point["search"][kind]["p95_ms"]
            assert 0 < low <= median <= high < 10_000
            assert point["search"][kind]["p50_ms"][0] <= high
        # Every published word is in the vocabulary; a one-letter prefix matches many.
        assert point["search"]["prefix1 folded"]["matches_per_query"] > 100
        assert 2_000 < point["size"]["bytes_per_article"] < 200_000
        assert "articles" in point["size"]["tables_bytes_per_article"]
        assert list(point["ingest"]) == ["workers", "one process", "new process"]
        for mode in point["ingest"]:
            windows = point["ingest"][mode]
            assert len(windows) == 2
            assert all(w["records"] == 200 and w["per_second"] > 0 for w in windows)
            assert all(w["write_kib_per_record"] > 1 for w in windows)
            assert all(0 <= w["system_ms_per_record"] <= w["cpu_ms_per_record"] for w in windows)
        # Preparing the gauge's articles costs tens to hundreds of µs each, not nothing.
        assert 10 < point["gauge_us_per_article"] < 10_000
        assert 10 < point["fresh_gauge_us_per_article"] < 10_000
        # The workers prepare batches: their CPU time is counted beside the storing one's.
        workers = point["ingest"]["workers"]
        assert sum(w["cpu_ms_per_record_with_workers"] for w in workers) > sum(
            w["cpu_ms_per_record"] for w in workers
        )
    assert [(b["from"], b["to"]) for b in report["build"]] == [(0, 600)]
    assert all(b["kib_per_record"] > 0 for b in report["build"])
    # The generated files are gone; the archive too, without --keep.
    assert list(tmp_path.glob("bench_scale-*")) == []
    table = proc.stdout
    assert "| what | target | figure | command | date |" in table
    assert "| prefix1 folded |" in table and "| date |" in table
    assert "--json" not in table
    assert (
        "Preparing the same articles at each size, CPU µs an article (in a new process): 0.6k "
        in table
    )


def test_windows_in_new_processes_store_into_the_archive(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    args = ["--articles", "300", "--checkpoints", "300", "--window", "100", "--batch", "50"]
    args += ["--runs", "2", "--queries", "2", "--count-queries", "1", "--no-tables", "--keep"]
    args += ["--modes", "new process,one process", "--json", str(out), "--dir", str(tmp_path)]
    proc = _bench_scale(args)
    report = json.loads(out.read_text(encoding="utf-8"))
    ingest = report["checkpoints"][0]["ingest"]
    assert list(ingest) == ["one process", "new process"]  # the new processes' last
    for window in ingest["new process"] + ingest["one process"]:
        assert window["records"] == 100 and window["per_second"] > 0
        assert 0 <= window["system_ms_per_record"] <= window["cpu_ms_per_record"]
        assert 0 < window["prepare_ms_per_record"] < window["cpu_ms_per_record"]
    kept = Path(proc.stdout.strip().splitlines()[-1].removeprefix("archive kept: "))
    with sqlite3.connect(kept) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 300 + 4 * 100
    assert not list(kept.parent.glob("*.pickle"))
