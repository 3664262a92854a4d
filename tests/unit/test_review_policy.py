"""What a review shows, decided from the settings, the close date and now."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from lectern.core.review_policy import ReviewShow, review_show, visible

NOW = datetime(2025, 3, 1, 12, 0)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize("when, closes_at, expected", [
    ("immediately", None, True),
    ("immediately", NOW + HOUR, True),
    ("never", None, False),
    ("never", NOW - HOUR, False),
    ("after_close", NOW + HOUR, False),
    ("after_close", NOW - HOUR, True),
    ("after_close", NOW, True),
    ("after_close", None, False),  # a quiz that never closes never reaches "after close"
])
def test_visible(when, closes_at, expected):
    assert visible(when, closes_at, NOW) is expected


def test_each_part_follows_its_own_setting():
    assert review_show("immediately", "after_close", "never", NOW + HOUR, NOW) == ReviewShow(True, False, False)
    assert review_show("immediately", "after_close", "never", NOW - HOUR, NOW) == ReviewShow(True, True, False)
    assert review_show("never", "never", "immediately", None, NOW) == ReviewShow(False, False, True)


def test_the_defaults_show_everything():
    assert review_show("immediately", "immediately", "immediately", None, NOW) == ReviewShow()
