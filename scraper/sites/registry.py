"""The site registry: the packaged profiles, and those of a `--profiles` folder, by name.

`use_profiles(folder)` (the `--profiles` option, or `TUYENGIAO_PROFILES`) adds a folder's
profiles, a folder's profile replacing the packaged one of the same site; `SITES` is
updated in place, so every command sees the same sites. `parser_registry()` is what the
parsers are handed: the parser part of every registered profile.
"""

from __future__ import annotations

from pathlib import Path

from parsers.registry import Registry, default_registry
from scraper.sites.load import load_extra_profiles, load_profiles, with_extra
from scraper.sites.profile import SiteProfile


class UnknownSite(Exception):
    """The name is not a registered site."""


SITES: dict[str, SiteProfile] = dict(load_profiles())
_registry: list[Registry] = []  # the registry of SITES once a folder is added


def use_profiles(directory: Path | None) -> None:
    """Register the packaged profiles and, if given, a folder's; `ProfileError` on a bad one."""
    extra = load_extra_profiles(Path(directory)) if directory else {}
    sites = with_extra(load_profiles(), extra)
    SITES.clear()
    SITES.update(sites)
    _registry.clear()
    if extra:
        _registry.append(Registry(s.parser for s in SITES.values() if s.parser is not None))


def parser_registry() -> Registry:
    """The parser profiles of the registered sites, for `parsers.parse(..., registry=…)`."""
    return _registry[0] if _registry else default_registry()


def get_site(name: str) -> SiteProfile:
    try:
        return SITES[name.lower()]
    except KeyError:
        known = ", ".join(sorted(SITES))
        raise UnknownSite(f"unknown site {name!r} (registered: {known})") from None


__all__ = ["SITES", "SiteProfile", "UnknownSite", "get_site", "parser_registry", "use_profiles"]
