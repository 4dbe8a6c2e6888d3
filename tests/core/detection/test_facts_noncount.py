"""Non-count facts (stage, categories, mediators) on invented reports in several languages."""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.detection.detect import detect
from service.core.domain import Document
from tests.support.detection import primary_facts

SUNDAY = datetime(2025, 6, 15, 18, 0, tzinfo=UTC)


def _facts(text: str, language: str, title: str = "") -> dict[str, object]:
    return primary_facts(Document(title, text, language, SUNDAY))


def test_ordinal_coordinated_with_final_gives_the_stage() -> None:
    facts = _facts(
        "Oggi Russia e Ucraina hanno completato il secondo e ultimo scambio di prigionieri nell'ambito "
        "dell'accordo. Sono tornati a casa 120 soldati ucraini.",
        "it",
    )
    assert facts["stage"] == 2


def test_two_ordinals_in_a_row_do_not_take_the_first() -> None:
    facts = _facts(
        "Ukraine and Russia carried out the third exchange under the agreement today; 150 Ukrainian soldiers "
        "came home after the first and second stages last week.",
        "en",
    )
    assert facts.get("stage") in (None, 3)


def test_uk_inflected_comparative_age_is_under_25() -> None:
    facts = _facts(
        "Сьогодні відбувся обмін полоненими. Додому повернулися 90 українських захисників. "
        "Частина звільнених молодші 25 років.",
        "uk",
    )
    assert "under_25" in facts["categories"]


def test_de_participation_names_a_mediator() -> None:
    facts = _facts(
        "Russland hat der Ukraine die Leichen von 400 gefallenen Soldaten übergeben. An der Übergabe war "
        "das Internationale Rote Kreuz beteiligt.",
        "de",
    )
    assert facts["mediators"] == ("ICRC",)


def test_fr_usual_intermediaries_name_a_mediator() -> None:
    facts = _facts(
        "L'Ukraine et la Russie ont échangé dimanche 95 prisonniers de guerre chacune. Intermédiaires "
        "habituels de ces échanges, les Émirats arabes unis ont salué le résultat.",
        "fr",
    )
    assert facts["mediators"] == ("UAE",)


def test_ro_categories_stage_and_mediator() -> None:
    facts = _facts(
        "Ucraina și Rusia au făcut duminică a doua etapă a schimbului de prizonieri în cadrul acordului: "
        "84 de militari ucraineni răniți grav s-au întors acasă, printre ei și doi civili. Schimbul a avut "
        "loc cu medierea Emiratelor Arabe Unite.",
        "ro",
    )
    assert set(facts["categories"]) >= {"wounded", "civilians"}
    assert facts["mediators"] == ("UAE",)
    assert facts["stage"] == 2


def test_hu_categories_and_mediator() -> None:
    facts = _facts(
        "Ukrajna és Oroszország vasárnap fogolycserét hajtott végre: 84 ukrán katona hazatért, köztük "
        "súlyosan sebesültek és 25 év alatti katonák. A cserét az Egyesült Arab Emírségek közvetítette.",
        "hu",
    )
    assert set(facts["categories"]) >= {"wounded", "under_25"}
    assert facts["mediators"] == ("UAE",)


def test_hu_ordinal_word_gives_the_stage() -> None:
    facts = _facts(
        "Ukrajna és Oroszország vasárnap a megállapodás keretében végrehajtotta a fogolycsere második "
        "szakaszát: 84 ukrán katona hazatért.",
        "hu",
    )
    assert facts["stage"] == 2


def test_an_agreement_names_its_mediators() -> None:
    report = detect(
        Document(
            "",
            "Russian and Ukrainian negotiators agreed on Sunday in Doha to exchange 300 prisoners of war each. "
            "Qatar mediated the talks, and both delegations thanked the Emirati mediators as well.",
            "en",
            SUNDAY,
        )
    )
    assert report.primary is not None and report.primary.kind == "agreement"
    assert set(report.primary.fact_values()["mediators"]) == {"Qatar", "UAE"}  # type: ignore[arg-type]
