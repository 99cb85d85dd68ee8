"""The language fast path: clear texts get langdetect's verdict without langdetect;
unclear ones (a few words, a mix, a language without rules) still go to langdetect."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.normalise import language as lang
from audit.normalise.language import clear_language, detect_language, language_probabilities

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = (ROOT / "seeds" / "003_ad27deec139d2dc8.txt").read_text(encoding="utf-8")
GERMAN = (
    "Der ukrainische Präsident Wolodymyr Selenskyj ist am Donnerstag in Ankara eingetroffen, "
    "wo er den türkischen Präsidenten traf. Er werde aber nicht nach Istanbul reisen, "
    "solange Wladimir Putin nicht selbst an den Verhandlungen teilnehme, sagte er. Die "
    "russische Delegation war schon am Mittwochabend angekommen; die Gespräche sollten "
    "nach Angaben des Außenministeriums noch in dieser Woche beginnen, wurde aber erneut "
    "verschoben, weil sich beide Seiten nicht auf eine Tagesordnung einigen konnten."
)
GREEK = (
    "Ο Ουκρανός πρόεδρος Βολοντίμιρ Ζελένσκι έφτασε την Πέμπτη στην Άγκυρα, όπου συναντήθηκε "
    "με τον Τούρκο πρόεδρο, αλλά δεν θα μεταβεί στην Κωνσταντινούπολη όσο ο Πούτιν αρνείται "
    "να συμμετάσχει ο ίδιος στις διαπραγματεύσεις. Η ρωσική αντιπροσωπεία έφτασε την Τετάρτη."
)
# Afrikaans shares many function words with Dutch: the fast path must not call it Dutch.
AFRIKAANS = (
    "Die regering het op Dinsdag aangekondig dat die nuwe begroting vir die volgende jaar "
    "meer geld aan onderwys en gesondheid sal bestee, maar die opposisie sê dit is nie genoeg "
    "nie en dat die land se skuld steeds te vinnig groei. Die minister van finansies het "
    "gesê dat hy met die sakesektor sal saamwerk om meer werk te skep in die komende jaar."
)


@pytest.mark.parametrize(("text", "expected"), [(ENGLISH, "en"), (GERMAN, "de"), (GREEK, "el")])
def test_clear_texts_take_the_fast_path_and_agree_with_langdetect(text: str, expected: str) -> None:
    assert clear_language(text) == expected
    assert language_probabilities(text)[0][0] == expected
    assert detect_language(text) == lang.LanguageGuess(expected, 1.0)


def test_unclear_texts_go_to_langdetect() -> None:
    assert clear_language(AFRIKAANS) is None
    assert detect_language(AFRIKAANS).language == language_probabilities(AFRIKAANS)[0][0] == "af"
    short = "Zelensky arrived in Ankara on Thursday and met the Turkish president there."
    assert clear_language(short) is None  # too few words to be sure
    mixed = ENGLISH[:600] + " " + GREEK
    assert clear_language(mixed) is None  # two scripts: langdetect weighs them


def test_mojibake_english_is_still_plainly_english() -> None:
    damaged = ENGLISH.encode("utf-8").decode("cp1252", errors="replace")
    assert clear_language(damaged) == "en"


def test_the_rules_ship_in_the_package_and_key_the_cache() -> None:
    rules = lang.fast_path()
    assert rules.words["the"] == "en" and rules.words["und"] == "de"
    assert "il" not in rules.words  # French and Italian: a word of two languages decides nothing
    assert len(lang.fast_path_version()) == 8
