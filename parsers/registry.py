"""Host → parser: a registered site's family parser with its profile, else generic.

Hosts are matched lower-cased and without `www.`. The registry is built from parser
profiles (`parsers.profile.ParserProfile`); `default_registry()` holds the packaged site
profiles (`parsers.sites.catalog`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, partial

from parsers import fallback, generic
from parsers.htmltext import host_of
from parsers.profile import ParserProfile
from parsers.record import Article
from parsers.sites import engine
from parsers.sites.catalog import failer, packaged_profile_data, parser_profile
from parsers.sites.families import FAMILIES

Parser = Callable[..., Article]  # (html, url, not_after=None) -> Article
LinkFinder = Callable[[str, str], list[str]]
NextFinder = Callable[[str, str], str | None]


class Registry:
    """The parser profiles of the registered sites, by host."""

    def __init__(self, profiles: Iterable[ParserProfile] = ()) -> None:
        self._by_host: dict[str, ParserProfile] = {}
        for profile in profiles:
            if profile.family not in FAMILIES:
                raise ValueError(f"{profile.site}: unknown family {profile.family!r}")
            for host in profile.hosts:
                self._by_host[host.lower().removeprefix("www.")] = profile

    def profile_for(self, url: str) -> ParserProfile | None:
        return self._by_host.get(host_of(url))

    def parser_for(self, url: str) -> Parser:
        """The family parser bound to the host's profile, falling back to the generic
        reading where the profile finds nothing (`parsers.fallback`); else the generic
        parser."""
        profile = self.profile_for(url)
        if profile is None:
            return generic.parse
        return partial(fallback.parse, profile=profile, read=family_parser(profile))

    def listing_for(self, url: str) -> tuple[LinkFinder, NextFinder] | None:
        """The family's listing functions bound to the host's profile; None if unregistered."""
        profile = self.profile_for(url)
        if profile is None:
            return None
        family = FAMILIES[profile.family]
        return (
            partial(getattr(family, "article_links", engine.article_links), profile=profile),
            partial(getattr(family, "next_page", engine.next_page), profile=profile),
        )


def family_parser(profile: ParserProfile) -> Callable[..., Article]:
    """The profile's family parser alone, without the generic fallback."""
    family = FAMILIES[profile.family]
    return getattr(family, "parse", None) or partial(engine.parse_article, parser=family.PARSER)


@cache
def default_registry() -> Registry:
    """The packaged site profiles, read once."""
    return Registry(parser_profile(data, failer(name)) for name, data in packaged_profile_data())


def parser_for(url: str, registry: Registry | None = None) -> Parser:
    """The parser for the URL's host in `registry` (the packaged profiles by default)."""
    return (registry or default_registry()).parser_for(url)
