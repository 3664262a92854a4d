"""Stored times (naive UTC) on a person's clock and back, across the DST changes."""

from __future__ import annotations

from datetime import datetime

import pytest

from lectern.core.local_time import local_text, to_local, to_utc, zone_named

BERLIN = zone_named("Europe/Berlin")
NEW_YORK = zone_named("America/New_York")


@pytest.mark.parametrize(("utc", "zone", "shown"), [
    (datetime(2026, 12, 1, 8, 30), BERLIN, "01 Dec 2026, 09:30 CET"),
    (datetime(2026, 7, 1, 8, 30), BERLIN, "01 Jul 2026, 10:30 CEST"),
    (datetime(2027, 1, 15, 14, 0), NEW_YORK, "15 Jan 2027, 09:00 EST"),
    (datetime(2026, 12, 1, 8, 30), zone_named("America/Sao_Paulo"), "01 Dec 2026, 05:30 UTC-03"),
    (datetime(2026, 12, 1, 8, 30), zone_named("UTC"), "01 Dec 2026, 08:30 UTC"),
])
def test_a_stored_time_reads_on_the_viewers_clock_with_the_zone_named(utc, zone, shown):
    assert local_text(utc, zone) == shown


@pytest.mark.parametrize("local", [datetime(2027, 1, 15, 9, 0), datetime(2027, 7, 15, 9, 0)])
def test_a_local_time_goes_to_utc_and_comes_back_unchanged(local):
    stored = to_utc(local, NEW_YORK)
    assert stored.tzinfo is None
    assert to_local(stored, NEW_YORK).replace(tzinfo=None) == local


def test_winter_and_summer_offsets_differ():
    assert to_utc(datetime(2027, 1, 15, 9, 0), NEW_YORK) == datetime(2027, 1, 15, 14, 0)
    assert to_utc(datetime(2027, 7, 15, 9, 0), NEW_YORK) == datetime(2027, 7, 15, 13, 0)


def test_a_time_in_the_spring_gap_is_read_as_that_long_after_the_change():
    # Berlin, 28 Mar 2027: the clocks jump from 02:00 to 03:00, so 02:30 never happens.
    stored = to_utc(datetime(2027, 3, 28, 2, 30), BERLIN)
    assert stored == datetime(2027, 3, 28, 1, 30)
    assert local_text(stored, BERLIN) == "28 Mar 2027, 03:30 CEST"


def test_a_time_the_autumn_overlap_repeats_means_the_first_of_the_two():
    # Berlin, 31 Oct 2027: the clocks go back from 03:00 to 02:00, so 02:30 happens twice.
    stored = to_utc(datetime(2027, 10, 31, 2, 30), BERLIN)
    assert stored == datetime(2027, 10, 31, 0, 30)  # 02:30 CEST, the earlier moment
    assert local_text(stored, BERLIN) == "31 Oct 2027, 02:30 CEST"
    assert local_text(datetime(2027, 10, 31, 1, 30), BERLIN) == "31 Oct 2027, 02:30 CET"


@pytest.mark.parametrize("name", [None, "", "Mars/Base", "America", "../../etc/passwd", "/etc/localtime",
                                  "Europe/Berlin\x00", "x" * 200, "Europe/../UTC"])
def test_a_name_that_is_no_zone_gives_none(name):
    assert zone_named(name) is None


def test_a_time_at_the_edge_of_the_calendar_stays_in_utc_rather_than_failing():
    assert local_text(datetime(9999, 12, 31, 23, 0), zone_named("Asia/Tokyo")) == "31 Dec 9999, 23:00 UTC"


def test_the_time_of_day_alone_reads_on_the_viewers_clock():
    from lectern.core.local_time import local_clock_text

    assert local_clock_text(datetime(2026, 12, 1, 8, 30, 5), BERLIN) == "09:30:05 CET"
