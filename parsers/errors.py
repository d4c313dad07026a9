"""Exceptions raised by the parsers.

`NotAnArticle`: the page parsed but is not one article (a listing, a soft 404, an empty
page). The crawler records the URL as such and archives nothing for it.
`ParseError`: the input cannot be read as a page at all (binary data, undecodable bytes).
"""


class NotAnArticle(Exception):
    """The page is not an article; the message says why."""


class ParseError(Exception):
    """The input is not a readable HTML page; the message says why."""
