"""Pure parsers: bytes or text plus a URL in, an Article record out. No I/O here."""

from parsers.errors import NotAnArticle, ParseError
from parsers.record import Article, Byline, Directive, Image, Person

__all__ = ["Article", "Byline", "Directive", "Image", "NotAnArticle", "ParseError", "Person"]
