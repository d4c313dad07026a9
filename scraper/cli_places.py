"""`--province NAME [--as-of DATE]` for search and export, and `tuyengiao moves`."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from parsers.places.provinces import predecessors
from scraper.cli_common import DATE, db_option, open_archive
from scraper.host_moves import host_moves, learn_host_moves
from scraper.site_places import UnknownProvince, province_filter


def province_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --province and --as-of; the command receives `provinces`: the ids of the units
    within the named one (None without --province)."""

    @click.option(
        "--province",
        help="Only articles published in this province: an old name (of the 63) means its "
        "territory, a name of the map in force on --as-of the unit and what it absorbed.",
    )
    @click.option(
        "--as-of", "as_of", type=DATE, help="Read --province in the map of this day (today)."
    )
    @functools.wraps(command)
    def wrapper(*args: Any, province: str | None, as_of: date | None, **kwargs: Any) -> Any:
        return command(*args, provinces=province_ids(province, as_of), **kwargs)

    return wrapper


def province_ids(name: str | None, as_of: date | None) -> frozenset[str] | None:
    """The ids of the units within the province NAME denotes on `as_of` (default today);
    says on stderr what the name was read as."""
    if name is None:
        return None
    try:
        unit, ids = province_filter(name, as_of or date.today())
    except UnknownProvince as exc:
        raise click.ClickException(str(exc)) from None
    parts = ", ".join(p.name for p in predecessors(unit))
    map_ = "34 from 2025-07-01" if unit.map == "new" else "63 until 2025-06-30"
    click.echo(f"province: {unit.full_name} (map of {map_}): {parts}", err=True)
    return ids


@click.command("moves")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the moves as JSON.")
def moves_command(db_path: Path, as_json: bool) -> None:
    """Learn host moves from the redirects in the archive's WARC files and list them."""
    archive = open_archive(db_path, must_exist=True)
    try:
        problems = learn_host_moves(archive)
        moves = host_moves(archive)
    finally:
        archive.close()
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    if as_json:
        click.echo(json.dumps(moves, ensure_ascii=False, indent=2))
        return
    for move in moves:
        click.echo(
            f"{move['old_host']} -> {move['new_host']}  first seen {move['first_seen_at']}"
            f"  last seen {move['last_seen_at']}  ({move['example_url']})"
        )
