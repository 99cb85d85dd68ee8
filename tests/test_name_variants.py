"""consistency.name_variant: one person spelled several ways, without merging people."""

from __future__ import annotations

from consistency_helpers import article, spans

from audit.detect.consistency.name_variants import find_name_variants

CHECK = "consistency.name_variant"


def run(text: str, **params: object) -> list:
    return list(find_name_variants([article(text)], params))


def test_table_transliterations_in_one_article() -> None:
    text = ("“I will be waiting for Putin in Türkiye on Thursday. Personally,” Zelenskiy said. "
            "Zelenskiy added: “I hope that this time the Russians will not look for excuses.” "
            "He does not believe that Kyiv can agree, exploit any weakening of Zelensky’s position.")
    [finding] = run(text)
    assert (finding.check, finding.excerpt) == (CHECK, "Zelensky")
    assert "'Zelenskiy' (2x)" in finding.message


def test_fuzzy_typo_of_a_named_person() -> None:
    text = ("Vladimir Putin has rejected Volodymyr Zelenskky’s bold proposal for a face-to-face "
            "meeting. Zelenskyy agreed, but said this week that Putin must attend. Zelenskyy is "
            "due in Ankara on Thursday.")
    assert spans(run(text)) == [(CHECK, "Zelenskky")]


def test_of_two_spellings_written_once_each_the_tables_is_the_main_one() -> None:
    # Fake.Br: the misspelling first, the right one once after it; the variant is the misspelling
    text = ("A ex-presidente Dilma Rouseff falou nesta segunda-feira em Brasília. Segundo a assessoria de "
            "Rousseff, a entrevista foi gravada na semana passada.")
    assert spans(run(text)) == [(CHECK, "Rouseff")]


def test_different_people_with_one_surname_are_not_merged() -> None:
    text = ("Joe Biden defended his son. Hunter Biden was pardoned in December, and President "
            "Biden said the case was political. Bidens have long been close.")
    assert run(text) == []


def test_diacritics_only_differences_are_one_spelling_by_default() -> None:
    text = "President Erdoğan hosted the talks. Turkish President Recep Tayyip Erdogan said."
    assert run(text) == []
    assert spans(run(text, fold_diacritics=False)) == [(CHECK, "Erdogan")]


def test_ordinary_words_near_a_surname_are_not_variants() -> None:
    text = ("Putin said Putinism was not a doctrine. Lavrov met Lavrova, a journalist. "
            "Trump spoke about trumpets and Trumpian politics.")
    assert run(text) == []


def test_given_name_transliterations() -> None:
    """Issue 10: Sergei / Sergey Lavrov in one article (the table knows only the surname)."""
    text = ("Russian Foreign Minister Sergei Lavrov said on Friday that Moscow would respond. "
            "Sergey Lavrov also met his Turkish counterpart. Lavrov did not say when.")
    [finding] = run(text)
    assert (finding.check, finding.excerpt) == (CHECK, "Sergey")
    assert "'Sergei' (1x)" in finding.message and "Sergei Lavrov" in finding.message


def test_given_name_variants_outside_the_table() -> None:
    text = ("Belarusian leader Alexander Lukashenko met Putin. Aleksandr Lukashenko has ruled since "
            "1994. Saudi Crown Prince Mohammed bin Salman and Muhammad bin Salman's brother spoke.")
    assert spans(run(text)) == [(CHECK, "Aleksandr"), (CHECK, "Muhammad")]


def test_given_names_of_different_people_are_not_merged() -> None:
    text = ("Alexander Downer told the FBI. Alexei Navalny was jailed. Sergei Ryabkov and Sergey "
            "Shoigu spoke; Alexander Smith and Aleksandr Jones too.")
    assert run(text) == []


def test_given_names_found_where_the_automaton_points_are_what_the_regex_finds_everywhere() -> None:
    from audit.detect.consistency.name_variants import _given_name_matches, _given_name_pattern

    text = ("Sergei Lavrov met Sergey Lavrov. Aleksandr Novak and Alexander  A. Novak-Smith; "
            "xSergei Ivanov, -Sergei Ivanov, Sergei Sergei Ivanov, Sergei al-Assad, Sergei lower")
    expected = [(m.span(), m.groupdict()) for m in _given_name_pattern().finditer(text)]
    assert [(m.span(), m.groupdict()) for m in _given_name_matches(text)] == expected
    assert [m["given"] for m in _given_name_matches(text)] == [
        "Sergei", "Sergey", "Aleksandr", "Alexander", "Sergei", "Sergei"]


def test_a_german_word_one_edit_from_a_surname_is_not_a_variant() -> None:
    """A real German page (htmldate's evaluation set, precision-multilingual.md): "Merken"
    opens a question; German capitalises nouns and such verbs, so no fuzzy typos there. The
    same text marked English still gets the fuzzy reading (the typo rule is unchanged)."""
    from factories import make_article

    text = ("So glauben außer Pence und Trump nicht einmal mehr Merkel und Macron daran. Die Frage "
            "steht im Raum: Merken Trump und Pence nicht, wie sie die USA abschließend um ihre "
            "internationale Reputation bringen? * Macron, Merkel und Johnson wollen zu Erdogan reisen.")
    assert list(find_name_variants([make_article(text, language="de")], {})) == []
    assert spans(list(find_name_variants([make_article(text, language="en")], {}))) == [(CHECK, "Merken")]


def test_another_persons_surname_introduced_with_his_given_name_is_not_a_typo() -> None:
    """El Confidencial (2018): Martin Schulz, then "Schulz" alone, in an article on Olaf
    Scholz: one edit apart, two people (precde.md)."""
    text = ("Tres días después de que el ministro alemán de Finanzas, el socialdemócrata Olaf Scholz, dijera "
            "en voz alta lo que tantos piensan. Angela Merkel, dispuesta a dejar un legado en su última "
            "legislatura con Martin Schulz, quien abandonó la presidencia de la Eurocámara. Schulz, que trató "
            "de hacer lo propio, tuvo que admitir su derrota. La cautela de Scholz es muestra del poco apetito "
            "de Berlín.")
    assert run(text) == []


def test_a_word_after_a_definite_article_or_marked_sic_is_no_typo_of_a_name() -> None:
    """Le Devoir (2019): "grognard de la Hollandie" (Hollande's years) and a quoted tag
    "«Micron [sic] Rothschild»" are the writers' words, not misspelt names. Guard: a chant
    written "Marcon" (Liberté, 2019) is still a variant of Macron."""
    hollande = ("Il a officié de 2012 à 2014 comme conseiller de François Hollande. L’ancien ministre des Finances "
                "Michel Sapin, grognard de la Hollandie, avait flairé le piège. Emmanuel Macron succède à "
                "François Hollande.")
    assert run(hollande) == []
    sic = ("Une inscription antisémite visant le chef de l’État Emmanuel Macron a par ailleurs été découverte "
           "lundi matin sur le siège du journal Le Monde.«Micron [sic] Rothschild parce qu’il se vend bien.» "
           "Macron a condamné ces actes.")
    assert run(sic) == []
    chant = ("Les “gilets jaunes” ont déjà apporté leur réponse à cette fuite en avant d’Emmanuel Macron. "
             "“Marcon, démission”, “Bien que sans-dents, croquons Macron”, ont scandé les “gilets jaunes”.")
    assert spans(run(chant)) == [(CHECK, "Marcon")]


def test_a_table_surname_the_article_gives_to_someone_else_is_not_the_table_person() -> None:
    """A real page (The Week, 2020): Marianne Williamson's campaign, her surname alone three
    times and once mistyped. The typo was reported as naming Gavin Williamson (the table's
    Defence Secretary): the article writes the surname after another given name and never
    after his, so its bare "Williamson" is hers."""
    text = ("Marianne Williamson reportedly no longer has a campaign staff. Among those no longer "
            "employed by Williamson are her state directors, WMUR reports. Despite this, WMUR is also "
            "reporting that Williamson is still a candidate and that sources are not aware of any plans "
            "by Willliamson to drop out of the race.")
    assert run(text) == []
    # his own given name once: the bare surname is his again, and so is the typo
    assert spans(run("Gavin " + text[len("Marianne "):])) == [(CHECK, "Willliamson")]


def test_a_day_or_a_sentences_first_word_before_the_surname_is_no_other_given_name() -> None:
    """"On Tuesday Williamson said": Tuesday is no given name, so the bare surname is still
    the table person's and the typo is reported (a review's find)."""
    text = ("On Tuesday Williamson said the review would report in May. Education Secretary "
            "Williamson said the exams would go ahead, and critics said Willliamson had ignored "
            "the warnings. The Williamson plan was dropped.")
    assert spans(run(text)) == [(CHECK, "Willliamson")]
