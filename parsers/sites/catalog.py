"""The packaged site profiles as parser data: their files, and the part a parser reads.

A profile file (`parsers/sites/profiles/*.toml`) describes one site for the whole tool.
The parser's part of it — name, family, hosts, selectors, date forms, drop lists — is
validated and built here into a `ParserProfile`; the crawler's part (listings, article
URL pattern, sitemaps, TLS) is validated by `scraper.sites.load`, which calls
`parser_profile` for the rest. The profile files are this package's own data, read once
at first use: the only files `parsers` ever reads.

Any mistake is a `ProfileError` naming the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cssselect import SelectorError

from parsers.htmltext import css
from parsers.profile import ParserProfile
from parsers.sites.families import FAMILIES

PROFILE_DIR = Path(__file__).parent / "profiles"
DATE_KEYS = {"patterns": False}
CLEANUP_KEYS = {"drop_text": False}
DATE_GROUPS = {"day", "month", "year"}

Fail = Callable[[str, str], Exception]


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the key."""


def failer(origin: str) -> Fail:
    """The error for `key` of the profile named `origin`."""

    def fail(key: str, problem: str) -> ProfileError:
        return ProfileError(f"{origin}: {key}: {problem}")

    return fail


def packaged_profile_data() -> Iterator[tuple[str, dict[str, Any]]]:
    """(file name, parsed TOML) of every packaged profile, in file-name order."""
    for path in sorted(PROFILE_DIR.glob("*.toml")):
        yield path.name, parse_toml(path.read_text(encoding="utf-8"), path.name)


def parse_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{origin}: cannot read: {exc}") from None


def parser_profile(data: dict[str, Any], fail: Fail) -> ParserProfile:
    """The parser's part of a profile's parsed TOML; `fail` makes the error for a key."""
    family_name = string(data, "family", fail)
    if family_name not in FAMILIES:
        raise fail("family", f"unknown family {family_name!r} (known: {', '.join(FAMILIES)})")
    family = FAMILIES[family_name]
    selectors = table(data, "selectors", fail)
    for key in list(selectors):
        if key not in family.SELECTORS:
            known = ", ".join(family.SELECTORS)
            raise fail(f"selectors.{key}", f"unknown key for family {family_name} ({known})")
        selectors[key] = tuple(strings(selectors, key, fail, "selectors."))
        for selector in selectors[key]:
            try:
                css(selector)
            except SelectorError as exc:
                first_line = str(exc).splitlines()[0]
                raise fail(f"selectors.{key}", f"bad selector {selector!r}: {first_line}") from None
    dates = table(data, "dates", fail)
    check_keys(dates, DATE_KEYS, "dates.", fail)
    patterns = regexes(dates, "patterns", fail, "dates.")
    for pattern in patterns:
        if not set(pattern.groupindex) >= DATE_GROUPS:
            raise fail("dates.patterns", f"{pattern.pattern!r} lacks a group of day/month/year")
    cleanup = table(data, "cleanup", fail)
    check_keys(cleanup, CLEANUP_KEYS, "cleanup.", fail)

    name = string(data, "name", fail)
    hosts = frozenset(h.lower() for h in strings(data, "hosts", fail))
    if not hosts:
        raise fail("hosts", "at least one host is required")
    return ParserProfile(
        site=name,
        family=family_name,
        hosts=frozenset(h.removeprefix("www.") for h in hosts),
        selectors={**family.SELECTORS, **selectors},
        date_patterns=(*patterns, *(re.compile(p, re.I) for p in family.DATE_PATTERNS)),
        drop_text=(
            *regexes(cleanup, "drop_text", fail, "cleanup."),
            *(re.compile(p, re.I) for p in family.DROP_TEXT),
        ),
    )


def check_keys(table: dict[str, Any], allowed: dict[str, bool], prefix: str, fail: Fail) -> None:
    for key in table:
        if key not in allowed:
            raise fail(prefix + key, f"unknown key (allowed: {', '.join(allowed)})")
    for key, required in allowed.items():
        if required and key not in table:
            raise fail(prefix + key, "missing required key")


def table(data: dict[str, Any], key: str, fail: Fail) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise fail(key, "must be a table")
    return dict(value)


def string(data: dict[str, Any], key: str, fail: Fail, prefix: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(prefix + key, "must be a non-empty string")
    return value.strip()


def strings(data: dict[str, Any], key: str, fail: Fail, prefix: str = "") -> list[str]:
    """A string or a list of strings, as a list."""
    value = data.get(key, [])
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise fail(prefix + key, "must be a string or a list of non-empty strings")
    return values


def regexes(
    data: dict[str, Any], key: str, fail: Fail, prefix: str = "", flags: int = re.I
) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in strings(data, key, fail, prefix):
        try:
            compiled.append(re.compile(pattern, flags))
        except re.error as exc:
            raise fail(prefix + key, f"bad regular expression {pattern!r}: {exc}") from None
    return compiled
