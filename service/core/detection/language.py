"""The language an article (or one sentence of it) is written in.

Function-word cues ("will", "us", "nicht", "по") fire only in their own language, so detection needs
the language. A declared language is trusted when its script matches the text (Latin for en/de/pl…,
Cyrillic for uk/ru, with the letters that only Ukrainian or only Russian has deciding between them);
otherwise — declared missing, wrong script, or "ru" written with Ukrainian letters — the text is
classified with lingua (statistical models shipped in its wheel, built once and lazily, limited to the
languages news about this war is published in).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from service.core.detection import library_pages
from service.core.topics import normalize

if TYPE_CHECKING:
    from lingua import LanguageDetector

_MARGIN = 2.0  # the best language must be this many times likelier than the next
_SAMPLE = 400  # characters: enough for a reliable guess, cheap enough for ≥ 500 articles/s
_CYRILLIC = re.compile(r"[а-яёіїєґўђјљњћџ]", re.IGNORECASE)
_LATIN = re.compile(r"[a-zà-ÿąćęłńóśźżőűăâîșțşç]", re.IGNORECASE)
_LATIN_RUN = re.compile(r"(?:[a-z]{2,}[^\w]+){4}", re.IGNORECASE)  # four Latin words in a row
# Greek, Armenian, Hebrew, Arabic, Indic, Georgian, Ethiopic, CJK and Hangul letters.
_OTHER = re.compile("[\u0370-\u03ff\u0530-\u08ff\u0900-\u0dff\u10a0-\u137f\u3040-\u9fff\uac00-\ud7af]")
_ONLY_UK = re.compile(r"[іїєґ]", re.IGNORECASE)
_ONLY_RU = re.compile(r"[ыэё]", re.IGNORECASE)  # not "ъ": Bulgarian writes it in every other sentence
CYRILLIC_LANGUAGES = frozenset({"uk", "ru", "be", "bg", "mk", "sr", "kk"})
# Languages DW and the outlets in the corpora publish in (lingua's ISO 639-1 names).
_DETECTABLE = [
    "ENGLISH",
    "UKRAINIAN",
    "RUSSIAN",
    "GERMAN",
    "POLISH",
    "FRENCH",
    "SPANISH",
    "PORTUGUESE",
    "ITALIAN",
    "ROMANIAN",
    "HUNGARIAN",
    "DUTCH",
    "ESTONIAN",
    "LATVIAN",
    "LITHUANIAN",
    "CZECH",
    "SLOVAK",
    "CROATIAN",
    "SERBIAN",
    "BOSNIAN",
    "SLOVENE",
    "BULGARIAN",
    "MACEDONIAN",
    "BELARUSIAN",
    "ALBANIAN",
    "GREEK",
    "TURKISH",
    "ARABIC",
    "PERSIAN",
    "HINDI",
    "URDU",
    "BENGALI",
    "INDONESIAN",
    "SWAHILI",
    "CHINESE",
    "KAZAKH",
    "JAPANESE",
    "KOREAN",
    "HEBREW",
    "GEORGIAN",
    "ARMENIAN",
    "AZERBAIJANI",
    "FINNISH",
    "SWEDISH",
    "BOKMAL",
]
# Languages lingua has no model for, told by letters only they use: Ethiopic script (Amharic) and the
# Arabic-script letters of Pashto.
_ETHIOPIC = re.compile("[\u1200-\u137f]")
_PASHTO = re.compile("[ټډړښږګڼځڅېۍ]")
_KAZAKH = re.compile("[әғқңөұүһ]", re.IGNORECASE)
_BELARUSIAN = re.compile("ў", re.IGNORECASE)
# Belarusian writes Ukrainian's "і" beside Russian's "ы"/"э" and has no "и", "щ", "ъ", "ї", "є", "ґ": a short
# text without "ў" ("Расія і Украіна абмяняліся 90 ваеннапалоннымі") is told by that mix
_BELARUSIAN_I = re.compile("і", re.IGNORECASE)
_BELARUSIAN_Y = re.compile("[ыэ]", re.IGNORECASE)
_NOT_BELARUSIAN = re.compile("[ищъїєґ]", re.IGNORECASE)
_HAUSA = re.compile("[ɓɗƙƴ]", re.IGNORECASE)


@cache
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    # Low-accuracy mode uses the trigram models only: a fraction of the memory and load time, and as
    # good as the full models on a paragraph (it errs on single short phrases, which never get here).
    builder = LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in _DETECTABLE))
    return builder.with_low_accuracy_mode().build()


KNOWN = frozenset(
    [
        "en",
        "uk",
        "ru",
        "de",
        "pl",
        "fr",
        "es",
        "pt",
        "it",
        "ro",
        "hu",
        "nl",
        "et",
        "lv",
        "lt",
        "cs",
        "sk",
        "hr",
        "sr",
        "bs",
        "sl",
        "bg",
        "mk",
        "be",
        "sq",
        "el",
        "tr",
        "ar",
        "fa",
        "hi",
        "ur",
        "bn",
        "id",
        "sw",
        "zh",
        "kk",
        "ps",
        "am",
        "ha",
        "ja",
        "ko",
        "he",
        "ka",
        "hy",
        "az",
        "fi",
        "sv",
        "sh",
        "no",
    ]
)
# Norwegian Bokmål and Nynorsk are read with one Norwegian section
_LEGACY = {
    **{"iw": "he", "in": "id", "prs": "fa", "pes": "fa", "cnr": "sr", "me": "sr", "swa": "sw"},
    **{"nb": "no", "nn": "no"},
}
# Languages not written in the Latin or Cyrillic script: a text in those is declared with one of these.
OTHER_SCRIPT_LANGUAGES = frozenset({"el", "ar", "fa", "ur", "ps", "hi", "bn", "zh", "ja", "ko", "he", "ka", "hy", "am"})


def _declared(code: str | None) -> str | None:
    """ "de-DE" → "de"; an unknown or malformed code counts as none."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-").split("-")[0]
    code = _LEGACY.get(code, code)
    return code if code in KNOWN else None


def script(text: str) -> str:
    """ "cyrillic", "latin" or "other": the script most letters of the text are written in."""
    cyrillic, latin = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
    other = len(_OTHER.findall(text)) if not text.isascii() else 0
    if other >= max(cyrillic, latin):
        return "other"
    return "cyrillic" if cyrillic > latin else "latin"


def _uk_or_ru(sample: str) -> str | None:
    uk, ru = len(_ONLY_UK.findall(sample)), len(_ONLY_RU.findall(sample))
    if uk > 2 * ru and uk >= 2:
        return "uk"
    if ru > 2 * uk and ru >= 2:
        return "ru"
    return None


def classify(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text does not tell clearly (a short
    phrase where two languages score alike: detection then uses every language's cues)."""
    values = _detector().compute_language_confidence_values(text[:_SAMPLE])
    library_pages.after_classify()  # a model just loaded leaves the library's pages it was read from
    if not values or values[0].value <= 0 or (len(values) > 1 and values[0].value < _MARGIN * values[1].value):
        return None
    return values[0].language.iso_code_639_1.name.lower()


# The commonest words of the Latin-script languages with topic data: a text declared English whose
# commonest words are German is German (feeds often declare the site's default language).
_COMMON = {
    "en": "the and of to in is was that with for on said has have",
    "de": "der die das und ist mit den dem von zu nicht sich auf ein eine wurde",
    "fr": "le la les et des du un une est dans pour que qui sur au",
    "es": "el la los las y del en que por con una para es se al",
    "pt": "o os as e do da dos das em que para com uma foi ao",
    "it": "il lo gli le e di del della che per con una sono è nel",
    "pl": "i w na się że z do nie jest to przez od po za",
    "ro": "și în la cu de pe din că care a fost au un o",
    "hu": "a az és hogy nem egy is van volt meg ki be de",
}
_COMMON_SETS = {lang: frozenset(words.split()) for lang, words in _COMMON.items()}
_COMMON_BY_WORD: dict[str, tuple[str, ...]] = {}
for _lang, _words in _COMMON_SETS.items():
    for _w in _words:
        _COMMON_BY_WORD[_w] = (*_COMMON_BY_WORD.get(_w, ()), _lang)
_WORD = re.compile(r"[^\W\d_]+")


def _common_word_counts(sample: str) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(_COMMON_SETS, 0)
    get = _COMMON_BY_WORD.get
    for word in _WORD.findall(sample):
        for lang in get(word, ()):
            counts[lang] += 1
    return counts


def _contradicts(code: str, sample: str) -> bool:
    """Another language's commonest words clearly lead and the declared one's are (nearly) absent: a page
    mixing languages (a German report above English teasers) keeps its declared language."""
    counts = _common_word_counts(sample)
    ranked = sorted(counts.values(), reverse=True)
    best = max(counts, key=counts.__getitem__)
    leads = best != code and ranked[0] >= 2 and ranked[0] >= 2 * ranked[1]
    return leads and counts.get(code, 0) <= 1


def plausible(code: str, sample: str) -> bool:
    """Does the declared language fit the text's script (and, for uk/ru, its letters; for Latin-script
    text, its commonest words)?"""
    kind = script(sample)
    if kind == "latin" and code not in CYRILLIC_LANGUAGES:
        return code not in OTHER_SCRIPT_LANGUAGES and (code not in _COMMON_SETS or not _contradicts(code, sample))
    if kind == "other":
        return code in OTHER_SCRIPT_LANGUAGES
    if (kind == "cyrillic") != (code in CYRILLIC_LANGUAGES):
        return False
    if code in ("uk", "ru"):
        letters = _uk_or_ru(sample)
        return letters is None or letters == code
    return True


def document_language(title: str, text: str, declared: str | None) -> str | None:
    """The article's language: the declared one when plausible, else what the text looks like."""
    sample = normalize(f"{title}\n{text[:_SAMPLE]}")  # Latin look-alikes in Cyrillic words mapped back
    code = _declared(declared)
    if code is not None and plausible(code, sample):
        return code
    kind = script(sample)
    by_letters = _by_letters(sample)
    if by_letters is not None:
        return by_letters
    if kind == "cyrillic":
        letters = _uk_or_ru(sample)
        if letters is not None:
            return letters
    elif kind == "other":
        sample = f"{title}\n{text[:_SAMPLE]}"  # normalize() folds Arabic letters Persian and Urdu tell apart
    return classify(sample) or code


def _by_letters(sample: str) -> str | None:
    """Amharic, Pashto and Hausa, which lingua does not model, and Kazakh and Belarusian, whose Cyrillic
    shares "і" with Ukrainian, from the letters only they use (Belarusian also from its mix of "і" and "ы"
    without "и"; Pashto's "ې" too)."""
    if len(_KAZAKH.findall(sample)) >= 3:
        return "kk"
    if len(_BELARUSIAN.findall(sample)) >= 2:
        return "be"
    i, y = len(_BELARUSIAN_I.findall(sample)), len(_BELARUSIAN_Y.findall(sample))
    if i >= 2 and y >= 1 and not _NOT_BELARUSIAN.search(sample):
        return "be"
    if len(_HAUSA.findall(sample)) >= 2:
        return "ha"
    if len(_ETHIOPIC.findall(sample)) >= 5:
        return "am"
    if len(_PASHTO.findall(sample)) >= 3:
        return "ps"
    return None


def other_script(text: str, document: str | None) -> bool:
    """Whether some of the text may be in another script than the document's language, and so be read
    as another language by sentence_language (the same cheap test it starts with)."""
    if document is None:
        return False
    return bool((_LATIN_RUN if document in CYRILLIC_LANGUAGES else _CYRILLIC).search(text))


def sentence_language(text: str, document: str | None) -> str | None:
    """A sentence in another script than its article (an English tweet quoted in a Ukrainian report)
    is classified on its own; otherwise it shares the article's language."""
    if document is None or len(text) < 25 or not other_script(text, document):
        return document  # the common case, decided without counting letters
    doc_cyrillic = document in CYRILLIC_LANGUAGES
    kind = script(text)
    if kind == "other" or (kind == "cyrillic") == doc_cyrillic:
        return document
    if kind == "cyrillic":
        return _uk_or_ru(text) or classify(text) or document
    return classify(text) or document
