"""The garrison told with the Ukrainian verb «боронити» (defend), and Georgian «მძიმედ დაავადებული» (seriously
ill) (invented texts)."""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.domain import Document
from tests.support.detection import primary_facts

TUESDAY = datetime(2031, 3, 4, 12, 0, tzinfo=UTC)


def test_those_who_defended_mariupol_are_the_garrison() -> None:
    text = (
        "Ще один успішний обмін полоненими. Додому повертаються 48 людей — військовослужбовці ЗСУ та "
        "Національної гвардії. Серед них і ті, хто довго боронив Маріуполь, зокрема Азовсталь."
    )
    facts = primary_facts(Document("", text, "uk", TUESDAY))
    assert facts.get("returned_to_ukraine") == 48
    assert "azovstal_defenders" in facts.get("categories", ())


def test_georgian_seriously_ill() -> None:
    title = "უკრაინასა და რუსეთს შორის ტყვეთა გაცვლის კიდევ ერთი ეტაპი შედგა"
    text = (
        "უკრაინამ და რუსეთმა სამხედრო ტყვეთა გაცვლის კიდევ ერთი ეტაპი განახორციელეს. "
        "გაცვლა მძიმედ დაავადებულ და დაჭრილ სამხედროებს შეეხო."
    )
    facts = primary_facts(Document(title, text, "ka", TUESDAY))
    assert set(facts.get("categories", ())) == {"seriously_ill", "wounded"}


def test_bringing_back_after_a_swap_with_the_other_side_is_the_subjects() -> None:
    text = (
        "Ukraine has conducted its latest prisoner exchange with Russia, bringing back 38 people, "
        "Deputy Prime Minister Iryna Vereshchuk said."
    )
    facts = primary_facts(Document("Ukraine carries out latest prisoner exchange with Russia", text, "en", TUESDAY))
    assert facts.get("returned_to_ukraine") == 38
    assert "returned_to_russia" not in facts
