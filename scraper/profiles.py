"""Site profiles: one TOML file per site in `scraper/profiles/`, validated when read.

A profile names the site, its province and CMS family, its hosts, where its listings,
sitemaps and feeds are, which paths are articles, and the selectors and date forms its
family parser should use where the family's defaults do not fit. Any mistake — an
unknown key, a CSS selector that does not compile, a regular expression that does not
compile, a missing required key — is a `ProfileError` naming the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from cssselect import SelectorError

from parsers.htmltext import css
from parsers.places.provinces import today
from parsers.profile import ParserProfile
from parsers.registry import FAMILIES
from scraper.siteprofile import SiteProfile

PROFILE_DIR = Path(__file__).parent / "profiles"

# Allowed keys per table; True marks the required ones.
TOP_KEYS = {
    "name": True, "province": False, "family": True, "base_url": True, "hosts": True,
    "notes": False, "urls": True, "selectors": False, "dates": False, "cleanup": False,
    "verify_tls": False, "organisation": False, "valid_from": False, "valid_until": False,
    "successor": False,
}  # fmt: skip
URL_KEYS = {"listings": True, "article": True, "pagination": False, "sitemaps": False,
            "feeds": False}  # fmt: skip
DATE_KEYS = {"patterns": False}
CLEANUP_KEYS = {"drop_text": False}
DATE_GROUPS = {"day", "month", "year"}


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the key."""


def load_profile(path: Path) -> SiteProfile:
    """One profile file → SiteProfile; `ProfileError` on any mistake."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path.name}: cannot read: {exc}") from None
    return profile_from_data(data, path.name)


def profile_from_data(data: dict[str, Any], origin: str) -> SiteProfile:
    """A profile's parsed TOML → SiteProfile; `origin` names it in errors."""

    def fail(key: str, problem: str) -> ProfileError:
        return ProfileError(f"{origin}: {key}: {problem}")

    _check_keys(data, TOP_KEYS, "", fail)
    _check_places(data, fail)
    urls = _table(data, "urls", fail)
    _check_keys(urls, URL_KEYS, "urls.", fail)
    family_name = _string(data, "family", fail)
    if family_name not in FAMILIES:
        raise fail("family", f"unknown family {family_name!r} (known: {', '.join(FAMILIES)})")
    family = FAMILIES[family_name]
    selectors = _table(data, "selectors", fail)
    for key in list(selectors):
        if key not in family.SELECTORS:
            known = ", ".join(family.SELECTORS)
            raise fail(f"selectors.{key}", f"unknown key for family {family_name} ({known})")
        selectors[key] = tuple(_strings(selectors, key, fail, "selectors."))
        for selector in selectors[key]:
            try:
                css(selector)
            except SelectorError as exc:
                first_line = str(exc).splitlines()[0]
                raise fail(f"selectors.{key}", f"bad selector {selector!r}: {first_line}") from None
    dates = _table(data, "dates", fail)
    _check_keys(dates, DATE_KEYS, "dates.", fail)
    patterns = _regexes(dates, "patterns", fail, "dates.")
    for pattern in patterns:
        if not set(pattern.groupindex) >= DATE_GROUPS:
            raise fail("dates.patterns", f"{pattern.pattern!r} lacks a group of day/month/year")
    cleanup = _table(data, "cleanup", fail)
    _check_keys(cleanup, CLEANUP_KEYS, "cleanup.", fail)

    name = _string(data, "name", fail)
    hosts = frozenset(h.lower() for h in _strings(data, "hosts", fail))
    if not hosts:
        raise fail("hosts", "at least one host is required")
    base_url = _string(data, "base_url", fail).rstrip("/")
    if not re.match(r"^https?://[^/]+$", base_url):
        raise fail("base_url", f"{base_url!r} is not an http(s) site address")
    parser = ParserProfile(
        site=name,
        family=family_name,
        hosts=frozenset(h.removeprefix("www.") for h in hosts),
        selectors={**family.SELECTORS, **selectors},
        date_patterns=(*patterns, *(re.compile(p, re.I) for p in family.DATE_PATTERNS)),
        drop_text=(
            *_regexes(cleanup, "drop_text", fail, "cleanup."),
            *(re.compile(p, re.I) for p in family.DROP_TEXT),
        ),
    )
    return SiteProfile(
        name=name,
        base_url=base_url,
        hosts=hosts,
        listings=tuple(_strings(urls, "listings", fail, "urls.")),
        article_pattern=_regexes(urls, "article", fail, "urls.", flags=0)[0],
        family=family_name,
        province=data.get("province") or None,
        pagination=_optional_string(urls, "pagination", fail, "urls."),
        sitemaps=tuple(_strings(urls, "sitemaps", fail, "urls.")),
        feeds=tuple(_strings(urls, "feeds", fail, "urls.")),
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


def _check_keys(table: dict[str, Any], allowed: dict[str, bool], prefix: str, fail) -> None:
    for key in table:
        if key not in allowed:
            raise fail(prefix + key, f"unknown key (allowed: {', '.join(allowed)})")
    for key, required in allowed.items():
        if required and key not in table:
            raise fail(prefix + key, "missing required key")


def _table(data: dict[str, Any], key: str, fail) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise fail(key, "must be a table")
    return dict(value)


def _boolean(data: dict[str, Any], key: str, fail, *, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise fail(key, f"must be true or false, got {value!r}")
    return value


def _string(data: dict[str, Any], key: str, fail, prefix: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(prefix + key, "must be a non-empty string")
    return value.strip()


def _optional_string(data: dict[str, Any], key: str, fail, prefix: str = "") -> str | None:
    return _string(data, key, fail, prefix) if key in data else None


def _strings(data: dict[str, Any], key: str, fail, prefix: str = "") -> list[str]:
    """A string or a list of strings, as a list."""
    value = data.get(key, [])
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise fail(prefix + key, "must be a string or a list of non-empty strings")
    return values


def _regexes(
    data: dict[str, Any], key: str, fail, prefix: str = "", flags: int = re.I
) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in _strings(data, key, fail, prefix):
        try:
            compiled.append(re.compile(pattern, flags))
        except re.error as exc:
            raise fail(prefix + key, f"bad regular expression {pattern!r}: {exc}") from None
    return compiled
