"""Charts as inline SVG built on the server from plain numbers: no script and no CDN, because
classrooms are often offline, and the same markup prints and reads aloud.

Each builder returns the SVG as Markup (a str) with role="img", a <title> and a <desc> that
name and summarise the chart; the page puts a table of the same numbers next to it. Every
piece of text that came from outside (labels, titles) is escaped here, once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from lectern.core.rounding import trimmed_text

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 16, 64   # room for the axis labels
LABEL_CHARS = 16                            # longer labels are cut on the axis (the table has them whole)
NO_DATA = "No data yet"


@dataclass(frozen=True)
class Point:
    """One point of a scatter chart: its label (drawn next to it) and its coordinates."""

    label: str
    x: float
    y: float
    title: str = ""  # read on hover; the label when empty


def histogram_bins(values: Sequence[float], bins: int = 10, low: float = 0.0,
                   high: float = 100.0) -> list[tuple[str, int]]:
    """How many values fall in each of `bins` equal bins from low to high, labelled "0–10".

    A bin holds its lower edge; the last one holds `high` too, so 100% lands in 90–100.
    Values outside the range go to the nearest end bin rather than disappear.
    """
    width = (high - low) / bins
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, max(0, math.floor((value - low) / width)))] += 1
    return [(f"{low + i * width:g}–{low + (i + 1) * width:g}", c) for i, c in enumerate(counts)]


def nice_step(span: float, target: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about `target` ticks."""
    if span <= 0:
        return 1.0
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _num(value: float) -> str:
    return trimmed_text(value, 1)


def _open(chart_id: str, title: str, description: str, kind: str) -> list[str]:
    cid = escape(chart_id)
    return [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" id="{cid}" '
         f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{cid}-title {cid}-desc">'),
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
    ]


def _empty(parts: list[str], message: str) -> Markup:
    parts.append(f'<text class="chart-empty" x="{WIDTH / 2:g}" y="{HEIGHT / 2:g}" '
                 f'text-anchor="middle">{escape(message)}</text></svg>')
    # Safe to mark: every text in parts went through escape(); the rest is our own tags and numbers.
    svg = "".join(parts)
    return Markup(svg)  # nosec B704


def _axis_title(x: float, y: float, text: str, vertical: bool = False) -> str:
    turn = f' transform="rotate(-90 {x:g} {y:g})"' if vertical else ""
    return f'<text class="axis-title" x="{x:g}" y="{y:g}" text-anchor="middle"{turn}>{escape(text)}</text>'


def _y_axis(parts: list[str], low: float, high: float, step: float, scale, unit: str) -> None:
    """Horizontal grid lines with their values on the left."""
    parts.append('<g class="axis axis-y">')
    for i in range(round((high - low) / step) + 1):
        tick = low + i * step  # counted, not summed, so no rounding drift
        y = scale(tick)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_num(tick)}{escape(unit)}</text>')
    parts.append("</g>")


def bar_chart(bars: Sequence[tuple[str, float]], *, chart_id: str, title: str, description: str,
              y_max: float | None = None, x_label: str = "", y_label: str = "", unit: str = "",
              empty: str = NO_DATA) -> Markup:
    """Vertical bars, one per (label, value), values from 0 to y_max (default: a round top)."""
    parts = _open(chart_id, title, description, "bars")
    if not bars:
        return _empty(parts, empty)
    top = y_max if y_max is not None else max(max(v for _, v in bars), 1)
    step = nice_step(top)
    top = math.ceil(top / step - 1e-9) * step
    plot_h, plot_w = HEIGHT - TOP - BOTTOM, WIDTH - LEFT - RIGHT

    def scale(v: float) -> float:
        return TOP + plot_h * (1 - min(max(v, 0), top) / top)

    _y_axis(parts, 0, top, step, scale, unit)
    slot = plot_w / len(bars)
    parts.append('<g class="bars">')
    for i, (label, value) in enumerate(bars):
        x, y = LEFT + i * slot + slot * 0.15, scale(value)
        words = f"{label}: {_num(value)}{unit}"
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
                     f'height="{TOP + plot_h - y:.1f}"><title>{escape(words)}</title></rect>')
        centre = LEFT + (i + 0.5) * slot
        parts.append(f'<text class="bar-value" x="{centre:.1f}" y="{y - 4:.1f}" '
                     f'text-anchor="middle">{_num(value)}{escape(unit)}</text>')
        parts.append(f'<text class="bar-label" x="{centre:.1f}" y="{TOP + plot_h + 18}" '
                     f'text-anchor="middle">{escape(_short(label))}</text>')
    return _finish(parts, x_label, y_label, x_title_y=HEIGHT - 12)


def _finish(parts: list[str], x_label: str, y_label: str, *, x_title_y: float) -> Markup:
    """Close the plot group, add the axis titles, and close the SVG."""
    plot_h, plot_w = HEIGHT - TOP - BOTTOM, WIDTH - LEFT - RIGHT
    parts.append("</g>")
    if x_label:
        parts.append(_axis_title(LEFT + plot_w / 2, x_title_y, x_label))
    if y_label:
        parts.append(_axis_title(16, TOP + plot_h / 2, y_label, vertical=True))
    parts.append("</svg>")
    # Safe to mark: every label, title and description in parts went through escape(); the rest is
    # our own tags and formatted numbers.
    svg = "".join(parts)
    return Markup(svg)  # nosec B704


def histogram(values: Sequence[float], *, chart_id: str, title: str, description: str,
              bins: int = 10, x_label: str = "Score (%)", y_label: str = "Attempts",
              empty: str = NO_DATA) -> Markup:
    """A histogram of percentages in `bins` equal bins from 0 to 100."""
    if not values:
        return bar_chart([], chart_id=chart_id, title=title, description=description, empty=empty)
    return bar_chart(histogram_bins(values, bins), chart_id=chart_id, title=title,
                     description=description, x_label=x_label, y_label=y_label)


def scatter_chart(points: Sequence[Point], *, chart_id: str, title: str, description: str,
                  x_range: tuple[float, float], y_range: tuple[float, float],
                  x_lines: Sequence[tuple[float, str]] = (), y_lines: Sequence[tuple[float, str]] = (),
                  x_label: str = "", y_label: str = "", unit: str = "", empty: str = NO_DATA) -> Markup:
    """Labelled points on two linear axes, with dashed reference lines (value, caption) on each."""
    parts = _open(chart_id, title, description, "scatter")
    if not points:
        return _empty(parts, empty)
    (x0, x1), (y0, y1) = x_range, y_range
    plot_h, plot_w = HEIGHT - TOP - BOTTOM, WIDTH - LEFT - RIGHT

    def sx(v: float) -> float:
        return LEFT + plot_w * (min(max(v, x0), x1) - x0) / (x1 - x0)

    def sy(v: float) -> float:
        return TOP + plot_h * (1 - (min(max(v, y0), y1) - y0) / (y1 - y0))

    _y_axis(parts, y0, y1, nice_step(y1 - y0), sy, unit)
    parts.append('<g class="axis axis-x">')
    step = nice_step(x1 - x0)
    for i in range(round((x1 - x0) / step) + 1):
        tick = x0 + i * step
        parts.append(f'<text x="{sx(tick):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">'
                     f'{_num(tick)}{escape(unit)}</text>')
    parts.append("</g><g class=\"reference\">")
    for value, caption in x_lines:
        x = sx(value)
        parts.append(f'<line class="reference-line" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" '
                     f'y2="{TOP + plot_h}" stroke-dasharray="6 4"/>'
                     f'<text class="reference-caption" x="{x + 4:.1f}" y="{TOP + 12}">{escape(caption)}</text>')
    for value, caption in y_lines:
        y = sy(value)
        parts.append(f'<line class="reference-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
                     f'y2="{y:.1f}" stroke-dasharray="6 4"/>'
                     f'<text class="reference-caption" x="{WIDTH - RIGHT - 4}" y="{y - 4:.1f}" '
                     f'text-anchor="end">{escape(caption)}</text>')
    parts.append('</g><g class="points">')
    for p in points:
        x, y = sx(p.x), sy(p.y)
        words = p.title or f"{p.label}: {_num(p.x)}, {_num(p.y)}"
        parts.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="5"><title>{escape(words)}</title></circle>'
                     f'<text class="point-label" x="{x + 7:.1f}" y="{y - 5:.1f}">{escape(_short(p.label))}</text>')
    return _finish(parts, x_label, y_label, x_title_y=HEIGHT - 20)
