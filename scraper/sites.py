"""The site registry: where each registered site's listings are and which URLs are articles.

A profile is data. `--base-url` points a profile at a mirror (a local test server, a
proxy): requests go to the mirror, but records keep the site's own URLs, so an archive
crawled through a mirror is the same archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit, urlunsplit


class UnknownSite(Exception):
    """The name is not a registered site."""


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
    sitemaps: tuple[str, ...] = ()  # paths of sitemap.xml files or sitemap indexes
    feeds: tuple[str, ...] = ()  # paths of RSS/Atom feeds

    def with_mirror(self, mirror: str) -> SiteProfile:
        parts = urlsplit(mirror)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"--base-url must be an http(s) URL, got {mirror!r}")
        return replace(self, mirror=f"{parts.scheme}://{parts.netloc}")

    @property
    def start_urls(self) -> list[str]:
        return [self.base_url + path for path in self.listings]

    def owns(self, url: str) -> bool:
        """Is `url` (in the site's own URL space) on one of this site's hosts?"""
        return (urlsplit(url).hostname or "").lower() in self.hosts

    def is_article(self, url: str) -> bool:
        parts = urlsplit(url)
        return self.owns(url) and bool(self.article_pattern.fullmatch(parts.path))

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
    def fetch_hosts(self) -> frozenset[str]:
        if self.mirror:
            return frozenset({urlsplit(self.mirror).hostname or ""})
        return self.hosts


SITES: dict[str, SiteProfile] = {
    "tuyengiao.vn": SiteProfile(
        name="tuyengiao.vn",
        base_url="https://tuyengiao.vn",
        hosts=frozenset({"tuyengiao.vn", "www.tuyengiao.vn"}),
        # The section "Tuyên giáo các cấp" gathers news from the provinces.
        listings=("/tuyen-giao-cac-cap",),
        # 2023 URLs are /<slug>-<id>; older ones /<section-slug>/<slug>-<id>.
        article_pattern=re.compile(r"/(?:[a-z0-9-]+/)?[a-z0-9]+(?:-[a-z0-9]+)*-\d{5,}"),
        family="tuyengiao.vn",
    ),
}


def get_site(name: str) -> SiteProfile:
    try:
        return SITES[name.lower()]
    except KeyError:
        known = ", ".join(sorted(SITES))
        raise UnknownSite(f"unknown site {name!r} (registered: {known})") from None
