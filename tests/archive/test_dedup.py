"""Near-duplicate keys on Vietnamese text: normalisation, copies and non-copies."""

from __future__ import annotations

import random
import re
import unicodedata
import zlib

import numpy as np
from datasketch import MinHash
from hypothesis import given
from hypothesis import strategies as st

from scraper.archive import dedup
from tests.support.vn_texts import COPY, OTHER, STORY


def test_normalise_drops_source_prefix_byline_case_and_spacing() -> None:
    assert dedup.normalise("Sóc Trăng (TG) - Sáng 15/3, Tỉnh ủy họp.\nTô Nài Não") == (
        "sáng 15/3, tỉnh ủy họp."
    )
    assert dedup.normalise("TG - Sáng 15/3,   Tỉnh ủy họp.") == "sáng 15/3, tỉnh ủy họp."
    assert dedup.normalise("(ĐCSVN) – Sáng 15/3, Tỉnh ủy họp.\nNguồn: ĐCSVN") == (
        "sáng 15/3, tỉnh ủy họp."
    )


def test_normalise_keeps_a_dash_inside_the_first_sentence() -> None:
    text = "Kinh tế - xã hội của tỉnh tăng trưởng khá trong năm 2023."
    assert dedup.normalise(text) == text.casefold()


def test_nfd_and_nfc_bodies_have_the_same_shingles() -> None:
    import unicodedata

    assert dedup.shingles(unicodedata.normalize("NFD", STORY)) == dedup.shingles(STORY)


def test_republication_is_a_copy_and_shares_a_band() -> None:
    a, b = dedup.shingles(STORY), dedup.shingles(COPY)
    assert dedup.is_copy(a, b)
    assert dedup.similarity(a, b) > 0.7
    keys_a = set(dedup.band_keys(dedup.signature(a)))
    assert keys_a & set(dedup.band_keys(dedup.signature(b)))


def test_another_report_of_the_same_conference_is_not_a_copy() -> None:
    a, b = dedup.shingles(STORY), dedup.shingles(OTHER)
    assert not dedup.is_copy(a, b)
    assert dedup.similarity(a, b) < 0.2


def test_short_bodies_are_not_clustered() -> None:
    assert dedup.shingles("Ban Tuyên giáo Tỉnh ủy thông báo lịch tiếp công dân.") == set()


def test_signatures_are_stable() -> None:
    # Band keys are stored: the same text must give the same keys in every process.
    keys = dedup.band_keys(dedup.signature(dedup.shingles(STORY)))
    assert len(keys) == len(dedup.BANDS) == 16
    assert keys == dedup.band_keys(dedup.signature(dedup.shingles(STORY)))
    assert keys[0] == 8595338557261171958


def test_signature_is_datasketchs_minhash() -> None:
    # The numpy MinHash must give datasketch's values: the stored band keys depend on it.
    rng = random.Random(3)
    for size in (1, 7, 500):
        values = {rng.getrandbits(32) for _ in range(size)}
        expected = MinHash(dedup.NUM_PERM, dedup.SEED, hashfunc=int, scheme="affine32")
        expected.update_batch(list(values))
        assert (dedup.signature(values) == expected.hashvalues).all()


def test_permutations_are_datasketchs() -> None:
    a, b = MinHash(dedup.NUM_PERM, dedup.SEED, scheme="affine32").permutations
    ours = dedup._permutations()
    assert (ours[0] == a).all() and (ours[1] == b).all()
    assert ours[0].dtype == a.dtype and ours[1].dtype == b.dtype


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_words_are_the_regex_words(text: str) -> None:
    assert dedup.words(text) == re.findall(r"\w+", text)


def test_words_of_prose_and_numbers() -> None:
    text = "(TG) - Sáng 15/3, “Đảng” họp; Chỉ thị 19-CT/TU, 1.000 người_dân…"
    assert dedup.words(text) == re.findall(r"\w+", text)
    assert dedup.words(text)[:4] == ["TG", "Sáng", "15", "3"]


# Bodies as they come: a source prefix or not, byline lines at the end or not, any line
# breaks and spaces, letters that change length when case-folded (ß, ﬁ), NFD.
_LINE = st.lists(
    st.sampled_from([*"aăĐđẢảÔô ßﬁ.,;:-–()\t\u00a0\u0301", "TG", "Nguồn:", "Sáng"]), max_size=40
).map("".join)
_BODY = st.builds(
    "".join,
    st.lists(
        st.one_of(
            _LINE,
            st.sampled_from(["\n", "\r\n", "\u2028", "\x1c", "\x85", "TG - ", "(ĐCSVN) – "]),
        ),
        max_size=12,
    ),
)


@given(_BODY | st.text())
def test_pieces_are_those_of_the_key_text_and_of_the_stripped_body(body: str) -> None:
    whole, stripped = dedup._pieces(body)
    assert " ".join(whole) == dedup.key_text(body)
    assert stripped == dedup._strip(body).split()


@given(st.lists(_BODY | st.text(), max_size=4))
def test_syllable_ids_are_the_crc32_of_the_words(bodies: list[str]) -> None:
    for body in bodies:
        stripped = dedup._pieces(body)[1]
        expected = [zlib.crc32(word.encode()) for word in dedup.words(" ".join(stripped))]
        assert dedup._syllable_ids(stripped).tolist() == expected


@given(st.lists(st.lists(st.integers(0, 2**32 - 1), min_size=dedup.SHINGLE), min_size=1))
def test_shingles_end_to_end_are_those_of_each_body(bodies: list[list[int]]) -> None:
    ids = [np.array(body, np.uint64) for body in bodies]
    hashes, starts = dedup._shingles_end_to_end(ids)
    each = [dedup._shingle_hashes(body) for body in ids]
    assert hashes.tolist() == np.concatenate(each).tolist()
    assert starts.tolist() == np.cumsum([0] + [len(h) for h in each[:-1]]).tolist()


def test_body_keys_are_the_key_texts() -> None:
    bodies = [STORY, unicodedata.normalize("NFD", COPY), "  Quá  ngắn.\r\nTG  "]
    assert dedup.bodies_keys(bodies)[0] == [dedup.key_text(body) for body in bodies]


def test_band_keys_of_many_bodies_are_those_of_each() -> None:
    # Fewer than, and as many as, the bodies that switch to hashing by permutation.
    few = [STORY, "Quá ngắn để so sánh.", COPY, OTHER, STORY]
    for bodies in (few, few * 4):
        expected = [
            dedup.band_keys(dedup.signature(s)) if (s := dedup.shingles(body)) else []
            for body in bodies
        ]
        assert dedup.bodies_band_keys(bodies) == expected
    assert dedup.bodies_band_keys([]) == []


def test_band_layout_is_datasketchs() -> None:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(num_perm=dedup.NUM_PERM, params=(len(dedup.BANDS), dedup.BAND_ROWS))
    assert tuple(lsh.hashranges) == dedup.BANDS
