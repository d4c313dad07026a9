"""The pages `sites learn` and `sites check` read: SOURCE as a URL, a WARC file, or a saved
page with its address (`FILE@URL`).

A URL is fetched as the crawler fetches (robots.txt obeyed, one request at a time per host,
retries), and every response is appended to a WARC file in the archive's WARC folder
before it is read, like every fetch; `import-warc` can archive them later. A WARC file
gives each HTML page it holds that answered 200.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from scraper.warc.writer import WarcWriter, iter_responses
from scraper.web.errors import CorruptWarc


@dataclass(frozen=True, slots=True)
class Source:
    """One page: its bytes, its address, and what the user wrote for it."""

    raw: bytes
    url: str
    given: str


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def read_sources(
    specs: tuple[str, ...],
    warc_folder: Path,
    *,
    unverified: frozenset[str] = frozenset(),
    delay: float = 1.0,
) -> list[Source]:
    """Every page the SOURCEs give, in order; a source that cannot be read is one line."""
    pages: list[Source] = []
    urls = [spec for spec in specs if is_url(spec)]
    fetched = _fetch(urls, warc_folder, unverified, delay) if urls else {}
    for spec in specs:
        if is_url(spec):
            pages.append(Source(fetched[spec], spec, spec))
        elif "@" in spec and is_url(spec.split("@", 1)[1]):
            file, url = spec.split("@", 1)
            pages.append(Source(_read(file), url, spec))
        elif spec.endswith((".warc", ".warc.gz")):
            pages.extend(_from_warc(Path(spec)))
        else:
            raise click.ClickException(
                f"{spec}: give a URL, a WARC file (.warc, .warc.gz) or a saved page as FILE@URL"
            )
    return pages


def _read(file: str) -> bytes:
    try:
        return Path(file).read_bytes()
    except OSError as exc:
        raise click.ClickException(f"cannot read {file}: {exc.strerror}") from None


def _from_warc(path: Path) -> list[Source]:
    if not path.is_file():
        raise click.ClickException(f"cannot read {path}: no such file")
    found = []
    try:
        for stored in iter_responses(path):
            content_type = (stored.header("Content-Type") or "text/html").lower()
            if stored.status == 200 and "html" in content_type and stored.body:
                found.append(Source(stored.body, stored.page_url, str(path)))
    except (CorruptWarc, OSError) as exc:
        raise click.ClickException(f"cannot read {path}: {exc}") from None
    if not found:
        raise click.ClickException(f"{path}: no HTML page answered 200 in this WARC file")
    return found


def _fetch(
    urls: list[str], warc_folder: Path, unverified: frozenset[str], delay: float
) -> dict[str, bytes]:
    from scraper.crawl.fetch import Fetcher  # network only here
    from scraper.web.errors import OutOfScope, RobotsDisallowed
    from scraper.web.response import FetchError
    from scraper.web.settings import FetchSettings

    pages = {}
    with WarcWriter(warc_folder, prefix="learn") as warc:
        settings = FetchSettings(unverified_hosts=unverified, min_interval=delay)
        with Fetcher(settings, on_robots=warc.write) as fetcher:
            for url in urls:
                try:
                    result = fetcher.fetch(url)
                    warc.write(result)
                    if result.status != 200:
                        raise click.ClickException(f"cannot fetch {url}: HTTP {result.status}")
                    pages[url] = result.body()
                except (FetchError, OutOfScope, RobotsDisallowed) as exc:
                    raise click.ClickException(f"cannot fetch {url}: {exc}") from None
    return pages
