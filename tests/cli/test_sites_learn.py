"""`tuyengiao sites learn`, `--profiles` and `sites check` against the generic reading:
learn a profile from saved pages, from a local site over HTTP (robots.txt obeyed, every
response kept in a WARC) and from an archive, then use it. One real `tuyengiao` process
pair shows a learned folder reaching the commands; the rest runs the command in-process
(the registry is put back after each test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli.main import cli
from scraper.sites.registry import use_profiles
from scraper.warc.writer import iter_responses
from tests.conftest import FIXTURES, load_expected
from tests.support.mirror import run_tuyengiao
from tests.support.site_server import LocalSite, Reply
from tests.support.warcs import response_warc

FOLDER = FIXTURES / "tuyengiao.vn"
SEEN = ["hau-giang-quan-triet-nghi-quyet", "nam-dinh-nhieu-anh", "soc-trang-mang-xa-hoi"]
UNSEEN = ["kon-tum-khong-tac-gia", "quang-ngai-tong-hop"]
LISTING = "https://tuyengiao.vn/tuyen-giao-cac-cap"


def at_url(name: str) -> str:
    return f"{FOLDER / name}.html@{load_expected('tuyengiao.vn', name)['url']}"


@pytest.fixture(autouse=True)
def packaged_sites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test in its own folder; the packaged profiles registered again after it."""
    monkeypatch.chdir(tmp_path)
    yield
    use_profiles(None)


def run(*args: str, cwd: Path, env: dict[str, str] | None = None):
    """The command in-process (in `cwd`, the test's folder); stdout and stderr apart."""
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    result.here = cwd
    return result


def test_a_learned_folder_reaches_the_commands(tmp_path: Path) -> None:
    """Learned in-process, used by a real `tuyengiao parse` process."""
    learned = run(
        "sites", "learn", "tuyengiao.vn", *map(at_url, SEEN),
        "--listing", f"{FOLDER / 'listing-tuyen-giao-cac-cap.html'}@{LISTING}",
        "--out", "learned", cwd=tmp_path,
    )  # fmt: skip
    assert learned.exit_code == 0, learned.output
    rows = {line.split()[0]: line for line in learned.stdout.splitlines() if line[:1] != " "}
    assert rows["title"].split()[1:4] == ["3/3", "1.00", "h2.news-detail__title"]
    assert rows["next_page"].endswith("a.pagination__next")
    profile = tmp_path / "learned" / "tuyengiao.vn.toml"
    assert "# body: div.detail-blog-content, holds the article text" in profile.read_text()
    assert learned.stdout.splitlines()[-1] == (
        f"wrote {Path('learned') / 'tuyengiao.vn.toml'}  (use it with --profiles learned)"
    )
    url = load_expected("tuyengiao.vn", UNSEEN[0])["url"]
    parsed = run_tuyengiao(
        "parse", f"{FOLDER / UNSEEN[0]}.html", "--url", url, "--profiles", "learned", cwd=tmp_path
    )
    assert parsed.returncode == 0, parsed.stderr
    assert '"parser": "learned@1"' in parsed.stdout
    assert '"section": "Tuyên giáo các cấp"' in parsed.stdout


def test_sites_lists_where_each_profile_came_from(tmp_path: Path) -> None:
    learned = run("sites", "learn", "tuyengiao.vn", *map(at_url, SEEN), "--out", "p", cwd=tmp_path)
    assert learned.exit_code == 0, learned.output
    listed = run("sites", "--profiles", str(learned.here / "p"), cwd=tmp_path)
    line = next(x for x in listed.stdout.splitlines() if x.startswith("tuyengiao.vn "))
    assert line.split()[2] == "learned" and line.endswith(str(learned.here / "p/tuyengiao.vn.toml"))
    others = [x for x in listed.stdout.splitlines() if not x.startswith("tuyengiao.vn ")]
    assert others and all(x.endswith("  packaged") for x in others)


def test_check_compares_the_profile_with_the_generic_reading(tmp_path: Path) -> None:
    learned = run("sites", "learn", "tuyengiao.vn", *map(at_url, SEEN), "--out", "p", cwd=tmp_path)
    folder = str(learned.here / "p")
    use_profiles(None)
    checked = run(
        "sites", "check", "tuyengiao.vn", *map(at_url, UNSEEN), at_url(SEEN[0]), cwd=tmp_path,
        env={"TUYENGIAO_PROFILES": folder},
    )  # fmt: skip
    assert checked.exit_code == 0, checked.output
    lines = checked.stdout.splitlines()
    assert lines[0] == f"== page 1: {load_expected('tuyengiao.vn', UNSEEN[0])['url']}"
    assert "= title         Kon Tum triển khai Kế hoạch" in checked.stdout
    # The generic reading finds the breadcrumb too: the profile and it agree.
    assert "= section       Tuyên giáo các cấp" in lines
    assert "note: tuyengiao.vn was learned from this page; check it on others" in lines
    summary = lines[lines.index(next(x for x in lines if x.startswith("over 3 pages"))) + 1 :]
    assert summary[0].split() == ["title", "3", "0", "0", "0"]
    assert summary[2].split() == ["section", "3", "0", "0", "0"]


def test_learn_fetches_urls_politely_into_a_warc(tmp_path: Path, local_site: LocalSite) -> None:
    local_site.add("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /rieng/\n"))
    for name in SEEN[:2]:
        local_site.add(f"/{name}-1", (FOLDER / f"{name}.html").read_bytes())
    urls = [local_site.url(f"/{name}-1") for name in SEEN[:2]]
    forbidden = local_site.url("/rieng/bai-1")
    learned = run("sites", "learn", "local", *urls, "--delay", "0", "--out", "p", cwd=tmp_path)
    assert learned.exit_code == 0, learned.output
    warcs = list((learned.here / "archive.warcs").glob("learn-*.warc.gz"))
    stored = [r.url for w in warcs for r in iter_responses(w)]
    assert set(urls) <= set(stored) and local_site.url("/robots.txt") in stored
    refused = run("sites", "learn", "local", urls[0], forbidden, "--delay", "0", cwd=tmp_path)
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"Error: cannot fetch {forbidden}: ")
    assert "robots" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert not any(r.path.startswith("/rieng/") for r in local_site.requests_log)


def test_noisy_input_is_one_line(tmp_path: Path) -> None:
    few = run("sites", "learn", "tuyengiao.vn", at_url(SEEN[0]), cwd=tmp_path)
    assert few.exit_code == 1
    assert few.stderr.strip() == (
        "Error: too few pages: 1 given, learning needs 2 article pages or more"
        " (3 or more recommended)"
    )
    other = run(
        "sites", "learn", "x", *map(at_url, SEEN[:2]),
        f"{FIXTURES / 'wordpress' / 'tien-giang-bien-dao.html'}@https://tuyengiaotiengiang.vn/a/",
        cwd=tmp_path,
    )  # fmt: skip
    assert other.exit_code == 1 and len(other.stderr.strip().splitlines()) == 1
    assert "is a page of tuyengiaotiengiang.vn, the others of tuyengiao.vn" in other.stderr
    listing = f"{FOLDER / 'listing-tuyen-giao-cac-cap.html'}@{LISTING}/x-1"
    left_out = run(
        "sites", "learn", "tuyengiao.vn", *map(at_url, SEEN[:2]), listing, "--out", "o",
        cwd=tmp_path,
    )  # fmt: skip
    assert left_out.exit_code == 0
    assert left_out.stderr.startswith(
        "note: source 3 (https://tuyengiao.vn/tuyen-giao-cac-cap/x-1) is not an article page"
    )
    neither = run("sites", "learn", "tuyengiao.vn", "notes.txt", "x.html", cwd=tmp_path)
    assert neither.exit_code == 1
    assert neither.stderr.startswith("Error: notes.txt: give a URL, a WARC file")


def test_learn_again_from_the_archive_shows_what_changed(tmp_path: Path) -> None:
    pages = [(load_expected("tuyengiao.vn", n)["url"], (FOLDER / f"{n}.html").read_bytes())
             for n in [*SEEN, *UNSEEN]]  # fmt: skip
    data, _ends = response_warc(pages)
    warc = tmp_path / "old.warc.gz"
    warc.write_bytes(data)
    imported = run("import-warc", str(warc), cwd=tmp_path)
    assert imported.exit_code == 0, imported.output
    again = run("sites", "learn", "tuyengiao.vn", "--from-archive", cwd=tmp_path)
    assert again.exit_code == 0, again.output
    out = again.stdout
    assert "changes from the current profile (packaged, family tuyengiao.vn):" in out
    assert "  title: h2.news-detail__title, h1.news-detail__title, div.article__title  →  " in out
    assert "on the 5 archived pages (current → learned):" in out
    assert [x.split() for x in out.splitlines() if x.startswith("  section ")] == [
        ["section", "5", "→", "5"]
    ]


def test_learn_from_a_warc_file(tmp_path: Path) -> None:
    pages = [(load_expected("tuyengiao.vn", n)["url"], (FOLDER / f"{n}.html").read_bytes())
             for n in SEEN]  # fmt: skip
    data, _ends = response_warc(pages)
    (tmp_path / "pages.warc.gz").write_bytes(data)
    learned = run("sites", "learn", "tuyengiao.vn", "pages.warc.gz", "--out", "p", cwd=tmp_path)
    assert learned.exit_code == 0, learned.output
    rows = {line.split()[0]: line for line in learned.stdout.splitlines() if line[:1] != " "}
    assert rows["title"].split()[1:4] == ["3/3", "1.00", "h2.news-detail__title"]
    assert (tmp_path / "p" / "tuyengiao.vn.toml").is_file()
