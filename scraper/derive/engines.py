"""Spreading `derive_file` over the manifest: a process pool, Dask or Spark.

`local` needs nothing beyond the package. `dask` and `spark` are optional extras
(`pip install 'tuyengiao-archive[dask]'` or `[spark]`); each engine imports its library
only when chosen. Every engine maps the same function over (index, path) pairs and
collects the per-file results; the files written do not depend on which engine ran.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from scraper.derive.records import FileResult, derive_file

ENGINES = ("local", "dask", "spark")
Progress = Callable[[FileResult], None]


class EngineError(RuntimeError):
    """The chosen engine cannot run here (library missing, cluster unreachable)."""


@dataclass(frozen=True, slots=True)
class Options:
    """How to run: the engine, how many tasks at once, and where its cluster is."""

    engine: str = "local"
    partitions: int | None = None
    scheduler: str | None = None  # dask: a scheduler address; a local cluster without it
    master: str | None = None  # spark: a master URL; local[*] without it


def derive(
    paths: Sequence[str], out: Path, options: Options, progress: Progress | None = None
) -> list[FileResult]:
    """Derive the dataset of `paths` into `out` (emptied first); results in manifest order."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    jobs = list(enumerate(paths))
    run = {"local": _local, "dask": _dask, "spark": _spark}[options.engine]
    results = run(jobs, str(out), options, progress or (lambda result: None))
    return sorted(results, key=lambda r: r.index)


def _local(jobs, out: str, options: Options, progress: Progress) -> list[FileResult]:
    workers = options.partitions or os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures = [pool.submit(derive_file, index, path, out) for index, path in jobs]
        results = []
        for future in as_completed(futures):
            results.append(future.result())
            progress(results[-1])
    return results


def _dask(jobs, out: str, options: Options, progress: Progress) -> list[FileResult]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise EngineError(
            "the dask engine needs Dask: pip install 'tuyengiao-archive[dask]'"
        ) from None
    cluster = None
    if options.scheduler:
        client = Client(options.scheduler)
    else:
        workers = options.partitions or os.cpu_count() or 1
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        futures = [client.submit(derive_file, i, path, out, pure=False) for i, path in jobs]
        results = []
        for future in as_completed(futures):
            results.append(future.result())
            progress(results[-1])
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _spark(jobs, out: str, options: Options, progress: Progress) -> list[FileResult]:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError(
            "the spark engine needs PySpark: pip install 'tuyengiao-archive[spark]'"
        ) from None
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        raise EngineError("the spark engine needs Java (a JRE on PATH or JAVA_HOME)")
    # The workers run this interpreter, which has the package, unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(options.master or "local[*]")
        .appName("tuyengiao-derive")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    try:
        slices = options.partitions or len(jobs)
        rdd = spark.sparkContext.parallelize(jobs, numSlices=min(slices, len(jobs)))
        results = rdd.map(partial(_run_job, out=out)).collect()
    finally:
        spark.stop()
    for result in results:
        progress(result)
    return results


def _run_job(job: tuple[int, str], out: str) -> FileResult:
    return derive_file(job[0], job[1], out)
