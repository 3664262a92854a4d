"""Spreadsheet-safe CSV: formula-looking text neutralised, numbers kept, RFC 4180 with a BOM."""

from __future__ import annotations

import csv
import io

import pytest

from lectern.core import csv_safety
from lectern.core.csv_safety import csv_text, neutralise, restore, safe_cell
from lectern.core.interchange import csv_format


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'])
def test_formula_looking_text_gets_an_apostrophe_and_comes_back(text):
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", ["Ana", "", "1+1", "a=b", "'quoted'", "'", "'plain", " =1"])
def test_other_text_is_left_alone(text):
    assert neutralise(text) == text
    assert restore(text) == text


def test_numbers_stay_numbers_and_none_is_empty():
    assert safe_cell(-3) == -3 and safe_cell(62.5) == 62.5 and safe_cell(None) == ""
    assert safe_cell(True) == "yes" and safe_cell("-3") == "'-3"  # text that looks negative is still text


def test_csv_text_is_rfc_4180_with_a_bom_and_round_trips_awkward_cells():
    awkward = 'Lima, "Ana"\nsecond line'
    text = csv_text(["Student", "Grade"], [[awkward, 50], ["=1+1", None]])
    assert text.startswith(csv_safety.BOM) and text.count("\r\n") == 3
    assert list(csv.reader(io.StringIO(text.removeprefix(csv_safety.BOM), newline=""))) == [
        ["Student", "Grade"], [awkward, "50"], ["'=1+1", ""]]
    assert not csv_text(["a"], [], bom=False).startswith(csv_safety.BOM)


def test_the_question_spreadsheet_format_uses_the_same_rules():
    assert csv_format.neutralise is neutralise and csv_format.restore is restore
