"""The local test site itself: static mounts, sequences, the request log."""

from __future__ import annotations

from pathlib import Path

import requests

from tests.support.site_server import LocalSite, Reply


def test_mount_serves_files_and_index_pages(tmp_path: Path) -> None:
    (tmp_path / "tin-tuc").mkdir()
    (tmp_path / "tin-tuc" / "index.html").write_bytes(b"<h1>Tin tuc</h1>")
    (tmp_path / "bài.html").write_text("<p>Bài viết</p>", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("no")
    with LocalSite() as site:
        site.mount(tmp_path)
        assert requests.get(site.url("/tin-tuc/"), timeout=5).content == b"<h1>Tin tuc</h1>"
        page = requests.get(site.url("/b%C3%A0i.html"), timeout=5)
        assert page.content == "<p>Bài viết</p>".encode()
        assert page.headers["Content-Type"] == "text/html"
        assert requests.get(site.url("/missing"), timeout=5).status_code == 404
        assert requests.get(site.url("/../secret.txt"), timeout=5).status_code == 404
        assert site.paths()[0] == "/tin-tuc/"


def test_routes_sequences_and_log() -> None:
    with LocalSite() as site:
        site.add_sequence("/s", [Reply(500, b"a"), Reply(200, b"b")])
        statuses = [requests.get(site.url("/s?x=1"), timeout=5).status_code for _ in range(3)]
        assert statuses == [500, 200, 200]
        assert site.paths() == ["/s?x=1"] * 3
        assert (site.requests_log[0].header("user-agent") or "").startswith("python-requests")
