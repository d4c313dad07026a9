"""Host → parser: a registered site's family parser with its profile, else generic.

Hosts are matched lower-cased and without `www.`. The registry is built from parser
profiles (`parsers.profile.ParserProfile`); `default_registry()` holds the packaged site
profiles, which `scraper.profiles` reads from their files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, partial
from types import ModuleType

from parsers import fallback, generic
from parsers.htmltext import host_of
from parsers.profile import ParserProfile
from parsers.record import Article
from parsers.sites import engine, liferay, newspaper, tuyengiao_vn, vnportal, wordpress

Parser = Callable[..., Article]  # (html, url, not_after=None) -> Article
LinkFinder = Callable[[str, str], list[str]]
NextFinder = Callable[[str, str], str | None]

# A family module is data — FAMILY, PARSER, SELECTORS, DATE_PATTERNS, DROP_TEXT — plus
# hooks `parse`, `article_links`, `next_page` only where it needs its own; without them
# the engine's are used with the family's tables.
FAMILIES: dict[str, ModuleType] = {
    module.FAMILY: module for module in (tuyengiao_vn, liferay, vnportal, wordpress, newspaper)
}


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
    from scraper.profiles import load_profiles  # profile files are read outside parsers

    return Registry(site.parser for site in load_profiles().values())


def parser_for(url: str, registry: Registry | None = None) -> Parser:
    """The parser for the URL's host in `registry` (the packaged profiles by default)."""
    return (registry or default_registry()).parser_for(url)
