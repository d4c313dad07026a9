import json
import re

import pytest

from parsers.evaluate import GoldError, Scores, case_errors, evaluate, format_scores

TEXT = (
    "Đồng chí Nguyễn Văn An - Bí thư Huyện ủy chủ trì hội nghị. Dự có ông Trần Văn Bình, "
    "Phó Chủ tịch UBND huyện. Hội nghị quán triệt Chỉ thị số 16-CT/TW ngày 5/1/2017 "
    "của Bộ Chính trị.\n\nMinh Châu"
)
GOLD = {
    "directives": [
        {"id": "16-CT/TW", "date": "2017-01-05", "issuer": "bộ chính trị", "kind": "chi_thi"},
        {"id": "99-KL/TW", "date": None, "issuer": None, "kind": "ket_luan"},
    ],
    "persons": [
        {"name": "Nguyễn Văn An", "positions": [], "spoke": True, "role": "chu_tri"},
        {"name": "Trần Văn Bình", "positions": [], "spoke": False, "role": None},
    ],
    "byline": {"author": "Minh Châu", "organization": None},
}


def write_case(folder, stem, text, gold):
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    (folder / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_scores_and_errors(tmp_path):
    write_case(tmp_path, "001", TEXT, GOLD)
    write_case(
        tmp_path,
        "002",
        "Hội nghị diễn ra tốt đẹp.",
        {"directives": [], "persons": [], "byline": None},
    )
    scores = evaluate(tmp_path)
    lines = format_scores(scores)
    assert lines == [
        "directives P=1.000 R=0.500 F1=0.667",
        "directive_dates accuracy=1.000",
        "directive_issuers accuracy=1.000",
        "speakers P=1.000 R=1.000 F1=1.000",
        "persons P=1.000 R=1.000 F1=1.000",
        "byline_author accuracy=1.000",
        "named_refs P=1.000 R=1.000 F1=1.000",
        # the gold lists no positions; the extractor reads one for each person
        "positions accuracy=0.000",
    ]
    errors = case_errors(scores)
    assert [(e.case, e.directive_fn) for e in errors] == [("001", ("99-KL/TW",))]


def test_line_format():
    pattern = re.compile(r"^[a-z_]+ (P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3}|accuracy=\d\.\d{3})$")
    lines = format_scores(Scores())
    assert len(lines) == 8
    assert all(pattern.match(line) for line in lines)


def test_malformed_gold_names_the_file(tmp_path):
    write_case(
        tmp_path, "007", TEXT, {"directives": [], "persons": [{"name": "A"}], "byline": None}
    )
    with pytest.raises(GoldError, match=r"007\.json"):
        evaluate(tmp_path)


def test_invalid_json_names_the_file(tmp_path):
    (tmp_path / "003.txt").write_text("x", encoding="utf-8")
    (tmp_path / "003.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match=r"003\.json"):
        evaluate(tmp_path)


def test_missing_pair_names_the_file(tmp_path):
    (tmp_path / "004.txt").write_text("x", encoding="utf-8")
    with pytest.raises(GoldError, match=r"004\.txt"):
        evaluate(tmp_path)


def test_empty_or_missing_folder(tmp_path):
    with pytest.raises(GoldError):
        evaluate(tmp_path)
    with pytest.raises(GoldError):
        evaluate(tmp_path / "absent")
