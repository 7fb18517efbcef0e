"""Charts rendered on the server as inline SVG (no scripts): horizontal bars for now.

``render_bar_chart(rows, title=..., description=..., unit="%")`` draws one bar per row,
in the order given, with the row's label on the left and its value after the bar. The
chart is ``role="img"`` named by its ``<title>`` and described by its ``<desc>``; the
page shows the same figures in a table underneath (a chart is never the only place the
numbers live). Only presentation attributes are used (the CSP forbids ``style``), every
text is escaped, and the default colours have more than 4.5:1 contrast on white.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

__all__ = ["Bar", "render_bar_chart", "format_value"]

BAR_COLOUR = "#1f5a9e"  # 6.97:1 on white
TEXT_COLOUR = "#131525"
AXIS_COLOUR = "#6e7597"  # 4.51:1 on white
ROW_HEIGHT = 28
BAR_HEIGHT = 18
FONT_SIZE = 14
CHAR_WIDTH = 7.6  # average width of a character at FONT_SIZE, for the label column
VALUE_WIDTH = 80
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Bar:
    """One row: a label and a value; ``value_text`` replaces the formatted value."""

    label: str
    value: float | int | Decimal
    value_text: str = ""


def format_value(value: float | int | Decimal, unit: str = "", decimals: int = 1) -> str:
    """The value in the active language's number format (German: 12,5), with the unit.

    Rounds half up, like the ``floatformat`` filter, so a chart and its table agree."""
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = number_format(exact, decimal_pos=decimals, use_l10n=True)
    return f"{text}\u00a0{unit}" if unit else text


@dataclass(frozen=True)
class _Layout:
    label_width: float
    scale: float
    unit: str
    decimals: int
    colour: str


def _row(index: int, bar: Bar, layout: _Layout) -> SafeString:
    label_width, colour = layout.label_width, layout.colour
    y = index * ROW_HEIGHT
    length = max(float(bar.value), 0.0) * layout.scale
    value_text = bar.value_text or format_value(bar.value, layout.unit, layout.decimals)
    middle = y + ROW_HEIGHT / 2 + FONT_SIZE * 0.35
    return format_html(
        '<g class="svg-chart__row">'
        '<text x="{}" y="{}" text-anchor="end" font-size="{}" fill="{}">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text></g>',
        f"{label_width - 8:.1f}", f"{middle:.1f}", FONT_SIZE, TEXT_COLOUR, bar.label,
        f"{label_width:.1f}", f"{y + (ROW_HEIGHT - BAR_HEIGHT) / 2:.1f}", f"{length:.1f}",
        BAR_HEIGHT, colour,
        f"{label_width + length + 6:.1f}", f"{middle:.1f}", FONT_SIZE, TEXT_COLOUR, value_text,
    )  # fmt: skip


def render_bar_chart(
    rows: Sequence[Bar],
    *,
    title: str,
    description: str,
    unit: str = "",
    maximum: float | None = None,
    decimals: int = 1,
    colour: str = BAR_COLOUR,
    width: int = 640,
    id_prefix: str = "chart",
) -> SafeString:
    """A horizontal bar chart as ``<svg>``.

    Bars are scaled to ``maximum`` (default: the largest value; 100 suits percentages).
    Values are formatted for the active language with ``decimals`` places and ``unit``,
    unless a row brings its own ``value_text``. ``id_prefix`` must be unique on the page.
    """
    if not _COLOUR.fullmatch(colour):
        raise ValueError(f"colour {colour!r} is not #rrggbb")
    longest = max((len(bar.label) for bar in rows), default=0)
    label_width = min(longest * CHAR_WIDTH + 16, width * 0.45)
    largest = maximum if maximum is not None else max((float(b.value) for b in rows), default=0)
    scale = (width - label_width - VALUE_WIDTH) / largest if largest > 0 else 0.0
    layout = _Layout(label_width, scale, unit, decimals, colour)
    body = format_html_join("", "{}", ((_row(i, bar, layout),) for i, bar in enumerate(rows)))
    height = max(len(rows), 1) * ROW_HEIGHT
    return format_html(
        '<svg class="svg-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title" aria-describedby="{}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}'
        '<line x1="{}" y1="0" x2="{}" y2="{}" stroke="{}" stroke-width="1"/></svg>',
        width, height, id_prefix, id_prefix, id_prefix, title, id_prefix, description, body,
        f"{label_width:.1f}", f"{label_width:.1f}", height, AXIS_COLOUR,
    )  # fmt: skip
