"""False alarms read on FakeNewsNet's pages again (docs/measurements/precf.md), fixed.

Each text is real, cut from a page of armstjc/FakeNewsNet's `news content.json` files (rebuilt
by `benchmarks/precision_corpora.py fakenewsnet`): the appropriations bill H.R. 3338 (2001, a US
government work, on govtrack.us), ABC's "This Week" transcripts (2010), Senator Obama's release
quoting his letter to the FTC (2007), Wikipedia's "Despacito" (CC BY-SA 4.0).
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


# Wikipedia's "Despacito" (CC BY-SA 4.0) as GossipCop's crawl kept it: sections of sentences
# the extractor ran together at their citation marks (".[12] Next"), 94 to 190 words a line
DESPACITO = [
    "Background [ edit ]",
    "Original version [ edit ]",
    "pictured) co-wrote the song. Panamanian singer and songwriter Erika Ender ) co-wrote the song.",
    "The lyrics of \"Despacito\" were written in late 2015 in Luis Fonsi's house in Miami because he wanted to record a \"swinging song\" for his new album after two years without releasing new music.[3][4] He woke up mulling about \"a song called 'Despacito'\" and invited Brazilian-Panamanian singer and songwriter Erika Ender to a songwriting session.[5] Fonsi co-wrote the song on a Gibson Emmylou Harris guitar.[6] He originally composed it as a cumbia and pop song with lyrics written as a ballad but decided to give it an \"urban injection\" and sent a demo to reggaeton artist Daddy Yankee.[4] They recorded the song at Noisematch Studios in Miami in late 2016.[7][8] Daddy Yankee improvised his verse in a corner of the studio's control room while thinking about his father playing bongos and wrote the post-chorus.[8][9] It was produced by Mauricio Rengifo and Andrés Torres; the former is known as a member of Colombian pop duo Cali & El Dandee and the latter is known for previously working with David Bisbal, Thalía, and Ricky Martin.[10][11] It was mixed by American engineer Jaycen Joshua at Larrabee Sound Studios in North Hollywood, Los Angeles.[12]",
    "Luis Fonsi does not consider it a reggaeton song but feels that \"it does have a reggaeton energy and an subtle urban beat\".[4] Ender stated that the track \"went through several arrangements\" until Fonsi got \"exactly the arrangement he wanted\".[5] Fonsi described \"Despacito\" as a very melodic song that can adapt well to many other music genres.[13] Due to the sensual nature of the song, they \"needed to be responsible with a good lyric\" and Ender's approach to writing for Fonsi was \"to take care of how to say things with a good taste\".[3] In April 2017, American singer and songwriter Nicky Jam revealed that the original version of \"Despacito\" featured him instead of Daddy Yankee, but had to decline due to the song's release interfering with the launch of his album Fénix.[14]",
    "Release and reception [ edit ]",
    "The official music video on YouTube was released on Fonsi's channel on January 12, 2017, and amassed one billion views in 97 days, becoming the second-fastest video on the site to reach the milestone.[149][150][151] It also became the fastest video on YouTube to surpass two billion views, with 154 days.[152] The clip became the first on YouTube to receive three, four, five, and six billion views on August 4, 2017; October 11, 2017; April 5, 2018; and February 24, 2019, respectively (dates are based on UTC).[153][154][155][156] It has received over 7.8 billion views as of April 26, 2022 and was the most-viewed video on the site from August 4, 2017, until November 2, 2020, when Pinkfong's video for \"Baby Shark\" surpassed it, dethroning it to second place.[149][157][158] It is also the site's most-liked video, with over 48 million likes as of April 26, 2022.[159] On Vevo, the music video received 5.14 million views in its first 24 hours of release, which the website reported as being the most for a Spanish-language video's first day on its platform.[65]",
    "The music video received a Latin Grammy Award for Best Short Form Music Video at the 18th Latin Grammy Awards and a Billboard Music Award for Top Streaming Song (Video) at the 25th Billboard Music Awards, and was nominated for an American Music Award for Video of the Year at the 45th American Music Awards.[45][46][49]",
    "Live performances [ edit ]",
]


def test_a_wikis_paragraphs_closed_by_citations_are_prose():
    """A long run of sentences ending ".[45][46]" was link text: the body ended before it and
    the Title Case award sentence ("The music video received a Latin Grammy Award for Best Short
    Form Music Video ...", still read as link text: left) anchored the tail over the paragraphs."""
    article = make_article("\n".join(DESPACITO), publisher="en.wikipedia.org")
    found = [article.text[f.start:f.end] for f in find_boilerplate_lines([article], {})]
    assert not [t for t in found if t.startswith(("The lyrics", "Luis Fonsi does", "The official music video"))]


# CNN's transcript pages as FakeNewsNet has them (politifact13469, "State of the Union", 2016):
# the link back and the rush-transcript notice head every one of them
CNN_TRANSCRIPT = [
    "Return to Transcripts main page",
    "STATE OF THE UNION",
    "Aired November 13, 2016 - 09:00 ET",
    "THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED.",
    "JAKE TAPPER, CNN ANCHOR: The president-elect met the speaker on Thursday and they talked about the first hundred days.",
    "RYAN: We had a very good meeting and we are going to work together on the tax plan and on health care.",
]


def test_a_cnn_transcripts_notice_and_link_back_are_chrome_on_one_page_alone():
    """Found before only where they recurred across a run's CNN pages (8 of the 10 there)."""
    lines = [f.excerpt for f in find_boilerplate_lines([make_article("\n".join(CNN_TRANSCRIPT), publisher="cnn.com")], {})]
    assert "Return to Transcripts main page" in lines
    assert any("THIS COPY MAY NOT BE IN ITS FINAL FORM" in x for x in lines)
    assert not any("TAPPER" in x or "RYAN" in x for x in lines)
    flat = [f.excerpt for f in find_boilerplate_lines([make_article(" ".join(CNN_TRANSCRIPT[3:]), publisher="cnn.com")], {})]
    assert any("THIS COPY MAY NOT BE IN ITS FINAL FORM" in x for x in flat)
    assert not any("TAPPER" in x or "RYAN" in x for x in flat)
