"""A local mirror of tuyengiao.vn built from the saved pages, for crawl tests.

It answers at the site's own paths: robots.txt, the section listing "Tuyên giáo các cấp"
and its `?page=2`, and every article fixture at the path of its URL. Listing page 2 also
lists an article that has since been removed (404), as real sections do.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from parsers.listing import article_links
from tests.support.site_server import LocalSite, Reply, Request

TUYENGIAO = Path(__file__).parents[1] / "fixtures" / "tuyengiao.vn"
ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /tim-kiem\n"
REMOVED = "/bai-viet-da-go-bo-tam-thoi-129999"
LISTINGS = (
    ("listing-tuyen-giao-cac-cap.html", "https://tuyengiao.vn/tuyen-giao-cac-cap"),
    ("listing-tuyen-giao-cac-cap-page-2.html", "https://tuyengiao.vn/tuyen-giao-cac-cap?page=2"),
)
REMOVED_ITEM = (
    '<div class="news-item"><div class="news-item__content"><h3 class="news-item__title">'
    f'<a href="{REMOVED}">Bài viết đã gỡ bỏ</a></h3></div></div>\n'
)


def article_fixtures() -> dict[str, Path]:
    """URL path → saved page, for every article fixture the two listing pages link to."""
    listed = set()
    for name, url in LISTINGS:
        html = (TUYENGIAO / name).read_text(encoding="utf-8")
        listed |= {urlsplit(link).path for link in article_links(html, url)}
    pages = {}
    for expected in sorted(TUYENGIAO.glob("*.json")):
        if expected.stem.count("."):  # encoding variants of a page served elsewhere
            continue
        path = urlsplit(json.loads(expected.read_text(encoding="utf-8"))["url"]).path
        if path in listed:
            pages[path] = expected.with_suffix(".html")
    return pages


def _listing(request: Request) -> Reply:
    page = "listing-tuyen-giao-cac-cap-page-2.html" if "page=2" in request.query else None
    html = (TUYENGIAO / (page or "listing-tuyen-giao-cac-cap.html")).read_text(encoding="utf-8")
    if page:
        html = html.replace('<div class="news-item">', REMOVED_ITEM + '<div class="news-item">', 1)
    return Reply(body=html.encode("utf-8"))


def serve_tuyengiao(site: LocalSite) -> dict[str, Path]:
    """Set `site` up as the mirror; returns the article pages it serves."""
    site.add("/robots.txt", Reply(body=ROBOTS.encode(), content_type="text/plain"))
    site.route("/tuyen-giao-cac-cap", _listing)
    pages = article_fixtures()
    for path, file in pages.items():
        site.add(path, Reply(body=file.read_bytes()))
    return pages


def tuyengiao_command() -> list[str]:
    """The installed `tuyengiao` program, or the same entry point through the interpreter."""
    script = Path(sys.executable).parent / "tuyengiao"
    if script.exists():
        return [str(script)]
    found = shutil.which("tuyengiao")
    return [found] if found else [sys.executable, "-m", "scraper"]


def run_tuyengiao(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real `tuyengiao` process; output as text."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run(
        [*tuyengiao_command(), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def main() -> None:
    """Serve the mirror until Ctrl-C: `python -m tests.support.mirror [--port N]`."""
    import argparse
    import threading

    parser = argparse.ArgumentParser(description="Serve the local tuyengiao.vn mirror.")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    site = LocalSite()
    pages = serve_tuyengiao(site)
    site.start(args.port)
    print(f"tuyengiao.vn mirror ({len(pages)} articles) at {site.base_url} (Ctrl-C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        site.stop()


if __name__ == "__main__":
    main()
