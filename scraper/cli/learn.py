"""`tuyengiao sites learn`: a site's profile learned from a few of its own pages.

Thin: the pages come from `scraper.cli.sources` (or the archive's newest stored pages of
the site with `--from-archive`), the learning is `parsers.learn` (pure), and the TOML
written is read back through `scraper.sites.load` — the validation every profile gets —
before it is kept.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scraper.cli.common import db_option, open_archive, profiles_option
from scraper.cli.sources import Source, read_sources
from scraper.sites.load import ProfileError, profile_from_data
from scraper.sites.registry import SITES, SiteProfile
from scraper.warc.writer import default_warc_folder

if TYPE_CHECKING:
    from parsers.learn import Profile

SHOWN = 28  # characters of a page's value shown in the table


@click.command("learn")
@click.argument("name")
@click.argument("sources", nargs=-1, metavar="SOURCE…")
@click.option(
    "--listing", "listings", multiple=True, metavar="SOURCE",
    help="A listing page of the site: learns its article links and next page.",
)  # fmt: skip
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("profiles"),
    show_default=True, help="The folder the profile NAME.toml is written to.",
)  # fmt: skip
@click.option(
    "--from-archive", is_flag=True,
    help="Learn again from the site's newest pages stored in the archive (--db) and show"
    " what changed from its current profile.",
)  # fmt: skip
@click.option(
    "--delay", default=1.0, show_default=True, type=click.FloatRange(min=0),
    envvar="TUYENGIAO_DELAY", help="Seconds between two requests to the site (URL sources).",
)  # fmt: skip
@db_option
@profiles_option
def learn_command(
    name: str,
    sources: tuple[str, ...],
    listings: tuple[str, ...],
    out: Path,
    from_archive: bool,
    delay: float,
    db_path: Path,
) -> None:
    """Learn the profile of site NAME from 2 to 10 of its article pages (3 or more
    recommended). SOURCE is a URL (fetched politely and kept in the archive's WARC folder),
    a WARC file, or a saved page with its address, FILE@URL."""
    from parsers.learn import LearnError, learn  # the learner loads with this command only
    from parsers.learn.render import render

    name = name.lower()
    warcs = default_warc_folder(db_path)
    current = SITES.get(name)
    if from_archive:
        if sources:
            raise click.ClickException("give either SOURCEs or --from-archive, not both")
        if current is None:
            raise click.ClickException(f"--from-archive: {name!r} is not a registered site")
        pages = _archived(db_path, current)
    else:
        if not sources:
            raise click.ClickException("give 2 to 10 article pages of the site (SOURCE…)")
        pages = read_sources(sources, warcs, delay=delay)
    listing_pages = read_sources(listings, warcs, delay=delay) if listings else []
    try:
        profile = learn(
            name,
            [(p.raw, p.url) for p in pages],
            [(p.raw, p.url) for p in listing_pages],
            leave_out=True,
        )
    except LearnError as exc:
        raise click.ClickException(str(exc)) from None
    for note in profile.notes:
        click.echo(f"note: {note}", err=True)
    text = render(profile)
    path = out / f"{name}.toml"
    try:
        site = profile_from_data(tomllib.loads(text), path.name)  # the packaged profiles' checks
    except ProfileError as exc:  # a learner bug, not bad input: say so, write nothing
        raise click.ClickException(f"the learned profile does not validate: {exc}") from None
    _table(profile)
    if from_archive and current is not None:
        _differences(current, profile)
        _readings(current, site, pages)
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}  (use it with --profiles {out})")


def _readings(current: SiteProfile, learned: SiteProfile, pages: list[Source]) -> None:
    """On the archived pages, how often each profile fills each field."""
    from parsers import NotAnArticle, ParseError, Registry, parse

    counts = {"current": Counter(), "learned": Counter()}
    for which, site in (("current", current), ("learned", learned)):
        registry = Registry([site.parser] if site.parser else [])
        for page in pages:
            try:
                record = parse(page.raw, page.url, registry=registry).to_dict()
            except (NotAnArticle, ParseError):
                continue
            counts[which]["article"] += 1
            for key in ("title", "published_at", "body_text", "section", "byline"):
                counts[which][key] += bool(record[key])
    click.echo(f"on the {len(pages)} archived pages (current → learned):")
    for key in ("article", "title", "published_at", "body_text", "section", "byline"):
        click.echo(f"  {key:<13} {counts['current'][key]:>3} → {counts['learned'][key]}")


def _archived(db_path: Path, site: SiteProfile) -> list[Source]:
    from parsers.learn import MAX_PAGES
    from scraper.archive.recent import recent_pages

    archive = open_archive(db_path, must_exist=True)
    try:
        stored = recent_pages(archive, site.hosts, site.is_article, MAX_PAGES)
    finally:
        archive.close()
    if not stored:
        raise click.ClickException(f"no stored article page of {site.name} in {db_path}")
    return [Source(s.body, s.page_url, s.page_url) for s in stored]


def _table(profile: Profile) -> None:
    numbers = [p.number for p in profile.pages]
    click.echo(f"{'field':<14} {'agree':>6} {'conf':>5}  selector / value on each page")
    for field in profile.fields:
        agree = f"{field.agree}/{field.pages}" if field.pages else "-"
        confidence = f"{field.confidence:.2f}" if field.pages else "-"
        chosen = ", ".join(field.selectors) if field.selectors else "(not learned: generic)"
        click.echo(f"{field.name:<14} {agree:>6} {confidence:>5}  {chosen}")
        if field.name in ("article", "listing_links", "next_page"):
            continue
        for number, value in zip(numbers, field.values, strict=False):
            shown = (value or "-").replace("\n", " ")
            shown = shown if len(shown) <= SHOWN else shown[: SHOWN - 1] + "…"
            click.echo(f"{'':<14} {'':>6} {'':>5}    page {number}: {shown}")


def _differences(site: SiteProfile, profile: Profile) -> None:
    """What the learned profile reads differently from the current one, field by field."""
    click.echo(f"changes from the current profile ({site.origin}, family {site.family}):")
    current = dict(site.parser.selectors) if site.parser else {}
    learned = profile.data["selectors"]
    changed = False
    for key in sorted(set(learned) | {k for k, v in current.items() if v}):
        before, after = list(current.get(key, ())), learned.get(key, [])
        if before != after:
            changed = True
            now = ", ".join(after) or "(generic)"
            click.echo(f"  {key}: {', '.join(before) or '-'}  →  {now}")
    old_pattern = site.article_pattern.pattern
    if old_pattern != profile.data["urls"]["article"]:
        changed = True
        click.echo(f"  urls.article: {old_pattern}  →  {profile.data['urls']['article']}")
    if not changed:
        click.echo("  none")
