"""hygiene.glued: glued sentences found with their span; abbreviations, decimals, URLs,
initials, domains and ellipses left alone."""

from __future__ import annotations

import pytest
from factories import make_article

from audit.detect.hygiene.glued import find_glued_sentences
from audit.model import Article

SEED_001 = (
    "While negotiating in Istanbul in 2022, Russia and Ukraine nearly signed a peace "
    "agreement. Its terms, which had not been signed, were drafted on 15 April.Two years "
    "later, the text was published in the US media."
)


def article(text: str) -> Article:
    return make_article(text)


def glued(text: str) -> list[str]:
    return [f.excerpt for f in find_glued_sentences([article(text)], {})]


def test_seed_sentence_is_flagged_with_exact_span() -> None:
    [finding] = list(find_glued_sentences([article(SEED_001)], {}))
    assert finding.check == "hygiene.glued"
    assert finding.excerpt == "April.Two"
    assert SEED_001[finding.start:finding.end] == "April.Two"
    assert finding.data == {"left": "April", "right": "Two", "joint": SEED_001.index("Two years")}
    assert "April.Two" in finding.message


@pytest.mark.parametrize("text, expected", [
    (("Zelenskyy said this week that if Putin did not attend himself, it would signal he "
      "was not genuinely interested in peace.That warning has now turned into a prophecy."),
     ["peace.That"]),
    ("The talks collapsed in 2022.The document envisaged a ban on Ukraine joining NATO.",
     ["2022.The"]),
    ("Sanctions were agreed by the EU.The bloc also froze assets.", ["EU.The"]),
    ("“We are ready,” he said.“We offer the Kyiv authorities to resume negotiations.”",
     ["said.“We"]),
    ("Is peace possible?Nobody in Ankara would say.", ["possible?Nobody"]),
    ("The delegation left the Élysée.Émile Zola street was closed.", ["Élysée.Émile"]),
])
def test_glued_sentences_are_found(text: str, expected: list[str]) -> None:
    assert glued(text) == expected


@pytest.mark.parametrize("text", [
    "U.S. and NATO officials view the conflict as the gravest confrontation since 1962.",
    "The U.S.Army said it had moved troops.",
    "Vice President J.D.Vance met the delegation.",
    "Sen. Shelley Moore Capito (R-W.Va.) said the bill would pass.",
    "The talks start at 9 a.m.Officials said nothing more.",
    "The economy grew 3.5 percent, and inflation fell to 2.1%.",
    "The full text is at https://www.Example.com/News.Today for subscribers.",
    "Readers wrote to editor@example.com or visited example.com for updates.",
    "Shares of Amazon.Com rose on the news.",
    "“And obviously he wasn’t going to go … .We’re gonna have to get it solved.”",
    "He paused...Then he left the room.",
    "Mr.Putin arrived late, and St.Petersburg was quiet.",
    "Files are under /srv/Reports.Final/Draft.Notes on the server.",
    "13.00 Beşiktaş - İstanbul Bş.Bld (Burhan Felek Spor Salonu)",  # a Turkish club's abbreviated name
    "Přednášku vedla RNDr.Hana Nováková, po ní Ing.Petra Malá.",  # Czech academic titles (lingua's cs)
])
def test_traps_are_not_flagged(text: str) -> None:
    assert glued(text) == []


def test_two_glued_pairs_in_one_article_are_two_findings() -> None:
    text = "It ended in April.Two years later it was published.Nobody signed it."
    findings = list(find_glued_sentences([article(text)], {}))
    assert [(f.start, f.end) for f in findings] == [
        (text.index("April.Two"), text.index("April.Two") + 9),
        (text.index("published.Nobody"), text.index("published.Nobody") + 16),
    ]


def test_bad_text_never_raises() -> None:
    assert glued("") == []
    assert glued(".\x00.A\ufffd.B?!.Zz") == []


def test_token_scan_finds_what_a_whole_text_scan_finds() -> None:
    from audit.detect.hygiene.glued import _GLUE, glue_matches

    text = ("The U.S.Army said on 15 April.Two years later “it was over.”Then J.D.Vance "
            "spoke (R-W.Va.)at 3.5%.Next came a.m.The end.\tOk!Fine\nsee example.com.Now "
            "and go...We left.")
    assert [m.span() for m in glue_matches(text)] == [m.span() for m in _GLUE.finditer(text)]
    assert {"April.Two", "over.”Then", "Ok!Fine"} <= {m.group() for m in glue_matches(text)}


@pytest.mark.parametrize("text", [
    # Reuters 1987: a Danish bank's name, a date written the continental way
    "A small Danish private bank, the 6.Juli Banken A/S, stopped payments today.",
    "A spokesman said that the 6.July Bank was one of the smallest of Denmark's 80 banks.",
    # BBC 2004-05: a phone company and a fansite's domain
    "Carrier Pre-Section (CPS) services, such as TalkTalk and One.Tel, which route phone calls.",
    'Claude Errera, editor of fansite Halo.Bungie.Org, said: "Bungie got everything right."',
])
def test_dates_and_domain_shaped_names_are_not_glued(text: str) -> None:
    assert glued(text) == []


def test_a_year_or_a_sentence_glued_onto_a_domain_is_still_glued() -> None:
    # partisan 2017 ("in 2013.Still"): a year is no day of a month
    assert glued("It was passed in 2013.Still, nothing changed.") == ["2013.Still"]
    # partisan 2017: a sentence glued onto a domain name is still glued
    assert glued("He filed the application.Cleveland.com reported it first.") == ["application.Cleveland"]


def test_superscript_and_huge_digits_before_a_month_do_not_raise() -> None:
    """"²".isdigit() is True but int("²") raises, and Python refuses int() of 4,300+ digits:
    the day-and-month exception ("6.Juli") must not stop the check (review, 2026-12-03)."""
    for text in ("The field grew 5².Juli came.", "It was the ².Juli meeting.", "Ref " + "1" * 5000 + ".Juli came."):
        list(find_glued_sentences([article(text)], {}))


def test_german_ordinals_abbreviated_months_and_abbreviations_are_not_glued() -> None:
    """Real German pages of htmldate's evaluation set (precision-multilingual.md): an ordinal
    written "2." with its space dropped, a date with an abbreviated month, "Kto.Nr."."""
    german = [
        "von der systematischen Vernichtung von Menschen mit Behinderung (2.Weltkrieg) bis zur Inklusion",
        "- Author: Gàbor Muniér, Datum: 03.Mär.19 Viele ahnen es eigentlich schon.",
        "Spende Verein zur Förderung internationaler freier Medien PostFinance Schweiz Kto.Nr.: 89-521766-7",
    ]
    for text in german:
        assert [f.excerpt for f in find_glued_sentences([make_article(text, language="de")], {})] == []


def test_an_ordinal_is_read_only_in_languages_that_write_one_so() -> None:
    """A figure glued to a capitalised word stays a glued sentence in English, and a German
    sentence glued after a word is still found."""
    assert glued("The score was 5.The team left.") == ["5.The"]
    german = make_article("Sie ahmte also das Verhalten der anderen Hummel nach.Wenn also alle", language="de")
    assert [f.excerpt for f in find_glued_sentences([german], {})] == ["nach.Wenn"]


def test_a_list_items_number_is_not_a_glued_sentence() -> None:
    """A recipe's steps on a real Portuguese page (trafilatura's evaluation set): "- 2.Misture"."""
    text = ("Ingredientes Como Fazer - 1.Em uma vasilha grande coloque os ingredientes secos peneirados. "
            "- 2.Misture rapidamente e junte o ovo e a manteiga em temperatura ambiente.")
    assert [f.excerpt for f in find_glued_sentences([make_article(text, language="pt")], {})] == []
    assert glued("It was passed in 2013.Still, nothing changed. - Next.Then") == ["2013.Still", "Next.Then"]


def test_quoted_bracketed_and_abbreviated_dotted_names_are_not_glued() -> None:
    """Real German and Italian pages (htmldate's and trafilatura's evaluation sets; read in
    precision-2026-12-03b.md): an exhibition's and a podcast's title in quotes, a picture's
    file name in brackets, a cooperative's legal form."""
    names = [
        ("2010: ›12+polyphonie‹ in der Ausstellung ›Struktur.Wandel‹ in Erfurt, gemeinsam mit Gabriele Fecher",
         "de"),
        ("Übersicht: Podcasts Video-Podcast \"Hin.Gehört.Spezial\" Podcast - Das Arbeitsgespräch", "de"),
        ("decine di persone sono rimaste intrappolate sotto le macerie (gele.Finegil.Image2014v1) "
         "TOPSHOT-PALESTINIAN-ISRAEL-CONFLICT", "it"),
        ("Der Fokus im \"Internationalen Medienverbund reg.Gen.m.b.H.\" lag in der Realisierung", "de"),
    ]
    for text, language in names:
        assert [f.excerpt for f in find_glued_sentences([make_article(text, language=language)], {})] == []


def test_a_glued_sentence_opening_or_closing_a_quote_is_still_glued() -> None:
    """Guards: a quote mark on one side only, a one-word sentence after the glue, initials."""
    assert glued("the sovereignty of states in the region.”Harry Kazianis, an analyst") == ["region.”Harry"]
    assert glued("colluded with the Russians.Seriously.Shep Smith did his job") == ["Russians.Seriously"]
    assert glued("It was passed in 2013.Still, nothing changed.") == ["2013.Still"]
    assert glued("(apart from prisoners in Belmarsh, for example).This country signs up") == ["example).This"]


def test_names_written_with_a_sentence_mark_are_not_glued() -> None:
    """Real pages of htmldate's evaluation sets (precision-2026-12-03c.md): AVM's router and
    an Azerbaijani news agency. Guards: an all-capital word and "!" still glue a sentence
    (a cricket live ticker of the same sets)."""
    fritz = ("Das Ganze setzt einen vorhandenen Paketmitschnitt und eine aktuelle Version von Wireshark "
             "voraus. Beim Einsatz einer FRITZ!Box könnt ihr schnell und einfach einen Paketmitschnitt "
             "direkt am Router anfertigen.")
    assert [f.excerpt for f in find_glued_sentences([make_article(fritz, language="de")], {})] == []
    assert glued("which is considered self-defense under international law, Pakistani Ambassador to "
                 "Azerbaijani Bilal Hayee told News.Az. The diplomat said the provocative actions") == []
    assert glued("IND vs SL Live Score: WICKET!Mohammed Siraj is wreaking havoc at the moment.") == ["WICKET!Mohammed"]
    assert glued("India vs Sri Lanka Live Score: OUT!It's a five-wicket haul for Mohammed Shami.") == ["OUT!It's"]


def test_code_names_on_a_programming_blog_are_not_glued() -> None:
    """Real English Python blogs of the multilingual set (docs/measurements/precb.md): a member of a
    module written "library.ThingIWant" where the text also writes "library.things...", and a call
    "mod.Bar()" (the file is "another_mod.py"), are names in code, not two sentences glued.
    Guards: a sentence glued before a call elsewhere in the text, and one whose left word is
    nowhere followed by a dot and a lower-case letter, are still glued."""
    assert glued("I prefer from library import ThingIWant or import library and then using "
                 "library.ThingIWant rather than from library.things.thing_i_want import ThingIWant.") == []
    assert glued("And you then tried to do this from another_mod.py: import mod mybar = mod.Bar() "
                 "You’d get an ugly AttributeError exception.") == []
    assert glued("var moduleName = 'ratingAndReviewCounts'; var isVueModule = false; "
                 "GeneralMills.PandoSites.RegisterControlInstance(moduleName, configuration);") == []
    assert glued("It was passed into law.Republicans spent the day (and night) scrambling.") == ["law.Republicans"]
    assert glued("the Python library.Things went wrong when it called run() twice.") == ["library.Things"]


def test_a_word_before_a_domain_or_a_glued_lower_case_word_elsewhere_is_still_glued() -> None:
    """Guards from ISOT 2017 (real sentences): the left word written elsewhere before a domain
    ("Obama.pic.twitter.com", "Breitbart.com") or before a glued lower-case sentence ("it.featured")
    names no module: the glued sentences stay."""
    assert glued("a meme that shows Trump eclipsing President Obama.In the meme, Trump s picture eclipses "
                 "a dour photo of Obama.pic.twitter.com/6XJxEg1gSs") == ["Obama.In"]
    assert glued("Simple Tire has removed their ads from Breitbart.The Independent reports on Breitbart.com.") \
        == ["Breitbart.The"]
    assert glued("So he touched it.Vice President Mike Pence gets a tour. Just look at it.featured image") \
        == ["it.Vice"]


def test_a_german_adjective_abbreviation_before_its_noun_is_not_a_glued_sentence() -> None:
    """Der Standard (10kGNAD test set, a birthday list): "dt." is "deutscher", not a
    sentence's end (precl.md: the one false finding of five). Guard: a German sentence glued
    in the same article is still found."""
    text = ("Buster Keaton, US-Filmkomiker (1895-1966) Richard Sorge, dt.Spion und Journalist (1895-1944) "
            "Jack Dupree, US-Jazzpianist (1910-1992). Das Projekt River Mur war geboren.Noch vor 30 Jahren "
            "hat sich alles von der dreckigen Mur abgewendet.")
    assert glued(text) == ["geboren.Noch"]
