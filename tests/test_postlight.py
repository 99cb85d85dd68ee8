"""What reads of Postlight Parser's and goose3's saved pages (twenty-fifth session) found: a
hard-wrapped review, an ad slot's label below a paragraph's last sentences, a flat teaser's
headline cut at a name, contributors' credits. The shapes are the pages'; the words are made up.
"""

from __future__ import annotations

from test_boilerplate_gj import article, flagged
from test_fnc import MORE, STORIES, TOWNS

WRAPPED = [  # a review as its page's source wraps it (The New Republic's shape, Postlight's fixtures; words made up)
    "The eight films of the series, which stretched out over nearly a",
    "decade, had a fine group of young actors at their center, and we watched them grow up on screen",
    "while the older actors around them supplied the whimsy. We cared about those likeable",
    "characters, and their story kept us grounded among the thornier details of the school,",
    "Quidditch, the Death Eaters, and the entire mythology of the author's wider wizarding",
    "world.",
    "The new film, the first of a promised five, has no such charms. Sure, all the fixings",
    "are there, the goblins and the spells and the magical creatures, but these were always",
    "meant to be the garnish rather than the main course of the thing.",
    "The film takes place during the Roaring Twenties, and the plot revolves around Newt",
    "Scamander, a sort of collector of the eponymous fantastic beasts, who takes them to New",
    "York City. Inevitably a few escape, and he must track",
    "them down with Tina, a disgraced auror, and Jacob, a befuddled human baker",
    "who wants to open his own shop one day.",
    *STORIES, *[MORE.format(town) for town in TOWNS],
]


def test_a_menu_word_that_ends_a_wrapped_sentence_is_no_chrome_and_says_none_stands_above() -> None:
    """"world." is a menu's word, and on its own line it was chrome and the evidence that
    chrome stood above the body: 6 lines of a review were head chrome. The line before it
    is short enough to look like link text, but half its words are lower case."""
    from test_boilerplate_gj import flagged

    assert flagged(article("\n".join(WRAPPED), "w1", publisher="newrepublic.com", title="A review")) == []


PARAGRAPHS = [
    ("The shirts were everywhere last spring, and a tee like these lets you broadcast what you think "
     "and feel every second you are wearing it at the office or on the train home."),
    ('"That looks nice" hardly ever leads to a deep, friend-making conversation at a party. And, to be '
     'frank, saying "that looks nice" is also a deflated kind of way to wrap up a year and look forward '
     'to the next. Why not say, "Let us be kind to one another." Or even, "Yes! I see you, Queen!"'),
    ("So we are going to bring shirts into the party wardrobe for that reason, and because they make "
     "fancy skirts and jackets feel like something you would wear on an ordinary day."),
]


def test_an_ad_slots_label_between_paragraphs_labels_no_run_of_short_sentences() -> None:
    """"Advertisement" is an ad slot's label: chrome itself, but the short quoted sentences
    that end the paragraph above it are no teaser list under a label (3 of them were, in
    Racked's story)."""
    text = "\n".join([PARAGRAPHS[0], PARAGRAPHS[1], "Advertisement", PARAGRAPHS[2], *STORIES])
    assert flagged(article(text, "ad1", publisher="racked.com", title="Shirts at the party")) == ["Advertisement"]


def test_a_flat_teasers_headline_runs_over_a_name_to_its_own_exclamation_mark() -> None:
    """A sentence-case teaser headline ended at its first capitalised word after a lower-case
    one ("RELATED: ... her gorgeous" | "Maui home — see inside!"); a name is no sentence
    starter, and the headline's "!" ahead says where it ends. A sentence starter still ends it."""
    teaser = "RELATED: The singer is selling her lovely Malibu beach house — take a look inside!"
    text = f"{STORIES[0]} {teaser} What is clear is that the house was her own purchase. {STORIES[1]}"
    assert flagged(article(text, "t1", publisher="curbed.com", title="A house in the desert")) == [teaser]
    plain = "RELATED: The singer is selling her lovely beach house"
    text = f"{STORIES[0]} {plain} The listing agents said the house had sold within a week. {STORIES[1]}"
    assert flagged(article(text, "t2", publisher="curbed.com", title="A house in the desert")) == [plain]


def _leaks(text: str) -> list[tuple[str, str]]:
    from audit.detect.leakage.metadata_leak import find_metadata_leaks

    a = article(text, "m1", publisher="example.com", title="Title of the day")
    return [(a.text[f.start:f.end], f.data["kind"]) for f in find_metadata_leaks([a], {})]


def _found_in_both_shapes(line: str, kind: str | None) -> None:
    """`line` between two story sentences, on its own line and in flat text: one leak of
    `kind` that is the line (None: no leak)."""
    for sep in ("\n", " "):
        found = _leaks(sep.join([STORIES[0], line, STORIES[1]]))
        assert found == ([(line, kind)] if kind else []), (sep, line)


def test_a_contributors_credit_is_metadata_on_its_line_and_in_flat_text() -> None:
    """"The Associated Press contributed to this report." closes wire and network stories
    (goose3's and Postlight's pages, ~100 lines on 12 corpora); Reuters writes "(Additional
    reporting by X; Editing by Y)". A sentence of the story that names a report is not one."""
    for credit in ("The Associated Press contributed to this report.",
                   "CNN's Saskya Vandoorne and Hilary McGann contributed to this report.",
                   "Kristen Hayford contributed to this report from Madison.",
                   # names the flat segmenter cuts as a Title-Case run: read on the whole text
                   "Associated Press Writers Qassim Abdul-Zahra and Sinan Salaheddin contributed to this report.",
                   "AP Technology Writer Barbara J. Ortutay in San Francisco contributed to this report.",
                   "(Additional reporting by Hugh Bronstein in Bogota; Editing by Bill Trott)"):
        _found_in_both_shapes(credit, "contributor")
    for sentence in ("Scientists from 40 countries contributed to the report, which warns of rising seas.",
                     "She contributed to this report's findings on housing, officials said."):
        _found_in_both_shapes(sentence, None)


def test_a_french_teaser_whose_capital_lost_its_accent_is_chrome_on_its_line() -> None:
    """Libération writes "A lire aussi : <headline>" (goose3's pages): "À lire aussi:" was
    listed, not its capital without the accent. In flat text it is left: where a French
    headline ends before the story's next sentence ("... de Martine Aubry Il a dressé ...")
    the teaser reader cannot tell, and it ran over the story."""
    story = ["Le Premier ministre a défendu sa méthode de gouvernement devant les militants samedi soir.",
             "Il a dressé la liste des avancées sociales du gouvernement, des honoraires aux contrats."]
    teaser = "A lire aussi : Notre récit du discours de Martine Aubry"
    assert flagged(article("\n".join([story[0], teaser, story[1]]), "f1", publisher="liberation.fr")) == [teaser]
    assert flagged(article(" ".join([story[0], teaser, story[1]]), "f2", publisher="liberation.fr")) == []


def test_a_writers_contact_and_a_follow_prompt_are_metadata_and_a_story_sentence_is_not() -> None:
    """"Jemele Hill can be reached at ...@gmail.com." and "Follow Jefferson Graham on Twitter."
    (goose3's ESPN and USA Today pages; 31 such lines on 8 corpora, 28 missed): on their line
    and as sentences of flat text. Being reachable at an office, or following the money, is news."""
    for line in ("Jemele Hill can be reached at jhill@example.com.",
                 "Staff writer Ann Lee can be reached at alee@example.com or (504) 555-0193.",
                 "Follow Jefferson Graham on Twitter.",
                 "Follow Peggy on Twitter and Cosmo Celeb on Facebook.",
                 "Follow Sean Rossman on Twitter: @SeanRossman",
                 # a site-voice line of Yahoo Finance (tests/test_boilerplate.py's SITE_VOICE had
                 # it as recurring chrome): a follow prompt on its own
                 "Follow Sozzi on Twitter @BrianSozzi and on LinkedIn."):
        _found_in_both_shapes(line, "contact")
    for sentence in ("The senator can be reached at his office in Washington for comment, aides said.",
                     "Follow the money on the ground, investigators said.",
                     "The caller said: “I can be reached by email at bb@example.com, thank you.”"):
        _found_in_both_shapes(sentence, None)


def test_a_teaser_label_with_its_headline_on_one_line_is_chrome() -> None:
    """"YOU MAY ALSO LIKE: <headline>" (htmldate's pages): the label alone on a line was listed,
    and as a marker inside running text, not followed by its headline on its own line."""
    teaser = "YOU MAY ALSO LIKE: Partner Arrested After Grandmother Found Dead"
    assert flagged(article("\n".join([STORIES[0], teaser, STORIES[1]]), "y1", publisher="example.com")) == [teaser]
