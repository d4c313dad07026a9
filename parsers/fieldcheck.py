"""Every candidate of every field on one page, for `tuyengiao sites check`.

For a registered site the profile's reading ranks first; the generic reading's
candidates follow in their rank order (`parsers.generic.Page`). The record takes, per
field, the first candidate that passed its checks; the others show why they were
refused or that a better one came first.
"""

from __future__ import annotations

from collections.abc import Callable

from parsers.errors import NotAnArticle
from parsers.evidence import Candidate, checked
from parsers.fallback import in_body
from parsers.generic import Page
from parsers.htmltext import parse_tree
from parsers.locate import author_blocks
from parsers.profile import ParserProfile
from parsers.record import Article

FIELDS = ("title", "published_at", "updated_at", "section", "sapo", "author")


def _profile_reading(
    html: str, url: str, profile: ParserProfile | None, read: Callable[..., Article] | None
) -> tuple[Article | None, str]:
    """The family parser's record alone, or None with why it found no article."""
    if profile is None or read is None:
        return None, "no profile"
    try:
        return read(html, url, profile=profile), ""
    except NotAnArticle as exc:
        return None, f"the profile found no article: {exc}"


def _profile_value(article: Article, name: str) -> str | None:
    if name == "author":
        return article.byline.author if article.byline else None
    return getattr(article, name)


def field_candidates(
    html: str,
    url: str,
    profile: ParserProfile | None = None,
    read: Callable[..., Article] | None = None,
    record: Article | None = None,
) -> dict[str, list[Candidate]]:
    """Per field, every candidate found on the page, in rank order. `read` is the
    profile's family parser alone (`parsers.registry.family_parser`); `record` is the
    page's record, whose body tells a lead from an excerpt of the body and whose byline
    may come from the body's last lines."""
    article, why = _profile_reading(html, url, profile, read)
    page = Page(parse_tree(html), url)
    generic: dict[str, list[Candidate]] = {
        "title": page.title_candidates(),
        "published_at": list(page.published_candidates()),
        "updated_at": list(page.updated_candidates()),
        "section": list(page.section_candidates()),
    }
    sapo, source = page.sapo()
    if sapo and record is not None and in_body(sapo, record.body_text):
        generic["sapo"] = [Candidate(source, sapo[:80], None, "an excerpt of the body")]
    else:
        generic["sapo"] = [checked(source or "generic", sapo[:80], sapo, "no lead")]
    generic["author"] = [candidate for candidate, _ in author_blocks(page.named)]
    tail = dict(record.field_sources).get("author") if record is not None else None
    if tail == "generic:text" and record.byline is not None:
        generic["author"].append(
            Candidate("generic:text", "the body's last lines", record.byline.author)
        )
    byline, source = page.meta_byline()
    if byline is not None:
        generic["author"].append(Candidate(source, byline.author or "", byline.author))
    found: dict[str, list[Candidate]] = {}
    for name in FIELDS:
        rows = []
        if profile is not None:
            if article is None:
                rows.append(Candidate("profile", "", None, why))
            else:
                value = _profile_value(article, name)
                rows.append(checked("profile", value or "", value, "no selector matched"))
        found[name] = rows + generic[name]
    return found
