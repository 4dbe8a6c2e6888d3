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
