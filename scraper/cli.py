"""The `tuyengiao` command. Thin: parse arguments, call the library, print.

Errors of the user's making (unknown site, unreadable file, malformed query, a page that
is not an article) become one line on stderr and a non-zero exit; no traceback.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from parsers import NotAnArticle, ParseError, extract, parse
from parsers.evaluate import evaluate, format_scores
from scraper.archive import Archive, ArchiveError, RunCounts
from scraper.crawl import CrawlOptions, crawl
from scraper.fetch import Fetcher
from scraper.frontier import Item
from scraper.search import SearchError, search
from scraper.settings import FetchSettings
from scraper.sites import SITES, UnknownSite, get_site
from scraper.sites_cli import sites_command

DEFAULT_DB = "archive.db"


class DateParam(click.ParamType):
    """A day, written `2024-03-15` or, as Vietnamese sites write it, `15/03/2024`."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                return datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        self.fail(f"{value!r} is not a date (use 2024-03-15 or 15/03/2024)", param, ctx)


DATE = DateParam()
db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="TUYENGIAO_DB",
    help="The archive database.",
)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _open_archive(path: Path) -> Archive:
    try:
        return Archive(path)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tuyengiao-archive")
def cli() -> None:
    """Archive the news pages of Vietnam's Party propaganda sites into SQLite."""


def _progress_hook(total: int | None):
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="page", file=sys.stderr, dynamic_ncols=True)

    def hook(item: Item, outcome: str, counts: RunCounts) -> None:
        bar.update(1)
        bar.set_postfix(new=counts.new, unchanged=counts.unchanged, failed=counts.failed)
        bar.set_description(item.site)

    return hook, bar.close


def _summary(run_id: int, counts: RunCounts) -> str:
    row = counts.as_row()
    parts = ", ".join(f"{row[k]} {k.replace('_', '-')}" for k in row if k != "fetched")
    return f"run {run_id}: {row['fetched']} pages fetched; {parts}"


def _run_crawl(
    command: str,
    sites: tuple[str, ...],
    db_path: Path,
    base_url: str | None,
    options: CrawlOptions,
    contact: str | None,
) -> None:
    try:
        profiles = [get_site(name) for name in sites]
        if base_url:
            if len(profiles) != 1:
                raise click.UsageError("--base-url points one site at a mirror; name one site")
            profiles = [profiles[0].with_mirror(base_url)]
    except (UnknownSite, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    settings = FetchSettings(contact=contact) if contact else FetchSettings()
    archive = _open_archive(db_path)
    hook, close_bar = _progress_hook(options.max_articles)
    try:
        run_id, counts = crawl(
            archive,
            profiles,
            Fetcher(settings),
            command=command,
            options=options,
            progress=hook,
        )
    finally:
        close_bar()
        archive.close()
    click.echo(_summary(run_id, counts))


contact_option = click.option(
    "--contact",
    envvar="TUYENGIAO_CONTACT",
    help="URL or e-mail put in the User-Agent so site operators can reach you.",
)
base_url_option = click.option(
    "--base-url", help="Crawl a mirror of the site (e.g. a local server) instead of the site."
)


@cli.command("crawl")
@click.argument("sites", nargs=-1, required=True)
@db_option
@base_url_option
@click.option("--max-articles", type=click.IntRange(min=1), help="Stop after N article pages.")
@click.option("--since", type=DATE, help="Stop paging past articles older than this day.")
@contact_option
def crawl_command(
    sites: tuple[str, ...],
    db_path: Path,
    base_url: str | None,
    max_articles: int | None,
    since: date | None,
    contact: str | None,
) -> None:
    """Crawl registered SITES into the archive."""
    options = CrawlOptions(max_articles=max_articles, since=since)
    _run_crawl("crawl", sites, db_path, base_url, options, contact)


@cli.command("update")
@click.argument("sites", nargs=-1)
@db_option
@base_url_option
@click.option("--since", type=DATE, help="Stop paging past articles older than this day.")
@contact_option
def update_command(
    sites: tuple[str, ...],
    db_path: Path,
    base_url: str | None,
    since: date | None,
    contact: str | None,
) -> None:
    """Fetch what is new on SITES (every registered site when none is named)."""
    names = sites or tuple(sorted(SITES))
    _run_crawl("update", names, db_path, base_url, CrawlOptions(since=since), contact)


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
def parse_command(file: str, url: str) -> None:
    """Parse one saved page (FILE, or - for stdin) and print its record as JSON."""
    data = _read_bytes(file)
    try:
        article = parse(data, url)
    except (NotAnArticle, ParseError) as exc:
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
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
def search_command(
    query: str,
    db_path: Path,
    site: str | None,
    section: str | None,
    date_from: date | None,
    date_to: date | None,
    limit: int,
    as_json: bool,
) -> None:
    """Full-text search of titles, sapos and bodies, with or without diacritics."""
    if not db_path.exists():
        raise click.ClickException(f"no archive at {db_path}")
    archive = _open_archive(db_path)
    try:
        hits = search(
            archive.db,
            query,
            site=site,
            section=section,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
        )
    except SearchError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        archive.close()
    if as_json:
        _echo_json([hit.to_dict() for hit in hits])
        return
    for hit in hits:
        snippet = hit.snippet.replace("\x02", "[").replace("\x03", "]").replace("\n", " ")
        click.echo(f"{hit.published_at or '-'}  {hit.site}  {hit.title}")
        click.echo(f"    {hit.canonical_url}")
        click.echo(f"    {snippet}")


cli.add_command(sites_command)


def main() -> None:
    """Entry point: click's own errors as usual; anything unexpected as one line too."""
    try:
        cli.main(standalone_mode=True)
    except Exception as exc:  # a bug, not bad input: still one line, with a way to see more
        if os.environ.get("TUYENGIAO_DEBUG"):
            traceback.print_exc()
        else:
            name = type(exc).__name__
            hint = "set TUYENGIAO_DEBUG=1 for details"
            click.echo(f"Error: unexpected {name}: {exc} ({hint})", err=True)
        sys.exit(70)
