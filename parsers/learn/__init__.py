"""Learning a site's profile from a few of its own pages (`tuyengiao sites learn`).

Pure: pages (HTML and address) in, a profile (`Profile`: the TOML data, with the evidence
of each field) out. For each field the learner collects candidate selectors from the
elements that give the page's reference answer (its metadata, else the generic reading)
and keeps the one that agrees on the pages (`parsers.learn.selectors.best`); a field no
selector agrees on is left out, and the `learned` family reads it the generic way. Pages
of two templates are learned per template and their selectors listed one after the
other, the first that matches a page winning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from parsers.htmltext import text_of
from parsers.learn import around, fields, urls
from parsers.learn.fields import AUTHOR, BREADCRUMB, TAGS, Learned
from parsers.learn.pages import LearnError, Page, read_page, templates
from parsers.sites import learned

MAX_PAGES = 10  # sources at most
FIELDS = ("title", "time", "body", "sapo", "byline", "section", "tags", "caption", "figure")


@dataclass(slots=True)
class Profile:
    """A learned profile: its TOML data, each field's evidence, and what was noticed."""

    data: dict[str, Any]
    fields: list[Learned]
    pages: list[Page]
    notes: list[str] = field(default_factory=list)
    listing: list[str] = field(default_factory=list)  # the listing's article links


def learn(
    name: str,
    sources: list[tuple[bytes | str, str]],
    listings: list[tuple[bytes | str, str]] = (),
    *,
    minimum: int = 2,
    leave_out: bool = False,
) -> Profile:
    """Learn `name`'s profile from (page, URL) pairs; `LearnError` with a one-line
    message for input it cannot be learned from. `minimum` is the fewest pages (and the
    fewest agreeing pages for a field): 2 for the command, 1 only to measure. With
    `leave_out`, a source that is not an article page is left out with a note instead
    of stopping the learning."""
    if len(sources) < minimum:
        raise LearnError(
            f"too few pages: {len(sources)} given, learning needs {minimum} article pages"
            " or more (3 or more recommended)"
        )
    if len(sources) > MAX_PAGES:
        raise LearnError(f"too many pages: {len(sources)} given, at most {MAX_PAGES}")
    hosts = urls.hosts_of([url for _, url in sources])
    main_host = hosts.most_common(1)[0][0]
    for number, (_, url) in enumerate(sources, 1):
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        if host != main_host:
            raise LearnError(
                f"source {number} ({url}) is a page of {host}, the others of {main_host}:"
                " learn each site on its own"
            )
    notes: list[str] = []
    pages = []
    for number, (raw, url) in enumerate(sources, 1):
        try:
            pages.append(read_page(number, raw, url))
        except LearnError as exc:
            if not leave_out:
                raise
            notes.append(f"{exc}: left out")
    if len(pages) < minimum:
        raise LearnError(
            f"too few article pages: {len(pages)} of the {len(sources)} sources, learning"
            f" needs {minimum} or more (3 or more recommended)"
        )
    groups = templates(pages)
    small = [g for g in groups if len(g) < minimum]
    if len(groups) > 1:
        described = "; ".join(", ".join(str(p.number) for p in g) for g in groups)
        if small:
            raise LearnError(
                f"the pages are of {len(groups)} templates (pages {described}): give"
                f" {minimum} pages or more of each, or learn from one template's pages"
            )
        notes.append(f"{len(groups)} templates (pages {described}), learned one after the other")
    per_template = [_learn_fields(group, minimum) for group in groups]
    learned_fields = [
        _merge(field_name, [t[i] for t in per_template], groups)
        for i, field_name in enumerate(FIELDS)
    ]
    data = _profile_data(name, [p.url for p in pages], learned_fields, pages)
    pattern = data["urls"]["article"]
    learned_fields.append(
        Learned("article", (pattern,), f"article: matches the {len(pages)} article URLs", [
            p.url for p in pages], len(pages), len(pages))
    )  # fmt: skip
    profile = Profile(data, learned_fields, pages, notes)
    if listings:
        _learn_listing(profile, listings)
    return profile


def _learn_fields(pages: list[Page], minimum: int) -> list[Learned]:
    cache: dict = {}
    title = fields.learn_title(pages, minimum, cache)
    result = [
        title,
        fields.learn_time(pages, minimum),
        fields.learn_body(pages, minimum, cache),
        fields.learn_text_field(
            "sapo", pages, minimum, cache, lambda p: p.reading.sapo, None,
            "equals the lead of the generic reading",
        ),
        fields.learn_text_field(
            "byline", pages, minimum, cache,
            lambda p: p.reading.byline.author if p.reading.byline else None, AUTHOR,
            "gives the author of the generic reading",
        ),
        _learn_section(pages, minimum),
        _learn_tags(pages, minimum),
    ]  # fmt: skip
    if not result[3].selectors:
        result[3] = around.learn_lead(pages, minimum, result[0], result[2])
    result.extend(around.learn_caption(pages, minimum, cache, result[2]))
    return result


def _learn_section(pages: list[Page], minimum: int) -> Learned:
    def reference(page: Page) -> str:
        return str(page.ld.get("articleSection") or page.meta.get("article:section") or "")

    def read(page: Page, found: list) -> str | None:
        crumbs = [text_of(a) for a in found]
        crumbs = [c for c in crumbs if c and c.lower() != "trang chủ" and c != page.reading.title]
        return crumbs[-1] if crumbs else None

    def agrees(page: Page, value: str | None) -> bool:
        ref = reference(page)
        return value is not None and (not ref or value.casefold() == ref.casefold())

    with_meta = sum(1 for p in pages if reference(p))
    what = (
        f"last breadcrumb, equals the section metadata on {with_meta} pages, present"
        if with_meta
        else "last breadcrumb (no section metadata on the pages), present"
    )
    return fields.learn_links("section", pages, minimum, BREADCRUMB, read, agrees, what)


def _learn_tags(pages: list[Page], minimum: int) -> Learned:
    def reference(page: Page) -> set[str]:
        return {t.casefold() for t in page.reading.tags}

    def read(page: Page, found: list) -> str | None:
        tags = [text_of(a).lstrip("#").strip() for a in found]
        return "\n".join(dict.fromkeys(t for t in tags if t)) or None

    def agrees(page: Page, value: str | None) -> bool:
        ref = reference(page)
        if value is None:
            return not ref  # a page may have no tags
        return not ref or {v.casefold() for v in value.split("\n")} == ref

    what = "tag links (equal to the keywords metadata where there is some), or no tags"
    return fields.learn_links("tags", pages, minimum, TAGS, read, agrees, what)


def _merge(name: str, per_template: list[Learned], groups: list[list[Page]]) -> Learned:
    """One field over the templates: their selectors one after the other, provided a
    template's selector matches nothing on the pages of the templates after it (else
    those pages would be read by the wrong one)."""
    if len(per_template) == 1:
        return per_template[0]
    merged = Learned(name, pages=sum(t.pages for t in per_template))
    merged.agree = sum(t.agree for t in per_template if t.selectors)
    merged.selectors = tuple(dict.fromkeys(s for t in per_template for s in t.selectors))
    merged.values = [v for t in per_template for v in t.values]
    merged.evidence = " | ".join(t.evidence for t in per_template)
    for t in per_template:
        for key, values in t.extra.items():
            merged.extra[key] = tuple(dict.fromkeys((*merged.extra.get(key, ()), *values)))
    if not all(t.selectors for t in per_template):
        merged.selectors = ()  # learned on one template only: a page of the other would
        merged.evidence = f"{name}: not learned on every template ({merged.evidence})"
    elif _overlap(per_template, groups):
        merged.selectors = ()
        merged.evidence = f"{name}: not learned (a template's selector matches on the other's)"
    return merged


def _overlap(per_template: list[Learned], groups: list[list[Page]]) -> bool:
    from parsers.htmltext import select

    for i, template in enumerate(per_template):
        for later in groups[i + 1 :]:
            if any(select(p.tree, s) for s in template.selectors for p in later):
                return True
    return False


def _profile_data(name: str, page_urls: list[str], learned_fields: list[Learned], pages) -> dict:
    first = urlsplit(page_urls[0])
    hosts = sorted({(urlsplit(u).hostname or "").lower() for u in page_urls})
    bare = sorted({h.removeprefix("www.") for h in hosts})
    named = [h for h in bare if not h.replace(".", "").isdigit()]  # no www. for an IP
    all_hosts = sorted({*hosts, *bare, *(f"www.{h}" for h in named)})
    selectors = {f.name: list(f.selectors) for f in learned_fields if f.selectors}
    data: dict[str, Any] = {
        "name": name,
        "family": learned.FAMILY,
        "base_url": f"{first.scheme}://{first.hostname}",
        "hosts": all_hosts,
        "notes": f"Learned by `tuyengiao sites learn` from {' '.join(p.url for p in pages)}",
        "urls": {"listings": ["/"], "article": urls.article_pattern(page_urls)},
        "selectors": selectors,
    }
    by_name = {f.name: f for f in learned_fields}
    if by_name["time"].selectors and by_name["time"].extra.get("patterns"):
        data["dates"] = {"patterns": list(by_name["time"].extra["patterns"])}
    if by_name["body"].selectors and by_name["body"].extra.get("drop_text"):
        data["cleanup"] = {"drop_text": list(by_name["body"].extra["drop_text"])}
    return data


def _index(profile: Profile, name: str) -> int:
    return next(i for i, f in enumerate(profile.fields) if f.name == name)


def _learn_listing(profile: Profile, listings: list[tuple[bytes | str, str]]) -> None:
    from parsers.decode import decode_html

    data = profile.data
    pattern = data["urls"]["article"]
    html, url = listings[0]
    text, _encoding = decode_html(html)
    selector, links, evidence = urls.listing_links(text, url, pattern)
    profile.fields.append(Learned("listing_links", (selector,) if selector else (), evidence))
    if selector:
        data["selectors"]["listing_links"] = [selector]
        profile.listing = links
        # The other listing pages' links by the same selector: more addresses to
        # generalise the article pattern from.
        more = [
            link
            for raw, address in listings[1:]
            for link in urls.links_by(decode_html(raw)[0], address, selector)
        ]
        article_urls = list(dict.fromkeys([p.url for p in profile.pages] + links + more))
        data["urls"]["article"] = urls.article_pattern(article_urls)
        profile.fields[_index(profile, "article")] = Learned(
            "article", (data["urls"]["article"],),
            f"article: matches the {len(profile.pages)} article URLs and the"
            f" {len(article_urls) - len(profile.pages)} article links of the listings",
            article_urls, len(article_urls), len(article_urls),
        )  # fmt: skip
    chosen, following, template, evidence = urls.next_link(text, url)
    profile.fields.append(Learned("next_page", (chosen,) if chosen else (), evidence))
    if chosen:
        data["selectors"]["next_page"] = [chosen]
    if template:
        data["urls"]["pagination"] = template
    parts = urlsplit(url)
    data["urls"]["listings"] = [
        urls.target(u)
        for _, u in listings
        if urlsplit(u).hostname == parts.hostname and u != following
    ]


__all__ = ["LearnError", "Profile", "learn"]
