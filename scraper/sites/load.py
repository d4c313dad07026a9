"""Site profiles as the crawler reads them: the packaged ones, validated when read.

A profile names the site, its province and CMS family, its hosts, where its listings,
sitemaps and feeds are, which paths are articles, and the selectors and date forms its
family parser should use where the family's defaults do not fit. The files are data of
the `parsers` package (`parsers/sites/profiles/`); `parsers.sites.catalog` validates the
parser's part, this module the crawler's. Any mistake — an unknown key, a CSS selector
or regular expression that does not compile, a missing required key — is a
`ProfileError` naming the file and the key.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from parsers.places.provinces import today
from parsers.sites.catalog import (
    PROFILE_DIR,
    ProfileError,
    check_keys,
    failer,
    parse_toml,
    parser_profile,
    regexes,
    string,
    strings,
    table,
)
from scraper.sites.profile import SiteProfile

# Allowed keys per table; True marks the required ones.
TOP_KEYS = {
    "name": True, "province": False, "family": True, "base_url": True, "hosts": True,
    "notes": False, "urls": True, "selectors": False, "dates": False, "cleanup": False,
    "verify_tls": False, "organisation": False, "valid_from": False, "valid_until": False,
    "successor": False,
}  # fmt: skip
URL_KEYS = {"listings": True, "article": True, "pagination": False, "sitemaps": False,
            "feeds": False}  # fmt: skip


def load_profile(path: Path) -> SiteProfile:
    """One profile file → SiteProfile; `ProfileError` on any mistake."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path.name}: cannot read: {exc}") from None
    return profile_from_data(parse_toml(text, path.name), path.name)


def profile_from_data(data: dict[str, Any], origin: str) -> SiteProfile:
    """A profile's parsed TOML → SiteProfile; `origin` names it in errors."""
    fail = failer(origin)
    check_keys(data, TOP_KEYS, "", fail)
    _check_places(data, fail)
    urls = table(data, "urls", fail)
    check_keys(urls, URL_KEYS, "urls.", fail)
    parser = parser_profile(data, fail)
    hosts = frozenset(h.lower() for h in strings(data, "hosts", fail))
    base_url = string(data, "base_url", fail).rstrip("/")
    if not re.match(r"^https?://[^/]+$", base_url):
        raise fail("base_url", f"{base_url!r} is not an http(s) site address")
    return SiteProfile(
        name=parser.site,
        base_url=base_url,
        hosts=hosts,
        listings=tuple(strings(urls, "listings", fail, "urls.")),
        article_pattern=regexes(urls, "article", fail, "urls.", flags=0)[0],
        family=parser.family,
        province=data.get("province") or None,
        pagination=_optional_string(urls, "pagination", fail, "urls."),
        sitemaps=tuple(strings(urls, "sitemaps", fail, "urls.")),
        feeds=tuple(strings(urls, "feeds", fail, "urls.")),
        notes=data.get("notes") or None,
        parser=parser,
        verify_tls=_boolean(data, "verify_tls", fail, default=True),
        organisation=_optional_string(data, "organisation", fail),
        valid_from=_date(data, "valid_from", fail),
        valid_until=_date(data, "valid_until", fail),
        successor=_optional_string(data, "successor", fail),
    )


@cache
def load_profiles(directory: Path = PROFILE_DIR) -> dict[str, SiteProfile]:
    """Every `*.toml` profile in `directory`, by site name; `ProfileError` on the first bad one."""
    sites: dict[str, SiteProfile] = {}
    hosts: dict[str, str] = {}
    for path in sorted(directory.glob("*.toml")):
        site = load_profile(path)
        if site.name in sites:
            raise ProfileError(f"{path.name}: name: {site.name!r} is registered twice")
        for host in site.hosts:
            if host in hosts:
                raise ProfileError(f"{path.name}: hosts: {host!r} belongs to {hosts[host]}")
            hosts[host] = site.name
        sites[site.name] = site
    return sites


def load_extra_profiles(directory: Path) -> dict[str, SiteProfile]:
    """The profiles of a `--profiles` folder, validated as the packaged ones, each with
    its file as `origin`; `ProfileError` on the first bad one."""
    if not directory.is_dir():
        raise ProfileError(f"{directory}: not a folder of profiles")
    sites: dict[str, SiteProfile] = {}
    for path in sorted(directory.glob("*.toml")):
        site = replace(load_profile(path), origin=str(path))
        if site.name in sites:
            raise ProfileError(f"{path.name}: name: {site.name!r} is registered twice")
        sites[site.name] = site
    return sites


def with_extra(
    packaged: dict[str, SiteProfile], extra: dict[str, SiteProfile]
) -> dict[str, SiteProfile]:
    """The packaged profiles with a folder's added; a folder's profile replaces the
    packaged one of the same site. A host claimed by two sites is a `ProfileError`."""
    sites = {**packaged, **extra}
    owners: dict[str, SiteProfile] = {}
    for site in sites.values():
        for host in site.hosts:
            other = owners.setdefault(host, site)
            if other is not site:
                first, second = (other, site) if site.origin == "packaged" else (site, other)
                raise ProfileError(
                    f"{first.origin}: hosts: {host!r} belongs to {second.name} ({second.origin})"
                )
    return sites


def _optional_string(data: dict[str, Any], key: str, fail, prefix: str = "") -> str | None:
    return string(data, key, fail, prefix) if key in data else None


def _boolean(data: dict[str, Any], key: str, fail, *, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise fail(key, f"must be true or false, got {value!r}")
    return value


def _check_places(data: dict[str, Any], fail) -> None:
    """The province must be a name of the provinces table (either map), the dates in order."""
    province = data.get("province")
    if province is not None and (not isinstance(province, str) or today(province) is None):
        raise fail("province", f"{province!r} is not a province of the 63 or of the 34")
    start, end = _date(data, "valid_from", fail), _date(data, "valid_until", fail)
    if start and end and end < start:
        raise fail("valid_until", f"{end} is before valid_from {start}")


def _date(data: dict[str, Any], key: str, fail) -> date | None:
    """A TOML date (`valid_until = 2025-06-30`) or None when absent."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise fail(key, f"must be a date like 2025-06-30, got {value!r}")
    return value
