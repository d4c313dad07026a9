"""The two measures added to `eval`: named references matched by title, and positions."""

import json

from parsers.evaluate import evaluate, format_scores, match_named, token_f1


def write_case(folder, stem, text, gold):
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    (folder / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def named(title):
    return {"id": None, "title": title, "text": title, "date": None, "issuer": None}


def test_token_f1_counts_shared_words():
    assert token_f1(["a", "b", "c", "d"], ["a", "b", "c", "d"]) == 1.0
    assert token_f1(["a", "b"], ["c"]) == 0.0
    assert round(token_f1(["a", "b", "c", "d"], ["a", "b", "c"]), 3) == 0.857


def test_named_match_is_one_to_one_and_needs_07():
    gold = [named("Luật Đất đai"), named("Nghị quyết Đại hội XIII của Đảng")]
    found = [
        named("Luật Đất đai"),
        named("luật  đất đai"),  # same title again: only one of the two can match
        named("Nghị quyết Đảng"),  # F1 0.6 against the second gold title
    ]
    pairs, missed, extra = match_named(gold, found)
    assert pairs == [(0, 0)] or pairs == [(0, 1)]
    assert missed == [1]
    assert len(extra) == 2


def test_eval_prints_named_refs_and_positions(tmp_path):
    text = (
        "Đồng chí Nguyễn Văn An, Bí thư Huyện ủy phát biểu. Dự có ông Trần Văn Bình, "
        "Phó Chủ tịch UBND huyện. Hội nghị quán triệt Luật Đất đai."
    )
    gold = {
        "directives": [named("Luật Đất đai"), named("Luật Báo chí")],
        "persons": [
            {"name": "Nguyễn Văn An", "positions": ["bí thư  huyện ủy"], "spoke": True},
            {"name": "Trần Văn Bình", "positions": ["Chủ tịch UBND huyện"], "spoke": False},
        ],
        "byline": None,
    }
    write_case(tmp_path, "001", text, gold)
    lines = format_scores(evaluate(tmp_path))
    assert lines[-2:] == ["named_refs P=1.000 R=0.500 F1=0.667", "positions accuracy=0.500"]


def test_evaluate_only_some_cases(tmp_path):
    write_case(tmp_path, "a1", "Luật Đất đai.", {"directives": [], "persons": [], "byline": None})
    write_case(tmp_path, "b1", "Không có gì.", {"directives": [], "persons": [], "byline": None})
    assert evaluate(tmp_path, lambda case: case.startswith("b")).cases == 1
