"""Chrome read on DICE's Italian crime news (Gazzetta di Modena, twenty-ninth session).

The dateline and the closing copyright are the records' shapes (flat text, 2011-2021); the
stories around them are made up.
"""

from __future__ import annotations

from factories import make_article

from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.detect.leakage.metadata_leak import find_metadata_leaks

STORY = ("La denuncia è partita ieri mattina dai vicini di casa della signora che abita al piano terra. "
         "I carabinieri sono arrivati in pochi minuti e hanno fermato i due uomini mentre cercavano di "
         "scappare con la refurtiva verso la stazione dei treni. Subito è scattata la denuncia ai "
         "carabinieri di Vignola.")


def flagged(*texts: str) -> list[list[str]]:
    articles = [make_article(t, article_id=f"m{k}", publisher="Gazzetta di Modena") for k, t in enumerate(texts)]
    found = list(find_boilerplate_lines(articles, {}))
    return [[f.excerpt for f in found if f.article_id == a.article_id] for a in articles]


def test_the_closing_copyright_after_an_em_dash_is_cut_from_the_last_sentence() -> None:
    """"... di Vignola. — © RIPRODUZIONE RISERVATA" was one unit, the story's last sentence
    with the copyright (10 of 804 articles): a finding that removed the sentence."""
    assert flagged(f"MODENA. {STORY} — © RIPRODUZIONE RISERVATA") == [["— © RIPRODUZIONE RISERVATA"]]


# nine made-up stories, each its own words
STORIES = [
    "Un furgone carico di rame è stato fermato dalla polizia stradale sulla tangenziale nord. Il conducente non ha saputo spiegare da dove venisse il materiale e ora rischia una denuncia per ricettazione.",
    "Due giovani hanno forzato la porta di una tabaccheria in pieno centro. Hanno portato via sigarette e gratta e vinci per un valore di circa tremila euro prima di fuggire a piedi.",
    "Una anziana signora è stata avvicinata da un finto tecnico del gas che le ha chiesto di aprire la cassaforte. La donna ha chiamato il figlio e l'uomo si è allontanato in fretta.",
    "I ladri sono entrati da una finestra del retro durante la notte di sabato. Il proprietario del ristorante ha scoperto il furto solo la mattina dopo, quando ha trovato il registratore di cassa vuoto.",
    "Un ciclista ha denunciato il furto della sua bicicletta da corsa, legata davanti alla palestra comunale. Le telecamere della zona hanno ripreso un uomo con il cappuccio che tagliava la catena.",
    "Gli agenti della polizia locale hanno sequestrato merce contraffatta in un mercato settimanale. Borse e cinture con marchi falsi erano esposte su due bancarelle vicino alla chiesa.",
    "Un camion di elettrodomestici è stato svuotato nel parcheggio di un'area di servizio. L'autista dormiva in cabina e non si è accorto di nulla fino all'alba, quando ha aperto il portellone.",
    "Una banda di ladri ha colpito tre villette nella stessa via in una sola sera. I residenti chiedono più controlli e l'installazione di nuove telecamere all'ingresso del quartiere.",
    "La guardia di finanza ha scoperto un deposito abusivo di pneumatici usati in un capannone abbandonato. Il titolare dell'azienda vicina è stato denunciato per smaltimento illecito di rifiuti.",
]


def test_a_place_in_capitals_opening_every_story_is_its_dateline_not_chrome() -> None:
    """"MODENA." opens 67 of the articles: recurrence called it the site's chrome where a short
    sentence followed it ("MODENA. Finalmente. ...", "FIORANO. Spaccata nella notte. ...")."""
    texts = ["MODENA. Finalmente. " + " ".join(STORIES[:5]),
             *(f"MODENA. {STORIES[k]} {STORIES[k + 1]}" for k in (5, 6, 7))]
    assert flagged(*texts) == [[]] * 4


def test_a_creative_commons_notice_is_a_footer_not_a_byline() -> None:
    """"— BY NC ND ALCUNI DIRITTI RISERVATI" closes 12 of the articles: metadata.leak read a
    byline by "NC ND ALCUNI DIRITTI RISERVATI" (the table's author column would say so)."""
    text = f"MODENA. {STORIES[0]} {STORIES[1]} — BY NC ND ALCUNI DIRITTI RISERVATI"
    article = make_article(text, publisher="Gazzetta di Modena")
    assert list(find_metadata_leaks([article], {})) == []
    assert flagged(text) == [["— BY NC ND ALCUNI DIRITTI RISERVATI"]]


def test_a_story_signed_with_initials_after_a_dash_is_a_byline() -> None:
    """"... circostanza sospetta. — D.M." closes 66 of the stories: recurring, boilerplate.line
    called the signature site chrome (9 of 30 findings a second reader marked partly)."""
    texts = [f"MODENA. {STORIES[k]} {STORIES[k + 1]} — {by}" for k, by in ((0, "D.M."), (2, "D.M."), (4, "D.M."), (6, "S.TO"))]
    articles = [make_article(t, article_id=f"s{k}", publisher="Gazzetta di Modena") for k, t in enumerate(texts)]
    found = list(find_metadata_leaks(articles, {}))
    assert [(f.excerpt, (f.data or {}).get("author")) for f in found] == [
        ("— D.M.", "D.M."), ("— D.M.", "D.M."), ("— D.M.", "D.M."), ("— S.TO", "S.TO")]
    assert flagged(*texts) == [[]] * 4
    # initials that open a name are no signature ("— N. K. Jemisin (@nkjemisin)", a quoted tweet)
    assert list(find_metadata_leaks([make_article(f"{STORIES[0]} — N. K. Jemisin (@nkjemisin) September 19, 2016")], {})) == []


def test_initials_closing_stories_with_no_dash_are_a_sign_off() -> None:
    """"... sicura. S.C.", "... patente. S.A.", "... sicuro». — F.D. ." (13 of the stories'
    last units): recurring, they were "repeated site chrome"."""
    texts = [f"MODENA. {STORIES[k]} {STORIES[k + 1]} {by}" for k, by in ((0, "S.C."), (2, "S.C."), (4, "S.C."))]
    found = list(find_boilerplate_lines([make_article(t, article_id=f"i{k}", publisher="Gazzetta di Modena")
                                         for k, t in enumerate(texts)], {}))
    assert [(f.excerpt, f.data["signal"]) for f in found] == [("S.C.", "sign_off")] * 3
    # after a dash with a stray full stop: a byline
    for signed, author in (("— F.D. .", "F.D."), ("— F.D..", "F.D.")):
        [leak] = list(find_metadata_leaks([make_article(f"MODENA. {STORIES[0]} {STORIES[1]} {signed}")], {}))
        assert (leak.excerpt, leak.data["author"]) == (signed, author)
    # a reader's first name and initial signing a joke is the page's content, no byline
    assert list(find_metadata_leaks([make_article(f"MODENA. {STORIES[0]} {STORIES[1]} —Lewis G.")], {})) == []
