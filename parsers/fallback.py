"""A registered site's parser that never loses a page to its profile.

The family parser reads the page by the site's selector table. Where a selector finds
nothing for a field, that field is read the generic way (`parsers.generic.Page`); where
the profile finds no article at all (no title or no body: the template changed), the
generic parser reads the whole page. The record says per field where it came from
(`Article.field_sources`: "profile", or the generic reading's evidence), so parser
health can count a site's fallbacks instead of losing its pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from parsers import generic
from parsers.errors import NotAnArticle
from parsers.generic import Page, byline_sources
from parsers.htmltext import Element, parse_tree
from parsers.pagedates import later_than
from parsers.profile import ParserProfile
from parsers.record import Article, Byline

PROFILE = "profile"
FamilyParser = Callable[..., Article]
# The fields a profile may miss and the generic reading may supply, in record order.
FIELDS = ("section", "sapo", "published_at", "updated_at", "byline")


def parse(
    html: str,
    url: str,
    not_after: datetime | None = None,
    *,
    profile: ParserProfile,
    read: FamilyParser,
) -> Article:
    """The page by the family parser `read` with `profile`, falling back per field and,
    when the profile finds no article, for the whole page; `NotAnArticle` only when the
    generic parser finds none either."""
    tree = parse_tree(html)
    try:
        article = read(html, url, profile=profile, tree=tree)
    except NotAnArticle as profile_error:
        try:
            article = generic.parse(html, url, not_after)
        except NotAnArticle as generic_error:
            raise NotAnArticle(f"{profile_error}; generic parser: {generic_error}") from None
        return replace(article, site=profile.site)
    return complete(article, tree, not_after)


def _profile_sources(article: Article) -> dict[str, str]:
    sources = {"title": PROFILE, "body_text": PROFILE}
    for name in ("section", "sapo", "published_at", "updated_at"):
        if getattr(article, name):
            sources[name] = PROFILE
    sources.update(byline_sources(article.byline, PROFILE))
    return sources


def complete(article: Article, tree: Element, not_after: datetime | None = None) -> Article:
    """`article` as read by a profile, each empty field read the generic way from `tree`
    (the page the profile read; its body's furniture may be gone, the rest is there).
    A profile's date later than the fetch is refused like a generic one."""
    for name in ("published_at", "updated_at"):
        value = getattr(article, name)
        if value and not_after is not None and later_than(value, not_after):
            article = replace(article, **{name: None})
    sources = _profile_sources(article)
    page = Page(tree, article.url, not_after)
    changes: dict[str, object] = {}
    if not article.published_at:
        changes["published_at"], sources["published_at"] = page.published()
    if not article.updated_at:
        changes["updated_at"], sources["updated_at"] = page.updated()
    if not article.section:
        changes["section"], sources["section"] = page.section()
    if not article.sapo:
        sapo, source = page.sapo()
        if sapo and not in_body(sapo, article.body_text):
            changes["sapo"], sources["sapo"] = sapo, source
    if article.byline is None or not (article.byline.author or article.byline.source):
        changes["byline"], source = _byline(page, article.byline)
        if changes["byline"] is not None:
            sources.update(byline_sources(changes["byline"], source))
            sources.update(byline_sources(article.byline, PROFILE))
    sources = {name: source for name, source in sources.items() if source}
    return replace(article, **changes, field_sources=tuple(sources.items()))


def in_body(sapo: str, body: str) -> bool:
    """A description cut from the body (its first sentences), not a lead of its own."""
    head = sapo.rstrip(" .…[]")
    return len(head) >= 20 and head in body


def _byline(page: Page, partial: Byline | None) -> tuple[Byline | None, str]:
    """The generic byline, keeping what the profile read (an organisation alone)."""
    byline, source = page.block_byline()
    if byline is None:
        byline, source = page.meta_byline()
    if byline is None:
        return partial, ""
    if partial is not None:
        byline = Byline(
            author=byline.author,
            organization=partial.organization or byline.organization,
            source=partial.source or byline.source,
        )
    return byline, source
