"""A site's hosts and article address pattern from its article URLs, and from a listing
page the selector of its article links and its next page.

The pattern keeps what every article address has in common and generalises the rest
segment by segment: digits become `\\d+`, a slug `[a-z0-9-]+` (or `[^/?&]+`), with the
common start and end of the segment kept (`-post\\d+\\.html`). It is matched in full on
the path, or on the path and query for `Default.aspx?…` portals.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from parsers.htmltext import Element, absolute, class_words, parse_tree, select, text_of
from parsers.learn.selectors import candidates, names

SEPARATORS = re.compile(r"([/?&=])")
# Class words of columns and boxes beside a listing's own list (whole words of a class).
ELSEWHERE = re.compile(
    r"(?<![a-z0-9])(sidebar|widget|footer|menu|nav|navbar|related|lien-quan|tin-khac|most-view|"
    r"hot-news|top-news|right|col-right|aside|breadcrumbs?)(?![a-z0-9])",
    re.I,
)
NEXT_TEXT = re.compile(r"^(?:sau|tiếp|trang sau|tiếp theo|next|›|»|>|>>)$", re.I)


def hosts_of(urls: list[str]) -> Counter[str]:
    return Counter((urlsplit(u).hostname or "").lower().removeprefix("www.") for u in urls)


def target(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def article_pattern(urls: list[str]) -> str:
    """One regular expression matching every URL's path (and query, when they have one)."""
    split = [SEPARATORS.split(target(u)) for u in urls]
    lengths = Counter(len(s) for s in split)
    length = lengths.most_common(1)[0][0]
    rows = [s for s in split if len(s) == length]
    out = []
    for position in range(length):
        values = [row[position] for row in rows]
        out.append(_segment(values))
    pattern = "".join(out)
    others = [u for u, s in zip(urls, split, strict=True) if len(s) != length]
    if others:  # a second shape of address: alternatives
        pattern = "(?:" + pattern + "|" + article_pattern(others) + ")"
    return pattern


def literal(text: str) -> str:
    """`text` as a regular expression, escaping only what needs it (not `-` or `/`)."""
    return re.sub(r"([.^$*+?{}\[\]\\|()])", r"\\\1", text)


SLUG_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){2,}-[a-z]*\d+", re.I)  # a headline slug + id


def _segment(values: list[str]) -> str:
    if len(set(values)) == 1:
        value = values[0]
        if value.isdigit() and len(value) > 1:
            return r"\d+"
        # One article's own slug: generalised, though the pages given share it.
        slug = re.fullmatch(r"(.*?)([a-z0-9-]+-)([a-z]*)(\d+)(\.[a-z]+)?", value, re.I)
        if slug and SLUG_ID.fullmatch(value.removeprefix(slug[1]).removesuffix(slug[5] or "")):
            return (
                literal(slug[1])
                + r"[a-z0-9-]+-"
                + literal(slug[3])
                + r"\d+"
                + literal(slug[5] or "")
            )
        numbered = re.fullmatch(r"(.*\D)(\d{3,})", value)  # bai-31421: an id
        return literal(numbered[1]) + r"\d+" if numbered else literal(value)
    if all(v.isdigit() for v in values):
        return r"\d+"
    prefix = _common_start(values)
    suffix = _common_start([v[::-1] for v in values])[::-1]
    prefix = re.sub(r"[a-z0-9]+$", "", prefix, flags=re.I)  # cut at a separator
    suffix = re.sub(r"^[a-z0-9]+", "", suffix, flags=re.I)
    middles = [v[len(prefix) : len(v) - len(suffix)] for v in values]
    if all(m.isdigit() for m in middles):
        middle = r"\d+"
    elif _slug_ids(middles):
        middle = _slug_ids(middles)
    elif all(re.fullmatch(r"[a-z0-9-]+", m) for m in middles):
        middle = r"[a-z0-9-]+"
    elif all(re.fullmatch(r"[A-Za-z0-9_.-]+", m) for m in middles):
        middle = r"[A-Za-z0-9_.-]+"
    else:
        middle = r"[^/?&]+"
    return literal(prefix) + middle + literal(suffix)


def _common_start(values: list[str]) -> str:
    """The characters every value starts with."""
    shortest = min(values, key=len)
    for i, char in enumerate(shortest):
        if any(v[i] != char for v in values):
            return shortest[:i]
    return shortest


def _slug_ids(middles: list[str]) -> str | None:
    """`[a-z0-9-]+-post\\d+` for slugs that end in the same word and an id, else None."""
    found = [re.fullmatch(r"[a-z0-9-]+-([a-z]*)\d+", m) for m in middles]
    if all(found) and len({m[1] for m in found}) == 1:
        return r"[a-z0-9-]+-" + found[0][1] + r"\d+"
    return None


def matches(pattern: str, url: str) -> bool:
    parts = urlsplit(url)
    rx = re.compile(pattern)
    return bool(rx.fullmatch(parts.path) or rx.fullmatch(target(url)))


def _elsewhere(anchor: Element) -> bool:
    for node in anchor.iterancestors():
        if node.tag in ("nav", "aside", "footer") or ELSEWHERE.search(class_words(node)):
            return True
    return False


def listing_links(html: str, url: str, pattern: str) -> tuple[str | None, list[str], str]:
    """The selector of the listing's article links (the main column's, not a sidebar's),
    the links it gives, and the evidence."""
    tree = parse_tree(html)
    anchors = [
        a for a in select(tree, "a[href]")
        if matches(pattern, absolute(url, a.get("href")) or "") and not _elsewhere(a)
    ]  # fmt: skip
    if not anchors:
        return None, [], "listing_links: not learned (no link of the article pattern)"
    wanted = {id(a) for a in anchors}
    scored = []
    pool = dict.fromkeys(s for a in anchors for s in candidates(a, pairs=True))
    for order, selector in enumerate(pool):
        found = select(tree, selector)
        hits = sum(id(a) in wanted for a in found)
        if hits and hits == len(found):
            scored.append((-hits, len(selector.split()), order, selector))
    if not scored:
        return None, [], "listing_links: not learned (no selector gives only article links)"
    selector = min(scored)[3]
    links = list(dict.fromkeys(absolute(url, a.get("href")) for a in select(tree, selector)))
    total = len({absolute(url, a.get("href")) for a in select(tree, "a[href]")})
    return (
        selector,
        [x for x in links if x],
        (
            f"listing_links: {selector}, {len(links)} article links of the main column "
            f"(of {total} links on the page)"
        ),
    )


def links_by(html: str, url: str, selector: str) -> list[str]:
    """The absolute addresses of the links `selector` matches on a page."""
    found = (absolute(url, a.get("href")) for a in select(parse_tree(html), selector))
    return [link for link in dict.fromkeys(found) if link]


def next_link(html: str, url: str) -> tuple[str | None, str | None, str | None, str]:
    """The next page's selector, its URL, the pagination template, and the evidence."""
    tree = parse_tree(html)
    options = []
    for anchor in select(tree, "a[href], link[rel~=next]"):
        rel = (anchor.get("rel") or "").lower().split()
        if "next" in rel or NEXT_TEXT.match(text_of(anchor)) or "next" in names_text(anchor):
            options.append(anchor)
    for anchor in options:
        href = absolute(url, anchor.get("href"))
        if not href or href == url:
            continue
        rel = (anchor.get("rel") or "").lower().split()
        rel_next = 'link[rel~="next"]' if anchor.tag == "link" else 'a[rel~="next"]'
        selectors = [rel_next] if "next" in rel else candidates(anchor)
        chosen = next(
            (s for s in selectors if select(tree, s) and select(tree, s)[0] is anchor), None
        )
        if chosen is None:
            continue
        template = pagination(url, href)
        how = f", page N as {template!r}" if template else ""
        return chosen, href, template, f"next_page: {chosen}, gives {href}{how}"
    return None, None, None, "next_page: not learned (no next-page link)"


def names_text(anchor: Element) -> str:
    node = anchor.getparent()
    return " ".join([*names(anchor), *(names(node) if node is not None else [])]).lower()


def pagination(listing: str, following: str) -> str | None:
    """The listing's page-N suffix when the next page is the listing URL plus one that
    says 2 (`?page=2`, `page/2/`, `&p=2`)."""
    if not following.startswith(listing.split("#")[0]):
        return None
    rest = following[len(listing) :]
    if rest.count("2") != 1:
        return None
    template = rest.replace("2", "{page}")
    if template.startswith("&"):
        template = "?" + template[1:]
    return template
