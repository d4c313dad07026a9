"""Articles placed in both maps on a small archive of real records (the expected records
of the saved pages in tests/fixtures), queried by old and new names; host moves learned
from a redirect in a WARC."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parsers.record import Article
from scraper.archive.host_moves import host_moves, learn_host_moves
from scraper.archive.store import Archive
from scraper.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
RECORDS = {
    "soc_trang": "tuyengiao.vn/soc-trang-mang-xa-hoi.json",  # byline: BTG Tỉnh ủy Sóc Trăng
    "hau_giang": "tuyengiao.vn/hau-giang-quan-triet-nghi-quyet.json",  # no byline org
    "nam_dinh_tgvn": "tuyengiao.vn/nam-dinh-nhieu-anh.json",
    "nam_dinh_portal": "vnportal/nam-dinh-bao-cao-vien.json",  # site: Nam Định
    "ninh_binh": "vnportal/ninh-binh-khong-tac-gia.json",  # site: Ninh Bình
    "dong_thap": "liferay/dong-thap-tap-huan-nghiep-vu.json",  # site: Đồng Tháp, 2023
    "tien_giang": "wordpress/tien-giang-bien-dao.json",  # site: Tiền Giang
}
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    with Archive(path) as archive, archive.transaction():
        for name in RECORDS.values():
            record = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
            archive.store_article(Article.from_dict(record), fetched_at="2025-01-01T00:00:00Z",
                                  fetch_id=None)  # fmt: skip
    with Archive(path) as archive:
        archive.place_articles()  # as the end of a run does
    return path


def _url(key: str) -> str:
    return json.loads((FIXTURES / RECORDS[key]).read_text(encoding="utf-8"))["canonical_url"]


def _places(db_path: Path) -> dict[str, tuple]:
    with Archive(db_path) as archive:
        rows = archive.db.execute(
            "SELECT canonical_url, published_id, today_id, place_rule FROM article_provinces"
        ).fetchall()
    return {url: rest for url, *rest in rows}


def test_every_article_is_placed_in_both_maps_with_its_rule(db_path: Path):
    places = _places(db_path)
    assert places[_url("soc_trang")] == ["old-94", "new-92", "byline"]
    assert places[_url("hau_giang")] == ["old-93", "new-92", "text"]
    assert places[_url("nam_dinh_tgvn")] == ["old-36", "new-37", "byline"]
    assert places[_url("nam_dinh_portal")] == ["old-36", "new-37", "site"]
    assert places[_url("ninh_binh")] == ["old-37", "new-37", "site"]
    assert places[_url("dong_thap")] == ["old-87", "new-82", "site"]
    assert places[_url("tien_giang")] == ["old-82", "new-82", "site"]


def test_entity_views_carry_both_provinces(db_path: Path):
    with Archive(db_path) as archive:
        speakers = archive.db.execute(
            "SELECT DISTINCT province_published, province_today FROM speaker_appearances"
            " WHERE site = 'tuyengiao.vn' AND url = ?",
            [_url("soc_trang")],
        ).fetchall()
        cited = archive.db.execute(
            "SELECT provinces_published, provinces_today FROM directive_citations"
        ).fetchall()
    assert speakers == [("Sóc Trăng", "Cần Thơ")]
    published = {name for row in cited for name in json.loads(row[0])}
    today = {name for row in cited for name in json.loads(row[1])}
    assert {"Sóc Trăng", "Hậu Giang", "Nam Định", "Tiền Giang"} <= published
    assert today <= {"Cần Thơ", "Ninh Bình", "Đồng Tháp"} and "Cần Thơ" in today


def _exported(db_path: Path, *args: str) -> tuple[set[str], str]:
    result = CliRunner().invoke(cli, ["export", "--db", str(db_path), *args])
    assert result.exit_code == 0, result.output
    return {json.loads(line)["canonical_url"] for line in result.stdout.splitlines()}, result.stderr


def test_export_by_old_and_new_names(db_path: Path):
    nam_dinh = {_url("nam_dinh_tgvn"), _url("nam_dinh_portal")}
    # an old name: its territory
    assert _exported(db_path, "--province", "Nam Định")[0] == nam_dinh
    # a name of the 34: the unit and every province it absorbed, before the merger too
    urls, said = _exported(db_path, "--province", "ninh binh")
    assert urls == nam_dinh | {_url("ninh_binh")}
    assert said.splitlines()[0] == (
        "province: tỉnh Ninh Bình of the 34, from 2025-07-01; articles published in: "
        "Ninh Bình (34), Hà Nam (63), Ninh Bình (63), Nam Định (63)"
    )
    # with a day before the merger: the provinces it absorbed; after it: the new unit
    assert _exported(db_path, "--province", "Ninh Bình", "--as-of", "2024-12-31")[0] == (
        nam_dinh | {_url("ninh_binh")}
    )
    assert _exported(db_path, "--province", "Ninh Bình", "--as-of", "2025-07-01")[0] == set()
    # the old unit of a name both maps have
    assert _exported(db_path, "--province", "Ninh Bình (cũ)")[0] == {_url("ninh_binh")}
    assert _exported(db_path, "--province", "old-37")[0] == {_url("ninh_binh")}
    assert _exported(db_path, "--province", "TP. Cần Thơ")[0] == {
        _url("soc_trang"), _url("hau_giang"),
    }  # fmt: skip
    assert _exported(db_path, "--province", "Cần Thơ (cũ)")[0] == set()
    assert _exported(db_path, "--province", "Đồng Tháp")[0] == {
        _url("dong_thap"), _url("tien_giang"),
    }  # fmt: skip


def test_search_by_province_as_a_real_process(db_path: Path):
    def hits(*args: str) -> set[str]:
        result = subprocess.run(
            [sys.executable, "-m", "scraper", "search", "nghi quyet", "--db", str(db_path),
             "--json", *args],
            capture_output=True, env=ENV, timeout=60, check=True,
        )  # fmt: skip
        return {hit["canonical_url"] for hit in json.loads(result.stdout)}

    assert hits("--province", "Hau Giang") == {_url("hau_giang")}
    assert _url("hau_giang") in hits("--province", "Cần Thơ")
    assert hits("--province", "Tiền Giang", "--as-of", "2020-01-01") <= {_url("tien_giang")}


def test_an_unknown_province_is_one_line_and_exit_1(db_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "scraper", "export", "--db", str(db_path), "--province", "Hà Tây"],
        capture_output=True, env=ENV, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.decode().strip().splitlines() == [
        "Error: unknown province 'Hà Tây' (a name of the 63 or the 34)"
    ]


def test_canned_queries_per_province_across_the_merger(db_path: Path):
    from scraper.archive.serve import QUERIES

    connection = sqlite3.connect(db_path)
    per_month = connection.execute(
        QUERIES["articles_per_province_month"]["sql"], {"province": "Cần Thơ"}
    ).fetchall()
    assert ("Cần Thơ", "Sóc Trăng", "2020-06", 1) in per_month
    assert ("Cần Thơ", "Hậu Giang", "2021-03", 1) in per_month
    cited = connection.execute(
        QUERIES["documents_cited_per_province"]["sql"], {"province": ""}
    ).fetchall()
    assert {row[0] for row in cited} == {"Cần Thơ", "Ninh Bình", "Đồng Tháp"}
    assert any("Sóc Trăng" in row[6] for row in cited if row[0] == "Cần Thơ")


def _redirect_warc(path: Path) -> None:
    """Redirects as a crawler would keep them; the hosts are registered sites, the move
    is made up for the test."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, status, location, day in (
            ("https://namdinh.gov.vn/tin-tuc/1.html", "301 Moved Permanently",
             "https://ninhbinh.gov.vn/tin-tuc/1.html", "2025-07-02T08:00:00Z"),
            ("https://www.namdinh.gov.vn/tin-tuc/2.html", "302 Found",
             "https://ninhbinh.gov.vn/tin-tuc/2.html", "2025-07-05T08:00:00Z"),
            ("http://ninhbinh.gov.vn/a.html", "301 Moved Permanently",
             "https://www.ninhbinh.gov.vn/a.html", "2025-07-03T08:00:00Z"),  # same host
        ):  # fmt: skip
            headers = StatusAndHeaders(status, [("Location", location)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(b""), http_headers=headers,
                    warc_headers_dict={"WARC-Date": day},
                )
            )  # fmt: skip


def test_a_redirect_from_an_old_host_is_recorded_as_a_move(tmp_path: Path):
    with Archive(tmp_path / "archive.db") as archive:
        archive.warc_dir.mkdir(parents=True, exist_ok=True)
        _redirect_warc(archive.warc_dir / "crawl-00001.warc.gz")
        assert learn_host_moves(archive) == []
        assert learn_host_moves(archive) == []  # the file is not read twice
        moves = host_moves(archive)
    assert moves == [
        {
            "old_host": "namdinh.gov.vn",
            "new_host": "ninhbinh.gov.vn",
            "first_seen_at": "2025-07-02T08:00:00Z",
            "last_seen_at": "2025-07-05T08:00:00Z",
            "example_url": "https://namdinh.gov.vn/tin-tuc/1.html",
            "old_site": None,
            "new_site": None,
        }
    ]
    result = CliRunner().invoke(cli, ["moves", "--db", str(tmp_path / "archive.db")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "namdinh.gov.vn -> ninhbinh.gov.vn  first seen 2025-07-02T08:00:00Z"
        "  last seen 2025-07-05T08:00:00Z  sites namdinh.gov.vn -> ninhbinh.gov.vn"
    )


def test_profiles_name_a_known_province_and_a_life(tmp_path: Path):
    from scraper.sites.load import ProfileError, load_profile

    base = (ROOT / "parsers" / "sites" / "profiles" / "namdinh.gov.vn.toml").read_text(
        encoding="utf-8"
    )
    good = tmp_path / "good.toml"
    life = (
        'province = "Nam Định"\norganisation = "UBND tỉnh Nam Định"\n'
        'valid_until = 2025-06-30\nsuccessor = "ninhbinh.gov.vn"'
    )
    good.write_text(base.replace('province = "Nam Định"', life), encoding="utf-8")
    profile = load_profile(good)
    assert (profile.organisation, str(profile.valid_until), profile.successor) == (
        "UBND tỉnh Nam Định", "2025-06-30", "ninhbinh.gov.vn",
    )  # fmt: skip
    bad = tmp_path / "bad.toml"
    bad.write_text(base.replace('province = "Nam Định"', 'province = "Hà Tây"'), "utf-8")
    with pytest.raises(ProfileError, match="province: 'Hà Tây' is not a province"):
        load_profile(bad)


def test_a_profile_that_changes_province_replaces_its_articles(db_path: Path):
    from dataclasses import replace

    from scraper.archive.places import refresh_places
    from scraper.sites.registry import SITES

    with Archive(db_path) as archive:
        assert refresh_places(archive.db, SITES) == 0  # all placed already
        moved = {**SITES, "ninhbinh.gov.vn": replace(SITES["ninhbinh.gov.vn"], province="Hà Nam")}
        assert refresh_places(archive.db, moved) == 1
        row = archive.db.execute(
            "SELECT published_id, today_id FROM article_places p JOIN articles a"
            " ON a.id = p.article_id WHERE a.site = 'ninhbinh.gov.vn'"
        ).fetchone()
    assert row == ("old-35", "new-37")
