"""boilerplate.line on the gilets jaunes corpus (feryah/gilets_jaunes: Guardian, Irish Times and
CNN pages; docs/measurements/precy.md). Each text is a short real snippet of a page whose
finding a reader judged false."""

from __future__ import annotations

from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.model import Article, RawRecord
from audit.normalise import to_article

# CNN, 2016-07-15 (an officer shot in Dallas): CNN Health's box inside the article; the story goes on.
ABBOTT = ["Abbott was shot in the arm and the leg during the ambush, which left five officers dead and "
          "nine others wounded, and he spent hours in surgery before he could call home.",
          "His wife, who was at home with their children that night, didn't even know the extent of "
          "what her husband had been through until the next morning, Abbott said.",
          "Join the conversation",
          "See the latest news and share your comments with CNN Health on", "Facebook", "and", "Twitter", ".",
          'During the standoff he sent a text reading "I\'m alive," and that "Everything\'s good." She said '
          '"Okay, I\'m going to bed. Wake me up when you get home."',
          "As she slept, Abbott knew he wouldn't be home anytime soon. After getting medical treatment for "
          'his wounds, he sent his wife another text: "I\'ll tell you about it later."',
          "CNN's Meridith Edwards contributed to this report."]


def article(text: str, article_id: str = "a1", *, publisher: str | None = "CNN",
            title: str = "Dallas officer: 'I was shot' texts to wife") -> Article:
    fields = {"publisher": publisher, "language": "en", "url": None, "title": title}
    record = RawRecord(source_uri=f"mem/{article_id}.txt", source_sha256="", record_id=article_id,
                       text=text, fields=fields)
    return to_article(record, article_id)


def flagged(*articles: Article) -> list[str]:
    return [f.excerpt for f in find_boilerplate_lines(list(articles), {})]


def test_a_share_your_comments_box_inside_the_article_starts_no_comments_section() -> None:
    found = flagged(article("\n".join(ABBOTT)))
    assert not any("standoff" in x or "slept" in x for x in found)
    assert "Join the conversation" in found  # the box itself is chrome


def test_the_share_box_flattened_starts_no_comments_section() -> None:
    found = flagged(article(" ".join(ABBOTT)))
    assert not any("standoff" in x or "slept" in x for x in found)


# The Irish Times, 2019-03: the scraper dropped the links' text (names), leaving the words
# between them on lines of their own; "president" and "British prime minister" recur in many pages.
IRISH_TIMES = [
    ["Speaking at a press conference with", "president",
     "in Strasbourg on Monday night, Mrs May said she had secured changes to the withdrawal agreement.",
     "The changes were described by officials in Dublin as a clarification rather than a new treaty."],
    ["The EU was “prepared for the worst, but hopes for the best”,", "president",
     "has told a press conference at the conclusion of the summit in Brussels on Friday.",
     "Leaders agreed to extend the deadline for the UK's departure until April 12th."],
    ["Theresa May arrives at the House of Commons in London. Photograph: HO/PRU/AFP Photo",
     "British prime minister",
     "has lashed out at MPs for failing to agree a way forward, as the day of departure approaches.",
     "Members of parliament will hold a series of indicative votes on alternatives to her", "deal.",
     "Chancellor of the exchequer Philip Hammond said a second referendum was a credible proposition.",
     "European Council", "president",
     "says all other EU leaders expressed “strong and unanimous” support for the backstop."],
]
# CNN's newsletter box, in three pages: its pieces stay chrome (a recall guard for the rule above).
CNN_BOX = ["Stay up to date...", "Sign up for our new", "newsletter", ".", "Join us on", "Twitter", "and", "Facebook"]
CNN_BODY = ["Macron has scant room for more concessions after weeks of protests across the country.",
            "His government has already dropped the fuel tax rise that set off the movement in November.",
            "The protesters now demand a citizens' referendum and the return of the wealth tax."]


def test_words_between_dropped_links_are_not_chrome_however_often_they_recur() -> None:
    pages = [article("\n".join(lines), f"it{k}", publisher="The Irish Times", title="Brexit")
             for k, lines in enumerate(IRISH_TIMES)]
    assert flagged(*pages) == []


def test_pieces_of_a_newsletter_box_still_recur_as_chrome() -> None:
    pages = [article("\n".join([*CNN_BODY[:k + 1], *CNN_BOX, *CNN_BODY[k + 1:]]), f"cnn{k}", title="Macron")
             for k in range(3)]
    assert flagged(*pages) == ["Stay up to date...", "newsletter", ".", "Join us on", "Twitter", "Facebook"] * 3


def test_a_dateline_on_a_line_of_its_own_is_the_lead_not_chrome() -> None:
    # CNN opinion pages, 2018-19: the disclaimer, then "(CNN)" alone above the lead in every one.
    leads = ["Consider our tumultuous times: the President of the United States predicting a popular revolt.",
             "Every week, I offer a glimpse of the kind of intelligence assessments that reach the President.",
             "From North Korea and China, across Russia and Europe, New Year's messages were not reassuring."]
    # two more sentences each (written here) so that the three pages are not read as copies
    more = [["The United Kingdom is stuck in a Brexit stalemate.", "France is roiled by yellow vest protests."],
            ["Russia and China are watching these divisions closely.", "Their leaders see an opportunity in them."],
            ["Kim Jong Un said he was ready to meet Trump again.", "Putin spoke of a tough year ahead for Russians."]]
    disclaimer = ["The views expressed in this commentary are her own. View more", "opinion articles", "on CNN."]
    pages = [article("\n".join([*disclaimer, "(CNN)", lead, body, *extra]), f"cnn{k}", title="Macron")
             for k, (lead, body, extra) in enumerate(zip(leads, CNN_BODY, more))]
    assert "(CNN)" not in flagged(*pages)


def test_a_widget_line_after_a_line_without_an_end_still_recurs_as_chrome() -> None:
    # c20000 (benchmarks/real_corpus.py: one publisher's texts with a player-stats widget pasted in):
    # "No stats registered." opens in upper case, not the lower-case end of a cut sentence.
    pages = [
        "Greer had earlier failed to persuade other contestants to stage a naked protest against Big Brother. "
        "CB Tavierre Thomas 1 1% No stats registered. Anyone in need of a bit of January cheer now the party "
        "season is over, can use a service set up by Jongleurs comedy club, which will text them a joke a day. "
        "The government are facing calls to act.",
        "In Brian O'Driscoll and Paul O'Connell, Ireland have now the two front-runners for the captaincy. Andy "
        "Robinson said he would \"keep working on the kicking\" with his squad. DL Devaroe Lawrence 28 38% No stats "
        "registered. Shares of IPC dipped on the news in Mumbai, but recovered to trade almost 6% higher.",
        "As well as replacing Schrader with Harlin, the producers also changed most of the cast, but Swedish star "
        "Skarsgard stayed in the Merrin role. CB Tavierre Thomas 1 1% No stats registered. For the last three "
        "years, that has gone up by an average of 13.2%. Other features include a short-range messaging "
        "application called Pictochat, and a built-in microphone.",
    ]
    found = flagged(*[article(text, f"p{k}", publisher="Publisher 16", title="News") for k, text in enumerate(pages)])
    assert found.count("No stats registered.") == 3


# L3S-GN1's APC page of 2008-01-09 (a blog's sidebar of "Latest Comments" on other posts comes
# before the post in the page's text), flattened: from the sidebar's header on, every line was
# "in the comments section after the article", the whole story with it.
APC_TITLE = "Apple updates MacPros and Xserves, doubles performance."
APC = ["Search RSS Subscribe to the mag Contact Primary links Home Reviews PC hardware Windows Vista Linux Mac",
       "This site is proudly powered by Sun Microsystems.", "Latest", "Comments",
       "David Johnston on All eyes on Macworld: - I'd like to see some more hardware taking advantage of it.",
       "Marmaduke on Telstra pushes Next G as bigger and faster: Ditto for me, another customer.",
       "Most Discussed", "It's a Windows world: deal with it (295)", "Macs too hip for PC users? (190)",
       APC_TITLE, "9th January 2008",
       "Apple today announced updates to its MacPro and Xserve line of computers, making sure the news has "
       "a week to itself before the major product launches expected at Macworld.",
       "While the new machines are monsters spec-wise, and Apple claims they deliver up to twice the "
       "performance of their predecessors, they still don't include a Blu-ray drive.",
       "Apple also failed to revamp its aging lineup of Cinema Displays, though fans are still hoping these "
       "will emerge at the Macworld expo in a week's time.",
       "Whether there are really any applications out there that can take advantage of eight processor "
       "cores is another question altogether, of course.",
       "The MacPro now ships standard with an ATI Radeon HD 2600 XT with 256MB of memory and two dual-link "
       "DVI ports, which gives dual 30-inch display support out of the box.",
       "Updated MacPros and Xserves are shipping immediately."]


def test_a_sidebar_of_comments_above_the_headline_leaves_the_story_below_it() -> None:
    for joint in (" ", "\n"):
        found = flagged(article(joint.join(APC), title=APC_TITLE, publisher="APC"))
        assert not any("Apple today announced" in x or "shipping immediately" in x for x in found), joint
        assert joint == " " or any("Marmaduke on Telstra" in x for x in found)  # the sidebar is chrome still


def test_a_list_of_links_between_pipes_is_no_sentence() -> None:
    """L3S-GN1's Hindustan Times page, flattened, ended with its footer after "Back to top";
    16 words made it prose, and a sentence's "privacy policy" says nothing (held-out set, dev)."""
    footer = "About us | Contact us | Work with us | Privacy Policy | Disclaimer | Sitemap"
    story = " ".join(APC[-6:])
    found = flagged(article(f"{APC_TITLE} {story} Back to top {footer}", title=APC_TITLE, publisher="HT"))
    assert any(footer in x for x in found)
    assert not any("Apple today announced" in x for x in found)
    from audit.detect.leakage.chrome_lines import link_list

    assert link_list(footer)
    assert not link_list("Revenue | 2007 | 2008 | 12.5 | 13.1")  # a table's cells open with figures
    assert not link_list("He said | she said | that was it | and more")  # items open lower-case


def test_replies_titled_after_the_story_keep_their_comments_section() -> None:
    """A review's case: no title line in the story, replies titled "Re: <title>" below its
    "Comments" header; the replies were taken for the headline, and the comments for a
    sidebar above it, so they stopped being chrome."""
    title = "Council approves new bike lanes downtown"
    story = ["The city council voted on Tuesday to approve a network of protected bike lanes across the "
             "downtown area, after two years of public meetings and a long study of traffic.",
             "Construction is expected to begin in the spring and to last about eighteen months."]
    replies = []
    for n in range(6):
        replies += [f"Re: {title}", f"Posted by reader{n} on March {n + 3}, 2019",
                    "I ride to work every day and these lanes will make a real difference for me and "
                    "for my neighbours, who are afraid of the traffic on the main road in the morning."]
    for joint in ("\n", " "):
        found = flagged(article(joint.join([*story, "Comments", *replies]), title=title, publisher="Gazette"))
        assert sum("I ride to work every day" in x for x in found) == 6, joint
        assert not any("list of comments above" in f.message
                       for f in find_boilerplate_lines([article(joint.join([*story, "Comments", *replies]),
                                                                title=title, publisher="Gazette")], {}))
