"""Build the inflected forms of the topic's number words (service/core/topics/exchanges.numbers.json).

The topic's `number_words` tables list each number word once or in a few forms; texts inflect them: Polish
"siedemdziesięciu pięciu żołnierzy" (75, genitive), Russian «семидесяти пяти», Ukrainian «сімдесятьох»,
Czech "sedmdesáti", Lithuanian "penkiasdešimties". This script takes every word of a language's table as a
lemma and writes the forms a library gives for it:

- Russian and Ukrainian: pymorphy3's lexeme of the word's numeral (or noun: «тысяча», «сто») parse, keeping a
  form only when pymorphy3's likeliest reading of it is that same lemma («семью» is "family" first, not 7);
- the other languages with a simplemma dictionary: every form simplemma lemmatises to the word.

Forms already in the table, forms of one or two letters and forms that would mean another value are left
out. Re-run it after editing a `number_words` table (a test checks the file covers the tables):
    pip install -e '.[lemmas]' && python scripts/build_number_forms.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypedDict

from service.core.topics import normalize, tokenize

TOPICS = Path(__file__).parents[1] / "service" / "core" / "topics"
OUT = TOPICS / "exchanges.numbers.json"
_PYMORPHY = ("ru", "uk")
# topic language → simplemma's code: the languages whose numerals decline by case (Slavic, Baltic, Greek); simplemma's
# forms for the others are mostly other words' (German "eint", "sieb"; Swedish "femte", the ordinal; Finnish
# "kuusen" is the spruce's, "yhdessä" together)
_SIMPLEMMA = {"pl": "pl", "cs": "cs", "sk": "sk", "sh": "hbs", "lt": "lt", "lv": "lv", "el": "el"}
_MIN_LENGTH = 3
_ABBREVIATIONS = frozenset({"tys", "тис", "тыс"})  # "thousand" cut short: the noun "тис" is a yew tree
_VERB_HOMOGRAPHS = {"cs": frozenset({"pět"})}  # Czech "pět" is also "to sing": only its forms that keep "pět"
_FORMS_ONLY = frozenset({"set"})  # Czech "set" is a form of "sto" (hundreds); as a lemma it is a tennis set


class NumberForms(TypedDict):
    """The JSON file: the fingerprint of the tables the forms were built from, and language → form → value."""

    fingerprint: str
    forms: dict[str, dict[str, int]]


def tables() -> dict[str, dict[str, int]]:
    """language → the number words its topic file lists (the main file's tables, the language files' own)."""
    main = tomllib.loads((TOPICS / "exchanges.toml").read_text(encoding="utf-8"))
    out = {code: {normalize(w): int(v) for w, v in table.items()} for code, table in main["number_words"].items()}
    for path in sorted((TOPICS / "exchanges").glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        if "number_words" in doc:
            out[doc["language"]] = {normalize(w): int(v) for w, v in doc["number_words"].items()}
    return out


def pymorphy_forms(language: str, table: dict[str, int]) -> dict[str, int]:
    """Russian or Ukrainian forms of the table's numerals (pymorphy3 lexemes whose likeliest reading is the word)."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang=language)
    out: dict[str, int] = {}
    for word, value in table.items():
        # the table is normalized (no apostrophe); pymorphy3 knows «п'ять», «дев'ять» (but «девяносто»)
        spellings = {word, word.replace("пя", "п'я").replace("девя", "дев'я")} if language == "uk" else {word}
        parses = [p for w in spellings for p in morph.parse(w) if normalize(p.normal_form) == word]
        # the numeral's lexeme («сорок», not the magpie «сорока»); a noun only for «сто», «тысяча»
        numerals = [p for p in parses if p.tag.POS == "NUMR"] or [
            p for p in parses if p.tag.POS == "NOUN" and value in (100, 1000) and word not in _ABBREVIATIONS
        ]
        for parse in numerals:
            for form in parse.lexeme:
                key = normalize(form.word)
                best = morph.parse(form.word)[0]
                if normalize(best.normal_form) != word:
                    continue  # «семью»: "family" before 7
                out[key] = value
    return out


def simplemma_forms(language: str, source: str, table: dict[str, int]) -> dict[str, int]:
    """Forms simplemma's dictionary `source` lemmatises to a table word, plus forms made by analogy."""
    import simplemma
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

    dictionary: Any = DEFAULT_DICTIONARY_FACTORY.get_dictionary(source)
    homographs = _VERB_HOMOGRAPHS.get(language, frozenset())
    # simplemma's own lemma of a table word too: Polish "dziewięćdziesiąt" has its forms under "dziewięćdziesięć"
    lemmas = {normalize(str(simplemma.lemmatize(word, lang=source))): value for word, value in table.items()}
    bases = {**lemmas, **table}
    out: dict[str, int] = {}
    for form, lemma in dictionary.items():
        base, key = normalize(str(lemma)), normalize(str(form))
        value = bases.get(base)
        if value is None or base in _ABBREVIATIONS | _FORMS_ONLY or (base in homographs and not key.startswith(base)):
            continue
        out[key] = value
    for word, value in table.items():
        if value not in out.values() and word not in _ABBREVIATIONS | _FORMS_ONLY:
            out.update(
                _by_analogy(word, value, out, table, lambda f: normalize(str(simplemma.lemmatize(f, lang=source))))
            )
    return out


def _by_analogy(
    word: str, value: int, found: dict[str, int], table: dict[str, int], lemma: Callable[[str], str]
) -> dict[str, int]:
    """Forms of a word the dictionary lacks (Polish "dziewięćdziesiąt"), made on the pattern of another table
    word's ("siedemdziesiąt" → "siedemdziesięciu": "dziewięćdziesięciu") and kept when simplemma lemmatises
    them back to the word (or to its own lemma of it), or when two other words' paradigms make the same form
    ("sześćdziesiąt", "siedemdziesiąt", "osiemdziesiąt" all end "-dziesięciu" in the genitive)."""
    targets = {word, lemma(word)}
    support: dict[str, set[str]] = {}
    for other, other_value in table.items():
        for form, form_value in found.items():
            if form_value != other_value:
                continue
            stem = _common_prefix(other, form)
            old_end, new_end = other[len(stem) :], form[len(stem) :]
            if len(stem) < _MIN_LENGTH or not old_end or not word.endswith(old_end):
                continue
            candidate = word[: len(word) - len(old_end)] + new_end
            if candidate not in table and candidate not in found:
                support.setdefault(candidate, set()).add(other)
    return {c: value for c, others in support.items() if len(others) > 1 or lemma(c) in targets}


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def build(language: str, table: dict[str, int]) -> dict[str, int]:
    """The new forms of one language's table (none for a language no library covers)."""
    if language in _PYMORPHY:
        found = pymorphy_forms(language, table)
    elif language in _SIMPLEMMA:
        found = simplemma_forms(language, _SIMPLEMMA[language], table)
    else:
        return {}
    values = {}
    for form, value in sorted(found.items()):
        if form in table or len(form) < _MIN_LENGTH or tokenize(form) != [form]:
            continue
        values[form] = value
    return values


def fingerprint(known: dict[str, dict[str, int]]) -> str:
    """What the forms were built from: the tables of the languages the script reads."""
    built = {code: known[code] for code in sorted(known) if code in _PYMORPHY or code in _SIMPLEMMA}
    return hashlib.sha256(json.dumps(built, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("languages", nargs="*", help="only these (default: every language with a table)")
    args = parser.parse_args()
    known = tables()
    old: dict[str, dict[str, int]] = json.loads(OUT.read_text(encoding="utf-8"))["forms"] if OUT.exists() else {}
    current = NumberForms(fingerprint=fingerprint(known), forms=old)
    for language in args.languages or sorted(known):
        forms = build(language, known.get(language, {}))
        current["forms"].pop(language, None)
        if forms:
            current["forms"][language] = forms
            print(f"{language}: {len(forms)} forms")
    OUT.write_text(json.dumps(current, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
