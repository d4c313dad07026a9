"""The site registry: the profiles in `parsers/sites/profiles/`, by name."""

from __future__ import annotations

from scraper.sites.load import load_profiles
from scraper.sites.profile import SiteProfile


class UnknownSite(Exception):
    """The name is not a registered site."""


SITES: dict[str, SiteProfile] = load_profiles()


def get_site(name: str) -> SiteProfile:
    try:
        return SITES[name.lower()]
    except KeyError:
        known = ", ".join(sorted(SITES))
        raise UnknownSite(f"unknown site {name!r} (registered: {known})") from None


__all__ = ["SITES", "SiteProfile", "UnknownSite", "get_site"]
