"""The analysts' commands: export, import-jsonl, merge, serve, report.

Kept apart from `scraper.cli.main` so they import nothing of the crawler; `scraper.cli.main` adds
them to the `tuyengiao` group. Thin, like the rest: parse, call the library, print.
"""

from __future__ import annotations

import io
import socket
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import click

from scraper.archive.changefeed import ChangeFilter, list_changes, write_changes
from scraper.archive.export import (
    FORMATS,
    Filters,
    RecordError,
    import_jsonl,
    stored,
    write_csv,
    write_jsonl,
    write_parquet,
)
from scraper.archive.merge import MergeError, merge
from scraper.archive.report_sql import Scope
from scraper.archive.store import ArchiveError
from scraper.cli.common import (
    DATE,
    db_option,
    no_wait_option,
    open_archive,
    open_for_writing,
    writing,
)
from scraper.cli.places import ProvinceChoice, province_options


@click.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl: full records, as stored; csv: flat columns; parquet: typed and nested.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default stdout)."
)
@click.option("--site", help="Only this site.")
@click.option("--section", help="Only this section.")
@click.option("--from", "date_from", type=DATE, help="Published on or after this day.")
@click.option("--to", "date_to", type=DATE, help="Published on or before this day.")
@province_options
@click.option(
    "--changes",
    "of_changes",
    is_flag=True,
    help="Export the changes found by re-checks (edits, removals…) instead of articles;"
    " --site and --from (detected on or after) apply.",
)
@click.option(
    "--bom",
    is_flag=True,
    help="Start a CSV with a byte-order mark, so that Excel reads it as UTF-8.",
)
def export_command(
    db_path: Path,
    fmt: str,
    out: Path | None,
    site: str | None,
    section: str | None,
    date_from: date | None,
    date_to: date | None,
    provinces: ProvinceChoice | None,
    of_changes: bool,
    bom: bool,
) -> None:
    """Export articles as JSONL (full records), CSV (flat columns) or Parquet."""
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE")
    if bom and fmt != "csv":
        raise click.UsageError("--bom is for --format csv")
    archive = open_archive(db_path, must_exist=True)
    if of_changes:
        found = list_changes(archive.db, ChangeFilter(date_from, site))
        archive.close()
        _write(lambda handle: write_changes(found, fmt, handle), out, fmt)
        click.echo(f"{len(found)} changes exported", err=True)
        return
    if provinces:
        click.echo(provinces.note, err=True)
        archive.place_articles()
    ids = provinces.ids if provinces else None
    lines = stored(archive.db, Filters(site, section, date_from, date_to, ids))
    writer = {"jsonl": write_jsonl, "csv": partial(write_csv, bom=bom)}.get(fmt, write_parquet)
    try:
        count = _write(lambda target: writer(lines, target), out, fmt)
    finally:
        lines.close()  # its cursor, before the database it reads
        archive.close()
    click.echo(f"{count} articles exported", err=True)


def _write(writer: Callable[[Any], int], out: Path | None, fmt: str) -> int:
    """Run `writer` on the output, a text stream (stdout or --out) or the path (parquet),
    and return what it returns."""
    try:
        if fmt == "parquet":
            return writer(out)
        if out is None:  # UTF-8 whatever the locale says
            stdout = io.TextIOWrapper(sys.stdout.buffer, "utf-8", newline="")
            written = writer(stdout)
            stdout.flush()
            stdout.detach()
            return written
        with out.open("w", encoding="utf-8", newline="") as handle:
            return writer(handle)
    except BrokenPipeError:
        raise  # the reader stopped (`export | head`): a quiet exit, see scraper.cli.main
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror}") from None


@click.command("import-jsonl")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option(
    "--batch",
    default=5000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Records stored per transaction.",
)
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
@click.option(
    "--into",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The archive to merge into (created if missing).",
)
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
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on.",
)
def serve_command(db_path: Path, host: str, port: int) -> None:
    """Browse, search and query the archive in Datasette."""
    from scraper.archive.serve import (
        serve,  # Datasette is slow to import; only this command needs it
    )

    # Brings the schema up to date, refuses non-archives.
    archive = open_archive(db_path, must_exist=True)
    try:
        archive.place_articles()  # for the views and queries by province
    finally:
        archive.close()
    with socket.socket() as probe:  # say "serving" only once the port is ours to take
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise click.ClickException(f"cannot serve on {host}:{port}: {exc.strerror}") from None
    click.echo(f"serving {db_path} on http://{host}:{port}/", err=True)
    serve(db_path, host, port, Scope())


def _report_scope(
    sites: tuple[str, ...],
    provinces: ProvinceChoice | None,
    since: date | None,
    until: date | None,
) -> Scope:
    """The report's scope; --province keeps the articles published in those units."""
    if since and until and since > until:
        raise click.BadParameter("--since is after --until", param_hint="--since")
    if provinces is None:
        return Scope(tuple(sorted(set(sites))), since, until)
    ids = tuple(sorted(provinces.ids))
    return Scope(tuple(sorted(set(sites))), since, until, ids, provinces.note)


@click.command("report")
@db_option
@click.option("--site", "sites", multiple=True, help="Only this site (repeat for more).")
@province_options
@click.option("--since", type=DATE, help="Published on or after this day.")
@click.option("--until", type=DATE, help="Published on or before this day.")
@click.option(
    "--document", help="The document charted by province and lag (default: the most cited)."
)
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="HTML file."
)
def report_command(
    db_path: Path,
    sites: tuple[str, ...],
    provinces: ProvinceChoice | None,
    since: date | None,
    until: date | None,
    document: str | None,
    out: Path,
) -> None:
    """Write one self-contained HTML page of charts of the archive (works offline)."""
    from scraper.archive.report import build  # Altair is slow to import

    scope = _report_scope(sites, provinces, since, until)
    archive = open_archive(db_path, must_exist=True)  # the schema up to date; no non-archives
    try:
        for site in sites:
            if not archive.db.execute("SELECT 1 FROM articles WHERE site = ?", [site]).fetchone():
                raise click.BadParameter(
                    f"no article of {site!r} in {db_path}", param_hint="--site"
                )
        if provinces:
            click.echo(provinces.note, err=True)
        archive.place_articles()  # the charts per province read the placements
    finally:
        archive.close()
    try:
        size = build(db_path, out, scope, document=document, progress=sys.stderr.isatty())
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror}") from None
    click.echo(f"report written to {out} ({size / 1e6:.2f} MB)", err=True)


COMMANDS = (export_command, import_jsonl_command, merge_command, serve_command, report_command)
