"""What storing an article computes from the record alone, before touching the archive.

`prepare` turns parsed articles into `Prepared` ones: the `articles` row with its JSON
record and hashes, the folded search text, the near-duplicate band keys and the keyed
entities. It reads no database, so a bulk load can run it in another process for the
next batch while the archive stores the current one (`scraper.archive.bulk`);
`Archive.store_articles` runs it itself when given plain articles. A `Prepared` holds
plain values only, which cross between processes faster than the `Article` objects.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from parsers.fields.named_key import named_key
from parsers.record import Article, Directive, Person
from scraper.archive import dedup
from scraper.archive.dedup import key_text
from scraper.archive.records import slim
from scraper.archive.search import search_texts


def person_key(name: str) -> str:
    return key_text(name)


def directive_key(directive: Directive) -> str:
    """The normalised id of a numbered document; `named_key` for one cited by name."""
    if directive.id:
        return directive.id
    return named_key(directive.kind, directive.title or directive.text)


def body_hash(key: str) -> str:
    """Key for exact duplicates: the hash of the body's `dedup.key_text`, case and
    whitespace normalised (`dedup.bodies_keys` gives it with the band keys)."""
    return hashlib.sha256(key.encode()).hexdigest()


def content_hash(article: Article, record: dict[str, Any] | None = None) -> str:
    """Key for "has this article changed": the whole record except the URL it came from.

    `record` is `article.to_dict()` when the caller has it already.
    """
    record = dict(record if record is not None else article.to_dict())
    record.pop("url")
    blob = json.dumps(record, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def columns(article: Article, record: dict[str, Any], c_hash: str, b_hash: str) -> dict[str, Any]:
    """The `articles` row of an article, without the fetch columns (the record is stored
    without the fields that are columns: `scraper.archive.records`)."""
    byline = article.byline
    row = {
        "canonical_url": article.canonical_url,
        "url": article.url,
        "site": article.site,
        "section": article.section,
        "title": article.title,
        "sapo": article.sapo,
        "body_text": article.body_text,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "byline_author": byline.author if byline else None,
        "byline_organization": byline.organization if byline else None,
        "byline_source": byline.source if byline else None,
        "images": json.dumps([i.to_dict() for i in article.images], ensure_ascii=False),
        "tags": json.dumps(list(article.tags), ensure_ascii=False),
        "language": article.language,
        "parser": article.parser,
        "body_hash": b_hash,
        "content_hash": c_hash,
    }
    row["record_slim"] = slim(record, row)
    return row


# name, `person_key`, positions as JSON, spoke (0/1), role
PersonLink = tuple[str, str, str, int, str | None]


def person_link(person: Person) -> PersonLink:
    positions = json.dumps(list(person.positions), ensure_ascii=False)
    return (person.name, person_key(person.name), positions, int(person.spoke), person.role)


def directive_link(directive: Directive) -> tuple[Any, ...]:
    return (
        directive_key(directive),
        directive.id,
        directive.kind,
        directive.number,
        directive.symbol,
        directive.date,
        directive.issuer,
        directive.title,
        directive.text,
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article as its store needs it: rows and keys, computed from the record alone."""

    row: dict[str, Any]  # `columns`
    folded: tuple[str, ...]  # `search.SEARCH_COLUMNS`: title, sapo, body folded and exact
    band_keys: list[int]  # empty for a body too short to compare
    persons: list[PersonLink]
    directives: list[tuple[Any, ...]]  # `directive_link`s: key, then the Directive's fields


def prepare(articles: list[Article]) -> list[Prepared]:
    """`Prepared` articles, the band keys of all of them hashed in one numpy pass.

    Done for every article, also those the archive will find unchanged: a bulk load of
    new articles is what this is for, and an unchanged one costs a little hashing.
    """
    body_keys, band_keys = dedup.bodies_keys([article.body_text for article in articles])
    texts = search_texts((a.title, a.sapo or "", a.body_text) for a in articles)
    out = []
    for article, body_key, keys, folded in zip(articles, body_keys, band_keys, texts, strict=True):
        record = article.to_dict()
        row = columns(article, record, content_hash(article, record), body_hash(body_key))
        out.append(
            Prepared(
                row,
                folded,
                keys,
                [person_link(person) for person in article.persons],
                [directive_link(directive) for directive in article.directives],
            )
        )
    return out
