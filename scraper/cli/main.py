"""The `tuyengiao` command. Thin: parse arguments, call the library, print.

Errors of the user's making (unknown site, unreadable file, malformed query, a page that
is not an article) become one line on stderr and a non-zero exit; no traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
import traceback
from datetime import date
from pathlib import Path
from typing import Any

import click

from parsers import NotAnArticle, ParseError, extract, parse
from parsers.evaluate import evaluate, format_scores
from scraper.archive.check import check_archive
from scraper.archive.rederive import Report, has_site, import_warcs, rebuild, reparse
from scraper.archive.search import SearchError, count, search
from scraper.cli.archive import COMMANDS as ARCHIVE_COMMANDS
from scraper.cli.changes import changes_command
from scraper.cli.common import (
    DATE,
    EnvOption,
    db_option,
    no_wait_option,
    open_archive,
    open_for_writing,
    profiles_option,
    show_warnings,
    writing,
)
from scraper.cli.crawl import RunSettings, run_crawl, run_options, summary
from scraper.cli.derive import COMMANDS as DERIVE_COMMANDS
from scraper.cli.places import ProvinceChoice, moves_command, province_options
from scraper.cli.sites import sites_command
from scraper.crawl.site import CrawlOptions, Selection
from scraper.sites.registry import SITES, parser_registry
from scraper.warc.writer import default_warc_folder
from scraper.web.urls import canonical_url


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


class _Commands(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader of our output went away (`export | head`): stop quietly with 0, as
            # Unix tools do; stdout goes to /dev/null so the exit's flush cannot fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tuyengiao-archive")
def cli() -> None:
    """Archive the news pages of Vietnam's Party propaganda sites into SQLite."""


@cli.command("crawl")
@click.argument("sites", nargs=-1, required=True)
@db_option
@click.option("--max-articles", type=click.IntRange(min=1), help="Stop after N article pages.")
@click.option("--since", type=DATE, help="Stop paging past articles older than this day.")
@run_options
def crawl_command(
    sites: tuple[str, ...], max_articles: int | None, since: date | None, **run: Any
) -> None:
    """Crawl registered SITES into the archive.

    Exit status: 0 done; 1 error; 3 a site failed; 4 the archive is in use by another
    run; 130 interrupted (run it again to resume).
    """
    options = CrawlOptions(max_articles=max_articles, since=since)
    run_crawl("crawl", sites, RunSettings(**run), options)


@cli.command("update")
@click.argument("sites", nargs=-1)
@db_option
@click.option("--since", type=DATE, help="Stop paging past articles older than this day.")
@click.option(
    "--recheck-budget",
    default=200,
    show_default=True,
    type=click.IntRange(min=0),
    envvar="TUYENGIAO_RECHECK_BUDGET",
    help="Re-check at most N archived articles a site in this run, the most overdue"
    " first (see docs/changes.md); 0: none.",
)
@click.option(
    "--recheck-days",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    envvar="TUYENGIAO_RECHECK_DAYS",
    cls=EnvOption,
    help="Also re-check at every run, whatever the schedule, the articles published within"
    " N days (first fetched, when the date is unknown); they count in the budget.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 5 when a site's new records lost a field they used to have (parser health).",
)
@run_options
def update_command(
    sites: tuple[str, ...],
    since: date | None,
    recheck_budget: int,
    recheck_days: int,
    strict: bool,
    **run: Any,
) -> None:
    """Fetch what is new on SITES (every registered site when none is named).

    Walks each listing newest first and stops at a page whose articles are all archived
    already; re-checks the archived articles whose time has come, for edits and removals.
    Exit status as for `crawl`, and with --strict 5 when parser health warned.
    """
    names = sites or tuple(sorted(SITES))
    options = CrawlOptions(
        since=since, update=True, recheck_budget=recheck_budget, recheck_days=recheck_days
    )
    run_crawl("update", names, RunSettings(**run), options, strict=strict)


@cli.command("recheck")
@click.argument("sites", nargs=-1)
@db_option
@click.option("--all", "every", is_flag=True, help="Every archived article of the sites.")
@click.option(
    "--older-than",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="The archived articles published more than DAYS days ago.",
)
@click.option("--url", "urls", multiple=True, metavar="URL", help="This article (repeatable).")
@run_options
def recheck_command(
    sites: tuple[str, ...],
    every: bool,
    older_than: int | None,
    urls: tuple[str, ...],
    **run: Any,
) -> None:
    """Re-check archived articles of SITES now, outside the schedule, for edits and
    removals (with none of --all, --older-than, --url: those the schedule has due).

    SITES may be left out with --url: the sites of the URLs. Exit status as for `crawl`.
    """
    if sum((every, older_than is not None, bool(urls))) > 1:
        raise click.UsageError("give one of --all, --older-than and --url")
    try:
        keys = tuple(canonical_url(url) for url in urls)
    except ValueError as exc:
        raise click.UsageError(f"--url: {exc}") from None
    if keys:
        archive = open_archive(run["db_path"], must_exist=True)
        try:
            missing = [url for url in keys if archive.article_id_for_url(url) is None]
        finally:
            archive.close()
        if missing:
            raise click.ClickException(f"not an archived article: {missing[0]}")
    if not sites and keys:
        sites = tuple(sorted({_site_of(url) for url in keys}))
    selection = Selection(all=every, older_than_days=older_than, urls=keys)
    names = sites or tuple(sorted(SITES))
    run_crawl("recheck", names, RunSettings(**run), CrawlOptions(recheck=selection))


def _site_of(url: str) -> str:
    found = [name for name, profile in SITES.items() if profile.owns(url)]
    if not found:
        raise click.UsageError(f"--url {url}: no registered site has this host; name the site")
    return found[0]


def _read_bytes(file: str) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(file).read_bytes()
    except OSError as exc:
        raise click.ClickException(f"cannot read {file}: {exc.strerror}") from None


@cli.command("parse")
@click.argument("file")
@click.option("--url", required=True, help="The URL the page was fetched from.")
@profiles_option
def parse_command(file: str, url: str) -> None:
    """Parse one saved page (FILE, or - for stdin) and print its record as JSON."""
    data = _read_bytes(file)
    try:
        article = parse(data, url, registry=parser_registry())
    except NotAnArticle as exc:
        raise click.ClickException(f"{file}: not an article: {exc}") from None
    except ParseError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    _echo_json(article.to_dict())


@cli.command("extract")
@click.argument("file", default="-")
def extract_command(file: str) -> None:
    """Extract documents cited, persons and byline from plain text (FILE or stdin)."""
    data = _read_bytes(file)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(f"{file}: not UTF-8 text") from None
    _echo_json(extract(text))


@cli.command("eval")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of NNN.txt / NNN.json gold cases.",
)
def eval_command(gold: Path) -> None:
    """Score `extract` against a gold folder, one line per measure."""
    try:
        scores = evaluate(gold)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    for line in format_scores(scores):
        click.echo(line)


@cli.command("search")
@click.argument("query")
@db_option
@click.option("--site", help="Only this site.")
@click.option("--section", help="Only this section.")
@click.option("--from", "date_from", type=DATE, help="Published on or after this day.")
@click.option("--to", "date_to", type=DATE, help="Published on or before this day.")
@click.option(
    "--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Hits to show."
)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@click.option(
    "--stats",
    is_flag=True,
    help="Print on stderr how many articles match and the search's time in milliseconds.",
)
@province_options
def search_command(
    query: str,
    db_path: Path,
    site: str | None,
    section: str | None,
    date_from: date | None,
    date_to: date | None,
    limit: int,
    as_json: bool,
    stats: bool,
    provinces: ProvinceChoice | None,
) -> None:
    """Full-text search of titles, sapos and bodies, with or without diacritics."""
    archive = open_archive(db_path, must_exist=True)
    if provinces:
        click.echo(provinces.note, err=True)
        archive.place_articles()
    filters = {
        "site": site,
        "section": section,
        "date_from": date_from,
        "date_to": date_to,
        "provinces": provinces.ids if provinces else None,
    }
    try:
        started = time.perf_counter()
        hits = search(archive.db, query, limit=limit, **filters)
        took = (time.perf_counter() - started) * 1000
        if stats:  # counted apart, so that the time is the search's own
            matched = count(archive.db, query, **filters)
            click.echo(f"{matched} articles match; {len(hits)} shown; {took:.1f} ms", err=True)
    except SearchError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        archive.close()
    if as_json:
        _echo_json([hit.to_dict() for hit in hits])
        return
    for hit in hits:
        snippet = hit.marked_snippet().replace("\n", " ")
        click.echo(f"{hit.published_at or '-'}  {hit.site}  {hit.title}")
        click.echo(f"    {hit.canonical_url}")
        click.echo(f"    {snippet}")


def _print_report(report: Report) -> None:
    for problem in report.problems:
        click.echo(f"warning: {problem}", err=True)
    click.echo(summary(report.run_id, report.counts, verb="read"))
    if report.problems:
        sys.exit(1)


@cli.command("import-warc")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@db_option
@profiles_option
@no_wait_option
def import_warc_command(files: tuple[Path, ...], db_path: Path, no_wait: bool) -> None:
    """Archive the pages in WARC FILES made elsewhere (wget, Webrecorder, the Internet Archive).

    Each file is linked or copied into the archive's WARC folder first (a file that is no
    WARC is reported and left where it is).
    """
    show_warnings()
    with writing(db_path, "import-warc", no_wait=no_wait):
        archive = open_for_writing(db_path)
        try:
            report = import_warcs(archive, files, registry=parser_registry())
        finally:
            archive.close()
    _print_report(report)


@cli.command("reparse")
@db_option
@click.option("--site", help="Only pages of this site (host name).")
@profiles_option
@no_wait_option
def reparse_command(db_path: Path, site: str | None, no_wait: bool) -> None:
    """Parse the stored pages again with the current parsers and update the records."""
    show_warnings()
    if not db_path.is_file():
        raise click.ClickException(f"no archive at {db_path}")
    with writing(db_path, "reparse", no_wait=no_wait):
        archive = open_for_writing(db_path, must_exist=True)
        if site and site not in SITES and not has_site(archive, site):
            archive.close()
            raise click.ClickException(
                f"unknown site {site}: not registered and no page of it in {db_path}"
            )
        try:
            report = reparse(archive, site=site, registry=parser_registry())
        finally:
            archive.close()
    _print_report(report)


@cli.command("rebuild")
@db_option
@click.option(
    "--into",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The new archive to create (must not exist).",
)
@profiles_option
@no_wait_option
def rebuild_command(db_path: Path, into: Path, no_wait: bool) -> None:
    """Create a new archive from the WARC files of --db's archive."""
    source = default_warc_folder(db_path)
    if not source.is_dir():
        raise click.ClickException(f"no WARC folder at {source}")
    if into.exists():
        raise click.ClickException(f"{into} exists; rebuild creates a new archive")
    show_warnings()
    with writing(into, "rebuild", no_wait=no_wait):
        archive = open_for_writing(into)
        try:
            report = rebuild(source, archive, parser_registry())
        finally:
            archive.close()
    _print_report(report)


@cli.command("check")
@db_option
def check_command(db_path: Path) -> None:
    """Check the archive: SQLite's integrity check, and every WARC pointer of the fetch log
    read back. Read-only. Exit status 0 whole, 1 a problem found (each on one line)."""
    if not db_path.is_file():
        raise click.ClickException(f"no archive at {db_path}")
    try:
        report = check_archive(db_path)
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"{db_path} cannot be read: {exc}") from None
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)
    state = f"{len(report.problems)} problems" if report.problems else "ok"
    click.echo(f"{db_path}: {state}; integrity checked, {report.pointers} WARC pointers read")
    if report.problems:
        sys.exit(1)


for _command in ARCHIVE_COMMANDS:  # export, import-jsonl, merge, serve
    cli.add_command(_command)
cli.add_command(sites_command)
for _command in DERIVE_COMMANDS:  # derive, import-parquet
    cli.add_command(_command)
cli.add_command(moves_command)
cli.add_command(changes_command)


def main() -> None:
    """Entry point: click's own errors as usual; anything unexpected as one line too."""
    try:
        cli.main(standalone_mode=True)
    except sqlite3.DatabaseError as exc:  # read-only, damaged, or a full disk
        click.echo(
            f"Error: the archive cannot be used: {exc} (`tuyengiao check` tells more)", err=True
        )
        sys.exit(1)
    except Exception as exc:  # a bug, not bad input: still one line, with a way to see more
        if os.environ.get("TUYENGIAO_DEBUG"):
            traceback.print_exc()
        else:
            name = type(exc).__name__
            hint = "set TUYENGIAO_DEBUG=1 for details"
            click.echo(f"Error: unexpected {name}: {exc} ({hint})", err=True)
        sys.exit(70)
