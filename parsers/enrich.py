"""The step every record goes through, whatever its site: the Vietnamese field extractors.

A site or generic parser reads the page's structure; this step finds, in the title, sapo,
photo captions and body (in the page's reading order), the persons named and the
documents cited, and — when the markup had no byline — the byline at the end of the body,
which it then takes out of the body.
"""

from __future__ import annotations

from dataclasses import replace

from parsers.fields.byline import split_byline
from parsers.fields.directives import find_directives
from parsers.fields.persons import find_persons
from parsers.fields.text import compare_key
from parsers.record import Article


def enrich(article: Article) -> Article:
    body, byline = article.body_text, article.byline
    if byline is None:
        paragraphs, byline = split_byline(body.split("\n"))
        body = "\n".join(paragraphs)
    parts = [article.title, article.sapo or ""]
    parts += [image.caption for image in article.images if image.caption]
    parts.append(body)
    text = "\n".join(part for part in parts if part)
    author = compare_key(byline.author) if byline and byline.author else None
    persons = tuple(p for p in find_persons(text) if compare_key(p.name) != author)
    return replace(
        article,
        body_text=body,
        byline=byline,
        persons=persons,
        directives=tuple(find_directives(text)),
    )
