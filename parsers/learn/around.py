"""The fields read around and inside the body: the lead when no metadata names one, and
the photos' captions and containers."""

from __future__ import annotations

from collections import Counter

from parsers.htmltext import Element, elements, select, text_of
from parsers.learn.fields import Learned, result_of, text_index
from parsers.learn.pages import Page
from parsers.learn.selectors import best, candidates, names
from parsers.pagedates import date_in_text


def learn_lead(pages: list[Page], minimum: int, title: Learned, body: Learned) -> Learned:
    """The lead when no metadata or generic reading names one: the element printed between
    the headline and the body on every page, a sentence or two (40–600 characters), its
    text different on each page (a box every page repeats is furniture)."""
    if not (title.selectors and body.selectors):
        return Learned("sapo", evidence="sapo: not learned (no headline and body to place it)")
    # The elements themselves, not their ids: lxml makes a new proxy object for a node
    # once nothing holds the old one, so an id kept alone may name another element.
    windows: dict[int, set[Element]] = {}
    pool: list[str] = []
    for page in pages:
        order = elements(page.tree)
        heads = select(page.tree, title.selectors[0])
        bodies = select(page.tree, body.selectors[0])
        if not (heads and bodies):
            continue
        position = {id(e): i for i, e in enumerate(order)}
        start, end = position[id(heads[0])], position[id(bodies[0])]
        inside = set(heads[0].iter())
        windows[page.number] = {e for e in order[start + 1 : end] if e not in inside}
        for element in order[start + 1 : end]:
            if element in windows[page.number] and _lead_like(text_of(element)):
                pool.extend(candidates(element, ancestors=1))
    texts: Counter[str] = Counter()

    def value(page: Page, found: list[Element]) -> str | None:
        return text_of(found[0]) if found[0] in windows.get(page.number, set()) else None

    # An empty lead element is a page without a lead; at least `minimum` pages have one.
    score = best(pages, pool, value, lambda p, v: v == "" or (v is not None and _lead_like(v)))
    if score is not None:
        texts.update(v for v in score.values if v)
        if any(n > 1 for n in texts.values()) or sum(texts.values()) < minimum:
            score = None  # the same text on two pages is furniture; too few leads, no evidence
    what = "between the headline and the body, its text different on each page (or empty),"
    return result_of("sapo", score, pages, minimum, what)


def _lead_like(text: str) -> bool:
    return 40 <= len(text) <= 600 and date_in_text(text) is None


def learn_caption(pages: list[Page], minimum: int, cache: dict, body: Learned) -> list[Learned]:
    """The photo caption inside the body, and the photo's container: the elements whose
    text is a caption of the generic reading, and their nearest ancestor holding the
    image. Both are added to the generic figure and caption selectors when read."""
    caption = Learned("caption", pages=len(pages))
    figure = Learned("figure", pages=len(pages))
    if not body.selectors:
        caption.evidence = "caption: not learned (no body to look in)"
        figure.evidence = "figure: not learned (no body to look in)"
        return [caption, figure]
    refs = {p.number: {i.caption for i in p.reading.images if i.caption} for p in pages}
    pool: list[str] = []
    holders: list[str] = []
    for page in pages:
        for text in refs[page.number]:
            for element in text_index(page, cache).get(text, []):
                if element.find(".//img") is not None:
                    continue  # the photo's container, whose only text is the caption
                holder = _photo_holder(element)
                if holder is not None:
                    pool.extend([*names(element), element.tag])
                    holders.extend(names(holder))

    def within(page: Page, found: list[Element]) -> list[Element]:
        bodies = select(page.tree, body.selectors[0])
        return [e for e in found if bodies and any(a is bodies[0] for a in e.iterancestors())]

    def captions(page: Page, found: list[Element]) -> str | None:
        texts = {text_of(e) for e in within(page, found)} - {""}
        return "\n".join(sorted(texts)) or None

    def agrees(page: Page, value: str | None) -> bool:
        """Finds captions, and only captions (a page may print others another way: the
        generic selectors still read those), or none on a page without."""
        found = set((value or "").split("\n")) - {""}
        return found <= refs[page.number] and bool(found) == bool(refs[page.number])

    with_photos = sum(1 for p in pages if refs[p.number])
    score = best(pages, pool, captions, agrees)
    if score is not None and score.matched < min(minimum, max(with_photos, 1)):
        score = None
    result = result_of("caption", score, pages, minimum, "gives photo captions, and only those,")
    if not result.selectors:
        return [result, Learned("figure", evidence="figure: not learned (no caption)")]

    def holds_caption(page: Page, found: list[Element]) -> str | None:
        hits = [e for e in within(page, found) if select(e, result.selectors[0])]
        return captions(page, [c for e in hits for c in select(e, result.selectors[0])])

    container = best(pages, holders, holds_caption, agrees)
    figure = result_of("figure", container, pages, minimum, "holds each photo and caption")
    if not figure.selectors:  # a caption selector alone (`i`, `em`) would read any italics
        result.selectors = ()
        result.evidence = f"caption: not learned (no photo container; best {score.selector})"
    return [result, figure]


def _photo_holder(caption: Element) -> Element | None:
    """The caption's nearest ancestor holding an image, or the nearest named one above it
    (a `tbody` inside `table.image`); None past three levels."""
    holder = next((a for a in caption.iterancestors() if a.find(".//img") is not None), None)
    for _ in range(3):
        if holder is None or names(holder):
            return holder
        holder = holder.getparent()
    return None
