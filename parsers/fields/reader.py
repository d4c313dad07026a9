"""Tokens of a text and the tests the person reader needs on them.

A `Reader` splits a text once into tokens (words, numbers, marks, line breaks) with a
lower-case `key` per token (see `lexicon.key`), and answers the questions asked again
and again while reading names: is this token a title, a speech verb, part of a name,
the start of a place name?
"""

from __future__ import annotations

import re
from itertools import accumulate, compress

from parsers.fields import lexicon as lx
from parsers.fields.text import DASHES, squash

# Tokens: "Đ/c"; academic titles with their full stop ("TS. Nguyễn"); dotted
# abbreviations ("T.Ư", "TP.HCM", "PGS.TS"); words (with "H'"); numbers; line breaks;
# single marks. A word runs to its last letter or digit (the look-behind gives back a
# trailing "_" or apostrophe). The first three forms continue a word with "/" or ".", so
# a whole word followed by neither is taken at once (the first alternative, atomic so
# that it never settles for part of a word; most tokens); otherwise they are tried
# before the word. They start with a capital or "đ"; the look-ahead spares the other
# tokens trying them.
TOKEN = re.compile(
    r"(?>[^\W\d_][\w'’]*(?<![_'’]))(?![./])"
    r"|(?=[A-ZĐđ])(?:[Đđ]/[cC](?!\w)"
    r"|(?:P?GS|TS|ThS|BS|KS|NCS)(?:\.(?:P?GS|TS|ThS|BS))*\.(?=\s+[A-ZĐ])"
    r"|[A-ZĐ][A-Za-zĐ]{0,3}(?:\.[A-ZĐƯ][A-Za-zĐƯ]*)+(?!\w))"
    r"|[^\W\d_][\w'’]*(?<![_'’])"
    r"|\d+(?:[.,:/h]\d+)*"
    r"|\n|[^\w\s]"
)
# The same tokens with what lies between them: `split` gives [gap, spaces, token, gap,
# spaces, token, …, gap], cheaper than match objects, and any stretch of the text can be
# joined back. Taking the spaces before a token into its match spares the regex engine
# trying every token pattern at each space.
_TOKEN_SPLIT = re.compile(rf"([ \t]*)({TOKEN.pattern})")
BOUNDARY = frozenset({".", "!", "?", "\n", ";", "…"})
SENTENCE_END = frozenset({".", "!", "?", "\n", "…"})
SEGMENT_END = frozenset({".", "!", "?", "\n", ";", ":", "(", ")", "“", "”", '"', "…"})
DASH_TOKENS = frozenset(DASHES)
MAX_NAME = 5
MAX_TITLE = 22
# In an upper-case line every word is capitalised; these end a name there.
UPPER_STOPS = frozenset(
    lx.key(w) for w in ("dự", "tại", "đã", "về", "với", "và", "cùng", "được", "là", "có", "cho")
)


def index(phrases) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their first word, longest first, for `Reader.match`."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        table.setdefault(phrase[0], []).append(phrase)
    for options in table.values():
        options.sort(key=len, reverse=True)
    return table


HEADS = index(lx.POSITION_HEADS)
# Titles read also when written in lower case (after a comma, before a body's name).
LOWER_CASE_HEADS = index(
    lx.phrases(
        "phó chủ tịch|phó bí thư|bí thư|chủ tịch|giám đốc|phó giám đốc|trưởng ban|"
        "phó trưởng ban|trưởng phòng|phó trưởng phòng|chủ nhiệm|phó chủ nhiệm|bộ trưởng|"
        "thứ trưởng|ủy viên"
    )
)
HONORIFICS = index(lx.HONORIFICS)
ROLE_VERBS = index(lx.ROLE_VERBS)
PLACES = index(lx.PLACES)
NOT_NAME_PAIRS = index(lx.NOT_NAME_PAIRS)


def by_last_word(phrases) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their last word, for looking back from a name."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        table.setdefault(phrase[-1], []).append(phrase)
    return table


INSTITUTIONS = by_last_word(lx.NAME_IN_INSTITUTION)
PLACE_UNITS = by_last_word(lx.NAME_IN_PLACE)
FAMILY_HONORIFICS = frozenset(lx.FAMILY_HONORIFICS)
# Honorifics that are never part of a title: they end a title or a clause.
STRONG_HONORIFICS = index(h for h in lx.HONORIFICS if h not in FAMILY_HONORIFICS)
CITIES = index(lx.phrases("Hồ Chí Minh"))
UNITS = frozenset(lx.words("tỉnh huyện quận thị xã phường thành"))
FOREIGN_LETTERS = re.compile(r"[fjwzFJWZ]")
# A Vietnamese syllable written without its marks: initial, vowels, final.
VIETNAMESE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$",
    re.IGNORECASE,
)
ADDRESS = index(lx.phrases("kính thưa|thưa|kính gửi|gửi"))


# Pairs whose first word alone would start a predicate ("dự" attends, "đối" faces).
NOUN_COMPOUNDS = frozenset(
    (lx.key(a), lx.key(b))
    for a, b in (p.split() for p in ("dự án", "dự thảo", "dự toán", "dự khuyết", "dự bị"))
)
# Nouns whose second word alone would start a predicate: "Trung tâm", "việc làm".
_NOUN_ENDINGS = frozenset({("trung", "tâm"), ("việc", "làm")})
# "thông tin" is a noun, part of a body's name, before these: "thông tin đối ngoại",
# "Thông tin và Truyền thông", "thông tin cơ sở", "thông tin điện tử".
_NOUN_AFTER_INFORMATION = frozenset(lx.words("đối và cơ điện đại"))

TokenFacts = tuple[str, bool, bool, bool, bool]
_MAX_TOKENS = 1 << 16


def _token_info(tok: str) -> TokenFacts:
    """Per distinct token: its key, whether it is a word, a capitalised word, whether it
    may start a title (capitalised, its key the first word of one), and whether it may
    start a mention (capitalised, or the first word of an honorific)."""
    k = lx.key(tok)
    word = tok[0].isalpha()
    cap = word and tok[0].isupper()
    return k, word, cap, cap and k in HEADS, cap or k in HONORIFICS


class _FactsByToken(dict[str, TokenFacts]):
    """`_token_info` of the tokens seen, computed once each. A plain dict read through
    `map(facts.__getitem__, tokens)` costs a C call per token, about a fifth less than an
    `lru_cache` hit; it is emptied when it holds `_MAX_TOKENS` tokens."""

    def __missing__(self, tok: str) -> TokenFacts:
        if len(self) >= _MAX_TOKENS:
            self.clear()
        facts = self[tok] = _token_info(tok)
        return facts


_FACTS = _FactsByToken()


class Reader:
    """One pass over one text; holds the token arrays."""

    def __init__(self, text: str) -> None:
        self.parts = parts = _TOKEN_SPLIT.split(text)
        self.toks = toks = parts[2::3]
        self.n = n = len(toks)
        keys, words, caps, head_flags, start_flags = (
            zip(*map(_FACTS.__getitem__, toks), strict=True) if toks else ((), (), (), (), ())
        )
        if "Σ" in text:  # lower case of a final sigma depends on the letters around it
            keyed = lx.key(text)
            if len(keyed) == len(text):
                ends = list(accumulate(map(len, parts)))  # token i is ends[3i+1]:ends[3i+2]
                self.keys = [keyed[ends[3 * i + 1] : ends[3 * i + 2]] for i in range(n)]
            else:
                self.keys = [lx.key(t) for t in toks]
        else:
            self.keys = list(keys)
        self.is_word = [*words, False]
        self.is_cap = [*caps, False]
        self.upper = self._upper_lines(text, toks)
        heads: list[tuple[str, ...] | None] = [None] * n
        for i in compress(range(n), head_flags):
            heads[i] = self.match(i, HEADS)
        if "," in toks:
            self._lower_case_titles(heads)
        self.heads = heads
        # Tokens that may start a mention: capitalised, an honorific or a title.
        self.starts = list(compress(range(n), start_flags))
        if "nguyên" in self.keys:
            for i in range(n - 1):
                if self.keys[i] == "nguyên" and heads[i + 1]:  # "nguyên Bí thư Tỉnh ủy"
                    heads[i] = ("nguyên", *heads[i + 1])
            self.starts = sorted({*self.starts, *(i for i in range(n) if heads[i])})
        self._name_tokens: list[bool | None] = [None] * n
        # Per token, `predicate_start` once asked (None before).
        self.predicates: list[bool | None] = [None] * n

    def _lower_case_titles(self, heads: list[tuple[str, ...] | None]) -> None:
        """ "đồng chí Nguyễn Văn A, phó chủ tịch UBND huyện": a title some sites write in
        lower case, read after a comma when a capitalised body follows within it."""
        toks, keys, caps = self.toks, self.keys, self.is_cap
        for i in range(1, self.n):
            if toks[i - 1] != "," or heads[i] or keys[i] not in LOWER_CASE_HEADS:
                continue
            phrase = self.match(i, LOWER_CASE_HEADS)
            if phrase and toks[i].islower():
                after = i + len(phrase)
                if any(caps[after : after + 3]):
                    heads[i] = phrase

    @staticmethod
    def _upper_lines(text: str, toks: list[str]) -> list[bool]:
        """Per token: is its line written in capitals (a headline, a caption)?"""
        line_flags = []
        for line in text.split("\n"):
            upper = line.upper() == line and line.lower() != line
            line_flags.append(upper and sum(c.isalpha() for c in line) >= 12)
        if not any(line_flags):
            return [False] * len(toks)
        flags: list[bool] = []
        line = 0
        for tok in toks:
            flags.append(line_flags[line])
            if tok == "\n":
                line += 1
        return flags

    # token tests -------------------------------------------------------------
    def word(self, i: int) -> bool:
        return self.is_word[i] if i < self.n else False

    def cap(self, i: int) -> bool:
        return self.is_cap[i] if i < self.n else False

    def match(self, i: int, table: dict[str, list[tuple[str, ...]]]) -> tuple[str, ...] | None:
        if i >= self.n:
            return None
        keys = self.keys
        options = table.get(keys[i])
        if options is None:
            return None
        for phrase in options:  # a one-word phrase is its own index key: no slice needed
            if len(phrase) == 1 or tuple(keys[i : i + len(phrase)]) == phrase:
                return phrase
        return None

    def head(self, i: int) -> tuple[str, ...] | None:
        """A title starting at `i`, written with a capital (or in an upper-case line)."""
        return self.heads[i] if i < self.n else None

    def verb(self, i: int) -> tuple[str, ...] | None:
        if not self.word(i) or (self.toks[i][0].isupper() and not self.upper[i]):
            return None
        if self.keys[i] not in ROLE_VERBS:
            return None
        phrase = self.match(i, ROLE_VERBS)
        if phrase is None:
            return None
        after = self.keys[i + len(phrase) : i + len(phrase) + 1]
        if phrase == ("báo", "cáo") and after == ["viên"]:
            return None  # "báo cáo viên", a lecturer
        if phrase == ("nói",) and after in (["chung"], ["riêng"]):
            return None
        if phrase == ("thông", "tin") and after and after[0] in _NOUN_AFTER_INFORMATION:
            return None  # "Ban Chỉ đạo công tác thông tin đối ngoại": a noun
        if phrase == ("giới", "thiệu") and after == ["việc"]:
            return None  # "Trung tâm giới thiệu việc làm": a body's name
        if len(phrase) > 1 and after and self.match(i + len(phrase) - 1, ROLE_VERBS):
            return None  # "thông báo cáo": the verb is the later "báo cáo"
        return phrase

    def noun_compound(self, i: int) -> bool:
        """A verb's first word that is here part of a noun: "dự án", "dự khuyết"."""
        nxt = self.keys[i + 1 : i + 2]
        return bool(nxt) and (self.keys[i], nxt[0]) in NOUN_COMPOUNDS

    def predicate_start(self, i: int) -> bool:
        if i >= self.n:
            return False
        known = self.predicates[i]
        if known is None:
            known = self.predicates[i] = self._is_predicate_start(i)
        return known

    def _is_predicate_start(self, i: int) -> bool:
        if not self.is_word[i]:
            return False
        if self.toks[i][0].isupper() and not self.upper[i]:
            return False
        if self.noun_compound(i):
            return False  # "Ủy viên dự khuyết Trung ương Đảng", "Giám đốc dự án"
        if i and (self.keys[i - 1], self.keys[i]) in _NOUN_ENDINGS:
            return False  # "Giám đốc Trung tâm …" (not "tâm sự"), "việc làm" (not "làm")
        if self.keys[i] == "đối" and self.keys[i + 1 : i + 2] not in (["thoại"], ["với"]):
            return False  # "Ban Chỉ đạo công tác thông tin đối ngoại"
        return self.keys[i] in lx.PREDICATE_STARTS or self.verb(i) is not None

    def name_token(self, i: int) -> bool:
        if i >= self.n or not self.is_cap[i]:
            return False
        known = self._name_tokens[i]
        if known is None:
            known = self._name_tokens[i] = self._is_name_token(i)
        return known

    def _is_name_token(self, i: int) -> bool:
        tok = self.toks[i]
        if len(tok) > 1 and tok.isupper() and not self.upper[i]:
            return False
        if self.keys[i] in lx.NOT_NAME or self.head(i) or self.match(i, NOT_NAME_PAIRS):
            return False
        return not (self.upper[i] and (self.keys[i] in UPPER_STOPS or self.verb(i)))

    def name_run(self, i: int) -> int:
        """Where the run of name tokens starting at `i` ends (`name_token`, inlined)."""
        j = i
        limit = min(self.n, i + MAX_NAME + 3)
        is_cap, known = self.is_cap, self._name_tokens
        while j < limit and is_cap[j]:
            flag = known[j]
            if flag is None:
                flag = known[j] = self._is_name_token(j)
            if not flag:
                break
            j += 1
        return j

    def skip_places(self, a: int, b: int) -> int:
        while a < b:
            place = self.match(a, PLACES)
            if not place and a and self.keys[a - 1] in ("tp", "phố"):
                place = self.match(a, CITIES)  # "TP Hồ Chí Minh", not the President
            if not place or a + len(place) > b:
                break
            a += len(place)
        return a

    def name_in(self, a: int, b: int, need_surname: bool) -> tuple[int, int] | None:
        """Where the name is inside the capitalised stretch a..b, if anywhere."""
        a = self.skip_places(a, b)
        if not need_surname and b - a == 5 and self.family_name(a):
            return a, b  # "Y Thanh Hà Niê Kđăm"
        for k in range(a, b - 1):
            if self.family_name(k) and 2 <= b - k <= 4:
                return k, b
        if not need_surname and 2 <= b - a <= 4:
            return a, b
        if not need_surname and b - a == 1:
            return a, b  # a short mention; kept only if it joins a full name
        return None

    def foreign_name(self, a: int, b: int) -> tuple[int, int] | None:
        """A foreign name after a title ("Toàn quyền Đông Dương Klobukowski", "Thủ tướng
        Anthony Albanese"): unaccented words, one with a letter Vietnamese never writes
        (f, j, w, z), or two or three of which one is no Vietnamese syllable."""
        a = self.skip_places(a, b)
        if not 1 <= b - a <= 3 or (b < self.n and self.toks[b] in DASH_TOKENS):
            return None
        if a and (self.keys[a - 1] in lx.NOT_NAME or self.keys[a - 1] == "ủy"):
            return None  # "Sở Zalo": the name of a body
        words = self.toks[a:b]
        if not all(w.isascii() and not w.isupper() for w in words):
            return None
        if any(FOREIGN_LETTERS.search(w) for w in words):
            return a, b
        # Two or three words, one that no Vietnamese syllable spells: "Anthony Albanese".
        foreign = (
            b - a >= 2
            and not all(VIETNAMESE_SYLLABLE.match(w) for w in words)
            and lx.COMPANY_WORDS.isdisjoint(self.keys[a:b])
        )
        return (a, b) if foreign else None

    def family_name(self, i: int) -> bool:
        """A family name, or the "H'" that starts an Ê Đê woman's name ("H'Yim Kđoh")."""
        return self.keys[i] in lx.SURNAMES or self.keys[i].startswith(("h'", "h’"))

    def name_text(self, a: int, b: int) -> tuple[str, ...]:
        words = self.toks[a:b]
        if self.upper[a]:
            words = [w.title() for w in words]
        return tuple(words)

    def span(self, a: int, b: int) -> str:
        """The text of tokens a..b-1 as written."""
        if a >= b:
            return ""
        return squash("".join(self.parts[3 * a + 2 : 3 * b]))


def after(r: Reader, i: int, table: dict[str, list[tuple[str, ...]]]) -> bool:
    options = table.get(r.keys[i - 1]) if i > 0 else None
    return options is not None and any(
        tuple(r.keys[max(0, i - len(phrase)) : i]) == phrase for phrase in options
    )


def excluded(r: Reader, i: int, after_title: bool = False) -> bool:
    """A name in a photo credit or in the name of an institution, place or doctrine."""
    before = r.keys[max(0, i - 2) : i]
    if "ảnh" in before and ":" in r.toks[max(0, i - 2) : i] and not r.head(i):
        return True  # "Ảnh: Minh Hà", a credit; "Ảnh: Bí thư … phát biểu" is a caption
    last = r.keys[i - 1] if i > 0 else None
    if last not in INSTITUTIONS and last not in PLACE_UNITS:
        return False  # no phrase of either table ends right before `i`
    return after(r, i, INSTITUTIONS) or (not after_title and after(r, i, PLACE_UNITS))
