"""Per field, the selector that gives the page's reference answer on (nearly) every page.

References are what the page says of itself — JSON-LD and OpenGraph metadata — and,
where it says nothing, the generic parser's reading. A field is learned when one
selector agrees on `selectors.AGREEMENT` of the pages (and at least `minimum` pages);
otherwise it is left out and the generic reading applies on that site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from parsers.htmltext import Element, class_words, elements, select, text_of
from parsers.learn.dates import date_agrees, date_patterns, element_time
from parsers.learn.pages import Page
from parsers.learn.selectors import Score, best, candidates, confident, names
from parsers.pagedates import iso_timestamp
from parsers.profile import ParserProfile
from parsers.sites import engine, learned

MAX_TEXT = 3000
BREADCRUMB = re.compile(r"bread|crumb|duong-?dan", re.I)
TAGS = re.compile(r"(?<![a-z])(tags?|keywords?|tu-?khoa)(?![a-z])|tags?-|-tags?", re.I)
AUTHOR = re.compile(r"author|byline|tac-?gia|writer|(?<![a-z])name(?![a-z])", re.I)
UPDATED = re.compile(r"updated|modified|cap-?nhat", re.I)
BODY_F1 = 0.9  # a body selector agrees when its text is this close to the reference


@dataclass(slots=True)
class Learned:
    """One field as learned: its selectors (empty: not learned) and why."""

    name: str
    selectors: tuple[str, ...] = ()
    evidence: str = ""
    values: list[str | None] = field(default_factory=list)
    agree: int = 0
    pages: int = 0
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def confidence(self) -> float:
        return self.agree / self.pages if self.pages else 0.0


def empty_profile(**selectors: tuple[str, ...]) -> ParserProfile:
    return ParserProfile(
        site="", family="learned", hosts=frozenset(), selectors={**learned.SELECTORS, **selectors}
    )


def text_index(page: Page, cache: dict[int, dict[str, list[Element]]]) -> dict[str, list[Element]]:
    """The page's elements by their text (texts up to `MAX_TEXT` characters)."""
    if page.number not in cache:
        index: dict[str, list[Element]] = {}
        for element in elements(page.tree):
            text = text_of(element)
            if text and len(text) <= MAX_TEXT:
                index.setdefault(text, []).append(element)
        cache[page.number] = index
    return cache[page.number]


def result_of(
    name: str, score: Score | None, pages: list[Page], minimum: int, what: str
) -> Learned:
    if score is None:
        return Learned(
            name, evidence=f"{name}: not learned (no candidate element)", pages=len(pages)
        )
    result = Learned(name, values=score.values, agree=score.agree, pages=len(pages))
    if confident(score, len(pages), minimum):
        result.selectors = (score.selector,)
        result.evidence = f"{name}: {score.selector}, {what} on {score.agree}/{len(pages)} pages"
    else:
        result.evidence = (
            f"{name}: not learned (best {score.selector}: {what} on {score.agree}/{len(pages)})"
        )
    return result


def title_reference(page: Page) -> tuple[str, str]:
    headline = " ".join(str(page.ld.get("headline") or "").split())
    if headline:
        return headline, "JSON-LD headline"
    og = page.meta.get("og:title", "")
    if og and og == page.reading.title:
        return og, "og:title"
    return page.reading.title, "the headline (og:title prefix / <title>)"


def learn_title(pages: list[Page], minimum: int, cache: dict) -> Learned:
    refs = {p.number: title_reference(p) for p in pages}
    pool: list[str] = []
    for page in pages:
        # The innermost element first: a wrapper holding only the headline is not it.
        for element in reversed(text_index(page, cache).get(refs[page.number][0], [])):
            if element.tag not in ("title", "a", "meta", "html", "body"):
                pool.extend(candidates(element))
    score = best(
        pages, pool, lambda p, found: text_of(found[0]) or None,
        lambda p, v: v == refs[p.number][0],
    )  # fmt: skip
    sources = Counter(refs[p.number][1] for p in pages).most_common(1)[0][0]
    return result_of("title", score, pages, minimum, f"equals {sources}")


def time_reference(page: Page) -> tuple[str | None, str]:
    for value, source in (
        (page.ld.get("datePublished"), "JSON-LD datePublished"),
        (page.meta.get("article:published_time"), "article:published_time"),
    ):
        if isinstance(value, str) and iso_timestamp(value):
            return iso_timestamp(value), source
    return page.reading.published_at, "the generic reading's date"


def learn_time(pages: list[Page], minimum: int) -> Learned:
    refs = {p.number: time_reference(p) for p in pages}
    pool: list[str] = []
    for page in pages:
        ref = refs[page.number][0]
        for element in _innermost_first(page.tree):
            if UPDATED.search(class_words(element)):
                continue  # the last-update time may equal the publication time on a page
            if ref and date_agrees(element_time(element, ()), ref):
                pool.extend(candidates(element))
    score = best(
        pages, pool, lambda p, found: element_time(found[0], ()),
        lambda p, v: date_agrees(v, refs[p.number][0]),
    )  # fmt: skip
    sources = Counter(refs[p.number][1] for p in pages).most_common(1)[0][0]
    result = result_of("time", score, pages, minimum, f"agrees with {sources}")
    if result.selectors:
        shown = [(select(p.tree, result.selectors[0]) or [None])[0] for p in pages]
        patterns, form = date_patterns(
            [(e, refs[p.number][0]) for p, e in zip(pages, shown, strict=True) if e is not None]
        )
        if patterns and _read_as_learned(pages, result.selectors, patterns, refs) >= result.agree:
            result.extra["patterns"] = patterns
            result.evidence += f"; form {form}"
        elif patterns:  # the form reads fewer pages right than the common forms: not kept
            result.evidence += "; the common date forms"
    return result


def _read_as_learned(
    pages: list[Page], selectors: tuple[str, ...], patterns: tuple[str, ...], refs: dict
) -> int:
    """On how many pages the learned family reads the reference date with these."""
    profile = ParserProfile(
        site="", family="learned", hosts=frozenset(), selectors={**learned.SELECTORS,
        "time": selectors}, date_patterns=tuple(re.compile(p, re.I) for p in patterns),
    )  # fmt: skip
    return sum(
        date_agrees(engine.page_time(p.tree, profile, "time"), refs[p.number][0]) for p in pages
    )


def _innermost_first(tree: Element) -> list[Element]:
    """The page's elements, deeper ones first, in page order at equal depth."""
    found = elements(tree)
    depth = {id(e): sum(1 for _ in e.iterancestors()) for e in found}
    return sorted(found, key=lambda e: -depth[id(e)])


def learn_body(pages: list[Page], minimum: int, cache: dict) -> Learned:
    refs = {p.number: p.reading.body_text for p in pages}
    pool: list[str] = []
    for page in pages:
        lines = refs[page.number].split("\n")
        index = text_index(page, cache)
        ends = [index.get(lines[0], []), index.get(lines[-1], [])]
        if all(ends):
            pool.extend(candidates(_common_ancestor(ends[0][-1], ends[1][-1])))
    plain = empty_profile()
    score = best(
        pages, pool, lambda p, found: "\n".join(learned.body_lines(found[0], p.url, plain)),
        lambda p, v: v is not None and token_f1(refs[p.number], v) >= BODY_F1,
    )  # fmt: skip
    result = result_of("body", score, pages, minimum, f"holds the article text (F1 ≥ {BODY_F1})")
    if result.selectors:
        _furniture(pages, result)
    return result


def _common_ancestor(a: Element, b: Element) -> Element:
    above = {a, *a.iterancestors()}  # elements, not ids: see `learn_lead`
    if b in above:
        return b
    for node in b.iterancestors():
        if node in above:
            return node
    return b


def _furniture(pages: list[Page], body: Learned) -> None:
    """Lines the body element holds on several pages but the article texts do not:
    page furniture inside the body ("Chia sẻ", "Tin liên quan"), dropped by text."""
    plain = empty_profile()
    counts: Counter[str] = Counter()
    for page in pages:
        found = select(page.tree, body.selectors[0])
        if found:
            reference = set(page.reading.body_text.split("\n"))
            lines = set(learned.body_lines(found[0], page.url, plain))
            counts.update(line for line in lines - reference if len(line) <= 80)
    shared = sorted(line for line, n in counts.items() if n >= 2 and n >= len(pages) / 2)
    if shared:
        body.extra["drop_text"] = tuple(f"^{re.escape(line)}$" for line in shared)
        body.evidence += f"; furniture lines shared by the pages: {', '.join(map(repr, shared))}"


def token_f1(reference: str, found: str) -> float:
    a, b = reference.lower().split(), found.lower().split()
    common = sum((Counter(a) & Counter(b)).values())
    if not a and not b:
        return 1.0
    if not common:
        return 0.0
    precision, recall = common / len(b), common / len(a)
    return 2 * precision * recall / (precision + recall)


def learn_text_field(
    name: str, pages: list[Page], minimum: int, cache: dict,
    reference: Callable[[Page], str | None], hint: re.Pattern[str] | None, what: str,
) -> Learned:  # fmt: skip
    """A field whose element's text is the reference (sapo) or holds it (byline)."""
    refs = {p.number: reference(p) for p in pages}
    pool: list[str] = []
    for page in pages:
        ref = refs[page.number]
        if not ref:
            continue
        for text, found in text_index(page, cache).items():
            if ref in text and len(text) <= max(len(ref) * 2, 120):
                # A lead: the innermost element saying it; a byline: the whole block,
                # whose other lines are the organisation and the source.
                for element in found if name == "byline" else reversed(found):
                    if hint is None or _hinted(element, hint):
                        pool.extend(candidates(element))
    if name == "byline":
        plain = empty_profile()

        def value(page: Page, found: list[Element]) -> str | None:
            byline = engine.block_byline(found[0], plain)
            return byline.author if byline else None
    else:

        def value(page: Page, found: list[Element]) -> str | None:
            return text_of(found[0]) or None

    score = best(pages, pool, value, lambda p, v: v == refs[p.number])
    with_ref = sum(1 for p in pages if refs[p.number])
    if score is not None and sum(
        1 for p, v in zip(pages, score.values, strict=True) if v and v == refs[p.number]
    ) < min(minimum, with_ref or 1):
        score = None
    return result_of(name, score, pages, minimum, what)


def _hinted(element: Element, hint: re.Pattern[str]) -> bool:
    node: Element | None = element
    for _ in range(3):
        if node is None:
            return False
        if hint.search(class_words(node)):
            return True
        node = node.getparent()
    return False


def learn_links(
    name: str, pages: list[Page], minimum: int, hint: re.Pattern[str],
    read: Callable[[Page, list[Element]], str | None],
    agrees: Callable[[Page, str | None], bool], what: str,
) -> Learned:  # fmt: skip
    """Breadcrumb or tag links: `a` under a container whose class names them."""
    pool: list[str] = []
    for page in pages:
        for element in elements(page.tree):
            if hint.search(class_words(element)) and next(element.iter("a"), None) is not None:
                pool.extend(f"{n} a" for n in names(element))
    score = best(pages, pool, read, agrees)
    if score is not None and score.matched < minimum:
        score = None  # agreeing by finding nothing is no evidence
    return result_of(name, score, pages, minimum, what)
