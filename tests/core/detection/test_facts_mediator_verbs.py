"""Mediation told by "facilitated" in the Romance languages, Hungarian "közreműködött" (took part) and the
Georgian verb before its object (invented texts)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

THURSDAY = datetime(2031, 3, 6, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "fr",
            "L'Ukraine récupère les corps de 800 soldats tués",
            "Moscou a remis jeudi à Kiev 800 dépouilles de soldats ukrainiens. "
            "Cette restitution, facilitée par le Comité international de la Croix-Rouge, "
            "s'est déroulée à la frontière.",
        ),
        (
            "es",
            "Ucrania recibe 800 cuerpos de soldados caídos",
            "Rusia entregó este jueves a Ucrania 800 cuerpos de soldados ucranianos. "
            "La entrega, facilitada por la Cruz Roja, tuvo lugar en la frontera.",
        ),
        (
            "hu",
            "800 elesett katona holttestét kapta vissza Ukrajna",
            "Ukrajna 800 elesett katonájának holttestét kapta vissza csütörtökön. "
            "Az átadásban a Nemzetközi Vöröskereszt is közreműködött.",
        ),
        (
            "ka",
            "უკრაინას 800 დაღუპული სამხედროს ცხედარი დაუბრუნდა",
            "რუსეთმა უკრაინას 800 ცხედარი გადასცა. პროცესს წითელი ჯვრის საერთაშორისო კომიტეტი უწყობდა ხელს.",
        ),
    ],
)
def test_a_facilitated_handover_names_its_mediator(language: str, title: str, text: str) -> None:
    facts = primary_facts(Document(title, text, language, THURSDAY))
    assert facts.get("bodies_to_ukraine") == 800
    assert facts.get("mediators") == ("ICRC",)
