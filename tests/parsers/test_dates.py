from datetime import UTC, date, datetime

import pytest

from parsers.fields.dates import VN_TZ, find_date_at, find_dates, parse_datetime, to_iso

TIME_LINES = [
    ("Thứ Sáu, 12/6/2020 20:45'(GMT+7)", "2020-06-12T20:45:00+07:00"),
    ("Cập nhật lúc: 18:00 |22/05/2022", "2022-05-22T18:00:00+07:00"),
    ("Cập nhật lúc18:28, Thứ Ba, 26/11/2019 (GMT+7)", "2019-11-26T18:28:00+07:00"),
    ("26/04/2019 - 07:37", "2019-04-26T07:37:00+07:00"),
    ("01/04/2022 - 15:28 GMT+7", "2022-04-01T15:28:00+07:00"),
    ("Thứ năm, 30/10/2025 | 10:31", "2025-10-30T10:31:00+07:00"),
    ("Chủ nhật, ngày 08 tháng 12 năm 2024 16:02 (GMT +7)", "2024-12-08T16:02:00+07:00"),
    ("27/12/2024 lúc 00:02 (GMT+7)", "2024-12-27T00:02:00+07:00"),
    ("Thứ tư, 08 Tháng 9 2021 15:09", "2021-09-08T15:09:00+07:00"),
    ("Ngày 28 tháng 10 năm 2020", "2020-10-28"),
    ("07/07/2020 | 03:16", "2020-07-07T03:16:00+07:00"),
    ("Cập nhật: 07/04/2021 15:38:00", "2021-04-07T15:38:00+07:00"),
    ("Gửi lúc: 05/12/2013 15:42:27", "2013-12-05T15:42:27+07:00"),
    ("11/18/2024 12:00:00 AM GMT+7", "2024-11-18T00:00:00+07:00"),
    ("3/4/2024 2:05:00 PM", "2024-03-04T14:05:00+07:00"),
    ("Đăng ngày 15-05-2022 10:48", "2022-05-15T10:48:00+07:00"),
    ("Ngày 25.10.2017", "2017-10-25"),
    ("2020-06-12T20:45:00+07:00", "2020-06-12T20:45:00+07:00"),
    ("2020-06-12T13:45:00Z", "2020-06-12T20:45:00+07:00"),
    ("2020-06-12T15:45:00+09:00", "2020-06-12T13:45:00+07:00"),
    ("2020-06-12", "2020-06-12"),
]


@pytest.mark.parametrize(("line", "expected"), TIME_LINES)
def test_time_lines(line, expected):
    value = parse_datetime(line)
    assert value is not None
    assert to_iso(value) == expected


def test_day_first_always():
    assert parse_datetime("05/06/2020") == date(2020, 6, 5)


@pytest.mark.parametrize("line", ["31/02/2020", "30/2/2021", "12/13/2020 không", "45/45/2020"])
def test_impossible_dates_are_none(line):
    assert parse_datetime(line) is None


def test_month_first_only_in_the_dotnet_am_pm_form():
    assert parse_datetime("11/18/2024") is None  # month 18
    assert parse_datetime("11/12/2024") == date(2024, 12, 11)
    assert to_iso(parse_datetime("11/12/2024 10:00:00 AM")) == "2024-11-12T10:00:00+07:00"
    assert to_iso(parse_datetime("18/11/2024 10:00:00 PM")) == "2024-11-18T22:00:00+07:00"


def test_a_date_without_time_stays_a_date():
    value = parse_datetime("Ngày 06/02/2020")
    assert type(value) is date


def test_datetimes_are_aware_at_plus_seven():
    value = parse_datetime("12/6/2020 20:45")
    assert isinstance(value, datetime)
    assert value.utcoffset() == VN_TZ.utcoffset(None)


def test_partial_dates_need_a_reference():
    assert parse_datetime("Sáng 19-9") is None
    assert parse_datetime("Sáng 19-9", reference=date(2023, 1, 1)) == date(2023, 9, 19)
    assert parse_datetime("Chiều ngày 15/10", reference=date(2021, 5, 1)) == date(2021, 10, 15)
    assert parse_datetime("Sáng 31-2", reference=date(2023, 1, 1)) is None


def test_find_dates_reads_every_date_in_order():
    text = "Từ ngày 16/1/2020 đến 13/3/2020, sáng 20/3 tổng kết; ngày 31/02/2020 không có."
    assert find_dates(text, reference=date(2020, 1, 1)) == [
        date(2020, 1, 16),
        date(2020, 3, 13),
        date(2020, 3, 20),
    ]


def test_a_year_inside_a_document_number_is_no_date():
    assert find_dates("Nghị định 72/2013/NĐ-CP và Luật số 24/2018/QH14") == []


def test_find_date_at():
    assert find_date_at("ngày 25 tháng 10 năm 2017", 5) == (date(2017, 10, 25), 25)
    assert find_date_at("31/02/2020") == (None, 10)
    assert find_date_at("không phải ngày") is None


def test_to_iso():
    assert to_iso(date(2020, 6, 12)) == "2020-06-12"
    assert to_iso(datetime(2020, 6, 12, 20, 45)) == "2020-06-12T20:45:00+07:00"


def test_to_iso_shows_aware_times_at_plus_seven():

    assert to_iso(datetime(2020, 6, 12, 13, 45, tzinfo=UTC)) == "2020-06-12T20:45:00+07:00"


def test_time_before_the_date_and_h_notation():
    assert to_iso(parse_datetime("20h45 ngày 12/6/2020")) == "2020-06-12T20:45:00+07:00"
    assert to_iso(parse_datetime("12/6/2020 (20:45)")) == "2020-06-12T20:45:00+07:00"
    assert parse_datetime("12/6/2020 25:61") == date(2020, 6, 12)
