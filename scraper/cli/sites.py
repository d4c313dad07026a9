"""`tuyengiao sites`: the registered sites, and which selectors match on a page.

Thin, like the rest of the command line: the profiles come from `scraper.sites.load`, the
matching from `parsers.sites.engine.explain` and the record from `parsers.parse`.
"""

from __future__ import annotations

from pathlib import Path

import click

from parsers import NotAnArticle, ParseError, decode_html, parse
from parsers.registry import Registry
from parsers.sites.engine import explain
from scraper.sites.registry import SITES, SiteProfile, UnknownSite, get_site


@click.group("sites", invoke_without_command=True)
@click.pass_context
def sites_command(ctx: click.Context) -> None:
    """List the registered sites with their province and CMS family."""
    if ctx.invoked_subcommand is not None:
        return
    for site in sorted(SITES.values(), key=lambda s: s.name):
        province = site.province or "-"
        click.echo(f"{site.name:<28} {province:<12} {site.family:<13} {site.start_urls[0]}")


@sites_command.command("check")
@click.argument("site_name", metavar="SITE")
@click.argument("source", metavar="URL|FILE")
@click.option("--url", "page_url", help="The page's address when SOURCE is a file.")
def check_command(site_name: str, source: str, page_url: str | None) -> None:
    """Show which selector of SITE's profile matched what on a page, and the record."""
    try:
        site = get_site(site_name)
    except UnknownSite as exc:
        raise click.ClickException(str(exc)) from None
    if source.startswith(("http://", "https://")):
        page_url, raw = source, _fetch(source, site)
    else:
        path = Path(source)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise click.ClickException(f"cannot read {source}: {exc.strerror}") from None
        page_url = page_url or f"{site.base_url}/"
    if site.parser is None:
        raise click.ClickException(f"{site.name} has no parser profile")
    try:
        text, _encoding = decode_html(raw)
    except ParseError as exc:  # binary data, an undecodable file
        raise click.ClickException(f"{source}: {exc}") from None
    for field, selector, count, preview in explain(text, site.parser):
        if selector is None:
            click.echo(f"{field:<14} -  (no selector matched)")
        else:
            click.echo(f"{field:<14} {selector}  [{count}]  {preview}")
    try:
        article = parse(raw, page_url, registry=Registry([site.parser]))
    except (NotAnArticle, ParseError) as exc:
        click.echo(f"record: not an article: {exc}")
        return
    byline = article.byline.author if article.byline else None
    click.echo(
        f"record: title={'yes' if article.title else 'no'} published_at={article.published_at}"
        f" body={len(article.body_text)} chars byline={byline} images={len(article.images)}"
    )


def _fetch(url: str, site: SiteProfile) -> bytes:
    """The page as fetched by the crawler's fetcher (robots.txt and politeness included;
    the certificate unchecked on the site's hosts when its profile says so)."""
    from scraper.crawl.fetch import Fetcher
    from scraper.web.errors import OutOfScope, RobotsDisallowed  # network only here
    from scraper.web.response import FetchError
    from scraper.web.settings import FetchSettings
    from scraper.web.urls import host_of

    if host_of(url) in site.unverified_hosts:
        click.echo(
            f"warning: TLS certificate of {host_of(url)} not verified"
            f" (verify_tls = false in the {site.name} profile)",
            err=True,
        )
    try:
        with Fetcher(FetchSettings(unverified_hosts=site.unverified_hosts)) as fetcher:
            return fetcher.fetch(url).body()
    except (FetchError, OutOfScope, RobotsDisallowed) as exc:
        raise click.ClickException(f"cannot fetch {url}: {exc}") from None
