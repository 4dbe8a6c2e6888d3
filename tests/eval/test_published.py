"""Any `published` value is a span of days or unknown with a warning naming the line; eval never crashes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from service.core.domain import Document, Fact, Mention, Report
from service.eval import published as pub
from service.eval.replay import CorpusError, _within_span, eval_main, evaluate, read_corpus
from tests.eval.test_evaluate import CORPUS, stub


@pytest.mark.parametrize(
    ("value", "first", "last", "precision"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "year"),
        ("2022-10", date(2022, 10, 1), date(2022, 10, 31), "month"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2025-06-11", date(2025, 6, 11), date(2025, 6, 11), "day"),
        ("June 11, 2025", date(2025, 6, 11), date(2025, 6, 11), "day"),
        ("Jun 11 2025", date(2025, 6, 11), date(2025, 6, 11), "day"),
        ("11 June 2025", date(2025, 6, 11), date(2025, 6, 11), "day"),
        ("11.06.2025", date(2025, 6, 11), date(2025, 6, 11), "day"),
        ("11/06/2025", date(2025, 6, 11), date(2025, 6, 11), "day"),
        ("2025/06/11", date(2025, 6, 11), date(2025, 6, 11), "day"),
        ("2025-06-11T23:30:00+02:00", date(2025, 6, 11), date(2025, 6, 11), "time"),
        ("2025-06-11 08:00", date(2025, 6, 11), date(2025, 6, 11), "time"),
        ("2025-06-11T08:00:00Z", date(2025, 6, 11), date(2025, 6, 11), "time"),
    ],
)
def test_understood_values(value: str, first: date, last: date, precision: str) -> None:
    span, warning = pub.parse(value)
    assert warning is None and span is not None
    assert (span.first, span.last, span.precision) == (first, last, precision)
    assert (span.exact is not None) == (precision in ("day", "time"))


def test_datetime_is_converted_to_utc() -> None:
    span, _ = pub.parse("2025-06-11T23:30:00+02:00")
    assert span is not None and span.exact == datetime(2025, 6, 11, 21, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        "yesterday",
        "2025-13-01",
        "31.02.2025",
        "Juneteenth 11, 2025",
        "0001",
        "9999-01-01",
        2026,
        3.5,
        ["x"],
        {},
    ],
)
def test_not_understood_values_are_unknown_with_a_warning(value: Any) -> None:
    span, warning = pub.parse(value)
    assert span is None and warning is not None and "treated as unknown" in warning


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_values_are_unknown_silently(value: Any) -> None:
    assert pub.parse(value) == (None, None)


HOSTILE = ["2026", "2031-03", "March 10, 2031", "10.03.2031", "garbage", None, 2031, ""]


def test_replay_survives_every_kind_of_value_and_names_the_line(tmp_path: Path) -> None:
    rows = [{**CORPUS[0], "id": f"h{n}", "published": value} for n, value in enumerate(HOSTILE)]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    metrics = evaluate(read_corpus(str(path)), detector=stub)
    assert metrics["articles"] == len(HOSTILE)
    assert metrics["warnings"] == [
        "line 5 (h4): published 'garbage' is not a date; treated as unknown",
        "line 7 (h6): published 2031 is not a string; treated as unknown",
    ]
    # All eight report the same exchange of 10 March 2031: one event, alerted once.
    assert metrics["clustering"]["bcubed_f1"] == 1.0 and metrics["alerts"]["created"] == 1


def test_eval_command_prints_warnings_and_keeps_going(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("service.core.detection.detect")
    path = tmp_path / "corpus.jsonl"
    rows = [{**CORPUS[0], "published": "2026"}, {**CORPUS[1], "published": "soon"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert eval_main([str(path)]) == 0
    captured = capsys.readouterr()
    assert "warning: line 2 (a2): published 'soon' is not a date" in captured.err
    assert "B-cubed" in captured.out


def test_a_line_that_is_not_json_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps(CORPUS[0]) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 3: not JSON"):
        read_corpus(str(path))
    path.write_text("[1, 2]\n", encoding="utf-8")
    assert eval_main([str(path)]) == 2
    assert "line 1: not a JSON object" in capsys.readouterr().err


def test_a_year_or_month_of_publication_bounds_what_an_undated_row_can_join() -> None:
    figures = (Fact("returned_to_ukraine", 108, ""), Fact("returned_to_russia", 110, ""))
    dated = Report(True, 1.0, (Mention("pow_exchange", "completed", date(2022, 10, 17), "day", figures),))
    undated = Report(True, 1.0, (Mention("pow_exchange", "completed", None, "unknown", figures),))

    def detect(doc: Document) -> Report:
        return dated if doc.text == "Story first." else undated

    first = {
        **CORPUS[0],
        "id": "first",
        "text": "Story first.",
        "published": "2022-10-17",
        "event_key": "pow-2022-10-17",
    }
    rows = [
        first,
        {
            **CORPUS[0],
            "id": "same-month",
            "text": "Story month.",
            "published": "2022-10",
            "event_key": "pow-2022-10-17",
        },
        {**CORPUS[0], "id": "years-later", "text": "Story year.", "published": "2026", "event_key": "pow-2026-01-01"},
    ]
    metrics = evaluate(rows, detector=detect)
    # The October row joins the October exchange; the 2026 row, with the same figures, cannot.
    assert metrics["clustering"]["bcubed_f1"] == 1.0 and metrics["alerts"]["created"] == 2


def test_a_month_row_whose_news_detection_dated_years_earlier_is_bounded_by_its_month() -> None:
    # Without the publication day detection cannot tell "since February 2029" from the news; a row
    # published in September 2031 is about September 2031, so it joins that month's swap of its size.
    figures = (Fact("returned_to_ukraine", 49, ""), Fact("returned_to_russia", 49, ""))
    dated = Report(True, 1.0, (Mention("pow_exchange", "completed", date(2031, 9, 13), "day", figures),))
    misdated = Report(True, 1.0, (Mention("pow_exchange", "completed", date(2029, 2, 1), "month", figures),))

    def detect(doc: Document) -> Report:
        return dated if doc.text == "Story day." else misdated

    rows = [
        {**CORPUS[0], "id": "day", "text": "Story day.", "published": "2031-09-13", "event_key": "pow-2031-09-13"},
        {**CORPUS[0], "id": "month", "text": "Story month.", "published": "2031-09", "event_key": "pow-2031-09-13"},
    ]
    metrics = evaluate(rows, detector=detect)
    assert metrics["clustering"]["bcubed_f1"] == 1.0 and metrics["alerts"]["created"] == 1
    # Inside its span, or only a little before it, the detected date stands.
    near = Report(True, 1.0, (Mention("pow_exchange", "completed", date(2031, 8, 28), "day", figures),))
    span, _ = pub.parse("2031-09")
    assert _within_span(near, span) is near
    assert _within_span(misdated, span).mentions[0].event_date is None


def test_malformed_fields_are_set_aside_with_a_warning_naming_the_line() -> None:
    rows = [
        {**CORPUS[0], "event_key": ["pow-2031-03-10"]},  # a list of keys: accepted as such
        {**CORPUS[1], "facts": [100], "title": 7},
        {**CORPUS[5], "event_key": 12, "text": None},
    ]
    metrics = evaluate(rows, detector=lambda doc: stub(doc) if doc.text else stub_text("Story a6."))
    assert metrics["articles"] == 3
    assert metrics["warnings"] == [
        "line 2 (a2): title 7 is not a string; ignored",
        "line 2 (a2): facts [100] is not an object; ignored",
        "line 3 (a6): event_key 12 is not a string; ignored",
    ]
    assert metrics["clustering"]["bcubed_f1"] == 1.0


def stub_text(text: str) -> Report:
    return stub(Document("", text, None, None))
