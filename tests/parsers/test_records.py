"""Whole records: site parser plus the field extractors, against the expected records."""

from __future__ import annotations

import json

import pytest

from parsers import parse
from tests.conftest import TUYENGIAO

CASES = sorted(p.stem for p in TUYENGIAO.glob("*.json"))
FURNITURE = ("Phản hồi", "Các tin khác", "Thư viện ảnh", "Liên kết website", "Mới nhất")


def parsed(name: str) -> tuple[dict, dict]:
    expected = json.loads((TUYENGIAO / f"{name}.json").read_text(encoding="utf-8"))
    page = (TUYENGIAO / f"{name}.html").read_bytes()
    return parse(page, expected["url"]).to_dict(), expected


def test_the_seed_record_field_by_field() -> None:
    got, expected = parsed("soc-trang-mang-xa-hoi")
    assert got == expected
    assert got["title"] == "Sóc Trăng: Thông tin chuyên đề về quản lý thông tin trên mạng xã hội"
    assert got["published_at"] == "2020-06-12T20:45:00+07:00"
    assert got["section"] == "Tuyên giáo các cấp"
    assert got["byline"] == {
        "author": "Tô Nài Não",
        "organization": "Ban Tuyên giáo Tỉnh ủy Sóc Trăng",
        "source": None,
    }
    assert [(p["name"], p["role"]) for p in got["persons"]] == [
        ("Lâm Văn Mẫn", "chu_tri"),
        ("Lê Quang Tự Do", "bao_cao"),
        ("Lâm Tấn Hòa", "ket_luan"),
    ]
    assert got["persons"][0]["positions"] == [
        "Ủy viên Dự khuyết Ban Chấp hành Trung ương Đảng",
        "Phó Bí thư Thường trực Tỉnh ủy",
        "Chủ tịch Hội đồng nhân dân tỉnh",
    ]
    (directive,) = got["directives"]
    assert (directive["id"], directive["date"], directive["issuer"]) == (
        "19-CT/TU",
        "2020-02-06",
        "Ban Thường vụ Tỉnh ủy",
    )
    paragraphs = got["body_text"].split("\n")
    assert paragraphs[0].startswith("Hội nghị được nghe đồng chí Lê Quang Tự Do")
    assert paragraphs[-1].endswith("theo quy định của pháp luật./.")
    assert not any(word in got["body_text"] for word in (*FURNITURE, "Tô Nài Não", "24/7/2024"))


@pytest.mark.parametrize("name", CASES)
def test_every_fixture_finds_the_documents_and_speakers_a_reader_finds(name: str) -> None:
    got, expected = parsed(name)

    def documents(record: dict) -> dict:
        return {
            d["id"] or d["title"]: (d["kind"], d["date"], d["issuer"]) for d in record["directives"]
        }

    def speakers(record: dict) -> set[str]:
        return {p["name"] for p in record["persons"] if p["spoke"]}

    assert {d["id"] for d in got["directives"]} == {d["id"] for d in expected["directives"]}
    got_numbered = {k: v for k, v in documents(got).items() if "/" in k}
    expected_numbered = {k: v for k, v in documents(expected).items() if "/" in k}
    assert got_numbered == expected_numbered
    assert speakers(got) == speakers(expected)
    assert {p["name"] for p in got["persons"]} == {p["name"] for p in expected["persons"]}
    assert got["byline"] == expected["byline"]
