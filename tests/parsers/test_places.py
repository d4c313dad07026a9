"""The reference table of provinces (63 → 34), names in any spelling, and as-of reading."""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources

import pytest

from parsers.places import provinces as P
from parsers.places.placement import BYLINE, SITE, TEXT, place, text_province
from parsers.places.provinces import NEW, OLD


def _sources() -> set[str]:
    text = resources.files("parsers.places").joinpath("sources.csv").read_text(encoding="utf-8")
    return {row["id"] for row in csv.DictReader(text.splitlines())}


def test_63_old_and_34_new_units_with_distinct_codes():
    old, new = P.provinces(OLD), P.provinces(NEW)
    assert len(old) == 63 and len(new) == 34
    assert len({u.code for u in old}) == 63 and len({u.code for u in new}) == 34
    assert sum(u.kind == "thanh_pho" for u in new) == 6


def test_every_old_unit_lies_in_exactly_one_new_unit():
    holders = {
        u.id: [n.id for n in P.provinces(NEW) if u.id in n.absorbed] for u in P.provinces(OLD)
    }
    assert all(len(found) == 1 for found in holders.values()), holders
    unchanged = [n for n in P.provinces(NEW) if len(n.absorbed) == 1]
    assert len(unchanged) == 11
    assert len(P.provinces(NEW)) - len(unchanged) == 23
    # each new unit is named after one of the units it absorbed
    for unit in P.provinces(NEW):
        assert unit.name in {P.by_id(i).name for i in unit.absorbed}


def test_every_row_cites_known_sources_and_both_code_lists():
    known = _sources()
    for unit in P.provinces():
        assert set(unit.sources) <= known, unit.id
        assert ("codes-old" if unit.map == OLD else "codes-new") in unit.sources
        assert len(unit.sources) >= 2, unit.id


@pytest.mark.parametrize("unit", P.provinces(), ids=lambda u: u.id)
def test_every_name_resolves_with_and_without_diacritics(unit):
    plain = P.name_key(unit.name)  # "soc trang"
    for spelling in (unit.name, unit.name.upper(), plain, unit.full_name, f"TP. {unit.name}"):
        assert unit in P.lookup(spelling), spelling
    assert P.today(plain) == P.successor(unit)


def test_the_merger_examples_of_the_resolution():
    assert [u.name for u in P.predecessors(P.resolve("Cần Thơ", date(2025, 7, 1)))] == [
        "Sóc Trăng", "Hậu Giang", "Cần Thơ",
    ]  # fmt: skip
    assert {u.name for u in P.predecessors(P.by_id("new-08"))} == {"Hà Giang", "Tuyên Quang"}
    assert {u.name for u in P.predecessors(P.by_id("new-37"))} == {
        "Ninh Bình",
        "Hà Nam",
        "Nam Định",
    }
    assert P.today("Sóc Trăng").full_name == "thành phố Cần Thơ"
    assert P.today("Bình Phước").name == "Đồng Nai"


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Đăk Lăk", "Đắk Lắk"), ("Dak Lak", "Đắk Lắk"), ("Đắc Lắc", "Đắk Lắk"),
        ("Đăk Nông", "Đắk Nông"), ("Thừa Thiên Huế", "Huế"), ("Thừa Thiên - Huế", "Huế"),
        ("TP.HCM", "Hồ Chí Minh"), ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Hoà Bình", "Hòa Bình"), ("Bắc Cạn", "Bắc Kạn"), ("thanh pho can tho", "Cần Thơ"),
    ],
)  # fmt: skip
def test_name_variants(spelling, name):
    assert P.lookup(spelling) and P.lookup(spelling)[0].name == name


def test_unknown_names_resolve_to_nothing():
    for name in ("Hà Tây", "Sông Bé", "Quảng Nam - Đà Nẵng", "", "tỉnh"):
        assert P.resolve(name, date(2024, 1, 1)) is None
        assert P.today(name) is None or name == "Quảng Nam - Đà Nẵng"


def test_as_of_reads_a_name_in_the_map_of_that_day():
    assert P.resolve("Cần Thơ", date(2025, 6, 30)).id == "old-92"
    assert P.resolve("Cần Thơ", date(2025, 7, 1)).id == "new-92"
    assert P.resolve("Cần Thơ") is None  # both maps have one: no day, no answer
    # an old-only name keeps its territory after the merger
    assert P.resolve("Sóc Trăng", date(2026, 1, 1)).id == "old-94"
    assert P.successor(P.by_id("old-94")).id == "new-92"
    assert [u.id for u in P.predecessors(P.by_id("old-94"))] == ["old-94"]


def test_select_reads_old_and_new_names():
    def ids(name, as_of=None):
        unit, units = P.select(name, as_of)
        return unit.id, {u.id for u in units}

    everything = {"new-92", "old-92", "old-93", "old-94"}
    assert ids("Cần Thơ") == ("new-92", everything)
    assert ids("Cần Thơ", date(2024, 12, 31)) == ("new-92", everything - {"new-92"})
    assert ids("Cần Thơ", date(2025, 7, 1)) == ("new-92", {"new-92"})
    assert ids("Cần Thơ (cũ)") == ids("old-92") == ("old-92", {"old-92"})
    assert ids("Soc Trang", date(2026, 1, 1)) == ("old-94", {"old-94"})
    assert P.select("Hà Tây") is None and P.select("old-99") is None
    assert P.select("Hà Nội (cũ)")[0].id == "old-01"


def test_places_named_as_places_in_a_text():
    text = (
        "Sóc Trăng: Hội nghị báo cáo viên\nUBND tỉnh Sóc Trăng và Tỉnh ủy Hậu Giang; "
        "thành phố Cần Thơ; Đăk Lăk. Hòa Bình là khát vọng."
    )
    counts = P.named_in(text)
    assert counts == {"Sóc Trăng": 2, "Hậu Giang": 1, "Cần Thơ": 1}
    assert text_province(text) == ("Sóc Trăng", 2)
    assert text_province("tỉnh Sóc Trăng, tỉnh Hậu Giang") is None  # no clear leader
    # provinces of 1976–1996 are in neither map
    old = "Tỉnh ủy Quảng Nam - Đà Nẵng, tỉnh Hà Nam Ninh, tỉnh Gia Lai – Kon Tum, tỉnh Quảng Nam"
    assert P.named_in(old) == {"Quảng Nam": 1}


def test_placement_rules_in_order():
    kw = {"text": "tỉnh Bạc Liêu, tỉnh Bạc Liêu", "published": date(2024, 5, 1)}
    by_site = place(site_province="Đồng Tháp", byline_organization=None, **kw)
    assert (by_site.rule, by_site.published.id, by_site.today.id) == (SITE, "old-87", "new-82")
    by_byline = place(
        site_province=None, byline_organization="Ban Tuyên giáo Tỉnh ủy Sóc Trăng", **kw
    )
    assert (by_byline.rule, by_byline.published.id, by_byline.today.id) == (
        BYLINE,
        "old-94",
        "new-92",
    )
    by_text = place(site_province=None, byline_organization="Ban Tuyên giáo Tỉnh ủy", **kw)
    assert (by_text.rule, by_text.published.id, by_text.today.id) == (TEXT, "old-95", "new-96")
    after = place(
        site_province="Đồng Tháp", byline_organization=None, text="", published=date(2025, 9, 1)
    )
    assert (after.published.id, after.today.id) == ("new-82", "new-82")
    undated = place(site_province="Đồng Tháp", byline_organization=None, text="", published=None)
    assert (undated.published, undated.today.id) == (None, "new-82")
    closed = place(
        site_province="Đồng Tháp", byline_organization=None, text="", published=None,
        site_until=date(2025, 6, 30),
    )  # fmt: skip
    assert closed.published.id == "old-87"
    nothing = place(site_province=None, byline_organization=None, text="Hà Nội", published=None)
    assert nothing.rule is None and nothing.today is None
