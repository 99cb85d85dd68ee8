"""Dates in the languages of calendar_names.json, read by the date checks (twenty-ninth session).

DICE's Italian crime news writes "il 31 novembre 2017", Fake.Br's Portuguese "31 de junho de
2014" and "31 de novembro de 2015": dates that do not exist, which consistency.invalid_date read
in English texts only. The sentences around them are made up.
"""

from __future__ import annotations

import pytest
from factories import make_article

from audit.detect.consistency.dates import find_invalid_dates
from audit.detect.consistency.weekdays import find_weekday_mismatches
from audit.normalise.dates import find_local_dates


def test_local_dates_with_their_weekdays() -> None:
    found = find_local_dates("Il fatto è avvenuto martedì 30 gennaio 2020 a Modena. Am Montag, 5. März 2018, "
                             "begann der Prozess. Le 1er mars 2020, rien.")
    assert [(m.day, m.month, m.year, m.weekday) for m in found] == [(30, 1, 2020, 1), (5, 3, 2018, 0), (1, 3, 2020, None)]


@pytest.mark.parametrize("text", [
    "o estado sacou R$ 61.600.000,00. Agosto de 2017 - Já em abril",  # a figure's cents, Fake.Br
    "Termine 27 28 29 30 31 November 2020 Mo Di Mi",  # a calendar's sheet, a German page
    "Eldorado a0 de novembro de 2017",  # day 0
])
def test_figures_and_calendar_sheets_are_no_dates(text: str) -> None:
    assert find_local_dates(text) == []


@pytest.mark.parametrize(("text", "language", "excerpt"), [
    ("La denuncia è stata presentata alla Questura di Modena il 31 novembre 2017, al mattino.", "it", "31 novembre 2017"),
    ("O aluguel venceu no dia 31 de junho de 2014, segundo os documentos.", "pt", "31 de junho de 2014"),
    ("El lunes 31 de abril de 2019 se reunió la comisión.", "es", "lunes 31 de abril de 2019"),
])
def test_a_date_that_does_not_exist_in_another_language(text: str, language: str, excerpt: str) -> None:
    article = make_article(text, language=language)
    assert [f.excerpt for f in find_invalid_dates([article], {})] == [excerpt]
    assert list(find_weekday_mismatches([article], {})) == []  # an invalid date is invalid_date's


def test_a_date_the_text_says_does_not_exist_is_quoted_not_a_slip() -> None:
    # Fake.Br (fb-true-3586): the receipts' impossible dates are the news
    receipts = make_article(
        "Dois recibos apresentados pela defesa do ex-presidente trazem datas que não existem no "
        "calendário. Em um deles, consta que a quitação era referente ao aluguel vencido no dia 31 "
        "de junho de 2014, e o outro no dia 31 de novembro de 2015. Os documentos foram apresentados "
        "após questionamentos do juiz.", language="pt", article_id="pt")
    english = make_article("The invoice was dated February 30, 2019, a date that does not exist, the "
                           "auditors noted.", article_id="en")
    slip = make_article("The second quarter ended November 31, BHP said in a statement. Earnings in the "
                        "first nine months were at the lower end of analysts' forecasts, and the group "
                        "kept its dividend. The board does not exist to please analysts, its chairman "
                        "said later.", article_id="slip")  # the phrase is three sentences on
    curly = make_article("The invoice was dated February 30, 2019, a date that doesn’t exist.", article_id="curly")
    # a denial near the date that is not about a date: the slip is still said (a review of bc1c8dc)
    slip_es = make_article("El acuerdo se firmó el 31 de junio de 2014 en Madrid. El ministro dijo que no existe "
                           "ninguna irregularidad en el contrato.", language="es", article_id="slip_es")
    slip_en = make_article("The deal was signed on February 30, 2019, in London. The minister said the problem "
                           "does not exist.", article_id="slip_en")
    # a second review: a "day" denied, the date itself denied, "no such date", "can't"; "impossible" near
    # English "data" is no denial
    quoted = [make_article(t, article_id=f"q{i}") for i, t in enumerate((
        "The form is dated February 30, 2019, a day that does not exist.",
        "February 30, 2019 doesn't exist, yet it is on the form.",
        "It is dated February 30, 2019. There is no such date.",
        "The receipts carry a date that can't exist: February 30, 2019."))]
    slip_data = make_article("The deal was signed on February 30, 2019 in London. It was impossible to verify the "
                             "data.", article_id="slip_data")
    found = list(find_invalid_dates([*quoted, slip_data], {}))
    assert [f.article_id for f in found] == ["slip_data"]
    found = list(find_invalid_dates([receipts, english, slip, curly, slip_es, slip_en], {}))
    assert [(f.article_id, f.excerpt) for f in found] == [
        ("slip", "November 31"), ("slip_es", "31 de junio de 2014"), ("slip_en", "February 30, 2019")]


def test_a_weekday_that_does_not_fit_its_date_in_german_and_italian() -> None:
    wrong = make_article("Am Montag, 6. März 2018, begann der Prozess vor dem Landgericht.", language="de", article_id="wrong")
    right = make_article("Am Dienstag, 6. März 2018, begann der Prozess vor dem Landgericht.", language="de",
                         article_id="right")
    italian = make_article("Il furto è avvenuto venerdì 31 gennaio 2020 in via Emilia.", language="it", article_id="it")
    found = list(find_weekday_mismatches([wrong, right, italian], {}))
    assert [(f.article_id, f.excerpt) for f in found] == [("wrong", "Montag, 6. März 2018")]
    assert found[0].message == "The text says Monday, but March 6, 2018 is a Tuesday."


def test_indonesian_weekdays_before_named_and_numeric_dates() -> None:
    # detik closes a quote's sentence on the day it was said, "Selasa (10/6/2025)": day first;
    # a weekday wrong for its date is a slip of the text (id_news: "Selasa (10/6/2024)" in 2025)
    wrong = make_article("Hal itu disampaikan Agus di Gedung DPRD Banten, Kota Serang, Selasa (10/6/2024). Ia "
                         "menambahkan, pada Senin, 16 Juni 2026 pasar kembali memerah.", language="id", article_id="w")
    right = make_article("Hal itu disampaikan Agus di Jakarta, Selasa (10/6/2025). Pada Senin, 16 Juni 2025 pasar "
                         "memerah. Skor akhir 10/6/2025 tidak dibaca tanpa harinya.", language="id", article_id="r")
    found = list(find_weekday_mismatches([wrong, right], {}))
    assert [(f.article_id, f.excerpt) for f in found] == [("w", "Selasa (10/6/2024)"), ("w", "Senin, 16 Juni 2026")]
    assert found[0].message == "The text says Tuesday, but June 10, 2024 is a Monday."
    invalid = make_article("Pertandingan digelar Minggu (31/6/2025) di Jakarta.", language="id")
    assert [f.excerpt for f in find_invalid_dates([invalid], {})] == ["Minggu (31/6/2025)"]
