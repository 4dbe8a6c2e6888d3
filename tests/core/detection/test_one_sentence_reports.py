"""One-sentence reports in every language with a vocabulary file (invented texts): "Russia and Ukraine exchanged
90 prisoners of war", "Ukraine received the bodies of 500 fallen soldiers". Each language's file must carry the
act, its object and a completion cue for them; before, Amharic, Azerbaijani, Armenian, Hindi, Kazakh, Korean,
Macedonian, Serbo-Croatian, Swahili and Urdu missed one or both (perfect tenses: Armenian "փոխանակել են",
Azerbaijani "aparıb"; receiving verbs: "preuzela", «прими», "ተቀበለች", "موصول", "인도받았다", «қабылдап алды»;
Swahili verbs carry their subject's class prefix: "zimebadilishana") and Georgian the verb of carrying out
("განახორციელეს") and the two sides as subject ("ორივე მხარემ", each side)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2025, 6, 28, 12, 0, tzinfo=UTC)

SWAPS = [
    ("am", "ሩሲያ እና ዩክሬን 90 የጦር እስረኞችን ተለዋወጡ።"),
    ("ar", "تبادلت روسيا وأوكرانيا 90 أسيرا."),
    ("az", "Rusiya və Ukrayna 90 əsir mübadiləsi aparıb."),
    ("be", "Расія і Украіна абмяняліся 90 ваеннапалоннымі."),
    ("bg", "Русия и Украйна си размениха 90 военнопленници."),
    ("bn", "রাশিয়া ও ইউক্রেন ৯০ জন যুদ্ধবন্দি বিনিময় করেছে।"),
    ("cs", "Rusko a Ukrajina si vyměnily 90 válečných zajatců."),
    ("el", "Η Ρωσία και η Ουκρανία αντάλλαξαν 90 αιχμαλώτους πολέμου."),
    ("et", "Venemaa ja Ukraina vahetasid 90 sõjavangi."),
    ("fa", "روسیه و اوکراین ۹۰ اسیر جنگی را مبادله کردند."),
    ("fi", "Venäjä ja Ukraina vaihtoivat 90 sotavankia."),
    ("ha", "Rasha da Ukraine sun yi musayar fursunonin yaki 90."),
    ("he", "רוסיה ואוקראינה החליפו 90 שבויי מלחמה."),
    ("hi", "रूस और यूक्रेन ने 90 युद्धबंदियों की अदला-बदली की।"),
    ("hy", "Ռուսաստանը և Ուկրաինան փոխանակել են 90 ռազմագերի։"),
    ("id", "Rusia dan Ukraina bertukar 90 tawanan perang."),
    ("ja", "ロシアとウクライナは捕虜90人を交換した。"),
    ("ka", "რუსეთმა და უკრაინამ 90 სამხედრო ტყვე გაცვალეს."),
    ("kk", "Ресей мен Украина 90 әскери тұтқынмен алмасты."),
    ("ko", "러시아와 우크라이나가 포로 90명을 교환했다."),
    ("lt", "Rusija ir Ukraina apsikeitė 90 karo belaisvių."),
    ("lv", "Krievija un Ukraina apmainījās ar 90 karagūstekņiem."),
    ("mk", "Русија и Украина разменија 90 воени заробеници."),
    ("nl", "Rusland en Oekraïne hebben 90 krijgsgevangenen uitgewisseld."),
    ("no", "Russland og Ukraina utvekslet 90 krigsfanger."),
    ("ps", "روسیې او اوکراین ۹۰ جنګي بندیان تبادله کړل."),
    ("sh", "Rusija i Ukrajina razmijenile su 90 ratnih zarobljenika."),
    ("sh", "Русија и Украјина размениле су 90 ратних заробљеника."),
    ("sk", "Rusko a Ukrajina si vymenili 90 vojnových zajatcov."),
    ("sq", "Rusia dhe Ukraina shkëmbyen 90 robër lufte."),
    ("sv", "Ryssland och Ukraina utväxlade 90 krigsfångar."),
    ("sw", "Urusi na Ukraine zimebadilishana wafungwa wa vita 90."),
    ("tr", "Rusya ve Ukrayna 90 savaş esirini takas etti."),
    ("ur", "روس اور یوکرین نے 90 جنگی قیدیوں کا تبادلہ کیا۔"),
    ("zh", "俄罗斯和乌克兰交换了90名战俘。"),
    ("en", "Russia and Ukraine exchanged 90 prisoners of war."),
    ("uk", "Росія та Україна обміняли 90 військовополонених."),
    ("ru", "Россия и Украина обменяли 90 военнопленных."),
    ("de", "Russland und die Ukraine haben 90 Kriegsgefangene ausgetauscht."),
    ("pl", "Rosja i Ukraina wymieniły 90 jeńców wojennych."),
    ("fr", "La Russie et l'Ukraine ont échangé 90 prisonniers de guerre."),
    ("es", "Rusia y Ucrania intercambiaron 90 prisioneros de guerra."),
    ("pt", "Rússia e Ucrânia trocaram 90 prisioneiros de guerra."),
    ("it", "Russia e Ucraina hanno scambiato 90 prigionieri di guerra."),
    ("ro", "Rusia și Ucraina au schimbat 90 de prizonieri de război."),
    ("hu", "Oroszország és Ukrajna 90 hadifoglyot cserélt ki."),
]

BODIES = [
    ("am", "ዩክሬን የ500 የወደቁ ወታደሮችን አስከሬን ተቀበለች።"),
    ("ar", "تسلمت أوكرانيا جثث 500 جندي قتيل."),
    ("az", "Ukrayna 500 həlak olmuş əsgərin cəsədini təhvil alıb."),
    ("be", "Украіна атрымала целы 500 загінулых вайскоўцаў."),
    ("bg", "Украйна получи телата на 500 загинали войници."),
    ("bn", "ইউক্রেন ৫০০ নিহত সৈন্যের মরদেহ ফেরত পেয়েছে।"),
    ("cs", "Ukrajina převzala těla 500 padlých vojáků."),
    ("el", "Η Ουκρανία παρέλαβε τις σορούς 500 νεκρών στρατιωτών."),
    ("et", "Ukraina sai tagasi 500 langenud sõduri surnukehad."),
    ("fa", "اوکراین پیکر ۵۰۰ سرباز کشته\u200cشده را تحویل گرفت."),
    ("fi", "Ukraina sai takaisin 500 kaatuneen sotilaan ruumiit."),
    ("ha", "Ukraine ta karbi gawarwakin sojoji 500 da suka mutu."),
    ("he", "אוקראינה קיבלה את גופותיהם של 500 חיילים הרוגים."),
    ("hi", "यूक्रेन को 500 मृत सैनिकों के शव मिले।"),
    ("hy", "Ուկրաինան ստացել է 500 զոհված զինվորների աճյունները։"),
    ("id", "Ukraina menerima jenazah 500 tentara yang gugur."),
    ("ja", "ウクライナは戦死した兵士500人の遺体を受け取った。"),
    ("ka", "უკრაინამ 500 დაღუპული ჯარისკაცის ცხედარი მიიღო."),
    ("kk", "Украина қаза тапқан 500 сарбаздың денесін қабылдап алды."),
    ("ko", "우크라이나가 전사자 500명의 시신을 인도받았다."),
    ("lt", "Ukraina atgavo 500 žuvusių karių palaikus."),
    ("lv", "Ukraina saņēma 500 kritušo karavīru mirstīgās atliekas."),
    ("mk", "Украина ги прими телата на 500 загинати војници."),
    ("nl", "Oekraïne heeft de lichamen van 500 gesneuvelde soldaten ontvangen."),
    ("no", "Ukraina mottok likene av 500 falne soldater."),
    ("ps", "اوکراین د ۵۰۰ وژل شویو سرتیرو جسدونه ترلاسه کړل."),
    ("sh", "Ukrajina je preuzela tijela 500 poginulih vojnika."),
    ("sh", "Украјина је преузела тела 500 погинулих војника."),
    ("sk", "Ukrajina prevzala telá 500 padlých vojakov."),
    ("sq", "Ukraina mori trupat e 500 ushtarëve të rënë."),
    ("sv", "Ukraina tog emot kropparna efter 500 stupade soldater."),
    ("sw", "Ukraine imepokea miili ya wanajeshi 500 waliouawa."),
    ("tr", "Ukrayna 500 ölü askerin cesedini teslim aldı."),
    ("ur", "یوکرین کو 500 ہلاک فوجیوں کی لاشیں موصول ہوئیں۔"),
    ("zh", "乌克兰接收了500名阵亡士兵的遗体。"),
    ("en", "Ukraine received the bodies of 500 fallen soldiers."),
    ("uk", "Україна отримала тіла 500 загиблих військових."),
    ("ru", "Украина получила тела 500 погибших военных."),
    ("de", "Die Ukraine hat die Leichen von 500 gefallenen Soldaten erhalten."),
    ("pl", "Ukraina otrzymała ciała 500 poległych żołnierzy."),
    ("fr", "L'Ukraine a reçu les corps de 500 soldats tombés."),
    ("es", "Ucrania recibió los cuerpos de 500 soldados caídos."),
    ("pt", "A Ucrânia recebeu os corpos de 500 soldados mortos."),
    ("it", "L'Ucraina ha ricevuto i corpi di 500 soldati caduti."),
    ("ro", "Ucraina a primit trupurile a 500 de soldați căzuți."),
    ("hu", "Ukrajna megkapta 500 elesett katona holttestét."),
]


@pytest.mark.parametrize(("language", "text"), SWAPS)
def test_a_one_sentence_swap_is_a_completed_exchange(language: str, text: str) -> None:
    report = detect(Document("", text, language, SATURDAY))
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "pow_exchange" and report.primary.status == "completed"


@pytest.mark.parametrize(("language", "text"), BODIES)
def test_a_one_sentence_repatriation_is_a_completed_repatriation(language: str, text: str) -> None:
    report = detect(Document("", text, language, SATURDAY))
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "body_repatriation" and report.primary.status == "completed"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("", "რუსეთმა და უკრაინამ ტყვეთა გაცვლის პირველი ეტაპი განახორციელეს."),
        ("", "უკრაინამ და რუსეთმა ტყვეთა გაცვლა განახორციელეს: ორივე მხარემ 90 სამხედრო დაიბრუნა."),
    ],
)
def test_georgian_carried_out_and_both_sides(title: str, text: str) -> None:
    report = detect(Document(title, text, "ka", SATURDAY))
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "pow_exchange" and report.primary.status == "completed"
    if "90" in text:
        facts = {f.key: f.value for f in report.primary.facts}
        assert facts.get("returned_to_ukraine") == 90 and facts.get("returned_to_russia") == 90
