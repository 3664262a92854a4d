"""Numbers as a teacher reads them: rounded half up (12.5% is 13%), the same on every page and file.

Python's round() and format() round half to even (12.5 → "12", 37.5 → "38"), which teachers
read as a mistake. And a grade computed as points / max × 100 in floats can land a hair
below the half it stands for (29 / 200 × 100 is 14.499999999999998), so a value is first
settled to SETTLE_PLACES decimals, far finer than any mark, and only then rounded half up.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

SETTLE_PLACES = 9  # float artefacts sit around the 15th digit; real marks never need this many
NO_VALUE = "–"


def half_up(value: float, places: int = 0) -> Decimal:
    """value rounded half up (a half goes away from zero) to `places` decimals, after settling float artefacts."""
    if not math.isfinite(value):
        raise ValueError(f"cannot round {value!r} for display")
    with localcontext() as context:
        context.prec = 400  # room for any float's digits: quantize fails rather than lose some
        settled = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-SETTLE_PLACES), ROUND_HALF_UP)
        # + 0 turns a rounded -0 (from, say, -0.3) into 0: nobody wants to read "-0%".
        return settled.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) + 0


def number_text(value: float | None, places: int = 0) -> str:
    """ "13", "31.3" (places=1); "–" for no value."""
    return NO_VALUE if value is None else format(half_up(value, places), "f")


def trimmed_text(value: float | None, places: int = 2) -> str:
    """Up to `places` decimals without trailing zeros: "2.5" points, "3" points; "–" for no value."""
    if value is None:
        return NO_VALUE
    text = number_text(value, places)
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent_text(value: float | None, places: int = 0) -> str:
    """A value already in percent as shown: "13%" for 12.5; "–" for no value."""
    return NO_VALUE if value is None else number_text(value, places) + "%"


def spreadsheet_number(value: float | None, places: int = 2) -> float | int | None:
    """A number for a CSV cell: rounded half up, and whole numbers without ".0"."""
    if value is None:
        return None
    rounded = half_up(value, places)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)
