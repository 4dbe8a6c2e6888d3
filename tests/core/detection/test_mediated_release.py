"""A release told through its mediator ("Thanks to the Vatican's mediation, 84 Ukrainians were freed from Russian
captivity", invented, in 33 languages): the passive release with the mediator first is a completed return with
its mediator. Before, Turkish 'kurtarıldı' (rescued) was no completion, Arabic 'من الأسر' (from captivity) no
captivity, Swedish 'frigetts' no release, Indonesian 'dari tahanan' (from custody) no captivity and Georgian
'გათავისუფლდა' (was freed: a counted noun takes a singular verb) no completion."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2025, 6, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Grâce à la médiation du Vatican, 84 Ukrainiens ont été libérés de captivité russe."),
        ("it", "Grazie alla mediazione del Vaticano, 84 ucraini sono stati liberati dalla prigionia russa."),
        ("pt", "Graças à mediação do Vaticano, 84 ucranianos foram libertados do cativeiro russo."),
        ("ro", "Datorită medierii Vaticanului, 84 de ucraineni au fost eliberați din captivitatea rusă."),
        ("hu", "A Vatikán közvetítésének köszönhetően 84 ukrán szabadult ki az orosz fogságból."),
        ("nl", "Dankzij bemiddeling van het Vaticaan zijn 84 Oekraïners vrijgelaten uit Russische gevangenschap."),
        ("cs", "Díky zprostředkování Vatikánu bylo z ruského zajetí propuštěno 84 Ukrajinců."),
        ("sk", "Vďaka sprostredkovaniu Vatikánu bolo z ruského zajatia prepustených 84 Ukrajincov."),
        ("sh", "Zahvaljujući posredovanju Vatikana iz ruskog zarobljeništva oslobođeno je 84 Ukrajinaca."),
        ("bg", "Благодарение на посредничеството на Ватикана 84 украинци бяха освободени от руски плен."),
        ("el", "Χάρη στη μεσολάβηση του Βατικανού, 84 Ουκρανοί απελευθερώθηκαν από τη ρωσική αιχμαλωσία."),
        ("tr", "Vatikan'ın arabuluculuğu sayesinde 84 Ukraynalı Rus esaretinden kurtarıldı."),
        ("ar", "بفضل وساطة الفاتيكان، أُفرج عن 84 أوكرانيا من الأسر الروسي."),
        ("sv", "Tack vare Vatikanens medling har 84 ukrainare frigetts ur rysk fångenskap."),
        ("no", "Takket være Vatikanets mekling er 84 ukrainere løslatt fra russisk fangenskap."),
        ("fi", "Vatikaanin välityksen ansiosta 84 ukrainalaista vapautettiin Venäjän vankeudesta."),
        ("lt", "Vatikano tarpininkavimo dėka iš rusų nelaisvės paleisti 84 ukrainiečiai."),
        ("lv", "Pateicoties Vatikāna starpniecībai, no Krievijas gūsta atbrīvoti 84 ukraiņi."),
        ("et", "Vatikani vahendusel vabastati Vene vangistusest 84 ukrainlast."),
        ("id", "Berkat mediasi Vatikan, 84 warga Ukraina dibebaskan dari tahanan Rusia."),
        ("pl", "Dzięki mediacji Watykanu z rosyjskiej niewoli uwolniono 84 Ukraińców."),
        ("de", "Dank der Vermittlung des Vatikans sind 84 Ukrainer aus russischer Gefangenschaft freigekommen."),
        ("ka", "ვატიკანის შუამავლობით რუსეთის ტყვეობიდან 84 უკრაინელი გათავისუფლდა."),
        ("az", "Vatikanın vasitəçiliyi sayəsində 84 ukraynalı Rusiya əsirliyindən azad edildi."),
        ("zh", "在梵蒂冈的斡旋下，84名乌克兰人从俄罗斯的囚禁中获释。"),
        ("ja", "バチカンの仲介により、84人のウクライナ人がロシアの捕虜から解放された。"),
        ("ko", "바티칸의 중재로 우크라이나인 84명이 러시아 포로에서 석방되었다."),
        ("he", "בזכות תיווך הוותיקן שוחררו 84 אוקראינים מהשבי הרוסי."),
        ("fa", "با میانجیگری واتیکان، ۸۴ اوکراینی از اسارت روسیه آزاد شدند."),
        ("en", "Thanks to the Vatican's mediation, 84 Ukrainians were freed from Russian captivity."),
        ("uk", "Завдяки посередництву Ватикану з російського полону звільнено 84 українців."),
        ("ru", "Благодаря посредничеству Ватикана из российского плена освобождены 84 украинца."),
        ("de", "Dank der Vermittlung des Vatikans wurden 84 Ukrainer aus russischer Gefangenschaft befreit."),
        ("es", "Gracias a la mediación del Vaticano, 84 ucranianos fueron liberados del cautiverio ruso."),
    ],
)
def test_a_mediated_release_is_a_completed_return_with_its_mediator(language: str, text: str) -> None:
    report = detect(Document("", text, language, SATURDAY))
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "pow_exchange" and report.primary.status == "completed"
    facts = {f.key: f.value for f in report.primary.facts}
    assert facts.get("returned_to_ukraine") == 84 and "Vatican" in facts.get("mediators", ())
