"""Certificates: checked on every host, except those of a site whose profile says
`verify_tls = false` (a provincial portal whose certificate chain is broken).

The servers are real HTTPS servers on 127.0.0.x, with a certificate from a test
authority (trustme) that no client trusts: exactly what a broken chain looks like.
"""

from __future__ import annotations

import io
import json
import re
import ssl
import tomllib
import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import trustme
import urllib3

from scraper.archive.store import Archive
from scraper.cli import sites as sites_cli
from scraper.crawl.events import EventLog
from scraper.crawl.fetch import Fetcher
from scraper.crawl.run import crawl
from scraper.crawl.site import CrawlOptions
from scraper.sites.load import ProfileError, profile_from_data
from scraper.sites.registry import SiteProfile
from scraper.web.errors import RobotsDisallowed
from scraper.web.response import FetchError
from scraper.web.settings import FetchSettings
from tests.support.pages import article_page, listing_page
from tests.support.site_server import LocalSite, Reply

# The warning urllib3 gives for each unverified request is expected here.
pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")

PROFILE = """
name = "tinh.example"
family = "wordpress"
base_url = "https://tinh.example"
hosts = ["tinh.example"]
{extra}

[urls]
listings = ["/tin-tuc"]
article = '/bai-\\d+'
"""


@pytest.fixture(scope="module")
def untrusted_tls() -> ssl.SSLContext:
    """A server context whose certificate (for 127.0.0.1 and 127.0.0.2) no client trusts."""
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "127.0.0.2").configure_cert(context)
    return context


@pytest.fixture
def https_sites(untrusted_tls: ssl.SSLContext) -> Iterator[tuple[LocalSite, LocalSite]]:
    sites = []
    for host in ("127.0.0.1", "127.0.0.2"):
        site = LocalSite()
        site.add("/robots.txt", Reply(404))
        site.add("/tin-tuc", listing_page(["/bai-1", "/bai-2"]))
        site.add("/bai-1", article_page(1))
        site.add("/bai-2", article_page(2))
        sites.append(site.start(host=host, tls=untrusted_tls))
    try:
        yield sites[0], sites[1]
    finally:
        for site in sites:
            site.stop()


def test_an_unverifiable_certificate_fails_by_default(https_sites) -> None:
    site, _ = https_sites
    # robots.txt is asked for first: the host is skipped, for this reason.
    refused = pytest.raises(RobotsDisallowed, match=r"TLS error: .*CERTIFICATE_VERIFY_FAILED")
    with Fetcher(FetchSettings(min_interval=0)) as fetcher, refused:
        fetcher.fetch(site.base_url + "/bai-1")
    assert site.paths() == []  # no request got through the handshake


def test_only_the_named_hosts_go_unverified(https_sites) -> None:
    trusted_one, other = https_sites
    settings = FetchSettings(min_interval=0, unverified_hosts=frozenset({"127.0.0.1"}))
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(trusted_one.base_url + "/bai-1").status == 200
        with pytest.raises(RobotsDisallowed, match="TLS error"):
            fetcher.fetch(other.base_url + "/bai-1")
    # Without robots.txt in the way, the page itself is refused the same way.
    refused = pytest.raises(FetchError, match="TLS error")
    with Fetcher(replace(settings, obey_robots=False)) as fetcher, refused:
        fetcher.fetch(other.base_url + "/bai-1")


def test_urllib3_warns_only_for_hosts_not_named(https_sites) -> None:
    """Each unverified request to a named host is announced once by the crawl, not again
    by urllib3 at every request; an unverified request elsewhere still warns."""
    named, other = https_sites
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        settings = FetchSettings(min_interval=0, unverified_hosts=frozenset({"127.0.0.1"}))
        with Fetcher(settings) as fetcher:
            assert fetcher.fetch(named.base_url + "/bai-1").status == 200
        anywhere = FetchSettings(min_interval=0, verify_tls=False)
        with Fetcher(anywhere) as fetcher:
            assert fetcher.fetch(other.base_url + "/bai-1").status == 200
    hosts = [
        re.search(r"host '([^']+)'", str(w.message))[1]
        for w in caught
        if issubclass(w.category, urllib3.exceptions.InsecureRequestWarning)
    ]
    assert hosts and set(hosts) == {"127.0.0.2"}


def test_sites_check_says_the_certificate_went_unchecked(
    https_sites, capsys, tmp_path: Path
) -> None:
    site, _ = https_sites
    profile = site_profile("verify_tls = false", site.base_url)
    (page,) = sites_cli._fetch((site.base_url + "/bai-1",), profile, tmp_path)
    assert b"<html" in page.raw
    assert capsys.readouterr().err == (
        "warning: TLS certificate of 127.0.0.1 not verified"
        " (verify_tls = false in the tinh.example profile)\n"
    )


def site_profile(extra: str, mirror: str) -> SiteProfile:
    data = tomllib.loads(PROFILE.format(extra=extra))
    return profile_from_data(data, "tinh.example.toml").with_mirror(mirror)


@pytest.mark.parametrize(("extra", "archived"), [("", 0), ("verify_tls = false", 2)])
def test_a_crawl_skips_the_check_only_for_a_site_that_asks(
    https_sites, tmp_path: Path, extra: str, archived: int
) -> None:
    site, _ = https_sites
    log = io.StringIO()
    with Archive(tmp_path / "archive.db") as archive:
        result = crawl(
            archive,
            [site_profile(extra, site.base_url)],
            FetchSettings(min_interval=0),
            command="crawl",
            options=CrawlOptions(workers=1),
            events=EventLog(log),
        )
        assert archive.count("articles") == archived
    said = [e["hosts"] for e in map(json.loads, log.getvalue().splitlines())
            if e["event"] == "tls_unverified"]  # fmt: skip
    assert said == ([["127.0.0.1"]] if archived else [])
    if archived:
        assert result.status == "completed" and not result.failed_sites
        assert sorted(site.paths()) == ["/bai-1", "/bai-2", "/robots.txt", "/tin-tuc"]
    else:
        assert site.paths() == []  # every request stopped at the certificate


def test_the_profile_key_is_a_boolean() -> None:
    mirror = "https://127.0.0.1:8443"
    assert site_profile("", mirror).verify_tls is True
    assert site_profile("", mirror).unverified_hosts == frozenset()
    assert site_profile("verify_tls = false", mirror).verify_tls is False
    assert site_profile("verify_tls = false", mirror).unverified_hosts == {"127.0.0.1"}
    with pytest.raises(ProfileError, match=re.escape("verify_tls: must be true or false")):
        site_profile('verify_tls = "no"', mirror)
