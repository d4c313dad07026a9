"""`tuyengiao changes`: what the re-checks found — edits, removals, restorations, moves."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from scraper.archive.changefeed import ChangeFilter, atom, list_changes, text_lines
from scraper.archive.changes import KINDS
from scraper.cli.common import DATE, db_option, open_archive


@click.command("changes")
@db_option
@click.option("--since", type=DATE, help="Detected on or after this day.")
@click.option("--site", help="Only this site.")
@click.option("--kind", type=click.Choice(KINDS), help="Only this kind of change.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@click.option("--atom", "as_atom", is_flag=True, help="Print an Atom feed of the changes.")
def changes_command(
    db_path: Path,
    since: date | None,
    site: str | None,
    kind: str | None,
    as_json: bool,
    as_atom: bool,
) -> None:
    """List the changes found by re-checking archived articles, oldest first: edits (with
    the fields changed and the text's word diff), removals, restorations and moves."""
    if as_json and as_atom:
        raise click.UsageError("give one of --json and --atom")
    archive = open_archive(db_path, must_exist=True)
    try:
        found = list_changes(archive.db, ChangeFilter(since, site, kind))
    finally:
        archive.close()
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    elif as_atom:
        scope = f" of {site}" if site else ""
        feed_id = f"tag:tuyengiao-archive,2026:{db_path.resolve().name}"
        click.echo(atom(found, feed_id, f"Changes{scope} — tuyengiao-archive"), nl=False)
    else:
        for change in found:
            click.echo("\n".join(text_lines(change)))
        click.echo(f"{len(found)} changes", err=True)
