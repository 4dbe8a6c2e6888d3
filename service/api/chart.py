"""Monthly bar charts drawn on the server as inline SVG: no script, no CDN, readable at any width."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from service.core.events.stats import MonthTotal
from service.core.events.summary import format_date

WIDTH, HEIGHT = 640, 170
LEFT, RIGHT, TOP, BOTTOM = 50, 4, 12, 26
GAP = 0.22  # share of each month's slot left empty between bars


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 × 10^k at or above `value` (at least 10), so grid labels are round."""
    if value <= 10:
        return 10
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _short(value: int) -> str:
    """Axis labels stay narrow enough for phones: 2500 → "2.5k"."""
    return f"{value / 1000:g}k" if value >= 1000 else str(value)


def bar_chart(months: Sequence[MonthTotal], *, what: str, keys: tuple[str, str], title: str) -> str:
    """Stacked bars (to Ukraine below, to Russia on top) for one figure per month, as an <svg> string."""
    top = nice_ceiling(max((getattr(m, keys[0]) + getattr(m, keys[1]) for m in months), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(months), 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet"><title>{escape(title)}</title>'
    ]
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h * (1 - fraction)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_short(int(top * fraction))}</text>'
        )
    for i, month in enumerate(months):
        x = LEFT + i * slot + slot * GAP / 2
        if month.month.month == 1:
            parts.append(f'<text class="axis" x="{LEFT + i * slot:.1f}" y="{HEIGHT - 4}">{month.month.year}</text>')
        base = TOP + plot_h
        for key, css, side in ((keys[0], "to-ukraine", "to Ukraine"), (keys[1], "to-russia", "to Russia")):
            value = getattr(month, key)
            if value <= 0:
                continue
            h = max(plot_h * value / top, 1.5)
            base -= h
            label = f"{format_date(month.month, 'month')}: {value:,} {what} {side}"
            parts.append(
                f'<rect class="bar {css}" x="{x:.1f}" y="{base:.1f}" width="{slot * (1 - GAP):.1f}" height="{h:.1f}">'
                f"<title>{escape(label)}</title></rect>"
            )
    parts.append("</svg>")
    return "".join(parts)
