"""language.mixed: a foreign paragraph or passage inside an article, with its span;
no alarm on short lines, names, or a quote of a few words."""

from __future__ import annotations

from pathlib import Path

from factories import make_article

from audit.detect.language_mixed import find_mixed_language
from audit.model import Article

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "001_591b80880554c9fd.txt").read_text(encoding="utf-8")
ENGLISH = (
    "Ukrainian President Volodymyr Zelensky arrived in Turkey on Thursday in a pessimistic "
    "mood, considering the Russian delegation included no high-profile negotiator.\n"
    "Putin countered by offering direct talks in Istanbul with a Ukrainian delegation. "
    "Zelensky vowed to attend personally and called on Putin to do likewise."
)
FRENCH = (
    "Le président ukrainien a déclaré jeudi qu'il était prêt à rencontrer Vladimir Poutine "
    "à Istanbul, mais que la délégation russe n'avait pas le mandat nécessaire pour "
    "négocier un cessez-le-feu durable."
)
RUSSIAN = (
    "«Мы рассматриваем эти переговоры как продолжение мирного процесса в Стамбуле, "
    "который, к сожалению, был прерван украинской стороной три года назад», — сказал "
    "Мединский журналистам."
)


def article(text: str, language: str | None = "en") -> Article:
    return make_article(text, language=language)


def mixed(text: str, language: str | None = "en") -> list:  # type: ignore[type-arg]
    return list(find_mixed_language([article(text, language)], {"expected_languages": ["en"]}))


def test_foreign_paragraph_is_found_with_its_span() -> None:
    text = f"{ENGLISH}\n{FRENCH}\nThe Kremlin said Putin would not attend."
    [finding] = mixed(text)
    assert finding.check == "language.mixed"
    assert (finding.start, finding.end) == (text.index(FRENCH), text.index(FRENCH) + len(FRENCH))
    assert finding.excerpt == FRENCH
    assert finding.data["language"] == "fr" and finding.data["article_language"] == ["en"]
    assert "'fr'" in finding.message


def test_untranslated_quote_in_another_script_is_found() -> None:
    text = f"{ENGLISH}\n{RUSSIAN}"
    [finding] = mixed(text)
    assert finding.excerpt == RUSSIAN and finding.data["language"] == "ru"


def test_foreign_sentences_inside_an_english_paragraph_are_one_passage() -> None:
    paragraph = f"Medinsky spoke to reporters in Russian. {FRENCH} He then left the room."
    text = f"{ENGLISH}\n{paragraph}"
    [finding] = mixed(text)
    assert finding.excerpt == FRENCH


def test_unknown_article_language_falls_back_to_the_suite() -> None:
    [finding] = mixed(f"{ENGLISH}\n{FRENCH}", language=None)
    assert finding.data["article_language"] == ["en"]


def test_a_french_article_with_an_english_passage_flags_the_english() -> None:
    text = f"{FRENCH}\n{FRENCH.replace('jeudi', 'vendredi')}\n{ENGLISH}"
    found = mixed(text, language="fr")
    assert [f.data["language"] for f in found] == ["en"]
    assert found[0].excerpt == ENGLISH


def test_short_lines_names_and_short_quotes_are_not_flagged() -> None:
    lines = [
        "Share", "Local News", "Read more",
        "Recep Tayyip Erdoğan, Volodymyr Zelenskyy, Andriy Sybiha, Rustem Umerov.",
        "Putin said «Мы готовы к переговорам без предварительных условий» in Istanbul.",
        "Zelensky closed with “Slava Ukraini” and the French minister added “c'est la vie”.",
        "The Bankova (Ukraine’s equivalent of the Kremlin) has rejected the suggestion.",
        ENGLISH,
    ]
    assert mixed("\n".join(lines)) == []


def test_seed_and_empty_text_give_nothing() -> None:
    assert mixed(SEED) == []
    assert mixed("") == []
    assert mixed("\n\n\x00\ufffd 12 34") == []
