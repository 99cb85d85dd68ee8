"""Hindi news (thirty-first session: BBC Hindi's pages of about 2013).

Devanagari has no capitals, and Python's \\w leaves out its vowel signs, so no glued
sentence was ever found in Hindi, though 341 of the 344 pages run theirs together ("जीत
हासिल कर ली.पोलार्ड ने"). Abbreviations and initials are written with a dot too ("डॉ.",
"उ.कोरिया", "के.एम."). The shapes are the corpus's; the sentences are made up.
"""

from __future__ import annotations

from factories import make_article

from audit.detect.hygiene.glued import find_glued_sentences


def glued(text: str) -> list[tuple[str, str, str]]:
    found = find_glued_sentences([make_article(text, language="hi")], {})
    return [(f.excerpt, f.data["left"], f.data["right"]) for f in found]


def test_sentences_run_together_in_devanagari_are_glued() -> None:
    text = ("मुंबई ने तीन गेंद रहते ही जीत हासिल कर ली.पोलार्ड ने 27 गेंदों में नाबाद 66 रन बनाए. "
            "टीम का प्रदर्शन अच्छा रहा है।अब अगला मैच शनिवार को है. क्या वे जीतेंगे?कप्तान को भरोसा है.")
    assert glued(text) == [("ली.पोलार्ड", "ली", "पोलार्ड"), ("है।अब", "है", "अब"), ("जीतेंगे?कप्तान", "जीतेंगे", "कप्तान")]


def test_abbreviations_and_initials_in_devanagari_are_not() -> None:
    text = ("डॉ.मनमोहन सिंह ने कहा कि उ.कोरिया की मिसाइलें ख़तरा हैं. निशानेबाज़ अंजलि आर.भागवत और "
            "एथलीट के.एम. बीनामोल को पुरस्कार मिला. प्रो.शर्मा ने ई.पू. के सिक्के दिखाए.")
    assert glued(text) == []


def test_a_chain_of_pairs_and_verbs_that_are_letter_names() -> None:
    # the danda ends a sentence: "गए।टीम.अब" is two glued pairs, not one word "गए।टीम"
    assert [e for e, _, _ in glued("वे मैच हार गए।टीम.अब अगले साल खेलेगी.")] == ["गए।टीम", "टीम.अब"]
    # "आई" is "came": it ends sentences, though it is also the letter I's name
    assert glued("यह बात सामने आई.पुलिस ने जांच शुरू की.") == [("आई.पुलिस", "आई", "पुलिस")]
    # a word after the dot, not an initial, followed by another dot: still glued
    assert [e for e, _, _ in glued("टीम मैच हार गए.मुंबई.फिर से जीती.")] == ["गए.मुंबई"]
