"""HTML utilities common to the parsers: text cleaning, paragraphs, URLs, images."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from parsers.record import Image

# Elements that start a new paragraph of text when rendered.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_SPACE = re.compile(r"\s+")
_FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|bmp)$", re.I)
_HTML_MARKUP = re.compile(r"<\s*(!doctype|html|head|body|meta|title|div|p|a|table)\b", re.I)


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML markup at all (a plain text file does not)."""
    return bool(_HTML_MARKUP.search(text[:65536]))


def clean(text: str | None) -> str:
    """Collapse whitespace (no-break spaces included) to single spaces and strip."""
    if not text:
        return ""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def text_of(element: Tag | None) -> str:
    return clean(element.get_text(" ")) if element is not None else ""


def block_texts(root: Tag) -> list[str]:
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

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIPPED_STRINGS):
                    buffer.append(str(child))
            elif child.name == "br":
                flush()
            elif child.name in BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(root)
    flush()
    return paragraphs


def absolute(base_url: str, href: str | None) -> str | None:
    """`href` resolved against the page URL; None for empty, data: and javascript: links."""
    href = (href or "").strip()
    if not href or href.lower().startswith(("data:", "javascript:", "mailto:", "#")):
        return None
    return urljoin(base_url, href)


def host_of(url: str) -> str:
    """The URL's host, lower-cased, without a leading `www.`."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def first(root: Tag, selectors: tuple[str, ...]) -> Tag | None:
    """The first element matched by the first selector that matches anything."""
    for selector in selectors:
        found = root.select_one(selector)
        if found is not None:
            return found
    return None


def image_src(img: Tag, page_url: str) -> str | None:
    """The image's address made absolute; lazy-loading attributes win over placeholders."""
    for attribute in ("data-src", "data-original", "src"):
        src = absolute(page_url, img.get(attribute))
        if src:
            return src
    return None


def alt_text(img: Tag) -> str:
    """The image's own description: its `title`, else its `alt`; never a file name."""
    for attribute in ("title", "alt"):
        text = clean(img.get(attribute))
        if text and not _FILE_NAME.match(text):
            return text
    return ""


def take_images(
    root: Tag, page_url: str, figure_selector: str, caption_selector: str
) -> list[Image]:
    """Remove photos and their captions from `root`; return them as `Image`s in order.

    A figure container (`figure_selector`) gives its caption element's text, else its own
    text, else the image's alt/title. A loose image followed by a paragraph that
    repeats its alt/title (pages that print a caption twice) takes that paragraph as its
    caption, so the caption is neither duplicated nor left in the body.
    """
    images: list[Image] = []
    for element in root.select(f"{figure_selector}, img"):
        if element.decomposed:
            continue
        if element.name == "img":
            images.extend(_loose_image(element, page_url))
            continue
        imgs = element.find_all("img")
        captions = [text_of(c) for c in element.select(caption_selector)]
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
        element.decompose()
    return images


def _loose_image(img: Tag, page_url: str) -> list[Image]:
    src = image_src(img, page_url)
    caption = alt_text(img)
    holder = img.parent if img.parent is not None and img.parent.name == "p" else img
    following = holder.find_next_sibling()
    if caption and following is not None and text_of(following) == caption:
        following.decompose()
    img.decompose()
    return [Image(src=src, caption=caption or None)] if src else []


def caption_paragraphs(body: Tag) -> None:
    """An image alone in its paragraph, followed by a paragraph that is all italic: that
    paragraph is the caption (vnPortal, Liferay journal articles). It becomes the image's
    title, so the caption is kept with the photo and leaves the body."""
    for img in body.find_all("img"):
        holder = img.parent
        if holder is None or holder.name != "p" or text_of(holder):
            continue
        following = holder.find_next_sibling()
        if following is None or following.name != "p":
            continue
        italic = following.find(["i", "em"])
        if italic is not None and text_of(italic) and text_of(italic) == text_of(following):
            img["title"] = text_of(following)
            following.decompose()
