"""Pure parsers: bytes or text plus a URL in, an Article record out. No I/O here.

The one exception is the default registry: the first `parse()` without a `registry`
has `scraper.sites.load` read the packaged profile files, once.
"""

from dataclasses import replace
from datetime import datetime

from parsers.decode import decode_html
from parsers.enrich import enrich
from parsers.errors import NotAnArticle, ParseError
from parsers.fields import extract
from parsers.htmltext import looks_like_html, nested_too_deep
from parsers.record import Article, Byline, Directive, Image, Person
from parsers.registry import Registry, parser_for


def parse(
    html: bytes | str,
    url: str,
    *,
    registry: Registry | None = None,
    fetched_at: datetime | None = None,
) -> Article:
    """One page → its Article, by the parser registered for the URL's host.

    `registry` gives the site profiles to use; by default the packaged ones
    (`parsers.registry.default_registry`).

    `fetched_at` is when the page was fetched: a publication or update time later than
    that is refused (a wrong reading, not the article's).

    Bytes are decoded first (`decode_html`); text is NFC-normalised. The site's parser
    reads the structure and the byline; `enrich` adds the persons and documents named.
    Raises `ParseError` for input that is not an HTML page and `NotAnArticle` for a page
    that is not an article.
    """
    text, _encoding = decode_html(html)
    if not looks_like_html(text):
        raise ParseError("not HTML: the document has no HTML markup")
    article = enrich(parser_for(url, registry)(text, url, fetched_at))
    if nested_too_deep(text):
        article = replace(article, truncated=True)
    return article


__all__ = [
    "Article",
    "Byline",
    "Directive",
    "Image",
    "NotAnArticle",
    "ParseError",
    "Person",
    "Registry",
    "decode_html",
    "extract",
    "parse",
]
