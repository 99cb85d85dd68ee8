"""Chrome read left in on Webz.io's news set (twenty-third session), in five languages, now found.

The labels and prompts are the pages' (komu.com, estadao, eluniversal, dallasnews, firstsportz,
globalnews, ambito); the stories around them are made up.
"""

from __future__ import annotations

from test_boilerplate_gj import article, flagged

from audit.detect.leakage.paywall import find_paywall_blocks

STORY = [
    "The council voted on Tuesday to extend the curfew on the old town until the end of the month.",
    "Opposition members said the curfew punished residents for the actions of a few people.",
    "Shop owners on the main avenue said takings had fallen by half since the protests started.",
]
LABELS = [
    "Facebook Twitter WhatsApp SMS Email Print Copy article link Save",
    "To report an error or typo, email news@example.com .",
    "In case you missed:",
    "SIGN UP Or with:",
    "Top Articles",
    "Leia também",
    "Encontrou algum erro? Entre em contato Compartilhe",
    "Lee también:",
    "Sur le même sujet",
]


def test_share_bars_related_labels_and_prompts_of_five_languages_are_chrome() -> None:
    for label in LABELS:
        text = "\n".join([*STORY[:2], label, STORY[2]])
        assert flagged(article(text, "wh", publisher="example.com")) == [label], label


def test_a_spanish_paywall_notice_is_a_paywall() -> None:
    notice = "El contenido al que quiere acceder es exclusivo para suscriptores."
    a = article("\n".join([*STORY, notice]), "ambito", publisher="ambito.com")
    assert [f.excerpt for f in find_paywall_blocks([a], {})] == [notice]


def test_a_list_of_teasers_with_reading_times_is_chrome_not_metadata_in_prose() -> None:
    from audit.detect.leakage.metadata_leak import find_metadata_leaks

    teasers = ("TRENDING Star's huge transformation: 'Unrecognisable' Yahoo Lifestyle · 2-min read Dire "
               "warning before New Year's Eve NCA NewsWire · 2-min read Daily Horoscope – 28 December 2023 "
               "Yasmin Boland · 1-min read")
    for text in ("\n".join([*STORY, teasers]), " ".join([*STORY, teasers])):
        a = article(text, "yahoo", publisher="au.news.yahoo.com")
        assert flagged(a) == [teasers]
        assert [f.excerpt for f in find_metadata_leaks([a], {})] == []
    one = f"{STORY[0]} Jane Doe · Senior Reporter · 2-min read {STORY[1]}"
    assert [f.excerpt for f in find_metadata_leaks([article(one, "one")], {})] == ["2-min read"]


def test_a_teasers_headline_ends_before_a_sentence_that_opens_with_a_time() -> None:
    # htmldate's pages: the time's "am" once gave the run back at "am,", and the teaser took "As of 7.30"
    teaser = "YOU MAY ALSO LIKE: Partner Arrested In UK After British Gran Found Dead In Italy Home"
    text = (f"{STORY[0]} {teaser} As of 7.30 am, there are 88 flood warnings and 237 flood alerts across "
            f"the country. {STORY[1]}")
    assert flagged(article(text, "flood", publisher="example.co.uk")) == [teaser]


def test_a_paywall_notice_in_flat_text_ends_before_the_article_runs_on() -> None:
    notice = "El contenido al que quiere acceder es exclusivo para suscriptores."
    prose = ("La prestigiosa institución estadounidense invitó a las personas a reflexionar con cinco "
             "filmes que probablemente muchos conozcan, aunque sea de nombre.")
    a = article(f"{notice} suscribirse ya estoy suscripto {prose} {prose}", "ambito-flat", publisher="ambito.com")
    assert [f.excerpt for f in find_paywall_blocks([a], {})] == [notice]


def test_a_headline_under_a_related_label_alone_on_its_line_is_a_teaser() -> None:
    teaser = "Ernesto Paglia retrata ‘sentinelas da mudança climática’ no Ártico em série do Globoplay"
    story = ["A atriz contou que raspou o cabelo para o papel e que a experiência mudou a forma como vê o filme.",
             "O longa foi inspirado em um blog lançado em 2018, em que a produtora compartilhava a rotina.",
             "A estreia está marcada para março, e a equipe prepara uma sessão especial para os leitores."]
    # above the first paragraph, where a line like a headline is taken for the article's own
    for text in ("\n".join(["Leia também", teaser, *story]), "\n".join([*story[:2], "Leia também", teaser, story[2]])):
        assert flagged(article(text, "estadao", publisher="estadao.com.br")) == ["Leia também", teaser]
    # a heading under an ordinary line stays the article's
    heading = "A estreia no cinema e a recepção do público"
    assert flagged(article("\n".join([*story[:2], heading, story[2]]), "heading")) == []


def test_a_copyright_line_glued_to_the_last_sentence_and_notices_inside_prose_are_chrome() -> None:
    last = 'how to reduce it on both an individual and a societal level," the researcher said.'
    text = "\n".join([STORY[0], f"{' '.join(STORY)} {last}© Copyright IBTimes 2023. All rights reserved."])
    assert flagged(article(text, "ibt", publisher="ibtimes.co.uk")) == ["© Copyright IBTimes 2023.", "All rights reserved."]
    notice = "This website is not intended for users located within the European Economic Area."
    error = "Error! There was an error processing your request."
    assert flagged(article("\n".join([*STORY[:2], error, STORY[2]]), "komu", publisher="komu.com")) == [error]
    text = " ".join([*STORY, notice, STORY[0]])  # a sentence of the running text, but a notice
    assert flagged(article(text, "fnn", publisher="federalnewsnetwork.com")) == [notice]
    trending = ("Trending Now Last Canadian missing after attack confirmed dead, family says Singer released "
                "from prison 8 years after her mother's murder Pod of orcas put on a stunning show in the "
                "harbour Mayor names new police chief after a long search Storm warning issued for the coast")
    assert flagged(article("\n".join([*STORY, trending]), "gn", publisher="globalnews.ca")) == ["Trending Now"]
