"""The step every record goes through, whatever its site: the Vietnamese field extractors.

A site or generic parser reads the page's structure (a byline the markup lacks is taken
from the end of the body there, with `parsers.fields.byline.split_byline`); this step
finds, in the title, sapo, photo captions and body (in the page's reading order), the
persons named and the documents cited.
"""

from __future__ import annotations

from dataclasses import replace

from parsers.fields.directives import find_directives
from parsers.fields.persons import find_persons
from parsers.fields.text import compare_key
from parsers.record import Article

# The extractors read at most this much text of an article (about 400 printed pages;
# real articles are a hundredth of it): their time is linear, but a body of several
# megabytes would still take a minute. Beyond it the record is flagged `truncated`.
MAX_EXTRACT_CHARS = 1_000_000


def enrich(article: Article) -> Article:
    parts = [article.title, article.sapo or ""]
    parts += [image.caption for image in article.images if image.caption]
    parts.append(article.body_text)
    text = "\n".join(part for part in parts if part)
    if len(text) > MAX_EXTRACT_CHARS:
        text = text[:MAX_EXTRACT_CHARS]
        article = replace(article, truncated=True)
    byline = article.byline
    author = compare_key(byline.author) if byline and byline.author else None
    persons = tuple(p for p in find_persons(text) if compare_key(p.name) != author)
    return replace(article, persons=persons, directives=tuple(find_directives(text)))
