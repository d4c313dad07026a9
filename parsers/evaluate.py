"""Score the field extractors against a gold folder (`NNN.txt` + `NNN.json` pairs).

Measures follow the gold SCHEMA.md "Scoring" section: directives are the sets of
non-null ids per text (micro P/R/F1), their dates and issuers are compared on the ids
found in both; speakers and persons are sets of names compared after NFC, whitespace
and case folding; the byline is an exact author match after the same folding, a
null byline matching a null output.

Two measures the schema does not name are added after those: named references (the
directives without an id) match one-to-one when their titles agree, token F1 ≥ 0.7
after the same folding (micro P/R/F1 over the matched pairs); positions are right for
a person found in both gold and output when the two sets of positions are equal after
the same folding (accuracy over those persons).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parsers.fields import extract
from parsers.fields.text import compare_key

_WORD = re.compile(r"\w+")


class GoldError(ValueError):
    """A gold case is missing a file or does not follow the schema."""


@dataclass(frozen=True, slots=True)
class CaseErrors:
    """What one case got wrong, for reading: missed (fn) and invented (fp) items."""

    case: str
    directive_fp: tuple[str, ...] = ()
    directive_fn: tuple[str, ...] = ()
    wrong_dates: tuple[str, ...] = ()
    wrong_issuers: tuple[str, ...] = ()
    speaker_fp: tuple[str, ...] = ()
    speaker_fn: tuple[str, ...] = ()
    person_fp: tuple[str, ...] = ()
    person_fn: tuple[str, ...] = ()
    byline: str | None = None
    named_fp: tuple[str, ...] = ()
    named_fn: tuple[str, ...] = ()
    wrong_positions: tuple[str, ...] = ()

    def is_clean(self) -> bool:
        return not any(getattr(self, name) for name in self.__slots__ if name != "case")


@dataclass(slots=True)
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], found: set[str]) -> tuple[set[str], set[str]]:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)
        return found - gold, gold - found

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass(slots=True)
class Scores:
    directives: _Counts = field(default_factory=_Counts)
    speakers: _Counts = field(default_factory=_Counts)
    persons: _Counts = field(default_factory=_Counts)
    named_refs: _Counts = field(default_factory=_Counts)
    positions_right: int = 0
    matched_persons: int = 0
    roles_right: int = 0
    matched_speakers: int = 0
    dates_right: int = 0
    issuers_right: int = 0
    matched_ids: int = 0
    bylines_right: int = 0
    cases: int = 0
    errors: list[CaseErrors] = field(default_factory=list)

    def prf(self, measure: str) -> tuple[float, float, float]:
        return getattr(self, measure).prf()

    def accuracy(self, measure: str) -> float:
        if measure == "byline_author":
            return self.bylines_right / self.cases if self.cases else 1.0
        if measure == "speaker_roles":
            return self.roles_right / self.matched_speakers if self.matched_speakers else 1.0
        if measure == "positions":
            return self.positions_right / self.matched_persons if self.matched_persons else 1.0
        right = {"directive_dates": self.dates_right, "directive_issuers": self.issuers_right}
        return right[measure] / self.matched_ids if self.matched_ids else 1.0


def _require(cond: bool, path: Path, message: str) -> None:
    if not cond:
        raise GoldError(f"{path}: {message}")


def _check_gold(data: Any, path: Path) -> dict[str, Any]:
    _require(isinstance(data, dict), path, "top level is not an object")
    for key in ("directives", "persons", "byline"):
        _require(key in data, path, f"missing key {key!r}")
    _require(isinstance(data["directives"], list), path, "'directives' is not a list")
    _require(isinstance(data["persons"], list), path, "'persons' is not a list")
    for i, d in enumerate(data["directives"]):
        _require(isinstance(d, dict), path, f"directive {i} is not an object")
        for key in ("id", "date", "issuer"):
            _require(key in d, path, f"directive {i} has no {key!r}")
            _require(d[key] is None or isinstance(d[key], str), path, f"directive {i} {key}")
    for i, p in enumerate(data["persons"]):
        _require(isinstance(p, dict), path, f"person {i} is not an object")
        _require(isinstance(p.get("name"), str) and p["name"].strip(), path, f"person {i} name")
        _require(isinstance(p.get("spoke"), bool), path, f"person {i} 'spoke' is not a bool")
    byline = data["byline"]
    _require(byline is None or isinstance(byline, dict), path, "'byline' is not an object")
    if byline is not None:
        author = byline.get("author")
        _require(author is None or isinstance(author, str), path, "byline author")
    return data


def load_gold(gold_dir: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(case, text, annotation) for every pair; a broken case raises `GoldError`."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: not a folder")
    cases = []
    for txt in sorted(gold_dir.glob("*.txt")):
        js = txt.with_suffix(".json")
        _require(js.exists(), txt, "has no matching .json file")
        try:
            data = json.loads(js.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise GoldError(f"{js}: not valid JSON ({exc})") from exc
        cases.append((txt.stem, txt.read_text(encoding="utf-8"), _check_gold(data, js)))
    for js in gold_dir.glob("*.json"):
        _require(js.with_suffix(".txt").exists(), js, "has no matching .txt file")
    if not cases:
        raise GoldError(f"{gold_dir}: no NNN.txt/NNN.json pairs")
    return cases


def _ids(directives: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in directives if d.get("id")}


def _names(persons: list[dict[str, Any]], speakers: bool) -> set[str]:
    return {compare_key(p["name"]) for p in persons if not speakers or p.get("spoke")}


def _author(byline: dict[str, Any] | None) -> str | None:
    author = (byline or {}).get("author")
    return compare_key(author) if author else None


NAMED_MATCH = 0.7


def _title(directive: dict[str, Any]) -> str:
    return directive.get("title") or directive.get("text") or ""


def _title_tokens(directive: dict[str, Any]) -> list[str]:
    return _WORD.findall(compare_key(_title(directive)))


def token_f1(a: list[str], b: list[str]) -> float:
    """F1 of two token bags (each token counted as often as it occurs)."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(b), common / len(a)
    return 2 * p * r / (p + r)


def match_named(
    gold: list[dict[str, Any]], found: list[dict[str, Any]]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """One-to-one pairs (gold index, found index) of unnumbered references whose titles
    have token F1 ≥ `NAMED_MATCH`, best pairs first; then the unmatched of each side."""
    g_tokens = [_title_tokens(d) for d in gold]
    f_tokens = [_title_tokens(d) for d in found]
    pairs = sorted(
        (
            (token_f1(gt, ft), gi, fi)
            for gi, gt in enumerate(g_tokens)
            for fi, ft in enumerate(f_tokens)
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_f: set[int] = set()
    matched = []
    for score, gi, fi in pairs:
        if score < NAMED_MATCH:
            break
        if gi in used_g or fi in used_f:
            continue
        used_g.add(gi)
        used_f.add(fi)
        matched.append((gi, fi))
    unmatched_g = [i for i in range(len(gold)) if i not in used_g]
    unmatched_f = [i for i in range(len(found)) if i not in used_f]
    return matched, unmatched_g, unmatched_f


def _unnumbered(directives: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in directives if not d.get("id") and (d.get("title") or d.get("text"))]


def _positions(persons: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Per folded name, the folded set of positions (merged if a name repeats)."""
    out: dict[str, set[str]] = {}
    for p in persons:
        keys = {compare_key(x) for x in p.get("positions") or () if x and x.strip()}
        out.setdefault(compare_key(p["name"]), set()).update(keys)
    return out


def _roles(persons: list[dict[str, Any]]) -> dict[str, str | None]:
    """Per folded name of a person who spoke, the role."""
    return {compare_key(p["name"]): p.get("role") for p in persons if p.get("spoke")}


def evaluate(gold_dir: Path, only: Callable[[str], bool] | None = None) -> Scores:
    """Run `extract` on every gold text (those whose case name `only` accepts) and score it."""
    scores = Scores()
    for case, text, gold in load_gold(gold_dir):
        if only is not None and not only(case):
            continue
        out = extract(text)
        gold_ids, out_ids = _ids(gold["directives"]), _ids(out["directives"])
        d_fp, d_fn = scores.directives.add(set(gold_ids), set(out_ids))
        wrong_dates, wrong_issuers = [], []
        for key in set(gold_ids) & set(out_ids):
            scores.matched_ids += 1
            g, o = gold_ids[key], out_ids[key]
            if g["date"] == o["date"]:
                scores.dates_right += 1
            else:
                wrong_dates.append(f"{key}: gold {g['date']} got {o['date']}")
            g_issuer = compare_key(g["issuer"]) if g["issuer"] else None
            o_issuer = compare_key(o["issuer"]) if o["issuer"] else None
            if g_issuer == o_issuer:
                scores.issuers_right += 1
            else:
                wrong_issuers.append(f"{key}: gold {g['issuer']!r} got {o['issuer']!r}")
        s_fp, s_fn = scores.speakers.add(
            _names(gold["persons"], True), _names(out["persons"], True)
        )
        p_fp, p_fn = scores.persons.add(
            _names(gold["persons"], False), _names(out["persons"], False)
        )
        g_named, o_named = _unnumbered(gold["directives"]), _unnumbered(out["directives"])
        pairs, named_fn, named_fp = match_named(g_named, o_named)
        scores.named_refs.tp += len(pairs)
        scores.named_refs.fn += len(named_fn)
        scores.named_refs.fp += len(named_fp)
        g_pos, o_pos = _positions(gold["persons"]), _positions(out["persons"])
        wrong_positions = []
        for name in g_pos.keys() & o_pos.keys():
            scores.matched_persons += 1
            if g_pos[name] == o_pos[name]:
                scores.positions_right += 1
            else:
                g, o = sorted(g_pos[name]), sorted(o_pos[name])
                wrong_positions.append(f"{name}: gold {g} got {o}")
        g_roles, o_roles = _roles(gold["persons"]), _roles(out["persons"])
        for name in g_roles.keys() & o_roles.keys():
            scores.matched_speakers += 1
            scores.roles_right += g_roles[name] == o_roles[name]
        scores.cases += 1
        g_author, o_author = _author(gold["byline"]), _author(out["byline"])
        byline_error = None
        if g_author == o_author:
            scores.bylines_right += 1
        else:
            byline_error = f"gold {g_author!r} got {o_author!r}"
        scores.errors.append(
            CaseErrors(
                case=case,
                directive_fp=tuple(sorted(d_fp)),
                directive_fn=tuple(sorted(d_fn)),
                wrong_dates=tuple(sorted(wrong_dates)),
                wrong_issuers=tuple(sorted(wrong_issuers)),
                speaker_fp=tuple(sorted(s_fp)),
                speaker_fn=tuple(sorted(s_fn)),
                person_fp=tuple(sorted(p_fp)),
                person_fn=tuple(sorted(p_fn)),
                byline=byline_error,
                named_fp=tuple(_title(o_named[i]) for i in named_fp),
                named_fn=tuple(_title(g_named[i]) for i in named_fn),
                wrong_positions=tuple(sorted(wrong_positions)),
            )
        )
    return scores


def case_errors(scores: Scores) -> list[CaseErrors]:
    """The cases with at least one error, each with its false positives and negatives."""
    return [e for e in scores.errors if not e.is_clean()]


def format_scores(scores: Scores) -> list[str]:
    """One line per measure, three decimals, in the order `tuyengiao eval` prints."""
    lines = []
    p, r, f = scores.prf("directives")
    lines.append(f"directives P={p:.3f} R={r:.3f} F1={f:.3f}")
    lines.append(f"directive_dates accuracy={scores.accuracy('directive_dates'):.3f}")
    lines.append(f"directive_issuers accuracy={scores.accuracy('directive_issuers'):.3f}")
    for measure in ("speakers", "persons"):
        p, r, f = scores.prf(measure)
        lines.append(f"{measure} P={p:.3f} R={r:.3f} F1={f:.3f}")
    lines.append(f"byline_author accuracy={scores.accuracy('byline_author'):.3f}")
    p, r, f = scores.prf("named_refs")
    lines.append(f"named_refs P={p:.3f} R={r:.3f} F1={f:.3f}")
    lines.append(f"positions accuracy={scores.accuracy('positions'):.3f}")
    return lines
