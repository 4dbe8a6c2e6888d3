"""Agreed bodies by side, and an agreement that states no terms taking those of the same deal told elsewhere
in the text (invented texts): "agreed to return 4,000 bodies each" is 4,000 to each side, «передать Украине
4 тыс. тел» is Ukraine's; a report of the deal's postponement names the postponed deal's terms in another
sentence ("At the talks on 4 March the sides agreed to return 4,000 bodies each")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary

SATURDAY = datetime(2031, 3, 8, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text", "to_ukraine", "to_russia"),
    [
        (
            "en",
            "Ukraine and Russia agree in Geneva to return 4,000 bodies of fallen soldiers each",
            "",
            4000,
            4000,
        ),
        (
            "ru",
            "Россия и Украина договорились в Женеве о передаче Украине 4000 тел погибших военных",
            "",
            4000,
            None,
        ),
    ],
)
def test_agreed_bodies_go_to_the_side_the_deal_names(
    language: str, title: str, text: str, to_ukraine: int | None, to_russia: int | None
) -> None:
    facts = primary(Document(title, text, language, SATURDAY)).fact_values()
    assert facts.get("agreed_bodies") == 4000
    assert facts.get("agreed_bodies_to_ukraine") == to_ukraine
    assert facts.get("agreed_bodies_to_russia") == to_russia


POSTPONED = (
    "Moscow accuses Kyiv of postponing agreed handover of bodies",
    "Russia accused Ukraine on Saturday of indefinitely postponing the handover of bodies of fallen soldiers "
    "agreed at talks in Geneva this week, a charge Kyiv rejected.\n"
    "Ukraine's coordination headquarters said no date had been agreed for the repatriation.\n"
    "At the March 4 talks, the two sides agreed to return 4,000 bodies of soldiers each.",
)

RECALLED = (
    "Штаб: дати репатріації не погоджені",
    "Україна і Росія домовлялися про умови та місце передачі тіл загиблих 4 березня, однак дату репатріації "
    "сторони не погодили, заявили в Координаційному штабі.\n"
    "Нагадаємо, 4 березня в Женеві сторони домовилися про повернення тіл загиблих — по 4000 з кожного боку.",
)


@pytest.mark.parametrize(("language", "story"), [("en", POSTPONED), ("uk", RECALLED)])
def test_an_agreement_without_terms_takes_the_same_deals_terms(language: str, story: tuple[str, str]) -> None:
    mention = primary(Document(*story, language, SATURDAY))
    assert mention.kind == "agreement"
    facts = mention.fact_values()
    assert facts.get("agreed_bodies_to_ukraine") == 4000
    assert facts.get("agreed_bodies_to_russia") == 4000


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "de",
            "Gefangenenaustausch vereinbart, Waffenruhe nicht in Sicht",
            "Die Gesprächsrunde in Genf endete mit einem bescheidenen Ergebnis: Russland und die Ukraine wollen "
            "jeweils 640 Kriegsgefangene freilassen. Vermittelt wurde das Treffen von der Schweiz.",
        ),
        (
            "ru",
            "Мединский заявил, что Киев затягивает передачу списков для обмена",
            "Украинская сторона до сих пор не передала списки военнопленных для обмена, о котором стороны "
            "договорились на переговорах в Женеве, заявил Мединский.\n"
            "«Россия готова начать обмен хоть завтра. Договоренность 640 на 640 остается в силе», — написал он.",
        ),
    ],
)
def test_an_agreements_terms_told_in_another_sentence(language: str, title: str, text: str) -> None:
    mention = primary(Document(title, text, language, SATURDAY))
    assert mention.kind == "agreement"
    facts = mention.fact_values()
    assert facts.get("agreed_to_ukraine") == facts.get("agreed_to_russia") == 640


def test_another_days_deal_and_a_possibility_are_no_terms() -> None:
    text = (
        "Zelensky said the delegations agreed on a new prisoner exchange at the talks in Geneva on March 4.\n"
        "At the negotiations on February 2, the delegations agreed on an exchange in the 800-for-800 format.\n"
        "There could still be more than a thousand fighters in the basements, officials said."
    )
    mention = primary(Document("Ukraine and Russia agree on new prisoner swap at Geneva talks", text, "en", SATURDAY))
    assert mention.kind == "agreement"
    assert "agreed_to_ukraine" not in mention.fact_values()


SWAP_POSTPONED = (
    "Moscow accuses Kyiv of postponing agreed prisoner swap",
    "Russia accused Ukraine on Saturday of indefinitely postponing the prisoner exchange agreed at talks in Geneva "
    "this week, a charge Kyiv rejected.\n"
    "Ukraine's coordination headquarters said no date had been agreed for the swap.\n"
    "At the March 4 talks, the two sides also agreed to return 4,000 bodies of soldiers each.",
)

OLD_DEAL = (
    "Moscow accuses Kyiv of postponing agreed handover of bodies",
    "Russia accused Ukraine on Saturday of indefinitely postponing the handover of bodies of fallen soldiers, "
    "a charge Kyiv rejected.\n"
    "Ukraine's coordination headquarters said no date had been agreed for the repatriation.\n"
    "At talks on November 4, 2030, the two sides agreed to return 4,000 bodies of soldiers each.",
)


@pytest.mark.parametrize("story", [SWAP_POSTPONED, OLD_DEAL], ids=["bodies-for-a-swap", "four-months-before"])
def test_a_postponement_takes_no_terms_of_another_kind_or_of_a_deal_months_before(story: tuple[str, str]) -> None:
    mention = primary(Document(*story, "en", SATURDAY))
    assert (mention.kind, mention.status) == ("agreement", "postponed")
    assert not {"agreed_bodies", "agreed_bodies_to_ukraine", "agreed_bodies_to_russia"} & set(mention.fact_values())


@pytest.mark.parametrize(
    ("language", "text", "to_ukraine"),
    [
        ("de", "Russland ist bereit, der Ukraine 6000 Leichen zu übergeben, sagte Medinski.", None),
        ("en", "Russia is ready to hand over 6,000 bodies of Ukrainian soldiers, Medinsky said.", 6000),
    ],
)
def test_agreed_bodies_get_a_side_only_when_the_text_tells_it(language: str, text: str, to_ukraine: int | None) -> None:
    facts = primary(Document("", text, language, SATURDAY)).fact_values()
    assert facts.get("agreed_bodies") == 6000
    assert facts.get("agreed_bodies_to_russia") is None  # «der Ukraine» is the recipient, not the giver
    assert facts.get("agreed_bodies_to_ukraine") == to_ukraine
