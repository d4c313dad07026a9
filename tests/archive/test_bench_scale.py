"""benchmarks/bench_scale.py end to end on a small archive: every figure it promises is
in its report, with values that could be true."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.query_mix import KINDS

ROOT = Path(__file__).resolve().parents[2]


def test_small_run_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    args = ["--articles", "600", "--checkpoints", "600", "--window", "200", "--batch", "100"]
    args += ["--runs", "2", "--queries", "3", "--count-queries", "2"]
    args += ["--json", str(out), "--dir", str(tmp_path)]
    proc = subprocess.run(
        [sys.executable, "benchmarks/bench_scale.py", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [c["articles"] for c in report["checkpoints"]] == [600]
    # The build, then two windows of 200 through each path, the workers' after a batch.
    assert report["generation"]["records"] == 600 + 4 * 200 + 100
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
        for mode in ("workers", "one process"):
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
