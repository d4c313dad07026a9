"""The Article record and its parts.

The JSON shape is a contract (DESIGN.md, "The record"): `Article.to_dict()` produces it
key for key, and `Article.from_dict()` reads it back. `Person`, `Directive` and `Byline`
use the shapes of the gold annotation schema, so extractor output and records compare
directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = (
    "nghi_quyet",
    "chi_thi",
    "ket_luan",
    "quyet_dinh",
    "quy_dinh",
    "huong_dan",
    "ke_hoach",
    "thong_bao",
    "cong_van",
    "thong_tri",
    "nghi_dinh",
    "thong_tu",
    "luat",
    "phap_lenh",
    "chuong_trinh",
    "de_an",
    "bao_cao",
    "to_trinh",
    "other",
)

ROLES = ("chu_tri", "phat_bieu", "bao_cao", "ket_luan", "chi_dao", "trich_dan")


@dataclass(frozen=True, slots=True)
class Byline:
    author: str | None = None
    organization: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"author": self.author, "organization": self.organization, "source": self.source}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Byline:
        return cls(
            author=data.get("author"),
            organization=data.get("organization"),
            source=data.get("source"),
        )

    def is_empty(self) -> bool:
        return not (self.author or self.organization or self.source)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    positions: tuple[str, ...] = ()
    spoke: bool = False
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "positions": list(self.positions),
            "spoke": self.spoke,
            "role": self.role,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        return cls(
            name=data["name"],
            positions=tuple(data.get("positions") or ()),
            spoke=bool(data.get("spoke", False)),
            role=data.get("role"),
        )


@dataclass(frozen=True, slots=True)
class Directive:
    text: str
    kind: str = "other"
    number: str | None = None
    symbol: str | None = None
    id: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "number": self.number,
            "symbol": self.symbol,
            "id": self.id,
            "date": self.date,
            "issuer": self.issuer,
            "title": self.title,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Directive:
        return cls(
            text=data["text"],
            kind=data.get("kind") or "other",
            number=data.get("number"),
            symbol=data.get("symbol"),
            id=data.get("id"),
            date=data.get("date"),
            issuer=data.get("issuer"),
            title=data.get("title"),
        )


@dataclass(frozen=True, slots=True)
class Image:
    src: str
    caption: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"src": self.src, "caption": self.caption}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Image:
        return cls(src=data["src"], caption=data.get("caption"))


@dataclass(frozen=True, slots=True)
class Article:
    url: str
    canonical_url: str
    site: str
    title: str
    body_text: str
    section: str | None = None
    sapo: str | None = None
    published_at: str | None = None
    updated_at: str | None = None
    byline: Byline | None = None
    persons: tuple[Person, ...] = ()
    directives: tuple[Directive, ...] = ()
    images: tuple[Image, ...] = ()
    tags: tuple[str, ...] = ()
    language: str = "vi"
    parser: str = field(default="generic@1")
    # Where each field with a value was read: "profile" (the site's selector table) or
    # the generic reading's evidence ("generic:json-ld", "generic:meta", "generic:time",
    # "generic:text", "generic:breadcrumb", "url" …), as (field, source) pairs.
    field_sources: tuple[tuple[str, str], ...] = ()
    # True when not all of the page was read: its text was longer than the extractors
    # read (`parsers.enrich.MAX_EXTRACT_CHARS`) or its HTML nested deeper than the
    # parser goes (`parsers.htmltext.MAX_DEPTH`). In the JSON only when true.
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The record's JSON, keys in the order of the contract."""
        flag = {"truncated": True} if self.truncated else {}
        return {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "site": self.site,
            "section": self.section,
            "title": self.title,
            "sapo": self.sapo,
            "body_text": self.body_text,
            "published_at": self.published_at,
            "updated_at": self.updated_at,
            "byline": self.byline.to_dict() if self.byline else None,
            "persons": [p.to_dict() for p in self.persons],
            "directives": [d.to_dict() for d in self.directives],
            "images": [i.to_dict() for i in self.images],
            "tags": list(self.tags),
            "language": self.language,
            "parser": self.parser,
            "field_sources": dict(self.field_sources),
            **flag,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        byline = data.get("byline")
        return cls(
            url=data["url"],
            canonical_url=data["canonical_url"],
            site=data["site"],
            section=data.get("section"),
            title=data["title"],
            sapo=data.get("sapo"),
            body_text=data["body_text"],
            published_at=data.get("published_at"),
            updated_at=data.get("updated_at"),
            byline=Byline.from_dict(byline) if byline else None,
            persons=tuple(Person.from_dict(p) for p in data.get("persons") or ()),
            directives=tuple(Directive.from_dict(d) for d in data.get("directives") or ()),
            images=tuple(Image.from_dict(i) for i in data.get("images") or ()),
            tags=tuple(data.get("tags") or ()),
            language=data.get("language") or "vi",
            parser=data.get("parser") or "generic@1",
            field_sources=tuple((data.get("field_sources") or {}).items()),
            truncated=bool(data.get("truncated", False)),
        )
