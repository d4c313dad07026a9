"""The analysts' commands: export, import-jsonl, merge, serve.

Kept apart from `scraper.cli.main` so they import nothing of the crawler; `scraper.cli.main` adds
them to the `tuyengiao` group. Thin, like the rest: parse, call the library, print.
"""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import click

from scraper.archive.export import (
    FORMATS,
    Filters,
    RecordError,
    import_jsonl,
    records,
    write_csv,
    write_jsonl,
    write_parquet,
)
from scraper.archive.merge import MergeError, merge
from scraper.archive.store import ArchiveError
from scraper.cli.common import (
    DATE,
    db_option,
    no_wait_option,
    open_archive,
    open_for_writing,
    writing,
)


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default stdout)."
)
@click.option("--site", help="Only this site.")
@click.option("--section", help="Only this section.")
@click.option("--from", "date_from", type=DATE, help="Published on or after this day.")
@click.option("--to", "date_to", type=DATE, help="Published on or before this day.")
def export_command(
    db_path: Path,
    fmt: str,
    out: Path | None,
    site: str | None,
    section: str | None,
    date_from: date | None,
    date_to: date | None,
) -> None:
    """Export articles as JSONL (full records), CSV (flat columns) or Parquet."""
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE")
    archive = open_archive(db_path, must_exist=True)
    lines = records(archive.db, Filters(site, section, date_from, date_to))
    try:
        if fmt == "parquet":
            count = write_parquet(lines, out)
        else:
            writer = write_jsonl if fmt == "jsonl" else write_csv
            if out is None:  # UTF-8 whatever the locale says
                stdout = io.TextIOWrapper(sys.stdout.buffer, "utf-8", newline="")
                count = writer(lines, stdout)
                stdout.flush()
                stdout.detach()
            else:
                with out.open("w", encoding="utf-8", newline="") as handle:
                    count = writer(lines, handle)
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror}") from None
    finally:
        archive.close()
    click.echo(f"{count} articles exported", err=True)


@click.command("import-jsonl")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option("--batch", default=500, show_default=True, type=click.IntRange(min=1))
@no_wait_option
def import_jsonl_command(file: Path, db_path: Path, batch: int, no_wait: bool) -> None:
    """Store the records of a JSONL FILE (one record per line, as `export` writes them).

    Each record's `url` and `canonical_url` must be http(s) URLs and its `site` a host
    name; the first line that is not such a record ends the import, naming the line."""
    with writing(db_path, "import-jsonl", no_wait=no_wait):
        archive = open_for_writing(db_path)
        try:
            counts = import_jsonl(archive, file, batch)
        except (RecordError, UnicodeDecodeError) as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            archive.close()
    row = counts.as_row()
    click.echo(", ".join(f"{row[k]} {k}" for k in ("new", "updated", "unchanged", "duplicate")))


@click.command("merge")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--into", required=True, type=click.Path(dir_okay=False, path_type=Path))
@no_wait_option
def merge_command(sources: tuple[Path, ...], into: Path, no_wait: bool) -> None:
    """Merge archives (SOURCES…) into one (--into), copying their WARC files along."""
    with writing(into, "merge", no_wait=no_wait):
        try:
            report = merge(list(sources), into)
        except (MergeError, ArchiveError) as exc:
            raise click.ClickException(str(exc)) from None
    row = report.counts.as_row()
    click.echo(
        ", ".join(f"{row[k]} {k}" for k in ("new", "updated", "unchanged", "duplicate"))
        + f"; {report.fetches} fetches, {report.warcs_copied} WARC files copied"
    )
    for missing in report.warcs_missing:
        click.echo(f"warning: WARC file not found: {missing}", err=True)


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
def serve_command(db_path: Path, host: str, port: int) -> None:
    """Browse and query the archive in Datasette."""
    from scraper.archive.serve import (
        serve,  # Datasette is slow to import; only this command needs it
    )

    open_archive(
        db_path, must_exist=True
    ).close()  # brings the schema up to date, refuses non-archives
    click.echo(f"serving {db_path} on http://{host}:{port}/", err=True)
    serve(db_path, host, port)


COMMANDS = (export_command, import_jsonl_command, merge_command, serve_command)
