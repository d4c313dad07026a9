"""`derive` and `import-parquet`: records from WARCs on a process pool, Dask or Spark, and
an archive built from what they wrote."""

from __future__ import annotations

from pathlib import Path

import click

from scraper.archive.parquet_import import DatasetError, import_parquet
from scraper.cli.common import db_option, open_archive
from scraper.derive.engines import ENGINES, EngineError, Options, derive
from scraper.derive.manifest import ManifestError, read_manifest
from scraper.derive.records import FileResult


@click.command("derive")
@click.argument("manifest", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The dataset's folder (emptied first): records/site=…/year=…/ and failures/.",
)
@click.option(
    "--engine", type=click.Choice(ENGINES), default="local", show_default=True,
    help="local: a process pool; dask: a Dask cluster; spark: PySpark.",
)  # fmt: skip
@click.option(
    "--partitions", type=click.IntRange(min=1),
    help="Tasks run at once (local, dask) or RDD slices (spark); default: the cores.",
)  # fmt: skip
@click.option("--scheduler", help="dask: the scheduler's address (default: a local cluster).")
@click.option("--master", help="spark: the master URL (default: local[*]).")
def derive_command(
    manifest: Path,
    out: Path,
    engine: str,
    partitions: int | None,
    scheduler: str | None,
    master: str | None,
) -> None:
    """Parse every response of the WARC files listed in MANIFEST into a Parquet dataset."""
    try:
        paths = read_manifest(manifest)
    except ManifestError as exc:
        raise click.ClickException(str(exc)) from None
    options = Options(engine, partitions, scheduler, master)

    def progress(result: FileResult) -> None:
        click.echo(
            f"{Path(result.path).name}: {result.records} records, {result.failures} other",
            err=True,
        )

    try:
        results = derive(paths, out, options, progress)
    except EngineError as exc:
        raise click.ClickException(str(exc)) from None
    records = sum(r.records for r in results)
    failures = sum(r.failures for r in results)
    click.echo(f"{len(results)} WARC files: {records} records, {failures} not articles or failed")


@click.command("import-parquet")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@click.option("--batch", default=5000, show_default=True, type=click.IntRange(min=1),
              help="Records stored per transaction.")  # fmt: skip
def import_parquet_command(folder: Path, db_path: Path, batch: int) -> None:
    """Store the records of a dataset written by `derive` (FOLDER) in the archive."""
    archive = open_archive(db_path)
    try:
        counts = import_parquet(archive, folder, batch)
    except DatasetError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        archive.close()
    row = counts.as_row()
    click.echo(", ".join(f"{row[k]} {k}" for k in ("new", "updated", "unchanged", "duplicate")))


COMMANDS = (derive_command, import_parquet_command)
