"""Join codes and personal codes: short, unambiguous, typed however people type them."""

from __future__ import annotations

import hashlib

import pytest

from lectern.core import join_codes
from lectern.core.join_codes import (
    ALPHABET,
    CLASS_CODE_LENGTH,
    PERSONAL_CODE_LENGTH,
    group,
    is_class_code,
    is_personal_code,
    new_class_code,
    new_personal_code,
    normalise,
    personal_digest,
)


def test_the_alphabet_has_no_characters_people_confuse():
    for ambiguous in "0O1IlL":
        assert ambiguous not in ALPHABET
    assert len(set(ALPHABET)) == len(ALPHABET) == 31
    assert ALPHABET == ALPHABET.upper()


def test_class_codes_are_six_characters_of_the_alphabet_and_vary():
    codes = {new_class_code() for _ in range(200)}
    assert all(len(c) == CLASS_CODE_LENGTH == 6 for c in codes)
    assert all(set(c) <= set(ALPHABET) for c in codes)
    assert len(codes) > 190  # random, not a counter


def test_personal_codes_are_eight_characters_grouped_in_fours():
    code = new_personal_code()
    assert len(code) == 9 and code[4] == "-"
    assert len(normalise(code)) == PERSONAL_CODE_LENGTH and set(normalise(code)) <= set(ALPHABET)
    assert is_personal_code(code) and is_personal_code(code.lower().replace("-", " "))


@pytest.mark.parametrize("typed", ["abc-def", " ABC DEF ", "AbC dEf", "abc–def", "a b c d e f", "ABC.DEF"])
def test_normalise_ignores_case_spaces_and_hyphens(typed):
    assert normalise(typed) == "ABCDEF"


@pytest.mark.parametrize("typed", [None, "", "   ", "-"])
def test_normalise_of_nothing_is_empty(typed):
    assert normalise(typed) == ""


@pytest.mark.parametrize("typed, ok", [
    ("K7M-Q2P", True), ("k7m q2p", True), ("K7MQ2", False), ("K7MQ2PX", False),
    ("K0MQ2P", False), ("KOMQ2P", False), ("K1MQ2P", False), ("KIMQ2P", False), ("", False), (None, False),
])
def test_class_code_shape(typed, ok):
    assert is_class_code(typed) is ok


def test_group_splits_for_reading():
    assert group("ABCDEFGH", 4) == "ABCD-EFGH"
    assert group("ABCDEF", 3) == "ABC-DEF"


def test_the_digest_is_sha256_of_the_canonical_code():
    assert personal_digest("abcd efgh") == personal_digest("ABCD-EFGH")
    assert personal_digest("ABCD-EFGH") == hashlib.sha256(b"ABCDEFGH").hexdigest()
    assert personal_digest("ABCD-EFGJ") != personal_digest("ABCD-EFGH")


def test_codes_come_from_the_secrets_module(monkeypatch):
    calls = []
    monkeypatch.setattr(join_codes.secrets, "choice", lambda seq: calls.append(seq) or seq[0])
    assert new_class_code() == "AAAAAA" and calls == [ALPHABET] * 6
