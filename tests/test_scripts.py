"""Words mixing Latin and Cyrillic letters: hygiene.encoding names each, with its one-script reading."""

from __future__ import annotations

import pytest
from factories import make_article

from audit.detect.hygiene.encoding import find_encoding_problems
from audit.detect.hygiene.scripts import mixed_script_words


@pytest.mark.parametrize(("text", "words"), [
    # the Spanish Fake News Corpus: Cyrillic "о" (U+043E) for every Latin "o"
    ("Se negaron a cоntar cоn lоs dоcumentоs del caso.",
     [("cоntar", "contar"), ("cоn", "con"), ("lоs", "los"), ("dоcumentоs", "documentos")]),
    # an ad block that hides from blockers (a Belizean page): mostly Cyrillic letters, a Latin word
    ("Аdvеrtіѕе wіth thе Веlіzе Times", [("Аdvеrtіѕе", "Advertise"), ("wіth", "with"), ("thе", "the"),
                                         ("Веlіzе", "Belize")]),
    # a Latin "o" typed into a Russian word: read as the Cyrillic word it is
    ("Эта прoблема решена в Москве.", [("прoблема", "проблема")]),
    # Roman numerals typed with Cyrillic Х and С (ng.ru): read in Latin, not with Ukrainian "І"
    ("В ХIХ веке и в ХХI веке, в ХVIII веке.", [("ХIХ", "XIX"), ("ХХI", "XXI"), ("ХVIII", "XVIII")]),
    # as many letters of each script: the text's decides ("ВС", the Supreme Court, with a Latin C)
    ("По его словам, в постановлении ВC от 13 февраля.", [("ВC", "ВС")]),
    ("The ruling ВC was read in English.", [("ВC", "BC")]),
])
def test_words_of_two_scripts_are_found_with_their_reading(text: str, words: list[tuple[str, str]]) -> None:
    found = mixed_script_words(text)
    assert [(w.word, w.reading) for w in found] == words
    assert all(text[w.start:w.end] == w.word for w in found)


@pytest.mark.parametrize("text", [
    "TNFα and IFN-γ levels rose in the treated mice.",  # Greek beside Latin: science writes it
    "Он купил iPhone и Android в Москве.",  # each word in one script
    "Zelenskiy said – Recep Tayyip Erdoğan was ready to host the talks… café.",
    "A plain ASCII sentence.",
])
def test_words_of_one_script_each_are_left_alone(text: str) -> None:
    assert mixed_script_words(text) == []


def test_hygiene_encoding_reports_them_and_says_how_many_more_past_its_limit() -> None:
    text = " ".join(["Lоs alumnоs y maestrоs de la escuela se manifestarоn."] * 20)  # 4 words a sentence
    found = list(find_encoding_problems([make_article(text)], {"max_per_article": 50}))
    assert len(found) == 51
    first, more = found[0], found[-1]
    assert (first.excerpt, first.data) == ("Lоs", {"kind": "mixed_script", "repaired": "Los", "codepoints": ["U+043E"]})
    assert "Cyrillic" in first.message and "'Los'" in first.message
    assert more.data == {"kind": "more_mixed_script", "count": 30} and more.start is None
