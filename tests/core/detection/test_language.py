"""Language: each article's language is known (declared when plausible, detected otherwise), and a
language's function-word cues (modals, negation, recall, country names that are common words…) fire only
on text in that language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.language import document_language, sentence_language
from service.core.detection.lemma_tables import lemma
from service.core.detection.sentences import _tokens_and_clauses, _without_proclitics, analyse
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
    "tr": "Bakan cuma günü fabrikanın kıştan önce yeniden açılmayacağını söyledi. Daha önce her iki taraf da "
    "demiryolu dahil sınır hakkında konuşmaya hazır olduğunu açıklamış ve daha fazla tren umuyordu.",
    "nl": "De minister zei vrijdag dat de fabriek niet voor de winter opnieuw opengaat. Eerder zei elke kant "
    "dat ze over de grens wilde praten, waaronder de spoorlijn, en hoopt op meer treinen.",
    "et": "Minister ütles reedel, et tehas ei avata enne talve uuesti. Varem ütles kumbki pool, et on valmis "
    "piirist rääkima, sealhulgas raudteest, ja loodab rohkem ronge.",
    "bn": "মন্ত্রী শুক্রবার বলেছেন যে শীতের আগে কারখানাটি আবার খুলবে না। এর আগে উভয় পক্ষ রেলপথসহ সীমান্ত নিয়ে "
    "আলোচনা করতে প্রস্তুত বলে জানিয়েছিল এবং আরও ট্রেনের আশা করছে।",
    "ar": "قال الوزير يوم الجمعة إن المصنع لن يعاد فتحه قبل الشتاء. وفي وقت سابق قال كل طرف إنه مستعد للحديث "
    "عن الحدود، بما في ذلك السكك الحديدية، ويأمل في مزيد من القطارات.",
    "bg": "Министърът каза в петък, че заводът няма да бъде отворен отново преди зимата. По-рано всяка страна "
    "заяви, че е готова да говори за границата, включително за железницата, и се надява на повече влакове.",
    "sh": "Ministar je u petak rekao da tvornica neće ponovno otvoriti prije zime. Ranije je svaka strana "
    "izjavila da je spremna razgovarati o granici, uključujući željeznicu, i nada se većem broju vlakova.",
    "el": "Ο υπουργός είπε την Παρασκευή ότι το εργοστάσιο δεν θα ανοίξει ξανά πριν από τον χειμώνα. Νωρίτερα "
    "κάθε πλευρά είχε δηλώσει ότι είναι έτοιμη να συζητήσει για τα σύνορα και ελπίζει σε περισσότερα τρένα.",
    "cs": "Ministr v pátek řekl, že továrna se před zimou znovu neotevře. Dříve každá strana prohlásila, že je "
    "připravena jednat o hranici, včetně železnice, a doufá v další vlaky.",
    "sk": "Minister v piatok povedal, že továreň sa pred zimou znovu neotvorí. Predtým každá strana vyhlásila, "
    "že je pripravená rokovať o hranici vrátane železnice, a dúfa v ďalšie vlaky.",
    "fa": "وزیر روز جمعه گفت که کارخانه پیش از زمستان دوباره باز نخواهد شد. پیشتر هر طرف گفته بود که آماده "
    "گفتگو درباره مرز، از جمله راه آهن، است و به قطارهای بیشتری امیدوار است.",
    "ur": "وزیر نے جمعہ کو کہا کہ کارخانہ سردیوں سے پہلے دوبارہ نہیں کھلے گا۔ اس سے پہلے ہر فریق نے کہا تھا کہ "
    "وہ ریلوے سمیت سرحد پر بات کرنے کے لیے تیار ہے اور مزید ٹرینوں کی امید رکھتا ہے۔",
    "hi": "मंत्री ने शुक्रवार को कहा कि कारखाना सर्दियों से पहले दोबारा नहीं खुलेगा। इससे पहले हर पक्ष ने कहा था "
    "कि वह रेलवे सहित सीमा पर बात करने के लिए तैयार है और अधिक ट्रेनों की उम्मीद करता है।",
    "zh": "部长周五表示，这家工厂在冬天之前不会重新开放。此前双方各自表示愿意就边界问题进行讨论，"
    "包括铁路，并希望开通更多列车。",
    "ja": "大臣は金曜日、工場は冬までに再開しないと述べた。以前、双方はそれぞれ鉄道を含む国境について"
    "話し合う用意があると述べ、列車の増便を望んでいる。",
    "id": "Menteri mengatakan pada hari Jumat bahwa pabrik tidak akan dibuka kembali sebelum musim dingin. "
    "Sebelumnya masing-masing pihak mengatakan siap membahas perbatasan, termasuk jalur kereta api.",
    "lt": "Ministras penktadienį sakė, kad gamykla iki žiemos vėl neatsidarys. Anksčiau kiekviena pusė teigė, "
    "kad yra pasirengusi kalbėtis apie sieną, įskaitant geležinkelį, ir tikisi daugiau traukinių.",
    "lv": "Ministrs piektdien sacīja, ka rūpnīca līdz ziemai netiks atkal atvērta. Iepriekš katra puse paziņoja, "
    "ka ir gatava runāt par robežu, tostarp par dzelzceļu, un cer uz vairāk vilcienu.",
    "fi": "Ministeri sanoi perjantaina, että tehdas ei avaudu uudelleen ennen talvea. Aiemmin kumpikin osapuoli "
    "kertoi olevansa valmis keskustelemaan rajasta, mukaan lukien rautatie, ja toivoo lisää junia.",
    "sv": "Ministern sade på fredagen att fabriken inte öppnar igen före vintern. Tidigare sade vardera sidan att "
    "den var redo att tala om gränsen, däribland järnvägen, och hoppas på fler tåg.",
    # "bytte ut" (replace): Swedish "bytte" (exchanged) and "soldat*" would read a swap into it
    "no": "Ministeren sa på fredag at fabrikken ikke åpner igjen før vinteren. Ukraina vil bytte ut soldater ved "
    "grensen, og hver side håper på flere tog.",
}
PUBLISHED = datetime(2025, 6, 10, tzinfo=UTC)


@pytest.mark.parametrize("language", sorted(FIXTURES))
def test_undeclared_language_is_detected(language: str) -> None:
    assert load_topic().section(document_language("", FIXTURES[language], None)) == language


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
        assert sentence.language == language, sentence.text
        seen = {c: sorted(spans) for c, spans in sentence.hits.items() if c in FUNCTION_CUES}
        tokens, _, _ = _tokens_and_clauses(normalize(sentence.text))  # before number words are mapped
        assert seen == _own_matches(own, tokens, language), sentence.text


def _own_matches(own: Lexicon, tokens: list[str], language: str) -> dict[str, list[tuple[int, int]]]:
    """The language's own patterns over the tokens, their lemmas and their words without proclitics."""
    topic = load_topic()
    found = own.match(tokens)
    variants = []
    if language in topic.lemma_languages:
        variants.append([lemma(t, language) for t in tokens])
    if language in topic.proclitics:
        variants.append(_without_proclitics(tokens, topic.proclitics[language]))
    for variant in variants:
        for concept, spans in own.match(variant).items():
            found.setdefault(concept, []).extend(s for s in spans if s not in found[concept])
    return {c: sorted(spans) for c, spans in found.items()}


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


@pytest.mark.parametrize("language", sorted(FIXTURES))
def test_news_without_an_exchange_is_not_relevant(language: str) -> None:
    from service.core.detection.detect import detect

    assert not detect(Document("", FIXTURES[language], None, PUBLISHED)).relevant
