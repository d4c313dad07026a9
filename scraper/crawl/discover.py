"""Sitemaps (sitemaps.org 0.9, index files and gzipped files) and RSS/Atom feeds → URLs.

Both are small, regular XML formats; lxml reads them directly, with entity expansion and
network access off so a hostile file cannot expand or reach out. A feedparser dependency
would add nothing the two XPath queries below do not. Pure functions: bytes in, URLs out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from scraper.web.content import ContentDecodingError, decode_content

GZIP_MAGIC = b"\x1f\x8b"
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
)


class NotAFeed(ValueError):
    """The document is not a sitemap or feed that can be read."""


@dataclass(frozen=True, slots=True)
class Found:
    """What one sitemap or feed lists: pages, and (sitemap indexes only) more sitemaps,
    each with its ``<lastmod>`` as written, or None."""

    pages: tuple[str, ...]
    sitemaps: tuple[tuple[str, str | None], ...] = ()


def _root(body: bytes, limit: int) -> etree._Element:
    if body.startswith(GZIP_MAGIC):  # a .xml.gz file, served without Content-Encoding
        try:
            body = decode_content(body, ["gzip"], limit)
        except ContentDecodingError as error:
            raise NotAFeed(f"gzipped file unreadable: {error}") from error
    try:
        root = etree.fromstring(body.lstrip(), _PARSER)
    except etree.XMLSyntaxError as error:
        raise NotAFeed(f"not XML: {error}") from error
    if root is None:
        raise NotAFeed("not XML")
    return root


def _local_name(root: etree._Element) -> str:
    """The root's name without its namespace. (lxml's `QName` refuses the odd names its
    recovering parser can make of broken XML, such as "ps:", with a ValueError.)"""
    return root.tag.rpartition("}")[2] if isinstance(root.tag, str) else ""


def _texts(root: etree._Element, path: str) -> tuple[str, ...]:
    found = (str(v).strip() for v in root.xpath(path))
    return tuple(dict.fromkeys(v for v in found if v))


def read_sitemap(body: bytes, limit: int) -> Found:
    """A ``<urlset>`` gives pages; a ``<sitemapindex>`` gives further sitemaps."""
    root = _root(body, limit)
    kind = _local_name(root)
    if kind == "sitemapindex":
        children = []
        for entry in root.xpath("./*[local-name()='sitemap']"):
            loc = _texts(entry, "./*[local-name()='loc']/text()")
            lastmod = _texts(entry, "./*[local-name()='lastmod']/text()")
            if loc:
                children.append((loc[0], lastmod[0] if lastmod else None))
        return Found((), tuple(children))
    if kind == "urlset":
        return Found(_texts(root, "./*[local-name()='url']/*[local-name()='loc']/text()"))
    raise NotAFeed(f"not a sitemap: root element <{kind}>")


def read_feed(body: bytes, limit: int) -> Found:
    """Item links of an RSS 2.0/0.9x/1.0 feed or an Atom feed, in feed order."""
    root = _root(body, limit)
    kind = _local_name(root)
    if kind in ("rss", "RDF"):
        return Found(_texts(root, "//*[local-name()='item']/*[local-name()='link']/text()"))
    if kind == "feed":
        entries = root.xpath("./*[local-name()='entry']")
        links = []
        for entry in entries:
            hrefs = entry.xpath("./*[local-name()='link'][not(@rel) or @rel='alternate']/@href")
            links.extend(str(h).strip() for h in hrefs[:1])
        return Found(tuple(dict.fromkeys(h for h in links if h)))
    raise NotAFeed(f"not an RSS or Atom feed: root element <{kind}>")


def modified_since(lastmod: str | None, when: str) -> bool:
    """Is a sitemap ``<lastmod>`` (W3C datetime or date) later than ``when`` (ISO, UTC)?
    True when it cannot tell (no or unreadable lastmod): then the sitemap is read."""
    if not lastmod:
        return True
    try:
        changed = datetime.fromisoformat(lastmod.strip())
        seen = datetime.fromisoformat(when)
    except ValueError:
        return True
    if changed.tzinfo is None:
        changed = changed.replace(tzinfo=UTC)
    return changed > seen
