"""`tuyengiao sites`: the registered sites, which selectors match on a page, and how a
profile's record compares with the generic reading (`sites check`); `sites learn` is in
`scraper.cli.learn`.

Thin, like the rest of the command line: the profiles come from `scraper.sites.load`, the
matching from `parsers.sites.engine.explain` and the record from `parsers.parse`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import click

from parsers import Article, NotAnArticle, ParseError, decode_html, parse
from parsers.fallback import PROFILE
from parsers.fieldcheck import field_candidates
from parsers.profile import ParserProfile
from parsers.registry import Registry, family_parser
from parsers.sites.engine import explain
from scraper.cli.common import db_option, profiles_option
from scraper.cli.learn import learn_command
from scraper.cli.sources import Source, is_url, read_sources
from scraper.sites.registry import SITES, SiteProfile, UnknownSite, get_site
from scraper.warc.writer import default_warc_folder

COMPARED = ("title", "published_at", "section", "sapo", "body_text", "author", "images", "tags")


@click.group("sites", invoke_without_command=True)
@profiles_option
@click.pass_context
def sites_command(ctx: click.Context) -> None:
    """List the registered sites with their province, CMS family and where each profile
    was read (packaged, or a file of --profiles)."""
    if ctx.invoked_subcommand is not None:
        return
    for site in sorted(SITES.values(), key=lambda s: s.name):
        province = site.province or "-"
        click.echo(
            f"{site.name:<28} {province:<12} {site.family:<13} {site.start_urls[0]}  {site.origin}"
        )


@sites_command.command("check")
@click.argument("site_name", metavar="SITE")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE…")
@click.option("--url", "page_url", help="The page's address when SOURCE is a file.")
@db_option
@profiles_option
def check_command(
    site_name: str, sources: tuple[str, ...], page_url: str | None, db_path: Path
) -> None:
    """Show which selector of SITE's profile matched what on each page, the record, and
    the record field by field against the generic reading. SOURCE is a URL, a WARC file,
    FILE@URL, or a FILE whose address is --url."""
    try:
        site = get_site(site_name)
    except UnknownSite as exc:
        raise click.ClickException(str(exc)) from None
    if site.parser is None:
        raise click.ClickException(f"{site.name} has no parser profile")
    specs = tuple(_with_address(spec, page_url or f"{site.base_url}/") for spec in sources)
    pages = _fetch(specs, site, default_warc_folder(db_path))
    tally: dict[str, Counter[str]] = {field: Counter() for field in COMPARED}
    for number, page in enumerate(pages, 1):
        if len(pages) > 1:
            click.echo(f"== page {number}: {page.url}")
        if page.url in (site.notes or "").split():
            click.echo(f"note: {site.name} was learned from this page; check it on others")
        _check_page(site, page, tally)
    if len(pages) > 1:
        click.echo(f"over {len(pages)} pages (same / differs / profile only / generic only):")
        for field, counts in tally.items():
            click.echo(
                f"  {field:<13} {counts['same']:>3} {counts['differs']:>3}"
                f" {counts['profile only']:>3} {counts['generic only']:>3}"
            )


def _fetch(specs: tuple[str, ...], site: SiteProfile, warc_folder: Path) -> list[Source]:
    """The pages, URLs fetched as the crawler fetches (robots.txt and politeness included,
    kept in `warc_folder`; the certificate unchecked on the site's hosts when its profile
    says so, and said on stderr)."""
    hosts = {urlsplit(spec).hostname for spec in specs if is_url(spec)}
    for host in sorted(hosts & site.unverified_hosts):
        click.echo(
            f"warning: TLS certificate of {host} not verified"
            f" (verify_tls = false in the {site.name} profile)",
            err=True,
        )
    return read_sources(specs, warc_folder, unverified=site.unverified_hosts)


def _with_address(spec: str, address: str) -> str:
    """A plain FILE as FILE@address; URLs, FILE@URL and WARC files as they are."""
    if is_url(spec) or "@" in spec or spec.endswith((".warc", ".warc.gz")):
        return spec
    return f"{spec}@{address}"


def _check_page(site: SiteProfile, page: Source, tally: dict[str, Counter[str]]) -> None:
    try:
        text, _encoding = decode_html(page.raw)
    except ParseError as exc:  # binary data, an undecodable file
        raise click.ClickException(f"{page.url}: {exc}") from None
    for field, selector, count, preview in explain(text, site.parser):
        if selector is None:
            click.echo(f"{field:<14} -  (no selector matched)")
        else:
            click.echo(f"{field:<14} {selector}  [{count}]  {preview}")
    article, why = _read(page, Registry([site.parser]))
    if article is None:
        click.echo(f"record: not an article: {why}")
    else:
        byline = article.byline.author if article.byline else None
        click.echo(
            f"record: title={'yes' if article.title else 'no'} published_at={article.published_at}"
            f" body={len(article.body_text)} chars byline={byline} images={len(article.images)}"
        )
        _show_sources(article)
        _show_candidates(text, article, site.parser)
    generic, _ = _read(page, Registry([]))
    click.echo("field by field (= same, ≠ different; profile | generic):")
    for field in COMPARED:
        ours, theirs = _value(article, field), _value(generic, field)
        if ours == theirs:
            tally[field]["same"] += 1
            click.echo(f"= {field:<13} {_short(ours)}")
            continue
        kind = "differs" if ours and theirs else "profile only" if ours else "generic only"
        tally[field][kind] += 1
        click.echo(f"≠ {field:<13} {_short(ours)}  |  {_short(theirs)}")


def _show_sources(article: Article) -> None:
    """Whether the profile read the page, wholly or with the generic reading's help."""
    sources = dict(article.field_sources)
    fell_back = {name: source for name, source in sources.items() if source != PROFILE}
    if sources.get("body_text") != PROFILE:
        click.echo("read by: the generic parser (the profile found no article on this page)")
    elif fell_back:
        listed = ", ".join(f"{name} ({source})" for name, source in fell_back.items())
        click.echo(f"read by: the profile; the generic reading for {listed}")
    else:
        click.echo("read by: the profile, every field")


def _show_candidates(text: str, article: Article, profile: ParserProfile) -> None:
    """Per field, every candidate in rank order: the one taken, those refused and why,
    and those not needed because a better-ranked one was taken."""
    sources = dict(article.field_sources)
    found = field_candidates(text, article.url, profile, family_parser(profile), article)
    for name, candidates in found.items():
        source = sources.get(name)
        click.echo(f"{name}: taken from {source or 'nowhere (no candidate passed)'}")
        taken = False
        for candidate in candidates:
            seen = candidate.seen[:70]
            if not candidate.value:
                click.echo(f"  refused  {candidate.source:<22} {seen!r}: {candidate.refused}")
                continue
            found_here = f"  {{}}  {candidate.source:<22} {seen!r} -> {candidate.value[:70]}"
            if not taken and candidate.source == source:
                taken = True
                click.echo(found_here.format("taken  "))
            elif taken:
                click.echo(found_here.format("passed ") + " (ranked below the one taken)")
            else:
                click.echo(found_here.format("passed ") + " (not kept in the record)")


def _read(page: Source, registry: Registry) -> tuple[Article | None, str]:
    """The page's record by `registry`'s profiles, or None and why it is not one."""
    try:
        return parse(page.raw, page.url, registry=registry), ""
    except (NotAnArticle, ParseError) as exc:
        return None, str(exc)


def _value(article: Article | None, field: str) -> str:
    if article is None:
        return ""
    if field == "author":
        return (article.byline.author or "") if article.byline else ""
    if field == "images":
        return " ".join(image.src for image in article.images)
    if field == "tags":
        return ", ".join(article.tags)
    return str(getattr(article, field) or "")


def _short(value: str, width: int = 50) -> str:
    value = value.replace("\n", " ") or "-"
    return value if len(value) <= width else value[: width - 1] + "…"


sites_command.add_command(learn_command)
