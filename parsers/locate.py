"""Where things are on a page without a site profile: the headline, the dates near it,
the lead and author blocks, and what belongs to something else than the article (menus,
sidebars, related boxes, the page header, another article's teaser).

Every reader here yields checked candidates (`parsers.evidence.Candidate`) in rank
order, the refused ones with why, so `sites check` can show them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from parsers.bylines import block_byline
from parsers.evidence import Candidate, checked
from parsers.fields.byline import as_name, split_byline
from parsers.htmltext import Element, block_texts, class_words, clean, elements, text_of
from parsers.metadata import attr_text, ld_text
from parsers.pagedates import date_in_text, iso_timestamp
from parsers.record import Byline

# Containers whose dates and headlines belong to something else than the article.
ELSEWHERE_TAGS = frozenset({"nav", "aside", "footer", "a"})
ELSEWHERE = re.compile(
    r"(?<![a-z0-9])(sidebar|menu|related|relatedposts|comments?|widget|ticker|top-bar|topbar|"
    r"most-view|other-news|tin-khac|lien-quan|other|footer|banner|list|story|"
    r"right-?(?:pane|col|column|side|bar|box)|(?:col|box|side)-?right)(?![a-z0-9])",
    re.I,
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")  # "RelatedArticle" → "Related-Article"
MODIFIED = re.compile(r"updated|modified|lastmod|cap-?nhat", re.I)
AUTHOR_BLOCK = re.compile(r"(?<![a-z0-9])(author|byline|tac-gia)(?![a-z0-9])", re.I)
# Elements whose class or id says "title" ("tiêu đề" in Vietnamese slugs): the CSS
# `[class*="title"], [id*="title"], [class*="tieu-de"], [class*="tieude"]`.
TITLED_CLASS = ("title", "tieu-de", "tieude")
TITLED_ID = "title"
SAPO_TAGS = frozenset({"div", "p", "h2", "span"})
# "ArticleSummary", "article__sapo", "assetdesc-text", "lead", "brief".
SAPO_BLOCK = re.compile(r"sapo|summary|abstract|assetdesc|(?<![a-z0-9])(lead|brief|desc)", re.I)
DATE_HINT = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}")
# Liferay 6.1 Vietnamese portlets print "dd/MM/yyyy HH:ss": the date is right, the time not.
SECONDS_FOR_MINUTES = "asset-publish-date"
TEASER_LINK_CHARS = 25  # a link this long is another article's headline
TEASER_CHARS = 300  # a teaser item: a headline, a date, a line of lead
LEAD_CHARS = (40, 600)
LEAD_WORDS = 8
SENTENCE_END = frozenset('.!?…"”»)')
AGENCY_TAG = re.compile(r"^\([^()]{2,20}\)\s*[-–:]$")  # "(VTC News) -", "(TG) –", "(NLĐO):"
LEAD_STEPS = 40  # elements after the headline where its lead may stand
AFTER_STEPS = 2  # blocks after the body where its byline may stand
NAME_ON_DATE_LINE = re.compile(r"^(?P<name>[^\d|–-]{3,40}?)\s*[-|–]\s*\D{0,20}\d")
KICKER_STEPS = 3  # siblings before the headline where its section label may stand
KICKER_CHARS = 40
NEAR = 40  # elements between the headline and its date, at most
DATE_LINE_CHARS = 90  # a date line is short; a longer text is a sentence quoting a date
_HEADER = re.compile(r"(?<![a-z])header", re.I)
_LOGO = re.compile(r"(?<![a-z])(logo|brand|site-title|header|banner)", re.I)


def elsewhere(element: Element, dated: bool = False) -> bool:
    """Is the element inside a menu, sidebar, list, related box, header bar or link?

    With `dated`, a link that holds only a date (WordPress links the post's time to the
    post itself) does not count: another article's date sits beside its headline, which
    the teaser test refuses."""
    for node in (element, *element.iterancestors()):
        if node.tag in ELSEWHERE_TAGS:
            if dated and node.tag == "a" and len(text_of(node)) <= DATE_LINE_CHARS:
                continue
            return True
        if node.tag == "header" and _no_h1(node):
            return True  # the page header; an article header holds the headline
        if _elsewhere_words(class_words(node)) and _no_h1(node):
            return True
    return False


# Pages repeat the same few class and id strings: each is searched once. One cache per
# pattern, keyed by the string alone: a compiled pattern in the key would be hashed on
# every call, and hashing one hashes its whole compiled program.
@lru_cache(maxsize=4096)
def _sapo_words(words: str) -> bool:
    """Does a class and id string name a lead ("sapo", "summary", "lead")?"""
    return SAPO_BLOCK.search(_CAMEL.sub("-", words)) is not None


def modification_time(element: Element) -> bool:
    """Is the element marked as the page's modification time (class, id or itemprop)?"""
    return _modified_words(f"{class_words(element)} {element.get('itemprop') or ''}")


@lru_cache(maxsize=4096)
def _modified_words(words: str) -> bool:
    """Does a class, id and itemprop string mark an update time?"""
    return MODIFIED.search(words) is not None


@lru_cache(maxsize=4096)
def _author_words(words: str) -> bool:
    """Does a class and id string name an author block ("author", "byline")?"""
    return AUTHOR_BLOCK.search(_CAMEL.sub("-", words)) is not None


@lru_cache(maxsize=4096)
def _elsewhere_words(words: str) -> bool:
    """Does a class and id string name a menu, sidebar, list, related box or header?
    ASP.NET templates write their names in CamelCase ("RelatedArticle", "RightPane")."""
    return bool(words and (ELSEWHERE.search(_CAMEL.sub("-", words)) or _HEADER.search(words)))


def _no_h1(node: Element) -> bool:
    return next(node.iter("h1"), None) is None


def agrees(text: str, reference: str) -> bool:
    """Does a visible heading say the metadata's headline (the same, its start, or most of
    its words: sites often write a shorter or reworded SEO title)?"""
    if not text or not reference:
        return False
    if text == reference or reference.startswith(text):
        return True
    shown, meant = set(text.casefold().split()), set(reference.casefold().split())
    return len(shown & meant) >= 0.6 * max(len(shown), len(meant))


def title_candidates(
    tree: Element, named: list[tuple[Element, str]], ld: dict[str, Any], meta: dict[str, str]
) -> Iterator[tuple[Candidate, Element | None]]:
    """The headline's candidates with their elements (the anchor for the date), best first:
    the visible heading that agrees with the metadata's headline, the metadata's headline,
    a heading outside the page header, the document title without the site's name."""
    document_title = meta.get("og:title") or attr_text(text_of(next(tree.iter("title"), None)))
    headline = ld_text(ld.get("headline"))
    reference = headline or document_title
    headings = [h for h in tree.iter("h1") if text_of(h) and not elsewhere(h)]
    # A heading saying the headline exactly (or its start), else an element saying the
    # document title without the site's name, before a heading that only shares most of
    # its words (a portlet header "null <title>" shares them all).
    shown = [(text_of(e), e) for e in itertools.chain(headings, _titled(named))]
    exact = [(t, e) for t, e in shown if t and reference and reference.startswith(t)]
    if not exact and not headline:
        exact = [(head, e) for head, e in _title_heads(tree, document_title) if e is not None]
    for text, element in exact or [(t, e) for t, e in shown if agrees(t, reference)]:
        yield Candidate("generic:text", f"<{element.tag}> {text}", text), element
        break
    # No heading agrees with the metadata: a heading in the page header is the site's
    # name (a logo), not the article's.
    headings = [h for h in headings if not _in_page_header(h)]
    if headline:
        anchor = headings[0] if headings else _element_saying(tree, headline)
        yield Candidate("generic:json-ld", headline, headline), anchor
    for heading in headings[:1]:
        yield Candidate("generic:text", f"<h1> {text_of(heading)}", text_of(heading)), heading
    for head, element in _title_heads(tree, document_title):
        if element is not None:
            yield Candidate("generic:meta", document_title, head), element
    if document_title:
        yield (
            Candidate("generic:meta", document_title, document_title),
            _element_saying(tree, document_title),
        )


def _title_heads(tree: Element, document_title: str) -> Iterator[tuple[str, Element | None]]:
    """ "<headline> - <site name>": the headline part of the document title, with the
    element printing it (None when none does)."""
    for separator in (" - ", " | ", " – "):
        head = document_title.rsplit(separator, 1)[0]
        if head != document_title:
            yield head, _element_saying(tree, head)


def _titled(named: list[tuple[Element, str]]) -> Iterator[Element]:
    """Title-classed elements of headline length; read only when no `<h1>` matched.

    A filter over the elements with a class or id: one XPath union of the four
    attribute tests walked the page four times and cost more than the rest of the title
    search."""
    for e, _ in named:
        if not _says_title(e.get("class") or "", e.get("id") or ""):
            continue
        if e.tag not in ("title", "a") and 10 <= len(text_of(e)) <= 300 and not elsewhere(e):
            yield e


def _says_title(class_value: str, id_value: str) -> bool:
    return TITLED_ID in id_value or any(word in class_value for word in TITLED_CLASS)


def _in_page_header(element: Element) -> bool:
    return any(
        node.tag == "header" or _LOGO.search(class_words(node))
        for node in (element, *element.iterancestors())
    )


def _element_saying(tree: Element, text: str) -> Element | None:
    """The first element outside menus and sidebars whose own text is `text`."""
    if not text:
        return None
    for element in elements(tree):
        if element.tag != "title" and clean(element.text) == text and not elsewhere(element):
            return element
    return None


def sapo_block(named: list[tuple[Element, str]]) -> str:
    for element, words in named:
        if element.tag not in SAPO_TAGS:
            continue
        if _sapo_words(words) and not elsewhere(element):
            text = text_of(element)
            if len(text) >= 40:
                return text
    return ""


def dates_near_with_elements(
    tree: Element, headline: Element | None
) -> Iterator[tuple[Element, Candidate]]:
    """Dates printed near the headline, with their elements: `<time>` and date texts
    nearest first (at equal distance the element before the headline), refused when in
    a menu, sidebar or related box, beside another article's headline, or inside a
    sentence, or marked as the modification time ("updated", "modified": that is
    `updated_at`)."""
    if headline is None:
        return
    order = elements(tree)
    try:
        anchor = order.index(headline)
    except ValueError:
        return
    start = max(0, anchor - NEAR)
    window = order[start : anchor + NEAR + 1]
    for index in sorted(range(len(window)), key=lambda i: abs(start + i - anchor)):
        element = window[index]
        if element.tag != "time" and not DATE_HINT.search(" ".join(_own_texts(element))):
            continue
        source = "generic:time" if element.get("datetime") else "generic:text"
        seen = element.get("datetime") or text_of(element)[:DATE_LINE_CHARS]
        if modification_time(element):
            yield element, Candidate(source, seen, None, "a modification time (updated_at)")
            continue
        if elsewhere(element, dated=True):
            yield element, Candidate(source, seen, None, "in a menu, sidebar, list or link")
        elif _beside_a_headline(element, headline):
            yield element, Candidate(source, seen, None, "beside another article's headline link")
        else:
            value = element_date(element)
            yield element, checked(source, seen, value, "no date of a date line")


def _beside_a_headline(element: Element, headline: Element) -> bool:
    """Is the date a teaser's: in or next to a link with a headline's length of text, in
    a small item (a list entry, a box) that does not hold the article's headline? A link
    around the date itself (a permalink) or whose text is a date is not a headline."""
    scopes = [element]
    parent = element.getparent()
    small = parent is not None and len(text_of(parent)) <= TEASER_CHARS
    if small and not any(node is headline for node in parent.iter()):
        scopes.append(parent)
    around = set(element.iterancestors("a"))
    for scope in scopes:
        for anchor in scope.iter("a"):
            text = text_of(anchor)
            if anchor in around or len(text) < TEASER_LINK_CHARS or DATE_HINT.search(text):
                continue
            return True
    return False


def kicker(headline: Element | None) -> str | None:
    """The section label printed just before the headline: the nearest short link in the
    few elements before it, outside menus ("Thời sự" above the title)."""
    if headline is None:
        return None
    for steps, node in enumerate(headline.itersiblings(preceding=True)):
        if steps >= KICKER_STEPS:
            break
        anchors = [node] if node.tag == "a" else list(node.iter("a"))
        if len(anchors) == 1 and not elsewhere(node):
            text = text_of(anchors[0])
            if 0 < len(text) <= KICKER_CHARS and text == text_of(node):
                return text
    return None


def _own_texts(element: Element) -> list[str]:
    """The text directly inside the element: its text and its children's tails."""
    return [t for t in (element.text, *(child.tail for child in element)) if t]


def element_date(element: Element) -> str | None:
    """The date an element states; None for a date inside a sentence (body text)."""
    if element.get("datetime"):
        return iso_timestamp(element.get("datetime"))
    text = text_of(element)
    if len(text) > DATE_LINE_CHARS:
        return None
    if any(
        SECONDS_FOR_MINUTES in (n.get("class") or "") for n in (element, *element.iterancestors())
    ):
        value = date_in_text(text)
        return value[:10] if value else None
    return date_in_text(text)


def author_blocks(named: list[tuple[Element, str]]) -> Iterator[tuple[Candidate, Byline | None]]:
    """Author blocks (class or id "author", "byline", "tac-gia") with their bylines;
    refused in menus and sidebars, or when they name no one."""
    for element, words in named:
        if not _author_words(words):
            continue
        seen = text_of(element)[:80]
        if elsewhere(element):
            yield Candidate("generic:author-block", seen, None, "in a menu, sidebar or list"), None
            continue
        byline = block_byline(element)
        value = (byline.author or byline.source) if byline else None
        yield checked("generic:author-block", seen, value, "names no one"), byline


def lead_between(headline: Element | None, container: Element | None) -> str:
    """The lead printed between the headline and the body, whatever its class: the first
    block after the headline and before the body's element with a lead's length of text,
    not a date line, not in a menu or sidebar."""
    if headline is None or container is None:
        return ""
    inside = set(container.iter())
    for steps, node in enumerate(_following(headline)):
        if steps >= LEAD_STEPS or node is container or node in inside:
            return ""
        if _is_lead(node) and not any(_is_lead(inner) for inner in node.iterdescendants()):
            return _with_agency(node, text_of(node))  # the innermost: not a box around it
    return ""


def _is_lead(node: Element) -> bool:
    if node.tag not in SAPO_TAGS and node.tag not in ("h3", "strong", "b", "em"):
        return False
    text = text_of(node)
    long_enough = LEAD_CHARS[0] <= len(text) <= LEAD_CHARS[1]
    return long_enough and _prose(text) and not elsewhere(node)


def _with_agency(node: Element, text: str) -> str:
    """The lead with the paper's tag printed in its own element just before it, as
    readers see it: "(VTC News) - " before the lead's `<h2>`."""
    previous = node.getprevious()
    tag = text_of(previous) if previous is not None else ""
    return f"{tag} {text}" if AGENCY_TAG.match(tag) else text


def _following(node: Element) -> Iterator[Element]:
    """The elements after `node` in page order (its own descendants left out)."""
    while node is not None:
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str):
                yield from (e for e in sibling.iter() if isinstance(e.tag, str))
        node = node.getparent()


def _prose(text: str) -> bool:
    """A lead is sentences: enough words ending as a sentence does, not a date line,
    not a tool bar ("In bài | Gửi bài | Cỡ chữ", "Gửi email A+ A- In trang")."""
    return (
        len(text.split()) >= LEAD_WORDS
        and text.count("|") < 2
        and text.rstrip()[-1:] in SENTENCE_END
        and not DATE_HINT.match(text)
    )


def byline_after(container: Element | None) -> Byline | None:
    """A byline printed in its own block right after the body's element ("Tên" and "Cơ
    quan" lines), whatever its class."""
    if container is None:
        return None
    for steps, sibling in enumerate(container.itersiblings()):
        if steps >= AFTER_STEPS or not isinstance(sibling.tag, str):
            break
        lines = block_texts(sibling)
        if not lines or len(lines) > 3 or any(len(line) > 120 for line in lines):
            continue
        _rest, byline = split_byline(lines)
        if byline is not None and byline.author and not _rest:
            return byline
    return None


def author_beside_date(near_dates: Iterable[tuple[Element, Candidate]]) -> str | None:
    """An author printed on the date line near the headline ("Hà Linh - 27/03/2025");
    `near_dates` is `dates_near_with_elements`."""
    for element, candidate in near_dates:
        if candidate.value:
            parent = element.getparent()
            line = text_of(parent if parent is not None else element)
            match = NAME_ON_DATE_LINE.match(line) if len(line) <= DATE_LINE_CHARS else None
            return as_name(match["name"].strip()) if match else None
    return None
