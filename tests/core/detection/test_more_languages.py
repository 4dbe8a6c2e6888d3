"""Core vocabulary in every further language DW publishes in: invented short reports in each — an
exchange with counts, a repatriation of the fallen, an agreed or planned exchange, and a story that is
not a Russia–Ukraine report (another country's swap, or war news without an exchange)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

SUNDAY = datetime(2025, 6, 15, 18, 0, tzinfo=UTC)

# language → (exchange: 84 returned to Ukraine, bodies: 909 to Ukraine, agreement, negative)
TEXTS: dict[str, tuple[str, str, str, str]] = {
    "tr": (
        "Rusya ile Ukrayna arasında pazar günü yeni bir esir takası gerçekleştirildi. Rus esaretinden 84 "
        "Ukraynalı asker ülkesine döndü, aralarında yaralılar da var.",
        "Ukrayna, Rusya'dan 909 askerin cenazesini teslim aldı.",
        "Rusya ve Ukrayna, gelecek hafta 1000'e 1000 formülüyle esir takası yapılması konusunda anlaştı.",
        "İsrail ile Hamas arasında yeni bir rehine ve esir takası yapıldı, 84 Filistinli serbest bırakıldı.",
    ),
    "nl": (
        "Oekraïne en Rusland hebben zondag opnieuw krijgsgevangenen uitgewisseld. 84 Oekraïense soldaten "
        "keerden uit Russische gevangenschap terug naar huis.",
        "Rusland heeft de lichamen van 909 gesneuvelde Oekraïense soldaten aan Oekraïne overgedragen.",
        "Kiev en Moskou zijn overeengekomen om volgende week 1000 krijgsgevangenen van elke kant te ruilen.",
        "De Verenigde Staten en Rusland hebben in Abu Dhabi gevangenen geruild; een Amerikaanse journalist "
        "is vrijgelaten.",
    ),
    "et": (
        "Ukraina ja Venemaa vahetasid pühapäeval taas sõjavange. Vene vangistusest naasis koju 84 Ukraina sõdurit.",
        "Ukraina sai Venemaalt tagasi 909 langenud sõduri surnukehad.",
        "Ukraina ja Venemaa leppisid kokku, et järgmisel nädalal vahetatakse 1000 vangi kummaltki poolelt.",
        "Iisrael ja Hamas vahetasid pantvange ja vange, vabastati 84 palestiinlast.",
    ),
    "bn": (
        "রাশিয়া ও ইউক্রেন রবিবার যুদ্ধবন্দি বিনিময় করেছে। রুশ বন্দিদশা থেকে ৮৪ জন ইউক্রেনীয় সেনা দেশে ফিরেছেন।",
        "রাশিয়া ইউক্রেনকে ৯০৯ জন নিহত সেনার মরদেহ ফিরিয়ে দিয়েছে।",
        "রাশিয়া ও ইউক্রেন আগামী সপ্তাহে ১০০০ জন করে যুদ্ধবন্দি বিনিময়ে সম্মত হয়েছে।",
        "ইসরায়েল ও হামাসের মধ্যে জিম্মি ও বন্দি বিনিময় হয়েছে।",
    ),
    "ar": (
        "تبادلت روسيا وأوكرانيا يوم الأحد أسرى حرب، وعاد 84 جنديًا أوكرانيًا من الأسر الروسي إلى الوطن.",
        "سلّمت روسيا إلى أوكرانيا جثث 909 جنود قتلى، وفق مقر التنسيق الأوكراني.",
        "اتفقت روسيا وأوكرانيا على تبادل 1000 أسير مقابل 1000 الأسبوع المقبل.",
        "تبادلت إسرائيل وحماس رهائن وأسرى بوساطة قطرية، وأفرج عن 84 فلسطينيًا.",
    ),
    "bg": (
        "Русия и Украйна размениха военнопленни в неделя. От руски плен у дома се върнаха 84 украински войници.",
        "Русия предаде на Украйна телата на 909 загинали украински войници.",
        "Киев и Москва се договориха следващата седмица да разменят по 1000 военнопленни.",
        "Израел и Хамас размениха заложници и затворници, освободени бяха 84 палестинци.",
    ),
    "sh": (
        "Rusija i Ukrajina su u nedjelju razmijenile ratne zarobljenike. Iz ruskog zarobljeništva kući se "
        "vratilo 84 ukrajinskih vojnika.",
        "Rusija je predala Ukrajini tijela 909 poginulih ukrajinskih vojnika.",
        "Kijev i Moskva dogovorili su razmjenu po 1000 ratnih zarobljenika sljedeće sedmice.",
        "Izrael i Hamas razmijenili su taoce i zatvorenike, oslobođeno je 84 Palestinaca.",
    ),
    "el": (
        "Ρωσία και Ουκρανία αντάλλαξαν την Κυριακή αιχμαλώτους πολέμου. Από ρωσική αιχμαλωσία επέστρεψαν "
        "84 Ουκρανοί στρατιώτες.",
        "Η Ρωσία παρέδωσε στην Ουκρανία τις σορούς 909 νεκρών Ουκρανών στρατιωτών.",
        "Ρωσία και Ουκρανία συμφώνησαν να ανταλλάξουν 1000 αιχμαλώτους από κάθε πλευρά την επόμενη εβδομάδα.",
        "Το Ισραήλ και η Χαμάς αντάλλαξαν ομήρους και κρατούμενους, 84 Παλαιστίνιοι αφέθηκαν ελεύθεροι.",
    ),
    "cs": (
        "Rusko a Ukrajina v neděli vyměnily válečné zajatce. Z ruského zajetí se domů vrátilo 84 ukrajinských vojáků.",
        "Rusko předalo Ukrajině těla 909 padlých ukrajinských vojáků.",
        "Kyjev a Moskva se dohodly, že příští týden vymění po 1000 válečných zajatců.",
        "Izrael a Hamás si vyměnily rukojmí a vězně, propuštěno bylo 84 Palestinců.",
    ),
    "sk": (
        "Rusko a Ukrajina si v nedeľu vymenili vojnových zajatcov. Z ruského zajatia sa domov vrátilo 84 "
        "ukrajinských vojakov.",
        "Rusko odovzdalo Ukrajine telá 909 padlých ukrajinských vojakov.",
        "Kyjev a Moskva sa dohodli, že budúci týždeň si vymenia po 1000 vojnových zajatcov.",
        "Izrael a Hamas si vymenili rukojemníkov a väzňov, prepustených bolo 84 Palestínčanov.",
    ),
    "fa": (
        "روسیه و اوکراین روز یکشنبه اسیران جنگی را مبادله کردند و ۸۴ سرباز اوکراینی از اسارت روسیه به وطن بازگشتند.",
        "روسیه اجساد ۹۰۹ سرباز کشته شده را به اوکراین تحویل داد.",
        "روسیه و اوکراین توافق کردند که هفته آینده از هر طرف ۱۰۰۰ اسیر جنگی مبادله شود.",
        "اسرائیل و حماس گروگان‌ها و زندانیان را مبادله کردند و ۸۴ فلسطینی آزاد شدند.",
    ),
    "ur": (
        "روس اور یوکرین نے اتوار کو جنگی قیدیوں کا تبادلہ کیا، 84 یوکرینی فوجی وطن واپس آ گئے۔",
        "روس نے 909 ہلاک فوجیوں کی لاشیں یوکرین کے حوالے کر دیں۔",
        "روس اور یوکرین نے اگلے ہفتے ایک ہزار جنگی قیدیوں کے تبادلے پر اتفاق کیا ہے۔",
        "اسرائیل اور حماس نے یرغمالیوں اور قیدیوں کا تبادلہ کیا، 84 فلسطینی رہا ہو گئے۔",
    ),
    "hi": (
        "रूस और यूक्रेन ने रविवार को युद्धबंदियों की अदला-बदली की। रूसी कैद से ८४ यूक्रेनी सैनिक वापस लौटे।",
        "रूस ने ९०९ मृत यूक्रेनी सैनिकों के शव यूक्रेन को सौंप दिए।",
        "रूस और यूक्रेन अगले सप्ताह दोनों पक्षों के 1000 युद्धबंदियों की अदला-बदली पर सहमत हुए।",
        "इज़राइल और हमास ने बंधकों और कैदियों की अदला-बदली की, 84 फ़िलिस्तीनी रिहा हुए।",
    ),
    "zh": (
        "俄罗斯和乌克兰周日交换了战俘，84名乌克兰军人从俄罗斯的囚禁中返回乌克兰。",
        "乌克兰从俄罗斯接收了909具阵亡士兵的遗体。",
        "俄罗斯和乌克兰同意下周各交换1000名战俘。",
        "以色列和哈马斯交换了人质和囚犯，84名巴勒斯坦人获释。",
    ),
    "ja": (
        "ロシアとウクライナは日曜日、捕虜交換を行った。84人のウクライナ兵が帰還した。",
        "ロシアはウクライナ兵909人の遺体をウクライナに引き渡した。",
        "ロシアとウクライナは来週、それぞれ1000人の捕虜を交換することで合意した。",
        "イスラエルとハマスは人質と囚人を交換し、84人のパレスチナ人が解放された。",
    ),
    "id": (
        "Rusia dan Ukraina kembali bertukar tawanan perang pada hari Minggu. Sebanyak 84 tentara Ukraina pulang "
        "ke tanah air.",
        "Rusia menyerahkan 909 jenazah tentara Ukraina yang gugur kepada Ukraina.",
        "Rusia dan Ukraina sepakat untuk menukar 1000 tawanan perang dari masing-masing pihak pekan depan.",
        "Israel dan Hamas bertukar sandera dan tahanan, 84 warga Palestina dibebaskan.",
    ),
    "lt": (
        "Rusija ir Ukraina sekmadienį apsikeitė karo belaisviais. Iš Rusijos nelaisvės namo grįžo 84 Ukrainos kariai.",
        "Rusija perdavė Ukrainai 909 žuvusių Ukrainos karių kūnus.",
        "Kyjivas ir Maskva susitarė kitą savaitę apsikeisti po 1000 karo belaisvių.",
        "Izraelis ir Hamas apsikeitė įkaitais ir kaliniais, paleista 84 palestiniečiai.",
    ),
    "lv": (
        "Krievija un Ukraina svētdien apmainījās ar karagūstekņiem. No Krievijas gūsta mājās atgriezās 84 "
        "Ukrainas karavīri.",
        "Krievija nodeva Ukrainai 909 kritušo Ukrainas karavīru mirstīgās atliekas.",
        "Kijiva un Maskava vienojās nākamnedēļ apmainīt pa 1000 karagūstekņiem.",
        "Izraēla un Hamās apmainījās ar ķīlniekiem un ieslodzītajiem, atbrīvoti 84 palestīnieši.",
    ),
    "fi": (
        "Venäjä ja Ukraina vaihtoivat sunnuntaina sotavankeja. Venäjän vankeudesta palasi kotiin 84 "
        "ukrainalaista sotilasta.",
        "Venäjä luovutti Ukrainalle 909 kaatuneen ukrainalaissotilaan ruumiit.",
        "Ukraina ja Venäjä sopivat, että ensi viikolla vaihdetaan 1000 sotavankia kummaltakin puolelta.",
        "Israel ja Hamas vaihtoivat panttivankeja ja vankeja, 84 palestiinalaista vapautettiin.",
    ),
    "sv": (
        "Ryssland och Ukraina bytte på söndagen krigsfångar. 84 ukrainska soldater återvände hem från rysk fångenskap.",
        "Ryssland överlämnade kropparna efter 909 stupade ukrainska soldater till Ukraina.",
        "Kiev och Moskva har kommit överens om att nästa vecka utväxla 1000 krigsfångar från var sida.",
        "Israel och Hamas utväxlade gisslan och fångar, 84 palestinier frisläpptes.",
    ),
    "sq": (
        "Rusia dhe Ukraina shkëmbyen të dielën robër lufte. Nga robëria ruse u kthyen në shtëpi 84 ushtarë ukrainas.",
        "Rusia i dorëzoi Ukrainës trupat e 909 ushtarëve ukrainas të rënë.",
        "Kievi dhe Moska ranë dakord që javën e ardhshme të shkëmbejnë nga 1000 robër lufte secila palë.",
        "Izraeli dhe Hamasi shkëmbyen pengje dhe të burgosur, u liruan 84 palestinezë.",
    ),
    "mk": (
        "Русија и Украина во недела разменија воени заробеници. Од руско заробеништво дома се вратија 84 "
        "украински војници.",
        "Русија ѝ ги предаде на Украина телата на 909 загинати украински војници.",
        "Киев и Москва се договорија следната недела да разменат по 1000 воени заробеници.",
        "Израел и Хамас разменија заложници и затвореници, ослободени се 84 Палестинци.",
    ),
    "be": (
        "Расія і Украіна ў нядзелю абмяняліся ваеннапалоннымі. З расійскага палону дадому вярнуліся 84 "
        "украінскія вайскоўцы.",
        "Расія перадала Украіне целы 909 загінулых украінскіх вайскоўцаў.",
        "Кіеў і Масква дамовіліся на наступным тыдні абмяняць па 1000 ваеннапалонных.",
        "Ізраіль і ХАМАС абмяняліся заложнікамі і вязнямі, вызвалены 84 палесцінцы.",
    ),
    "ko": (
        "러시아와 우크라이나가 일요일 포로를 교환했다. 러시아에 억류됐던 우크라이나군 84명이 귀환했다.",
        "러시아는 전사한 우크라이나 군인 909명의 시신을 우크라이나에 인도했다.",
        "러시아와 우크라이나는 다음 주 각각 1000명의 포로를 교환하기로 합의했다.",
        "이스라엘과 하마스가 인질과 수감자를 교환해 팔레스타인인 84명이 석방됐다.",
    ),
    "he": (
        "רוסיה ואוקראינה החליפו ביום ראשון שבויי מלחמה. 84 חיילים אוקראינים חזרו הביתה מהשבי הרוסי.",
        "רוסיה העבירה לאוקראינה את גופות 909 החיילים האוקראינים שנהרגו.",
        "רוסיה ואוקראינה הסכימו להחליף בשבוע הבא 1000 שבויים מכל צד.",
        "ישראל וחמאס החליפו חטופים ואסירים, 84 פלסטינים שוחררו.",
    ),
    "az": (
        "Rusiya və Ukrayna bazar günü hərbi əsirləri mübadilə etdilər. Rus əsirliyindən 84 ukraynalı hərbçi "
        "vətənə qayıtdı.",
        "Rusiya həlak olmuş 909 ukraynalı hərbçinin cəsədlərini Ukraynaya təhvil verdi.",
        "Rusiya və Ukrayna gələn həftə hər tərəfdən 1000 hərbi əsirin mübadiləsi barədə razılaşdılar.",
        "İsrail və HƏMAS girovları və məhbusları mübadilə etdi, 84 fələstinli azad edildi.",
    ),
    "kk": (
        "Ресей мен Украина жексенбі күні әскери тұтқындармен алмасты. Ресей тұтқынынан 84 украиндық "
        "сарбаз елге оралды.",
        "Ресей қаза тапқан 909 украин сарбазының мәйіттерін Украинаға тапсырды.",
        "Ресей мен Украина келесі аптада әр тараптан 1000 тұтқынмен алмасуға келісті.",
        "Израиль мен ХАМАС кепілдер мен тұтқындарды алмасты, 84 палестиналық босатылды.",
    ),
    "sw": (
        "Urusi na Ukraine walibadilishana wafungwa wa vita Jumapili. Wanajeshi 84 wa Ukraine walirudi "
        "nyumbani kutoka kifungoni Urusi.",
        "Urusi ilikabidhi miili ya wanajeshi 909 wa Ukraine waliouawa kwa Ukraine.",
        "Urusi na Ukraine walikubaliana kubadilishana wafungwa 1000 kila upande wiki ijayo.",
        "Israel na Hamas walibadilishana mateka na wafungwa, Wapalestina 84 waliachiliwa.",
    ),
    "ha": (
        "Rasha da Ukraine sun yi musayar fursunonin yaki ranar Lahadi. Sojojin Ukraine 84 sun koma ƙasarsu "
        "daga hannun Rasha, in ji ɗaya daga cikin jami'an.",
        "Rasha ta mika gawawwakin sojojin Ukraine 909 da aka kashe ga Ukraine.",
        "Rasha da Ukraine sun amince za a yi musayar fursunonin yaki 1000 daga kowane bangare mako mai zuwa.",
        "Isra'ila da Hamas sun yi musayar wadanda aka yi garkuwa da su da fursunoni, an saki Falasdinawa 84.",
    ),
    "am": (
        "ሩሲያ እና ዩክሬን እሁድ የጦር እስረኞችን ተለዋወጡ። ከሩሲያ ምርኮ 84 የዩክሬን ወታደሮች ወደ ሀገራቸው ተመለሱ።",
        "ሩሲያ የተገደሉ 909 የዩክሬን ወታደሮችን አስከሬን ለዩክሬን አስረከበች።",
        "ሩሲያ እና ዩክሬን በሚቀጥለው ሳምንት ከእያንዳንዱ ወገን 1000 የጦር እስረኞችን ለመለዋወጥ ተስማምተዋል።",
        "እስራኤል እና ሐማስ ታጋቾችን እና እስረኞችን ተለዋወጡ፤ 84 ፍልስጤማውያን ተለቀቁ።",
    ),
    "ps": (
        "روسیې او اوکراین د یکشنبې په ورځ جنګي بندیان تبادله کړل. ۸۴ اوکرایني عسکر بېرته وطن ته راستانه شول.",
        "روسیې د ۹۰۹ وژل شويو اوکرایني عسکرو جسدونه اوکراین ته وسپارل.",
        "روسیې او اوکراین موافقه وکړه چې راتلونکې اونۍ به له هر لوري ۱۰۰۰ جنګي بندیان تبادله کړي.",
        "اسرائیلو او حماس یرغمل شوي او بندیان تبادله کړل، ۸۴ فلسطینیان خوشې شول.",
    ),
    "ka": (
        "რუსეთმა და უკრაინამ კვირას სამხედრო ტყვეები გაცვალეს. რუსეთის ტყვეობიდან სამშობლოში 84 "
        "უკრაინელი ჯარისკაცი დაბრუნდა.",
        "რუსეთმა უკრაინას 909 დაღუპული უკრაინელი ჯარისკაცის ცხედარი გადასცა.",
        "რუსეთი და უკრაინა შეთანხმდნენ, რომ მომავალ კვირას თითოეული მხარე 1000 ტყვეს გაცვლის.",
        "ისრაელმა და ჰამასმა მძევლები და პატიმრები გაცვალეს, 84 პალესტინელი გათავისუფლდა.",
    ),
    "no": (
        "Russland og Ukraina byttet krigsfanger på søndag. 84 ukrainske soldater vendte hjem fra russisk fangenskap.",
        "Russland overleverte levningene av 909 falne ukrainske soldater til Ukraina.",
        "Kyiv og Moskva ble enige om å utveksle 1000 krigsfanger fra hver side neste uke.",
        "Israel og Hamas utvekslet gisler og fanger, 84 palestinere ble løslatt.",
    ),
    "hy": (
        "Ռուսաստանն ու Ուկրաինան կիրակի օրը ռազմագերիներ փոխանակեցին։ Ռուսական գերությունից հայրենիք "
        "վերադարձան 84 ուկրաինացի զինվորներ։",
        "Ռուսաստանը Ուկրաինային հանձնեց 909 զոհված ուկրաինացի զինվորների աճյունները։",
        "Ռուսաստանն ու Ուկրաինան համաձայնվեցին հաջորդ շաբաթ յուրաքանչյուր կողմից 1000 գերի փոխանակել։",
        "Ադրբեջանն ու Հայաստանը գերիներ փոխանակեցին, 84 զինվոր վերադարձավ տուն։",
    ),
}


def _detect(text: str, language: str | None) -> Report:
    return detect(Document("", text, language, SUNDAY))


@pytest.mark.parametrize("language", sorted(TEXTS))
@pytest.mark.parametrize("declared", [True, False], ids=["declared", "detected"])
def test_exchange_report_with_counts(language: str, declared: bool) -> None:
    report = _detect(TEXTS[language][0], language if declared else None)
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")
    assert report.primary.fact_values().get("returned_to_ukraine") == 84


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_body_repatriation(language: str) -> None:
    report = _detect(TEXTS[language][1], language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "body_repatriation"
    assert report.primary.fact_values().get("bodies_to_ukraine") == 909


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_agreed_exchange_is_an_agreement(language: str) -> None:
    report = _detect(TEXTS[language][2], language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_another_countrys_swap_is_not_a_report(language: str) -> None:
    assert not _detect(TEXTS[language][3], language).relevant


def test_serbian_cyrillic_is_read_with_the_latin_section() -> None:
    report = _detect("Русија и Украјина размениле су ратне заробљенике, кући се вратило 84 украјинских војника.", None)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "pow_exchange"
    assert report.primary.fact_values().get("returned_to_ukraine") == 84


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("تبادلت روسيا وأوكرانيا أسرى حرب، وعاد ٨٤ جنديًا أوكرانيًا من الأسر الروسي إلى الوطن.", "ar"),
        ("روسیه و اوکراین اسیران جنگی را مبادله کردند و ۸۴ سرباز اوکراینی از اسارت روسیه بازگشتند.", "fa"),
        ("रूस और यूक्रेन ने युद्धबंदियों की अदला-बदली की, रूसी कैद से ८४ यूक्रेनी सैनिक वापस लौटे।", "hi"),
    ],
)
def test_native_digits_are_numbers(text: str, language: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.fact_values().get("returned_to_ukraine") == 84


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Rusia y Ucrania liberarán la próxima semana a 500 prisioneros de guerra cada una.", "es"),
        ("Russia e Ucraina rilasceranno 500 prigionieri di guerra ciascuna.", "it"),
        ("La Russie et l'Ukraine échangeront 500 prisonniers de guerre.", "fr"),
        ("Rússia e Ucrânia trocarão 500 prisioneiros de guerra.", "pt"),
    ],
)
def test_a_romance_future_reaches_its_verb_and_is_a_plan(text: str, language: str) -> None:
    """ "liberarán", "rilasceranno": the lemma table gives the verb the stems miss, the ending the plan."""
    report = _detect(text, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("俄罗斯和乌克兰6月14日交换了战俘，84名乌克兰军人返回乌克兰。", "zh"),
        ("ロシアとウクライナは6月14日、捕虜交換を行った。84人のウクライナ兵が帰還した。", "ja"),
        ("러시아와 우크라이나가 6월 14일 포로를 교환했다. 우크라이나군 84명이 귀환했다.", "ko"),
    ],
)
def test_a_month_and_day_in_east_asian_script_dates_the_exchange(text: str, language: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert str(report.primary.event_date) == "2025-06-14"


def test_a_solar_hijri_date_dates_a_persian_report() -> None:
    text = "روسیه و اوکراین روز ۲۴ خرداد ۱۴۰۴ اسیران جنگی را مبادله کردند و ۸۴ سرباز اوکراینی به وطن بازگشتند."
    report = _detect(text, "fa")
    assert report.relevant and report.primary is not None, report.reasons
    assert str(report.primary.event_date) == "2025-06-14"


# A country's name, its adjective and its people in each language: all of them name the party (the Dutch
# adjective "Oekraïense" missed a stem written for "Oekraïne").
PARTY_WORDS: dict[str, tuple[str, ...]] = {
    "tr": ("ukrayna", "ukraynalı", "rusya", "rus"),
    "nl": ("oekraïne", "oekraïense", "rusland", "russische"),
    "et": ("ukraina", "ukrainlased", "venemaa", "vene"),
    "bg": ("украйна", "украински", "русия", "руски"),
    "sh": ("ukrajina", "ukrajinski", "rusija", "ruski"),
    "el": ("ουκρανία", "ουκρανοί", "ρωσία", "ρώσοι"),
    "cs": ("ukrajina", "ukrajinští", "rusko", "ruští"),
    "sk": ("ukrajina", "ukrajinskí", "rusko", "ruskí"),
    "lt": ("ukraina", "ukrainiečiai", "rusija", "rusų"),
    "lv": ("ukraina", "ukraiņu", "krievija", "krievu"),
    "fi": ("ukraina", "ukrainalaiset", "venäjä", "venäläiset"),
    "sv": ("ukraina", "ukrainska", "ryssland", "ryska"),
    "no": ("ukraina", "ukrainske", "russland", "russiske"),
    "pl": ("ukraina", "ukraińcy", "rosja", "rosyjscy"),
    "ro": ("ucraina", "ucraineni", "rusia", "rusă"),
    "it": ("ucraina", "ucraini", "russia", "russe"),
    "id": ("ukraina", "rusia"),
    "sq": ("ukraina", "ukrainas", "rusia", "rusë"),
    "mk": ("украина", "украински", "русија", "руси"),
    "be": ("украіна", "украінскія", "расія", "расійскія"),
    "az": ("ukrayna", "ukraynalı", "rusiya", "rus"),
    "sw": ("ukraine", "waukraine", "urusi", "warusi"),
}


@pytest.mark.parametrize("language", sorted(PARTY_WORDS))
def test_a_countrys_name_adjective_and_people_name_its_party(language: str) -> None:
    from service.core.topics import load_topic, normalize

    lexicon = load_topic().lexicon_for(language)
    for word in PARTY_WORDS[language]:
        found = lexicon.match([normalize(word)])
        assert "party_ua" in found or "party_ru" in found, word


def test_georgian_sentences_split_though_mkhedruli_is_filed_as_lower_case() -> None:
    from service.core.detection.sentences import split_sentences

    doc = Document("", "რუსეთმა და უკრაინამ ტყვეები გაცვალეს. აბუ-დაბიში მიღწეული შეთანხმებით.", "ka", None)
    assert [text for text, _ in split_sentences(doc)] == [
        "რუსეთმა და უკრაინამ ტყვეები გაცვალეს.",
        "აბუ-დაბიში მიღწეული შეთანხმებით.",
    ]


def test_georgian_conducted_stage_with_its_count_is_a_completed_exchange() -> None:
    # "On Sunday Russia and Ukraine conducted the second stage of the POW exchange; each side got 120 back."
    report = detect(
        Document(
            "",
            "რუსეთმა და უკრაინამ კვირას სამხედრო ტყვეების გაცვლის მეორე ეტაპი ჩაატარეს — თითოეულმა მხარემ 120 "
            "ტყვე დაიბრუნა. აბუ-დაბიში მიღწეული შეთანხმებით, ჯამში 600 ტყვე გათავისუფლდება.",
            "ka",
            None,
        )
    )
    assert report.primary is not None
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")
