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


INDONESIAN = (
    "Presiden Joko Widodo mengatakan pada hari Kamis bahwa pemerintah akan terus mendukung "
    "perundingan damai antara Rusia dan Ukraina. Menurut dia, Indonesia tidak akan memihak "
    "kepada salah satu pihak, tetapi siap membantu jika kedua negara meminta. Sebelumnya, "
    "menteri luar negeri juga telah bertemu dengan para diplomat dari kedua negara tersebut "
    "untuk membahas situasi yang semakin memburuk."
)


@pytest.mark.parametrize(("text", "expected"), [
    (ENGLISH, "en"), (GERMAN, "de"), (GREEK, "el"), (INDONESIAN, "id"),
])
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
    assert rules.words["yang"] == "id" and rules.words["di"] == "it"  # Indonesian's "di" left out
    assert len(lang.fast_path_version()) == 8


# Cyrillic is written by several languages langdetect knows (ru, uk, bg, mk): Russian and
# Ukrainian are clear by the letters only each uses among them (ы, э, ё; ї, є, ґ), with
# none of the other languages' letters.
RUSSIAN = (
    "Президент Украины Владимир Зеленский прибыл в четверг в Анкару, где встретился с "
    "президентом Турции. Он заявил, что не поедет в Стамбул, пока Владимир Путин сам не примет "
    "участия в переговорах. Российская делегация прибыла ещё в среду вечером; по словам "
    "представителей министерства, встреча должна была начаться на этой неделе, но её снова "
    "перенесли, потому что стороны не смогли договориться о повестке."
)
UKRAINIAN = (
    "Президент України Володимир Зеленський прибув у четвер до Анкари, де зустрівся з "
    "президентом Туреччини. Він заявив, що не поїде до Стамбула, доки Володимир Путін сам не "
    "візьме участі в переговорах. Російська делегація прибула ще в середу ввечері; за словами "
    "представників міністерства, зустріч мала розпочатися цього тижня, але її знову перенесли, "
    "бо сторони не змогли домовитися про порядок денний."
)
BELARUSIAN = (
    "Прэзідэнт Украіны Уладзімір Зяленскі прыбыў у чацвер у Анкару, дзе сустрэўся з "
    "прэзідэнтам Турцыі. Ён заявіў, што не паедзе ў Стамбул, пакуль Уладзімір Пуцін сам не "
    "возьме ўдзелу ў перамовах. Расійская дэлегацыя прыбыла яшчэ ў сераду ўвечары; паводле "
    "слоў прадстаўнікоў міністэрства, сустрэча павінна была пачацца на гэтым тыдні, але яе "
    "зноў перанеслі, бо бакі не змаглі дамовіцца аб парадку дня."
)
BULGARIAN = (
    "Президентът на Украйна Володимир Зеленски пристигна в четвъртък в Анкара, където се "
    "срещна с турския президент. Той заяви, че няма да пътува до Истанбул, докато Владимир Путин "
    "сам не участва в преговорите. Руската делегация пристигна още в сряда вечерта; според "
    "министерството срещата трябваше да започне тази седмица, но отново беше отложена, защото "
    "страните не успяха да се договорят за дневния ред."
)


@pytest.mark.parametrize(("text", "expected"), [(RUSSIAN, "ru"), (UKRAINIAN, "uk")])
def test_russian_and_ukrainian_are_clear_by_their_own_letters(text: str, expected: str) -> None:
    assert clear_language(text) == expected == language_probabilities(text)[0][0]
    assert detect_language(text) == lang.LanguageGuess(expected, 1.0)
    assert clear_language(text[:120]) is None  # too few words to be sure


@pytest.mark.parametrize(("text", "expected"), [
    (BELARUSIAN, None),  # ы and ў, і: neither Russian nor Ukrainian (langdetect has no be)
    (BULGARIAN, "bg"),  # no ы, э, ё
    # Russian names in Bulgarian prose (Рыбаков, Эдуард, Навальный): its ъ outweighs them
    (BULGARIAN + " Говори Дмитрий Рыбаков, Эдуард Лимонов и Алексей Навальный.", "bg"),
])
def test_other_cyrillic_languages_go_to_langdetect(text: str, expected: str) -> None:
    assert clear_language(text) is None
    assert detect_language(text).language == language_probabilities(text)[0][0]
    if expected:
        assert detect_language(text).language == expected


POLISH = (
    "Prezydent Ukrainy Wołodymyr Zełenski przybył w czwartek do Ankary, gdzie spotkał się z "
    "prezydentem Turcji. Oświadczył, że nie pojedzie do Stambułu, dopóki Władimir Putin sam nie "
    "weźmie udziału w rozmowach. Rosyjska delegacja przybyła już w środę wieczorem; według "
    "ministerstwa spotkanie miało się rozpocząć w tym tygodniu, ale zostało ponownie przełożone, "
    "ponieważ strony nie mogły uzgodnić porządku obrad."
)
CZECH = (
    "Ukrajinský prezident Volodymyr Zelenskyj přijel ve čtvrtek do Ankary, kde se setkal s "
    "tureckým prezidentem. Prohlásil, že nepojede do Istanbulu, dokud se jednání sám nezúčastní "
    "Vladimir Putin. Ruská delegace dorazila už ve středu večer; podle ministerstva mělo setkání "
    "začít tento týden, ale bylo znovu odloženo, protože se strany nedokázaly dohodnout na programu."
)
# an English report full of Polish names: their letters, none of Polish's own words
POLISH_NAMES = (
    "Iga Świątek won in Warsaw on Sunday as Łukasz Piszczek, Jakub Błaszczykowski and Wojciech "
    "Szczęsny watched from the stands with Paweł Fajdek. Świątek, who beat Magda Linette and "
    "then Magdalena Fręch, said she had felt the crowd behind her from the first game to the last, "
    "and thanked her coach for the plan they had made before the final."
)


def test_polish_is_clear_by_its_own_letters_and_words() -> None:
    """Polish's frequent words are other languages' too (na, i, do, to, o): its letters tell
    it (ł ś ź ż ń), with words only it writes; langdetect agrees."""
    assert clear_language(POLISH) == "pl" == language_probabilities(POLISH)[0][0]
    assert detect_language(POLISH) == lang.LanguageGuess("pl", 1.0)
    assert clear_language(POLISH[:150]) is None  # too few words to be sure
    assert clear_language(POLISH + " Mówił też Václav Havel.") is None  # á: not a letter Polish writes


# a squad list: Polish letters enough, none of Polish's own words
SQUAD = ("Łukasz Fabiański, Wojciech Szczęsny, Łukasz Skorupski, Kamil Glik, Jan Bednarek, Paweł Dawidowicz, "
         "Bartosz Bereszyński, Tymoteusz Puchacz, Michał Karbownik, Grzegorz Krychowiak, Przemysław Frankowski, "
         "Mateusz Klich, Kacper Kozłowski, Jakub Moder, Piotr Zieliński, Kamil Jóźwiak, Przemysław Płacheta, "
         "Karol Świderski, Dawid Kownacki, Krzysztof Piątek, Arkadiusz Milik.")


@pytest.mark.parametrize(("text", "clear", "detected"), [
    (CZECH, None, "cs"),  # ř ě č: letters Polish does not write
    (POLISH_NAMES, "en", "en"),  # ł ś ę in names: the function words say English
    (SQUAD, None, None),  # no Polish word: langdetect decides
])
def test_other_latin_texts_with_polish_letters_are_not_called_polish(
        text: str, clear: str | None, detected: str | None) -> None:
    assert clear_language(text) == clear
    assert detect_language(text).language == (detected or language_probabilities(text)[0][0])


def test_polish_words_are_what_make_polish_letters_a_verdict() -> None:
    assert clear_language(SQUAD + " Trener mówi, że jest to skład, który się sprawdzi.") == "pl"


def test_a_paragraphs_word_counts_are_a_parameter() -> None:
    sentence = ("Der Präsident ist am Donnerstag in Ankara eingetroffen, wo er mit dem "
                "türkischen Präsidenten über die Gespräche sprach.")
    assert clear_language(sentence) is None  # 17 words: not enough for an article's verdict
    assert clear_language(sentence, min_words=12, min_distinct=4) == "de"
    assert language_probabilities(sentence, min_chars=1)[0][0] == "de"


def test_letter_runs_are_the_letter_regex_on_ascii_and_unicode() -> None:
    ascii_all = "".join(map(chr, range(128))) * 2
    samples = [ascii_all, ENGLISH.lower(), GERMAN.lower(), GREEK.lower(), "a_b c1d 2e\tf\ng", ""]
    for text in samples:
        assert lang.letter_runs(text) == lang._LETTERS.findall(text)
