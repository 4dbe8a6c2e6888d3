"""Detection helpers shared by the detection tests: the primary mention of a text the test says is a report."""

from __future__ import annotations

from typing import Any

from service.core.detection.detect import detect
from service.core.domain import Document, Mention


def primary(document: Document) -> Mention:
    """The primary mention; fails with detection's reasons when the document is no report."""
    report = detect(document)
    assert report.relevant and report.primary is not None, report.reasons
    return report.primary


def primary_facts(document: Document) -> dict[str, Any]:
    return primary(document).fact_values()
