"""The server-drawn SVG chart: one bar per side and month with a value, escaped titles, round axes."""

from __future__ import annotations

from datetime import date

from service.api.chart import bar_chart, nice_ceiling
from service.core.domain import EventState
from service.core.events.stats import monthly_totals


def test_chart_draws_one_bar_per_side_and_month_with_a_value() -> None:
    months = monthly_totals(
        [
            EventState(
                "a",
                "pow_exchange",
                "completed",
                date(2025, 6, 9),
                "day",
                {"returned_to_ukraine": 84, "returned_to_russia": 84},
            )
        ],
        date(2025, 1, 1),
        date(2025, 12, 1),
    )
    svg = bar_chart(months, what="people", keys=("people_to_ukraine", "people_to_russia"), title="People <per> month")
    assert svg.count('class="bar ') == 2 and "June 2025: 84 people to Ukraine" in svg
    assert "People &lt;per&gt; month" in svg
    assert [nice_ceiling(v) for v in (0, 84, 168, 1212, 5000)] == [10, 100, 200, 2000, 5000]
