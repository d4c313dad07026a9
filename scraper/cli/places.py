"""`--province NAME [--as-of DATE]` for search and export, and `tuyengiao moves`."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from parsers.places.provinces import NEW
from scraper.archive.host_moves import host_moves, learn_host_moves
from scraper.archive.places import UnknownProvince, province_filter
from scraper.cli.common import DATE, db_option, open_archive
from scraper.sites.registry import SITES


@dataclass(frozen=True, slots=True)
class ProvinceChoice:
    """What --province (--as-of) asked for: the ids of the units an article's province as
    published must be one of, and a line saying how NAME was read (for stderr, once the
    command's other input is known to be good)."""

    ids: frozenset[str]
    note: str


def province_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --province and --as-of; the command receives `provinces`: a ProvinceChoice, or
    None without --province."""

    @click.option(
        "--province",
        help="Only articles published in this province: an old name (of the 63, or NAME (cũ)) "
        "means its territory; a name of the 34 the unit and every province it absorbed.",
    )
    @click.option(
        "--as-of",
        "as_of",
        type=DATE,
        help="With a name of the 34: only the provinces it absorbed (a day before 2025-07-01) "
        "or only the new unit (from 2025-07-01).",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, province: str | None, as_of: date | None, **kwargs: Any) -> Any:
        return command(*args, provinces=province_choice(province, as_of), **kwargs)

    return wrapper


def province_choice(name: str | None, as_of: date | None) -> ProvinceChoice | None:
    """The units whose articles --province NAME (--as-of DATE) wants; an unknown name is a
    one-line error."""
    if name is None:
        return None
    try:
        unit, units = province_filter(name, as_of)
    except UnknownProvince as exc:
        raise click.ClickException(str(exc)) from None
    map_ = "the 34, from 2025-07-01" if unit.map == NEW else "the 63, until 2025-06-30"
    parts = ", ".join(f"{u.name} ({'34' if u.map == NEW else '63'})" for u in units)
    note = f"province: {unit.full_name} of {map_}; articles published in: {parts}"
    return ProvinceChoice(frozenset(u.id for u in units), note)


@click.command("moves")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the moves as JSON.")
def moves_command(db_path: Path, as_json: bool) -> None:
    """Learn host moves from the redirects in the archive's WARC files and list them."""
    archive = open_archive(db_path, must_exist=True)
    try:
        problems = learn_host_moves(archive)
        moves = host_moves(archive, SITES)
    finally:
        archive.close()
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    if as_json:
        click.echo(json.dumps(moves, ensure_ascii=False, indent=2))
        return
    for move in moves:
        sites = ""
        if move["old_site"] or move["new_site"]:
            sites = f"  sites {move['old_site'] or '-'} -> {move['new_site'] or '-'}"
        click.echo(
            f"{move['old_host']} -> {move['new_host']}  first seen {move['first_seen_at']}"
            f"  last seen {move['last_seen_at']}{sites}  ({move['example_url']})"
        )
