"""Join codes for classes and personal codes for students: short, random, easy to read aloud.

Pure: no Flask, no database. Codes are stored in canonical form (upper-case, no
separators); people may type them in any case, with spaces or hyphens.
"""

from __future__ import annotations

import hashlib
import re
import secrets

# No 0/O, 1/I/L: the characters people confuse when copying a code from a board or a
# slip of paper. Lower-case never appears in a canonical code, so "l" cannot be misread.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
AMBIGUOUS = "0O1IL"
CLASS_CODE_LENGTH = 6
PERSONAL_CODE_LENGTH = 8
PERSONAL_GROUP = 4

# What people put between groups when they copy a code: spaces, hyphens, dashes, dots.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212._]+")


def _random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_class_code() -> str:
    """A fresh class join code in canonical form, e.g. "K7MQ2P" (the caller checks uniqueness)."""
    return _random_code(CLASS_CODE_LENGTH)


def new_personal_code() -> str:
    """A fresh personal code, grouped for writing down, e.g. "ABCD-EFGH"."""
    return group(_random_code(PERSONAL_CODE_LENGTH), PERSONAL_GROUP)


def normalise(text: str | None) -> str:
    """The canonical form of a code as typed: upper-case, without spaces or hyphens."""
    return _SEPARATORS.sub("", text or "").upper()


def group(code: str, size: int) -> str:
    """A canonical code split into hyphenated groups of `size` for reading and writing."""
    return "-".join(code[i:i + size] for i in range(0, len(code), size))


def is_well_formed(code: str, length: int) -> bool:
    """Whether a canonical code has the right length and only characters of the alphabet."""
    return len(code) == length and all(c in ALPHABET for c in code)


def is_class_code(text: str | None) -> bool:
    """Whether the typed text could be a class code (after normalising)."""
    return is_well_formed(normalise(text), CLASS_CODE_LENGTH)


def is_personal_code(text: str | None) -> bool:
    """Whether the typed text could be a personal code (after normalising)."""
    return is_well_formed(normalise(text), PERSONAL_CODE_LENGTH)


def personal_digest(text: str) -> str:
    """SHA-256 of the canonical personal code: what is stored, so the code itself never is.

    A fast hash is enough because the code is random (31^8 ≈ 8.5e11 values) and the
    form that checks it is rate-limited; there is no dictionary to attack.
    """
    return hashlib.sha256(normalise(text).encode()).hexdigest()
