"""`parsers.compare`: what counts as an edit of an article, on the real fixture pages."""

from __future__ import annotations

import copy
import json
import unicodedata

import pytest

from parsers import parse
from parsers.compare import compare, is_stamp_line
from tests.conftest import FIXTURES, article_fixtures
from tests.support.furniture import full_page

PAGES = [(folder, name) for folder, name in article_fixtures() if "." not in name]


def record(folder: str, name: str) -> dict:
    return json.loads((FIXTURES / folder / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("folder", "name"), PAGES)
def test_the_same_article_in_other_page_furniture_is_no_edit(folder: str, name: str) -> None:
    """Each fixture page parsed bare and inside a whole page of menus, tickers, sidebars
    and footers (with their own dates and headlines): the same article."""
    expected = record(folder, name)
    html = (FIXTURES / folder / f"{name}.html").read_text(encoding="utf-8")
    bare = parse(html, expected["url"]).to_dict()
    dressed = parse(full_page(html, seed=19), expected["url"]).to_dict()
    assert compare(bare, dressed).fields == ()


def test_spacing_punctuation_normal_form_and_date_lines_are_no_edit() -> None:
    old = record("tuyengiao.vn", "soc-trang-mang-xa-hoi")
    new = copy.deepcopy(old)
    body = new["body_text"].replace(", ", " ,  ").replace(".", " .")
    new["body_text"] = "Thứ Hai, 15/7/2024 08:30'(GMT+7)\n" + unicodedata.normalize("NFD", body)
    new["body_text"] += "\nCập nhật: 10:20 16/07/2024"
    new["title"] = "  " + new["title"].replace(" ", "  ")
    new["images"] = []  # images and tags are page furniture here
    assert compare(old, new).fields == ()


def test_a_new_position_and_a_replaced_document_are_substantive() -> None:
    old = record("tuyengiao.vn", "soc-trang-mang-xa-hoi")
    new = copy.deepcopy(old)
    name = new["persons"][0]["name"]
    new["persons"][0]["positions"] = ["Bí thư Tỉnh ủy"]
    new["directives"][0] = {**new["directives"][0], "id": "20-CT/TU", "number": "20"}
    found = compare(old, new)
    assert found.fields == ("persons", "directives")
    assert found.substantive
    assert found.field_diff["persons"]["positions"] == [
        {"name": name, "old": old["persons"][0]["positions"], "new": ["Bí thư Tỉnh ủy"]}
    ]
    assert found.field_diff["directives"] == {"removed": ["19-CT/TU"], "added": ["20-CT/TU"]}


def test_a_person_dropped_from_the_text_is_a_substantive_text_edit() -> None:
    old = record("tuyengiao.vn", "soc-trang-mang-xa-hoi")
    new = copy.deepcopy(old)
    gone = new["persons"].pop(1)
    new["body_text"] = new["body_text"].replace(gone["name"], "một đại biểu")
    found = compare(old, new)
    assert found.fields == ("persons", "text")
    assert found.field_diff["persons"]["removed"] == [gone["name"]]
    words = gone["name"].split()
    assert any(h["removed"] == " ".join(words) and h["added"] == "một đại biểu"
               for h in found.text_diff)  # fmt: skip


def test_the_text_diff_is_by_syllable_with_context() -> None:
    text = "Hội nghị quán triệt Nghị quyết số 35-NQ/TW của Bộ Chính trị."
    old = {"title": "T", "body_text": text}
    new = {**old, "body_text": text.replace("35", "57")}
    found = compare(old, new)
    assert found.fields == ("text",)
    assert not found.substantive  # the documents field decides that, not the wording
    assert found.readable_diff() == (
        "… nghị quán triệt Nghị quyết số [-35-]{+57+} NQ TW của Bộ Chính trị …"
    )
    assert 0.8 < found.similarity < 1


def test_a_title_or_byline_edit_is_an_edit_but_not_substantive() -> None:
    old = record("tuyengiao.vn", "soc-trang-mang-xa-hoi")
    new = {**old, "title": old["title"] + " (cập nhật)", "byline": {"author": "Minh Anh"}}
    found = compare(old, new)
    assert found.fields == ("title", "byline")
    assert not found.substantive


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("Thứ Hai, 15/7/2024 08:30'(GMT+7)", True),
        ("Cập nhật: 10:20 16/07/2024", True),
        ("Chủ nhật, 01-12-2024 - 07:15", True),
        ("Ngày 15/7/2024, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị", False),
        ("Năm 2024 đạt 15/20 chỉ tiêu", False),
    ],
)
def test_date_stamp_lines(line: str, stamp: bool) -> None:
    assert is_stamp_line(line) is stamp
