"""Detection's cheap gate: a document no sentence of which can be evidence skips the per-sentence analysis.

The gate must never drop a document the full analysis could use, in any language or spelling; it should
drop ordinary news.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.core.detection.detect import detect
from service.core.detection.language import document_language
from service.core.detection.sentences import analyse, may_hold_evidence
from service.core.domain import Document
from service.core.topics import load_topic
from service.eval.replay import row_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _gate(doc: Document) -> bool:
    topic = load_topic()
    return may_hold_evidence(doc, topic, document_language(doc.title, doc.text, doc.language))


def _doc(text: str, language: str | None, title: str = "", official: bool = False) -> Document:
    return Document(title, text, language, None, "https://news.example/a", "news.example", official)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Russia and Ukraine exchanged 1,000 for 1,000 on Friday.", "en"),  # no object noun
        ("Kyiv and Moscow swapped 90 people on Sunday.", "en"),
        ("Русија и Украјина размениле су по 175 ратних заробљеника.", "sr"),  # read transliterated
        ("Russland gab 500 ukrainische Soldaten an die Ukraine frei.", "de"),
        ("Rosja przekazała Ukrainie ciała 500 poległych żołnierzy.", "pl"),
        ("Ukrainę i Rosję: wymianie jeńców towarzyszyły negocjacje.", "pl"),  # inflected forms
        ("أعلنت روسيا وأوكرانيا تبادل الأسرى", "ar"),
        ("В Україну повернули тіла 300 полеглих.", "uk"),
        ("Россия передала Украине тела 500 погибших.", "ru"),
    ],
)
def test_reports_in_every_language_pass(text: str, language: str) -> None:
    assert _gate(_doc(text, language))


def test_an_official_post_needs_no_party() -> None:
    assert _gate(_doc("Ще 12 наших людей вдома.", "uk", official=True))
    assert not _gate(_doc("Ще 12 наших людей вдома.", "uk"))  # the same words from a news site lack a party


@pytest.mark.parametrize(
    "text",
    [
        "The city council debated the new budget for schools and public transport on Monday.",
        "Russia launched drones at Ukrainian cities overnight, officials in Kyiv said.",  # a party, no act
        "The football club exchanged its coach for a younger one after the season.",  # an act, no party
    ],
)
def test_ordinary_news_is_dropped_and_detect_says_why(text: str) -> None:
    doc = _doc(text, "en", title="News of the day")
    assert not _gate(doc)
    report = detect(doc)
    assert not report.relevant and report.reasons == ("no exchange/repatriation evidence",)


def _fixture_documents() -> list[Document]:
    docs = []
    for path in sorted([*FIXTURES.glob("corpus/*.jsonl"), *FIXTURES.glob("blind/*.jsonl")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.append(row_document(json.loads(line)))
    return docs


def test_no_document_the_gate_drops_has_an_act_and_a_party_in_its_sentences() -> None:
    """Over every committed fixture corpus (hundreds of texts, 20 languages): when the gate says no, the
    full analysis finds no act word or no party in any sentence — so it could have found no evidence."""
    topic = load_topic()
    docs = _fixture_documents()
    assert len(docs) > 500
    dropped = 0
    for doc in docs:
        if _gate(doc):
            continue
        dropped += 1
        sentences = analyse(doc, topic)
        acts = any(s.has("exchange", "return") for s in sentences)
        parties = any(s.has("party_ua", "party_ru", "hq") for s in sentences)
        assert not (acts and parties), (doc.title, doc.text[:200])
    assert dropped > 0  # the fixtures hold ordinary news and traps too
