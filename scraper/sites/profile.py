"""A registered site as the crawler sees it.

A profile is data, read from `parsers/sites/profiles/*.toml` by `scraper.sites.load`.
`--base-url` points a profile at a mirror (a local test server, a proxy): requests go to
the mirror, but records keep the site's own URLs, so an archive crawled through a mirror
is the same archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from parsers.profile import ParserProfile
from scraper.web.urls import DEFAULT_PORTS, Scope, origin_of


@dataclass(frozen=True, slots=True)
class SiteProfile:
    name: str
    base_url: str
    hosts: frozenset[str]
    listings: tuple[str, ...]
    article_pattern: re.Pattern[str]
    family: str
    province: str | None = None
    mirror: str | None = None
    # A listing's page n (n ≥ 2) as a template on the listing URL: "?page={page}".
    pagination: str | None = None
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    # What in the profile is assumed rather than seen on the site.
    notes: str | None = None
    parser: ParserProfile | None = None
    # False for a site whose TLS certificate cannot be verified (a broken chain): its
    # hosts are fetched without checking the certificate.
    verify_tls: bool = True
    # The site's life and owner (`scraper.archive.places`): the publishing organisation, the
    # first and last day it published (None: not known, or still publishing), and the
    # site that took it over when it closed or moved.
    organisation: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    successor: str | None = None
    # Where the profile was read: "packaged", or the file of a `--profiles` folder.
    origin: str = "packaged"

    def with_mirror(self, mirror: str) -> SiteProfile:
        parts = urlsplit(mirror)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"--base-url must be an http(s) URL, got {mirror!r}")
        return replace(self, mirror=f"{parts.scheme}://{parts.netloc}")

    @property
    def start_urls(self) -> list[str]:
        return [self.base_url + path for path in self.listings]

    def owns(self, url: str) -> bool:
        """Is `url` (in the site's own URL space) on one of this site's origins: one of
        its hosts, at the scheme of its base URL (or https) and that scheme's default
        port, with no user information? A sitemap entry on another port, with `user:pw@`
        or downgraded to plain http is not the site's."""
        return self.site_scope.allows(url)

    @property
    def site_scope(self) -> Scope:
        """The site's own origins (see ``owns``)."""
        schemes = {urlsplit(self.base_url).scheme.lower(), "https"}
        return Scope(frozenset((s, host, DEFAULT_PORTS[s]) for s in schemes for host in self.hosts))

    @property
    def fetch_scope(self) -> Scope:
        """What a crawl of the site may request: the mirror's own origin when there is
        one (a redirect to another port of the mirror's host is out), else the site's."""
        if self.mirror:
            origin = origin_of(self.mirror)
            return Scope(frozenset({origin} if origin else ()))
        return self.site_scope

    def is_article(self, url: str) -> bool:
        """Does the pattern match the URL's path, or its path and query (`Default.aspx?…`)?"""
        parts = urlsplit(url)
        if not self.owns(url):
            return False
        target = f"{parts.path}?{parts.query}" if parts.query else parts.path
        return bool(
            self.article_pattern.fullmatch(parts.path) or self.article_pattern.fullmatch(target)
        )

    def listing_page(self, listing_url: str, page: int) -> str | None:
        """Page `page` of a listing by the profile's pagination template; None without one."""
        if not self.pagination or page < 2:
            return None
        suffix = self.pagination.format(page=page)
        joiner = "&" if suffix.startswith("?") and "?" in listing_url else ""
        return listing_url + (suffix.replace("?", "&", 1) if joiner else suffix)

    def fetch_url(self, url: str) -> str:
        """The URL to request for a site URL: the same URL, or its path on the mirror."""
        if not self.mirror:
            return url
        parts = urlsplit(url)
        mirror = urlsplit(self.mirror)
        return urlunsplit((mirror.scheme, mirror.netloc, parts.path, parts.query, ""))

    def site_url(self, fetched: str) -> str:
        """The site URL for a URL on the mirror (after redirects, say)."""
        if not self.mirror or not fetched.startswith(self.mirror):
            return fetched
        parts = urlsplit(fetched)
        base = urlsplit(self.base_url)
        return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, ""))

    @property
    def unverified_hosts(self) -> frozenset[str]:
        """The hosts fetched without checking their TLS certificate (`verify_tls`)."""
        return frozenset() if self.verify_tls else self.fetch_hosts

    @property
    def fetch_hosts(self) -> frozenset[str]:
        if self.mirror:
            return frozenset({urlsplit(self.mirror).hostname or ""})
        return self.hosts
