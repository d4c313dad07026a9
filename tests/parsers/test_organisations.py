"""Organisation names from bylines and issuers → kind, level and province; the boards'
merger dates as sourced, and no date where none is."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from parsers.places.organisations import (
    CENTRAL,
    LOCAL,
    MERGED_BOARD,
    PROVINCIAL,
    board_merger,
    board_on,
    resolve_organisation,
)

GOLD = Path(
    os.environ.get(
        "TUYENGIAO_GOLD", Path(__file__).resolve().parents[3] / "shared" / "gold" / "dev"
    )
)

# What a careful reader takes from each organisation the gold texts name (bylines and
# issuers): kind, level, province. None where the name does not say.
EXPECTED = {
    "Ban Tuyên giáo Tỉnh ủy Thanh Hóa": ("ban_tuyen_giao", PROVINCIAL, "Thanh Hóa"),
    "Ban Tuyên giáo Tỉnh ủy": ("ban_tuyen_giao", PROVINCIAL, None),
    "Ban Tuyên giáo Trung ương": ("ban_tuyen_giao", CENTRAL, None),
    "BBT": ("ban_bien_tap", None, None),
    "Ban Thường vụ Tỉnh ủy": ("ban_thuong_vu", PROVINCIAL, None),
    "Ban Thường vụ tỉnh ủy": ("ban_thuong_vu", PROVINCIAL, None),
    "BTV Tỉnh ủy": ("ban_thuong_vu", PROVINCIAL, None),
    "Ban Thường vụ Thành ủy": ("ban_thuong_vu", PROVINCIAL, None),
    "Ban Thường vụ Tỉnh ủy Bắc Kạn": ("ban_thuong_vu", PROVINCIAL, "Bắc Kạn"),
    "Ban Thường vụ Tỉnh ủy Gia Lai": ("ban_thuong_vu", PROVINCIAL, "Gia Lai"),
    "Ban Thường vụ Tỉnh ủy Lai Châu": ("ban_thuong_vu", PROVINCIAL, "Lai Châu"),
    "Ban Thường vụ Tỉnh ủy Yên Bái": ("ban_thuong_vu", PROVINCIAL, "Yên Bái"),
    "Ban Thường vụ Tỉnh ủy Đắk Lắk": ("ban_thuong_vu", PROVINCIAL, "Đắk Lắk"),
    # a province of 1976–1996, in neither map
    "Ban Thường vụ Tỉnh ủy Quảng Nam - Đà Nẵng": ("ban_thuong_vu", PROVINCIAL, None),
    "Ban Thường vụ Đảng ủy quân khu": ("ban_thuong_vu", None, None),
    "Ban Chấp hành Đảng bộ tỉnh": ("ban_chap_hanh", PROVINCIAL, None),
    "Ban Chấp hành Đảng bộ Thành phố": ("ban_chap_hanh", PROVINCIAL, None),
    "Ban Chấp hành Đảng bộ tỉnh An Giang": ("ban_chap_hanh", PROVINCIAL, "An Giang"),
    "Ban Chấp hành Trung ương Đảng": ("ban_chap_hanh", CENTRAL, None),
    "Ban Chấp hành Trung ương (khóa XIII)": ("ban_chap_hanh", CENTRAL, None),
    "Ban Chấp hành Trung ương Đảng (khóa XI)": ("ban_chap_hanh", CENTRAL, None),
    "Ban Bí thư": ("ban_bi_thu", CENTRAL, None),
    "Ban Bí thư Trung ương Đảng": ("ban_bi_thu", CENTRAL, None),
    "Ban Bí thư Trung ương Đảng khóa XII": ("ban_bi_thu", CENTRAL, None),
    "Ban Bí": (None, None, None),
    "Bộ Chính trị": ("bo_chinh_tri", CENTRAL, None),
    "Bộ Chính Trị": ("bo_chinh_tri", CENTRAL, None),
    "Bộ Chính trị khóa XII": ("bo_chinh_tri", CENTRAL, None),
    "Quân ủy Trung ương": ("quan_uy_trung_uong", CENTRAL, None),
    "Quốc hội": ("quoc_hoi", CENTRAL, None),
    "Ủy ban Thường vụ Quốc hội": ("uy_ban_thuong_vu_quoc_hoi", CENTRAL, None),
    "Chính phủ": ("chinh_phu", CENTRAL, None),
    "Thủ tướng Chính phủ": ("chinh_phu", CENTRAL, None),
    "Bộ Công Thương": ("bo", CENTRAL, None),
    "Bộ Tài chính - Bộ Công Thương": ("bo", CENTRAL, None),
    "Bộ Tài chính và Bộ Nông nghiệp và PTNT": ("bo", CENTRAL, None),
    "Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam": ("mat_tran_to_quoc", CENTRAL, None),
    "Hội đồng nhân dân tỉnh Vĩnh Phúc": ("hoi_dong_nhan_dan", PROVINCIAL, "Vĩnh Phúc"),
    "UBND tỉnh Phú Thọ": ("uy_ban_nhan_dan", PROVINCIAL, "Phú Thọ"),
    "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ": ("uy_ban_nhan_dan", PROVINCIAL, "Phú Thọ"),
    "UBND tỉnh An Giang": ("uy_ban_nhan_dan", PROVINCIAL, "An Giang"),
    "Chủ tịch Ủy ban nhân dân tỉnh An Giang": ("uy_ban_nhan_dan", PROVINCIAL, "An Giang"),
    "Ủy ban nhân dân tỉnh Bình Thuận": ("uy_ban_nhan_dan", PROVINCIAL, "Bình Thuận"),
    "Văn phòng UBND tỉnh": ("uy_ban_nhan_dan", PROVINCIAL, None),
    "Sở Tài chính": ("so", PROVINCIAL, None),
    "Tỉnh ủy": ("cap_uy", PROVINCIAL, None),
    "tỉnh ủy": ("cap_uy", PROVINCIAL, None),
    "Toàn quyền Đông Dương": (None, None, None),
}


def _gold_organisations() -> set[str]:
    names = set()
    for path in sorted(GOLD.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        byline = record.get("byline") or {}
        if byline.get("organization"):
            names.add(byline["organization"])
        names |= {d["issuer"] for d in record.get("directives") or [] if d.get("issuer")}
    return names


def test_gold_bylines_and_issuers_resolve():
    names = _gold_organisations()
    if not names:
        pytest.skip("no gold texts beside the repository")
    unknown = names - EXPECTED.keys()
    assert not unknown, f"gold organisations with no expectation: {unknown}"
    wrong = {
        name: (found, EXPECTED[name])
        for name in names
        if (found := _triple(name)) != EXPECTED[name]
    }
    assert not wrong


def _triple(name: str) -> tuple[str | None, str | None, str | None]:
    org = resolve_organisation(name)
    return (org.kind, org.level, org.province)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ban Tuyên giáo Tỉnh ủy Sóc Trăng", ("ban_tuyen_giao", PROVINCIAL, "Sóc Trăng")),
        ("Ban TG&DV Thành ủy Cần Thơ", (MERGED_BOARD, PROVINCIAL, "Cần Thơ")),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy Đồng Tháp", (MERGED_BOARD, PROVINCIAL, "Đồng Tháp")),
        ("Ban Dân vận Tỉnh ủy Đăk Nông", ("ban_dan_van", PROVINCIAL, "Đắk Nông")),
        ("UBND tỉnh Hậu Giang", ("uy_ban_nhan_dan", PROVINCIAL, "Hậu Giang")),
        ("Ban Tuyên giáo Thành ủy TP.HCM", ("ban_tuyen_giao", PROVINCIAL, "Hồ Chí Minh")),
        ("BTGTU", ("ban_tuyen_giao", PROVINCIAL, None)),
        ("Ban Tuyên giáo Huyện ủy Cái Bè", ("ban_tuyen_giao", LOCAL, None)),
        ("Ban Tuyên giáo Huyện ủy Cái Bè tỉnh Tiền Giang", ("ban_tuyen_giao", LOCAL, "Tiền Giang")),
        ("Đảng ủy xã Tân Hòa", (None, LOCAL, None)),
        ("Hội Bảo trợ xã hội tỉnh Bến Tre", (None, PROVINCIAL, "Bến Tre")),
        ("Báo Nhân Dân", (None, None, None)),
    ],
)
def test_byline_organisations(name, expected):
    assert _triple(name) == expected


def test_board_mergers_only_where_sourced():
    assert board_on("Đồng Tháp", date(2025, 2, 2)) == "ban_tuyen_giao"
    assert board_on("Đồng Tháp", date(2025, 2, 3)) == MERGED_BOARD
    assert board_on("Bắc Giang", date(2025, 2, 28)) == "ban_tuyen_giao"
    assert board_on("Lai Châu", date(2025, 3, 1)) == MERGED_BOARD
    merger = board_merger("Bắc Giang")
    assert merger.decision == "983-QĐ/TU of 2025-02-12" and merger.sources == ("board-bacgiang",)
    # announced, or only known to exist by a day: no first day is claimed
    assert board_on("Tiền Giang", date(2025, 1, 1)) is None
    assert board_on("Cà Mau", date(2025, 4, 1)) is None
    assert board_on("Cà Mau", date(2025, 4, 16)) == MERGED_BOARD
    # no source, no date
    assert board_merger("Sóc Trăng") is None and board_on("Sóc Trăng", date(2025, 5, 1)) is None
