"""False alarms read on FakeNewsNet's pages again (docs/measurements/precf.md), fixed.

Each text is real, cut from a page of armstjc/FakeNewsNet's `news content.json` files (rebuilt
by `benchmarks/precision_corpora.py fakenewsnet`): the appropriations bill H.R. 3338 (2001, a US
government work, on govtrack.us) ...
"""

from __future__ import annotations

from factories import make_article

from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.detect.leakage.metadata_leak import find_metadata_leaks
from audit.detect.leakage.spans import segment

# H.R. 3338 (107th Congress) as govtrack showed it: headings, then sentences of 48 to 111 words
BILL_LINES = [
    "Making appropriations for the Department of Defense for the fiscal year ending September 30, 2002, and for other purposes.",
    "Be it enacted by the Senate and House of Representatives of the United States of America in Congress assembled, That the following sums are appropriated, out of any money in the Treasury not otherwise appropriated, for the fiscal year ending September 30, 2002, for military functions administered by the Department of Defense, and for other purposes, namely:",
    "Reserve Personnel, Marine Corps",
    "For pay, allowances, clothing, subsistence, gratuities, travel, and related expenses for personnel of the Marine Corps Reserve on active duty under section 10211 of title 10, United States Code, or while serving on active duty under section 12301(d) of title 10, United States Code, in connection with performing duty specified in section 12310(a) of title 10, United States Code, or while undergoing reserve training, or while performing drills or equivalent duty, and for members of the Marine Corps platoon leaders class, and expenses authorized by section 16131 of title 10, United States Code; and for payments to the Department of Defense Military Retirement Fund, $471,200,000.",
    "Reserve Personnel, Air Force",
    "For pay, allowances, clothing, subsistence, gratuities, travel, and related expenses for personnel of the Air Force Reserve on active duty under sections 10211, 10305, and 8038 of title 10, United States Code, or while serving on active duty under section 12301(d) of title 10, United States Code, in connection with performing duty specified in section 12310(a) of title 10, United States Code, or while undergoing reserve training, or while performing drills or equivalent duty or other duty, and for members of the Air Reserve Officers’ Training Corps, and expenses authorized by section 16131 of title 10, United States Code; and for payments to the Department of Defense Military Retirement Fund, $1,061,160,000.",
    "Support for International Sporting Competitions, Defense",
    "For logistical and security support for international sporting competitions (including pay and non-travel related allowances only for members of the Reserve Components of the Armed Forces of the United States called or ordered to active duty in connection with providing such support), $15,800,000, to remain available until expended.",
    "TITLE III",
    "PROCUREMENT",
    "Aircraft Procurement, Army",
    "For construction, procurement, production, modification, and modernization of aircraft, equipment, including ordnance, ground handling equipment, spare parts, and accessories therefor; specialized equipment and training devices; expansion of public and private plants, including the land necessary therefor, for the foregoing purposes, and such lands and interests therein, may be acquired, and construction prosecuted thereon prior to approval of title; and procurement and installation of equipment, appliances, and machine tools in public and private plants; reserve plant and Government and contractor-owned equipment layaway; and other expenses necessary for the foregoing purposes, $1,984,391,000, to remain available for obligation until September 30, 2004."
]


def test_a_bills_long_sentences_are_prose_not_chrome():
    """Sentences over RUN_ON_WORDS words, lower-case and closed by a full stop, were read as
    link text run together: the body ended at the first, and everything after "Support for
    International Sporting Competitions, Defense" (a heading; "support" is a paywall prefix)
    was the page's tail: 372 findings on the whole bill, 7 on these lines."""
    article = make_article("\n".join(BILL_LINES), publisher="govtrack.us")
    assert list(find_boilerplate_lines([article], {})) == []


# ABC's "This Week" transcripts (2010), around the host's "All right." of three shows (turns cut
# to their first two sentences but the last; a few turns between left out)
THIS_WEEK = [
    [  # politifact1825
        "(END VIDEO CLIP)",
        "TAPPER: Very quickly, because we're running out of time, does the White House have a responsibility to own up and talk about what exactly was offered?",
        "KAINE: I don't know that they do. I mean, the issue is what the White House needs to do now, along with us, is working with -- with him to make sure he's the next senator.",
        "STEELE: Oh, that's -- that's rich. You -- you don't believe the White House has an obligation here to own up and answer a simple question?",
        "TAPPER: Very quickly. We only -- I only have time for one more question.",
        "STEELE: Absolutely they can. And the reality of it is, we have taken aggressive steps to-- to make the changes that are necessary.",
        "TAPPER: All right.",
        "KAINE: I can say with experience, they had a good softball team before they bought the equipment.",
        "TAPPER: Thank you so much. You guys were wonderful.",
    ],
    [  # politifact1892
        "HOYER: We're going to keep the House.",
        "TAPPER: Sir?",
        "BOEHNER: Our goal is to take the majority in the House...",
        "TAPPER: Not your goal. What's going to happen?",
        "BOEHNER: We've got -- we've got 100 seats in play. We have a real shot at winning a majority so that we can put a check on this administration and all the spending that's out of control here in Washington, D.C.",
        "HOYER: Jake, they said that about Mark Critz in the 12th District of Pennsylvania. He won by 8 points.",
        "TAPPER: All right.",
        "HOYER: We're going to keep the House.",
        "TAPPER: Leader Hoyer, Leader Boehner, thanks so much for joining us. I appreciate it.",
    ],
    [  # politifact2128
        "BRAZILE: But I know that they can find a common language to talk about the future if they can only sit and listen to each other.",
        "BRAZILE: Well, I would hope that the White House could bring in more people, people who understood history, people who could help serve this president.",
        "DONALDSON: But, Jake, it's not black outreach. Maureen, please, it's outreach on this issue for blacks and whites and people of all colors.",
        "(UNKNOWN): Of all colors.",
        "DONALDSON: To say, all right, we need someone for black outreach is the wrong direction.",
        "TAPPER: Stephen?",
        "HAYES: Well, yes, I mean, I don't think -- I think that Sam's right. I don't think that necessarily creating a new position of black outreach is -- is going to solve the country's problems on race.",
        "TAPPER: Cokie, 30 seconds.",
        "ROBERTS: Well, no, I think that the basic point that there has been an ignorance in some ways of -- of the immediate past history that some of us lived through of the young people in the White House is true and that -- and that there does need to be a better understanding of that in order to -- to just try to -- to salve the wounds.",
        ("TAPPER: All right. Wonderful job, guys. Thank you so much. The roundtable continues in the green room on "
         "abcnews.com and on our new iPad app, where later you can also find our fact checks. We've teamed up with "
         "PolitiFact to fact-check the show."),
    ],
]


def test_a_transcripts_short_replies_are_what_was_said():
    """"TAPPER: All right." recurs in every "This Week" transcript: recurrence called it chrome
    (59 such replies on the PolitiFact pages). A transcript's short turn is speech."""
    articles = [make_article("\n".join(lines), article_id=f"t{k}", publisher="abcnews.go.com")
                for k, lines in enumerate(THIS_WEEK)]
    found = [a.text[f.start:f.end] for a in articles for f in find_boilerplate_lines(articles, {})
             if f.article_id == a.article_id]
    assert not [t for t in found if t.startswith("TAPPER: All right")]


def test_a_teaser_label_is_no_speaker():
    """"MORE:" teasers in a gossip page are chrome (phrase list), not a transcript's turns."""
    from audit.detect.leakage.transcripts import is_transcript, utterances

    text = "\n".join(["MORE: Miranda Lambert Announces Her Engagement!", "She said yes.",
                     "MORE: Tess Daly shares rare photo of daughters", "Fans loved it.",
                     "WATCH: Gwen Stefani Teases New Christmas Song With Blake Shelton -- Listen!",
                     "MORE: Baby News for Khloé Kardashian — Click for Details"] * 2)
    lines = segment(text, None, None)
    assert not is_transcript(lines) and utterances(lines) == set()


# Senator Obama's release of October 18, 2007 (obama.senate.gov, archived), quoting his letter
RELEASE_WITH_LETTER = "\n".join([
    "Obama Demands Investigation into Subprime Loan Discrimination",
    "Thursday, October 18, 2007",
    "FOR IMMEDIATE RELEASE",
    "The text of the letter is below:",
    "October 18, 2007",
    "The Honorable Deborah Platt Majoras",
    "Federal Trade Commission",
    "600 Pennsylvania Avenue, N.W.,",
    "Washington, D.C. 20580",
    "Dear Commissioner Majoras:",
])


def test_a_quoted_letters_date_is_the_letters():
    """A date line above "The Honorable ..." dates the letter the release quotes, not the page;
    the release's own date line above is still metadata left in the body."""
    article = make_article(RELEASE_WITH_LETTER)
    found = [article.text[f.start:f.end] for f in find_metadata_leaks([article], {})]
    assert found == ["Thursday, October 18, 2007"]
