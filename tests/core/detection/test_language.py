"""Language: each article's language is known (declared when plausible, detected otherwise), and a
language's function-word cues (modals, negation, recall, country names that are common words…) fire only
on text in that language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.language import document_language, sentence_language
from service.core.detection.sentences import analyse
from service.core.domain import Document
from service.core.topics import Lexicon, load_topic, normalize, tokenize

# Invented news sentences, several per language, written to use the function words each language's
# cues are made of (will, not, us, plant, earlier, each, about, including …).
FIXTURES: dict[str, str] = {
    "en": "The minister told us on Friday that the plant will not reopen before winter. Earlier, each "
    "side said it was ready to talk about the border, including the railway, and hoped for more trains.",
    "uk": "Міністр сказав, що завод не відкриють до зими. Раніше кожна сторона заявляла, що готова говорити "
    "про кордон, зокрема про залізницю, і сподівається на нові потяги цього року.",
    "ru": "Министр сказал, что завод не откроют до зимы. Ранее каждая сторона заявляла, что готова "
    "обсуждать границу, в том числе железную дорогу, и надеется на новые поезда в этом году.",
    "de": "Der Minister sagte am Freitag, das Werk werde vor dem Winter nicht wieder öffnen. Zuvor hatte "
    "jede Seite erklärt, sie wolle über die Grenze sprechen, darunter die Bahn, und hoffe auf mehr Züge.",
    "fr": "Le ministre a dit vendredi que l'usine ne rouvrira pas avant l'hiver. Auparavant, chaque camp "
    "avait déclaré vouloir parler de la frontière, notamment du chemin de fer, et espère plus de trains.",
    "es": "El ministro dijo el viernes que la planta no reabrirá antes del invierno. Anteriormente, cada "
    "parte había dicho que quería hablar de la frontera, en particular del ferrocarril, y espera más trenes.",
    "pt": "O ministro disse na sexta-feira que a fábrica não vai reabrir antes do inverno. Anteriormente, "
    "cada lado tinha dito que queria falar da fronteira, em particular da ferrovia, e espera mais comboios.",
    "it": "Il ministro ha detto venerdì che lo stabilimento non riaprirà prima dell'inverno. In precedenza "
    "ciascuna parte aveva detto di voler parlare del confine, in particolare della ferrovia, e spera in più treni.",
    "pl": "Minister powiedział w piątek, że zakład nie zostanie otwarty przed zimą. Wcześniej każda strona "
    "deklarowała, że chce rozmawiać o granicy, w tym o kolei, i liczy na więcej pociągów.",
}
PUBLISHED = datetime(2025, 6, 10, tzinfo=UTC)


@pytest.mark.parametrize("language", sorted(FIXTURES))
def test_undeclared_language_is_detected(language: str) -> None:
    assert document_language("", FIXTURES[language], None) == language


@pytest.mark.parametrize(
    ("declared", "text", "expected"),
    [
        ("en", FIXTURES["uk"], "uk"),  # wrong script: detected
        ("ru", FIXTURES["uk"], "uk"),  # Ukrainian letters in a text declared Russian
        ("uk", FIXTURES["ru"], "ru"),
        ("de-DE", FIXTURES["de"], "de"),  # a region suffix is not a different language
        ("xx", FIXTURES["fr"], "fr"),
        ("", "", None),  # nothing to go on
    ],
)
def test_implausible_declared_language_is_replaced(declared: str, text: str, expected: str | None) -> None:
    assert document_language("", text, declared) == expected


def test_latin_look_alikes_in_cyrillic_words_stay_ukrainian() -> None:
    text = "Укрaїнa пoвeрнулa дoдoму 150 зaхисникiв, пoвiдoмив Кooрдинaцiйний штaб."  # Latin a, o, e, i
    assert document_language("", text, "uk") == "uk"


def test_a_quoted_sentence_in_another_script_gets_its_own_language() -> None:
    quote = "Wounded and sick defenders are coming home today, the ombudsman wrote."
    assert sentence_language(quote, "uk") == "en"
    assert sentence_language("Додому повертаються поранені захисники.", "uk") == "uk"


# Concepts made of short function words: the ones that collided when all languages were merged.
FUNCTION_CUES = (
    "modal", "plan", "negation", "recall", "cumulative", "conditional", "approx", "each", "breakdown",
    "total", "foreign", "postpone", "agree", "done", "age", "people",
)  # fmt: skip


@pytest.mark.parametrize("language", sorted(FIXTURES))
def test_no_cue_fires_on_another_languages_text(language: str) -> None:
    """Every function-word cue detection sees on text in language M is one of M's own patterns."""
    topic = load_topic()
    own = Lexicon({c: topic.by_language[language].get(c, []) for c in FUNCTION_CUES}, {})
    doc = Document("", FIXTURES[language], None, PUBLISHED)
    for sentence in analyse(doc, topic):
        seen = {c: spans for c, spans in sentence.hits.items() if c in FUNCTION_CUES}
        assert seen == own.match(sentence.tokens), sentence.text


def test_merged_languages_would_collide() -> None:
    """Why the cues are per language: all sections merged, German "will" and "plan*" fire on English."""
    topic = load_topic()
    tokens = tokenize(normalize("The plant will stay closed."))
    merged = topic.lexicon.match(tokens)
    assert "modal" in merged and "plan" in merged
    assert topic.lexicon_for("en").match(tokens).keys() & {"modal", "plan"} == {"plan"}  # "will" only


def test_english_will_us_and_plant_fire_no_german_or_foreign_cue() -> None:
    doc = Document("", "Officials told us the plant will stay closed.", None, PUBLISHED)
    (sentence,) = analyse(doc, load_topic())
    assert sentence.language == "en"
    assert not sentence.has("modal", "foreign")  # German "will" (wants), and not the country "us"


def test_warm_up_loads_the_lazy_models() -> None:
    from service.core.detection.detect import warm_up
    from service.core.detection.language import _detector
    from service.core.detection.morphology import parses

    warm_up()
    assert _detector.cache_info().currsize == 1
    assert parses("обмен", "ru") and parses("обмін", "uk")


def test_a_page_mixing_languages_keeps_its_declared_language() -> None:
    text = (
        "Russland und die Ukraine haben erneut Kriegsgefangene ausgetauscht, teilte der Präsident mit.\n"
        "The city council debated the new budget for schools and public transport on Monday. Energy prices "
        "fell for the third week in a row as gas storage filled up across Europe."
    )
    assert document_language("", text, "de") == "de"
