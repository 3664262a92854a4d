"""SVG charts: well-formed XML, one mark per datum, labels escaped, a clear empty state."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from lectern.core import charts
from lectern.core.charts import (
    Point,
    bar_chart,
    histogram,
    histogram_bins,
    nice_step,
    scatter_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
    assert root.tag == f"{SVG}svg"
    return root


def marks(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}{tag}") if e.get("class") == cls]


def texts(root: ET.Element) -> list[str]:
    return [e.text or "" for e in root.iter(f"{SVG}text")]


def common(**overrides):
    return {"chart_id": "c1", "title": "A chart", "description": "What it shows.", **overrides}


def test_a_bar_chart_draws_one_bar_per_value_with_its_label_and_value():
    svg = bar_chart([("locate", 80), ("understand", 65.5), ("evaluate", 0)], **common(), y_max=100, unit="%")
    assert isinstance(svg, Markup) and isinstance(svg, str)
    root = parse(svg)
    assert len(marks(root, "rect", "bar")) == 3
    assert {"locate", "understand", "evaluate", "80%", "65.5%", "0%"} <= set(texts(root))
    assert [r.find(f"{SVG}title").text for r in marks(root, "rect", "bar")] == [
        "locate: 80%", "understand: 65.5%", "evaluate: 0%"]


def test_taller_values_make_taller_bars():
    root = parse(bar_chart([("a", 10), ("b", 40)], **common(), y_max=100))
    low, high = (float(r.get("height")) for r in marks(root, "rect", "bar"))
    assert high == pytest.approx(4 * low)


def test_every_chart_is_an_image_with_a_title_and_a_description():
    for svg in (bar_chart([("a", 1)], **common()), histogram([50.0], **common()),
                scatter_chart([Point("1", 50, 30)], **common(), x_range=(0, 100), y_range=(-100, 100))):
        root = parse(svg)
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == "c1-title c1-desc"
        assert root.find(f"{SVG}title").get("id") == "c1-title"
        assert root.find(f"{SVG}title").text == "A chart"
        assert root.find(f"{SVG}desc").text == "What it shows."


def test_labels_titles_and_ids_are_escaped():
    nasty = '<script>alert("x")</script> & co'
    for svg in (bar_chart([(nasty, 3)], **common(title=nasty, description=nasty)),
                scatter_chart([Point(nasty, 10, 10, title=nasty)], **common(title=nasty), x_range=(0, 100),
                              y_range=(0, 100), x_lines=[(50, nasty)], x_label=nasty)):
        assert "<script>" not in svg and "&lt;script&gt;" in svg
        root = parse(svg)  # and still well-formed: the text reads back as it was given
        assert root.find(f"{SVG}title").text == nasty
    root = parse(bar_chart([("a", 1)], **common(chart_id='x" onload="evil()')))
    assert root.get("onload") is None


def test_long_labels_are_shortened_on_the_axis_but_whole_in_the_hover_title():
    label = "a very long label that does not fit"
    root = parse(bar_chart([(label, 1)], **common()))
    assert any(t.endswith("…") and len(t) == charts.LABEL_CHARS for t in texts(root))
    assert marks(root, "rect", "bar")[0].find(f"{SVG}title").text == f"{label}: 1"


def test_histogram_bins_hold_their_lower_edge_and_100_goes_in_the_last():
    bins = histogram_bins([0, 9.99, 10, 55, 100, 100, -5, 120])
    assert [label for label, _ in bins] == [f"{10 * i}–{10 * (i + 1)}" for i in range(10)]
    assert [count for _, count in bins] == [3, 1, 0, 0, 0, 1, 0, 0, 0, 3]


def test_a_histogram_draws_ten_bars_whatever_the_scores():
    root = parse(histogram([12.5, 50, 50, 100], **common()))
    bars = marks(root, "rect", "bar")
    assert len(bars) == 10
    assert [b.find(f"{SVG}title").text for b in bars][5] == "50–60: 2"


def test_a_scatter_chart_draws_and_labels_each_point_and_the_reference_lines():
    points = [Point(str(n), x, y) for n, (x, y) in enumerate([(95, 10), (50, 60), (10, -20)], start=1)]
    root = parse(scatter_chart(points, **common(), x_range=(0, 100), y_range=(-100, 100),
                               x_lines=[(20, "too hard"), (90, "too easy")], y_lines=[(20, "discriminates")]))
    assert len(marks(root, "circle", "point")) == 3
    assert [t.text for t in marks(root, "text", "point-label")] == ["1", "2", "3"]
    assert len(marks(root, "line", "reference-line")) == 3
    assert {"too hard", "too easy", "discriminates"} <= set(texts(root))
    # Facility 95 is right of facility 50; discrimination 60 is above 10 (SVG's y grows downward).
    one, two, _ = marks(root, "circle", "point")
    assert float(one.get("cx")) > float(two.get("cx")) and float(two.get("cy")) < float(one.get("cy"))


def test_points_outside_the_range_stay_on_the_chart():
    root = parse(scatter_chart([Point("1", 150, -300)], **common(), x_range=(0, 100), y_range=(-100, 100)))
    point = marks(root, "circle", "point")[0]
    assert charts.LEFT <= float(point.get("cx")) <= charts.WIDTH - charts.RIGHT
    assert charts.TOP <= float(point.get("cy")) <= charts.HEIGHT - charts.BOTTOM


@pytest.mark.parametrize("build", [
    lambda: bar_chart([], **common()),
    lambda: histogram([], **common()),
    lambda: scatter_chart([], **common(), x_range=(0, 100), y_range=(0, 100)),
], ids=["bars", "histogram", "scatter"])
def test_no_data_gives_a_clear_empty_state(build):
    root = parse(build())
    assert not marks(root, "rect", "bar") and not marks(root, "circle", "point")
    assert marks(root, "text", "chart-empty")[0].text == charts.NO_DATA
    assert root.get("role") == "img"


def test_the_empty_message_can_say_why():
    root = parse(bar_chart([], **common(), empty="Not enough data <yet>"))
    assert marks(root, "text", "chart-empty")[0].text == "Not enough data <yet>"


@pytest.mark.parametrize("span, step", [(100, 20), (7, 2), (1, 0.2), (200, 50), (0, 1), (3000, 1000)])
def test_ticks_are_round_numbers(span, step):
    assert nice_step(span) == pytest.approx(step)


def test_axis_ticks_reach_the_top_without_rounding_drift():
    root = parse(bar_chart([("a", 0.7)], **common(), y_max=0.7))
    assert "0.8" in texts(root) and "0.6000000000000001" not in "".join(texts(root))
