"""HTML utilities common to the parsers: the tree, CSS selection, text, URLs, images.

Pages are parsed with lxml (libxml2's HTML parser, plain elements: the `lxml.html`
element classes cost a Python call per element touched) and selected with CSS compiled
to XPath once per selector. `drop()` removes an element but keeps the text that follows
it, as a reader would still see that text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import accumulate
from urllib.parse import urljoin, urlsplit

from cssselect.xpath import XPathExpr
from lxml import etree
from lxml.cssselect import LxmlHTMLTranslator

from parsers.record import Image

Element = etree._Element

# Elements that start a new paragraph of text when rendered.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# Elements whose content is never text a reader sees.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})
_FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|bmp)$", re.I)
_HTML_MARKUP = re.compile(r"<\s*(!doctype|html|head|body|meta|title|div|p|a|table)\b", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


# libxml2 stops reading at 256 levels of nesting, dropping the rest of the page (body
# end, byline); with `huge_tree` at MAX_DEPTH, deeper than any real page.
MAX_DEPTH = 2048
# An opening or closing tag, void elements left out (they never nest).
_TAG_EDGE = re.compile(
    r"<(?!(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)\b)"
    r"(/?)[a-zA-Z]",
    re.I,
)
_STEP = {"": 1, "/": -1}


def parse_tree(html: str) -> Element:
    """The page's `<html>` element (an empty one for input lxml cannot parse)."""
    try:
        parser = etree.HTMLParser(huge_tree=True)
        root = etree.fromstring(_XML_DECLARATION.sub("", html, count=1), parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    return root if root is not None else etree.Element("html")


def nested_too_deep(html: str) -> bool:
    """Does the page nest deeper than MAX_DEPTH, so that `parse_tree` loses its end?

    A count of open tags (an over-estimate: it does not close `<p>` or `<li>` as the
    parser does) rules out nearly every page in one pass; only a page it cannot rule out
    is parsed to see whether libxml2 stopped.
    """
    edges = _TAG_EDGE.findall(html)
    if len(edges) <= MAX_DEPTH or max(accumulate(map(_STEP.__getitem__, edges))) <= MAX_DEPTH:
        return False
    parser = etree.HTMLParser(huge_tree=True)
    try:
        etree.fromstring(_XML_DECLARATION.sub("", html, count=1), parser)
    except (etree.XMLSyntaxError, ValueError):
        return False
    return any("Excessive depth" in error.message for error in parser.error_log)


class _Translator(LxmlHTMLTranslator):
    """lxml's HTML translator with a class test libxml2 evaluates faster.

    cssselect writes `.x` as `@class and contains(@class, 'x') and contains(concat(' ',
    normalize-space(@class), ' '), ' x ')`. The leading `@class and` adds nothing (a
    missing attribute contains nothing) but costs a node-set per element tested, about
    a fifth of the time of a selection; it is left out, the rest is cssselect's.
    """

    def xpath_attrib_includes(self, xpath: XPathExpr, name: str, value: str | None) -> XPathExpr:
        if not value or not _ONE_WORD.fullmatch(value):
            return super().xpath_attrib_includes(xpath, name, value)
        word, padded = self.xpath_literal(value), self.xpath_literal(f" {value} ")
        spaced = f"concat(' ', normalize-space({name}), ' ')"
        return xpath.add_condition(f"contains({name}, {word}) and contains({spaced}, {padded})")


_ONE_WORD = re.compile(r"[^ \t\r\n\f]+")  # cssselect's test: no XML whitespace
_TRANSLATOR = _Translator()


@cache
def css(selector: str) -> etree.XPath:
    """A CSS selector compiled to XPath; compiled once per distinct selector.

    This is what `lxml.cssselect.CSSSelector` builds, less the EXSLT regular-expression
    functions an XPath registers on every call unless told not to (`regexp=False`);
    cssselect never writes them, and registering them is a fifth of a short selection.
    """
    return etree.XPath(_TRANSLATOR.css_to_xpath(selector), regexp=False)


def select(root: Element, selector: str) -> list[Element]:
    """Elements under `root` (not `root` itself) matching the selector, in page order."""
    return [e for e in css(selector)(root) if e is not root]


def select_one(root: Element, selector: str) -> Element | None:
    found = select(root, selector)
    return found[0] if found else None


def first(root: Element, selectors: Iterable[str]) -> Element | None:
    """The first element matched by the first selector that matches anything."""
    for selector in selectors:
        found = select_one(root, selector)
        if found is not None:
            return found
    return None


def elements(root: Element) -> list[Element]:
    """`root`'s descendant elements in page order, comments and the like left out."""
    found = list(root.iter(etree.Element))
    return found[1:]  # iter() starts with root itself


_NAMED = etree.XPath("descendant::*[@class or @id]", regexp=False)  # faster than the same ".//*[…]"


def named_elements(root: Element) -> list[tuple[Element, str]]:
    """`root`'s descendants that carry a class or an id, in page order, each with its
    `class_words` (read by several tests, so made once)."""
    return [(element, class_words(element)) for element in _NAMED(root)]


def class_words(element: Element) -> str:
    """The element's class and id, one string: where furniture names itself."""
    return f"{element.get('class') or ''} {element.get('id') or ''}".strip()


_TAG_NAME = re.compile(r"[a-z][a-z0-9]*")  # a selector that is a bare tag name


def drop_matching(root: Element, selectors: Iterable[str]) -> None:
    """Drop everything under `root` that each selector matches, selector after selector.

    The bare tag names that lead the list ("script", "style", …) are found in one walk
    of the tree instead of one selection each: matched by name alone, they match the
    same elements whatever was removed before, and a removed element's tail stays
    where it was, so the order of removal changes nothing.
    """
    selectors = list(selectors)
    lead = 0
    while lead < len(selectors) and _TAG_NAME.fullmatch(selectors[lead]):
        lead += 1
    if lead:
        for element in [e for e in root.iter(*selectors[:lead]) if e is not root]:
            drop(element)
    for selector in selectors[lead:]:
        for element in select(root, selector):
            drop(element)


def drop(element: Element) -> None:
    """Remove the element and its content; the text after it stays."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        _append_text(parent, element.getprevious(), element.tail)
    parent.remove(element)


def unwrap(element: Element) -> None:
    """Replace the element by its content (text and children)."""
    parent = element.getparent()
    if parent is None:
        return
    children = list(element)
    leading = element.text or ""
    if children:
        children[-1].tail = (children[-1].tail or "") + (element.tail or "")
    else:
        leading += element.tail or ""
    if leading:
        _append_text(parent, element.getprevious(), leading)
    index = parent.index(element)
    parent[index : index + 1] = children


def _append_text(parent: Element, previous: Element | None, text: str) -> None:
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


_TEXT_LENGTH = etree.XPath("string-length(string(.))", regexp=False)


def char_count(element: Element) -> int:
    """Roughly how much text the element holds, spaces included (for comparing amounts;
    hidden elements must be gone already). The length of `itertext()` joined, counted
    by libxml2 without making a Python string per text node."""
    return int(_TEXT_LENGTH(element))


def attached(element: Element, root: Element) -> bool:
    """Is `element` still inside `root` (not inside something dropped)?"""
    return any(ancestor is root for ancestor in element.iterancestors())


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML markup at all (a plain text file does not)."""
    return bool(_HTML_MARKUP.search(text[:65536]))


def clean(text: str | None) -> str:
    """Collapse whitespace (no-break spaces included) to single spaces and strip."""
    # `str.split()` splits at exactly the characters `\s` matches (no-break spaces
    # included), so this is `\s+` → " " and a strip, without the regex.
    return " ".join(text.split()) if text else ""


def _texts(element: Element, out: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag not in HIDDEN_TAGS:
            _texts(child, out)
        if child.tail:
            out.append(child.tail)


def text_of(element: Element | None) -> str:
    """The element's visible text, its pieces joined by spaces, whitespace collapsed."""
    if element is None or not isinstance(element.tag, str) or element.tag in HIDDEN_TAGS:
        return ""
    pieces: list[str] = []
    _texts(element, pieces)
    return clean(" ".join(pieces))


def block_texts(root: Element) -> list[str]:
    """The paragraphs a reader sees in `root`, in order, cleaned, empty ones dropped.

    Block elements and `<br>` end a paragraph; inline elements and bare text between
    blocks join the current one.
    """
    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = clean("".join(buffer))
        buffer.clear()
        if text:
            paragraphs.append(text)

    def walk(node: Element) -> None:
        if node.text:
            buffer.append(node.text)
        for child in node:
            if not isinstance(child.tag, str) or child.tag in HIDDEN_TAGS:
                pass
            elif child.tag == "br":
                flush()
            elif child.tag in BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)
            if child.tail:
                buffer.append(child.tail)

    walk(root)
    flush()
    return paragraphs


def absolute(base_url: str, href: str | None) -> str | None:
    """`href` resolved against the page URL; None for empty, data: and javascript: links,
    and for a malformed one (`http://[x`), which would otherwise fail the whole page."""
    href = (href or "").strip()
    if not href or href.lower().startswith(("data:", "javascript:", "mailto:", "#")):
        return None
    try:
        return urljoin(base_url, href)
    except ValueError:
        return None


def host_of(url: str) -> str:
    """The URL's host, lower-cased, without a leading `www.`."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def image_src(img: Element, page_url: str) -> str | None:
    """The image's address made absolute; lazy-loading attributes win over placeholders."""
    for attribute in ("data-src", "data-original", "src"):
        src = absolute(page_url, img.get(attribute))
        if src:
            return src
    return None


def alt_text(img: Element) -> str:
    """The image's own description: its `title`, else its `alt`; never a file name."""
    for attribute in ("title", "alt"):
        text = clean(img.get(attribute))
        if text and not _FILE_NAME.match(text):
            return text
    return ""


def take_images(
    root: Element, page_url: str, figure_selector: str, caption_selector: str
) -> list[Image]:
    """Remove photos and their captions from `root`; return them as `Image`s in order.

    A figure container (`figure_selector`) gives its caption element's text, else its own
    text, else the image's alt/title. A loose image followed by a paragraph that
    repeats its alt/title (pages that print a caption twice) takes that paragraph as its
    caption, so the caption is neither duplicated nor left in the body.
    """
    images: list[Image] = []
    for element in select(root, f"{figure_selector}, img"):
        if not attached(element, root):
            continue
        if element.tag == "img":
            images.extend(_loose_image(element, page_url))
            continue
        imgs = [e for e in element.iter("img")]
        captions = [text_of(c) for c in select(element, caption_selector)]
        if len(imgs) > 1 and len(captions) == len(imgs):
            pairs = zip(imgs, captions, strict=True)  # photos side by side, each captioned
        else:
            # The caption element's text, else whatever text the figure holds.
            shared = (captions[0] if captions else "") or text_of(element)
            pairs = ((img, shared) for img in imgs)
        for img, caption in pairs:
            src = image_src(img, page_url)
            if src:
                images.append(Image(src=src, caption=caption or alt_text(img) or None))
        drop(element)
    return images


def _loose_image(img: Element, page_url: str) -> list[Image]:
    src = image_src(img, page_url)
    caption = alt_text(img)
    parent = img.getparent()
    holder = parent if parent is not None and parent.tag == "p" else img
    following = holder.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if caption and following is not None and text_of(following) == caption:
        drop(following)
    drop(img)
    return [Image(src=src, caption=caption or None)] if src else []


def caption_paragraphs(body: Element) -> None:
    """An image alone in its paragraph, followed by a paragraph that is all italic: that
    paragraph is the caption (vnPortal, Liferay journal articles). It becomes the image's
    title, so the caption is kept with the photo and leaves the body."""
    for img in list(body.iter("img")):
        holder = img.getparent()
        if holder is None or holder.tag != "p" or text_of(holder):
            continue
        following = holder.getnext()
        if following is None or following.tag != "p":
            continue
        italic = next(iter(select(following, "i, em")), None)
        if italic is not None and text_of(italic) and text_of(italic) == text_of(following):
            img.set("title", text_of(following))
            drop(following)
