"""paywall.text: one finding per paywall block; a Subscribe link or the word "support" is not one."""

from __future__ import annotations

from pathlib import Path

from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.detect.leakage.paywall import find_paywall_blocks
from audit.model import Article, RawRecord
from audit.normalise import to_article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PARAGRAPH = ("Trump campaigned on a promise to end the war in 24 hours, though that deadline has long "
             "since passed.")


def article(text: str) -> Article:
    record = RawRecord(source_uri="mem/a1.txt", source_sha256="", record_id="a1", text=text,
                       fields={"language": "en"})
    return to_article(record, "a1")


def test_seed_004_block_spans_offer_perks_and_support_line() -> None:
    a = article(next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"))
    (block,) = find_paywall_blocks([a], {})
    assert block.check == "paywall.text"
    assert block.start == a.text.index("Unlock unlimited access")
    assert block.end == a.text.index("Support Just the News") + len("Support Just the News")
    assert "VIP access to exclusive" in block.excerpt
    assert block.data["lines"] == 7
    assert "cut the article short" in block.message and "not just a Subscribe link" in block.message


def test_continue_reading_block_with_login() -> None:
    text = PARAGRAPH + "\nSubscribe to continue reading\nAlready a subscriber? Log in\nSubscribe now"
    a = article(text)
    (block,) = find_paywall_blocks([a], {})
    assert block.excerpt == "Subscribe to continue reading\nAlready a subscriber? Log in\nSubscribe now"


def test_subscribe_link_and_support_in_prose_are_not_paywalls() -> None:
    text = ("Subscribe\nSign In\n" + PARAGRAPH + "\nSupport for the ceasefire grew in Kyiv\n"
            "Support for a deal is waning in Moscow, officials said on Thursday.")
    assert list(find_paywall_blocks([article(text)], {})) == []


def test_two_blocks_two_findings() -> None:
    text = f"To Read the Full Story\nSubscribe\n{PARAGRAPH}\nYou have reached your limit of free articles"
    found = [f.excerpt for f in find_paywall_blocks([article(text)], {})]
    assert found == ["To Read the Full Story\nSubscribe", "You have reached your limit of free articles"]


# Running text (one paragraph, issue 10): templates as a class, not single phrases.
LEAD = ("Ukraine and Russia exchanged 390 prisoners each on Friday, the first stage of a swap agreed "
        "at talks in Istanbul last week, officials in both capitals said.")
TAIL = "The second stage of the exchange is expected on Saturday, according to the Ukrainian ombudsman."


def test_reserved_for_subscribers_and_trial_offer_in_one_paragraph() -> None:
    text = (f"{LEAD} This article is reserved for subscribers. Start your free trial today and cancel "
            f"anytime. {TAIL}")
    a = article(text)
    (block,) = find_paywall_blocks([a], {})
    assert block.excerpt == ("This article is reserved for subscribers. Start your free trial today and "
                             "cancel anytime.")
    assert block.data["kind"] == "paywall-block" and "cut the article short" in block.message


def test_supporter_and_member_appeals_are_paywall_text_not_boilerplate() -> None:
    for appeal in ("Support independent journalism: become a supporter from only $5 a month.",
                   "Become a member today and help keep our reporting free for everyone.",
                   "Our newsroom depends on readers: support our journalism for just £1 a week."):
        a = article(f"{LEAD} {appeal} {TAIL}")
        (block,) = find_paywall_blocks([a], {})
        assert block.excerpt == appeal
        assert block.data["kind"] == "support-appeal" and "not site chrome" in block.message
        assert [f for f in find_boilerplate_lines([a], {}) if f.excerpt == appeal] == []


def test_trial_and_membership_words_in_news_are_not_paywalls() -> None:
    text = (f"{LEAD} The trial of the two officers is due to start in June. Ukraine hopes to become a "
            f"member of the European Union by 2030, Zelensky said. {TAIL}")
    assert list(find_paywall_blocks([article(text)], {})) == []


def test_membership_and_contribution_reported_in_news_are_not_appeals() -> None:
    """Real false alarms (BBC 2004-05, Reuters 1987; precision-2026-12-03.md): the words of
    an appeal said of a third party, not asked of the reader."""
    for sentence in ("Russia has been waiting for a decade to join the WTO and hopes to finally "
                     "become a member by early 2006.",
                     "In order to become a member, Moscow would have to gain the backing of two-thirds "
                     "of the board of governors.",
                     "Mr De Vido said that the Argentine state would not make a contribution \"in the "
                     "form of a subsidy\"."):
        assert list(find_paywall_blocks([article(f"{LEAD} {sentence} {TAIL}")], {})) == []
    asked = "Please make a contribution to keep our reporting free."
    (block,) = find_paywall_blocks([article(f"{LEAD} {asked} {TAIL}")], {})
    assert block.excerpt == asked


def test_every_templates_examples_hold_a_trigger_and_are_found() -> None:
    """The trigger list is a hand-kept screen before the templates: a template whose lines
    hold no trigger is never tried ("Try 4 weeks for 99p" was not, until "try" was added)."""
    import re

    from audit.detect.leakage.chrome_lines import DATA_DIR
    from audit.detect.leakage.paywall import _triggers

    rows = [r.split("\t") for r in (DATA_DIR / "paywall_templates.tsv").read_text(encoding="utf-8").splitlines()
            if r.strip() and not r.startswith("#")]
    for _kind, source, regex in rows:
        examples = [e for e in re.findall(r'"([^"]+)"', source) if re.search(regex, e, re.IGNORECASE)]
        assert examples, source  # each row names an example its regex matches
        for example in examples:
            assert _triggers().search(example.lower()), example


def test_a_priced_trial_cut_is_a_paywall_block() -> None:
    a = article(PARAGRAPH + "\nTry 4 weeks for 99p. Cancel anytime.")
    (block,) = find_paywall_blocks([a], {})
    assert block.excerpt.startswith("Try 4 weeks for 99p") and block.data.get("cut", True)


def test_a_long_run_of_spaces_after_today_is_read_in_linear_time() -> None:
    """`today\\s*,?\\s+` let two runs share the spaces: 8,000 spaces took 6 s (review)."""
    import time

    from audit.detect.leakage.paywall import addresses_reader

    clock = time.process_time()
    assert not addresses_reader("Today" + " " * 200_000 + "they said the fund will grow.")
    assert addresses_reader("Today, support our newsroom.") and addresses_reader("Today  support us")
    assert time.process_time() - clock < 1.0


def test_reader_words_of_another_clause_or_the_country_are_no_appeal() -> None:
    """Real false alarm (Yahoo Finance 2020, Bill Gates answering readers' questions): "we" and
    "our" are his, and "it" would make the contribution (precision-2026-12-03b.md)."""
    gates = ("Our Foundation's expertise is in diagnostics, therapeutics and vaccines so we are not "
             "involved in the ventilator efforts but it could make a contribution to have more especially "
             "as the disease gets into developing countries including Africa.")
    assert list(find_paywall_blocks([article(f"{LEAD} {gates} {TAIL}")], {})) == []
    asked = "If you value our work, please make a contribution."  # the request in its own clause
    (block,) = find_paywall_blocks([article(f"{LEAD} {asked} {TAIL}")], {})
    assert block.excerpt == asked


def test_us_the_country_and_quoted_words_do_not_speak_to_the_reader() -> None:
    """Real BBC 2004-05 sentences that `addresses_reader` read as the site's: "US" as "us"
    (case was ignored), and a quote that names no speaker in its sentence."""
    from audit.detect.leakage.paywall import addresses_reader

    assert not addresses_reader("The US, the largest of the IMF's 184 members, is a strong supporter of "
                                "continued financial support for Turkey.")
    assert not addresses_reader("\"However, the routes don't currently make a profitable contribution to "
                                "our business and we are unable to sustain them while this remains the case.")
    assert addresses_reader("Our newsroom depends on readers: support our journalism for just £1 a week.")


def test_continue_reading_about_a_subject_is_a_pointer_not_a_cut() -> None:
    # A real blog page of htmldate's evaluation set (precision-2026-12-03c.md): the phrase
    # "to continue reading" was its only paywall finding, and the article is whole.
    text = ("Most of my code that works with files now defaults to using pathlib and I recommend "
            "that you do the same. If you can use pathlib, you should.\n"
            "If you’d like to continue reading about pathlib, check out my follow-up article called "
            "No really, pathlib is great.")
    assert list(find_paywall_blocks([article(text)], {})) == []
    cut = PARAGRAPH + "\nIf you’d like to continue reading, please subscribe."
    (block,) = find_paywall_blocks([article(cut)], {})
    assert block.excerpt == "If you’d like to continue reading, please subscribe."


def test_a_paywall_block_the_article_goes_on_after_is_no_proof_of_a_cut() -> None:
    """A Wired guide (fundus): "subscriber-only" at character 1,160 of 31,537, the guide whole after
    it, and the finding said "the page cut the article short". With 150+ words of prose after
    it, the message says the text goes on; a block at the end still says the cut."""
    block = "Subscribe to continue reading\nAlready a subscriber? Log in\nSubscribe now"
    rest = "\n".join([PARAGRAPH.replace("24 hours", f"{n} days") for n in range(2, 12)])
    (found,) = find_paywall_blocks([article(f"{PARAGRAPH}\n{block}\n{rest}")], {})
    assert "goes on for 190 words of prose after it" in found.message and "cut the article short" not in found.message
    (found,) = find_paywall_blocks([article(f"{rest}\n{block}")], {})
    assert "cut the article short" in found.message


def test_what_lies_between_a_cut_and_a_cut_ending_the_text_is_the_paywalls() -> None:
    """The Haitian Times' appeal between its cut and its closing log-in line (pages_flat and
    pages_lines, tf-1346) was in neither block; with 150 words of prose between, the two
    blocks stay apart (the text went on after the first)."""
    cut = ("To view the full story, please subscribe to The Haitian Times. You can choose a $60 Annual "
           "Subscription or a $5 Weekly Pass.")
    appeal = ("We’ve been at this for 20 years and pride ourselves on representing you, our diaspora experience "
              "and a holistic view of Haiti that larger media doesn’t show you.\nJoin now or renew to get:\n"
              "— Instant access to one-of-kind stories and special reports\n— Membership merch, perks and "
              "special invitations\nDo it for the culture and support Black-owned businesses.")
    closing = ("If you’re seeing this message but you’re already a subscriber, you can log in for immediate "
               "access to this story.")
    for glue in ("\n", " "):
        text = glue.join([PARAGRAPH, cut, appeal if glue == "\n" else appeal.replace("\n", " "), closing])
        (block,) = find_paywall_blocks([article(text)], {})
        assert (block.start, block.end) == (text.index(cut), len(text))
    rest = "\n".join([PARAGRAPH.replace("24 hours", f"{n} days") for n in range(2, 12)])
    text = "\n".join([PARAGRAPH, cut, rest, closing])
    first, second = find_paywall_blocks([article(text)], {})
    assert (first.excerpt, second.excerpt) == (cut, closing)
    # three cuts, the last ending the text: one block from the first; the appeal's phrases in it
    text = "\n".join([PARAGRAPH, cut, appeal, cut, appeal, closing])
    (block,) = find_paywall_blocks([article(text)], {})
    assert (block.start, block.end) == (text.index(cut), len(text)) and block.data["lines"] == 13


def test_an_offer_between_two_cut_lines_keeps_the_block_whole() -> None:
    # Webz.io (webhose_flat), flat: "Sign in Here Become a Butler Eagle Subscriber Today" between
    # the two cut sentences made two blocks; the Haitian Times (pages_flat): "To view the full story,
    # please subscribe ..." opens the block, the priced passes after it belong to it
    eagle = (PARAGRAPH + " Continue Reading with One of the Options Below Already a subscriber? Sign in Here "
             "Become a Butler Eagle Subscriber Today Subscribe to read the full article and support our local, "
             "independent news organization. Subscribe Here You can cancel any time.")
    haiti = (PARAGRAPH + " To view the full story, please subscribe to The Haitian Times. You can choose a $60 "
             "Annual Subscription or a $5 Weekly Pass. When you join The Haitian Times family, you’ll get "
             "unlimited digital access to high-quality journalism about Haiti.")
    for text, opening in ((eagle, "Continue Reading"), (haiti, "To view the full story")):
        (block,) = find_paywall_blocks([article(text)], {})
        assert (block.start, block.end) == (text.index(opening), len(text))


def test_an_offer_that_says_nothing_of_reading_on_is_no_proof_of_a_cut() -> None:
    """A read of 15 paywall findings (thirty-ninth session): 4 said "cut the article short" under
    a site's standing offer after a whole story (Register-Guard's tagline, a review's log-in
    prompt). Such a block's message says it may be either; a block that speaks of reading on
    still says the cut."""
    for offer in ("Subscribe to get unlimited access and support local journalism.",
                  "Log in to access premium content and features on this site."):
        (found,) = find_paywall_blocks([article(f"{PARAGRAPH}\n{offer}")], {})
        assert found.excerpt == offer
        assert "says nothing of reading on" in found.message and "the page cut the article short" not in found.message
    (found,) = find_paywall_blocks([article(f"{PARAGRAPH}\nTo view the full story, please subscribe.")], {})
    assert "the page cut the article short" in found.message


def test_a_digest_link_to_the_full_story_is_no_paywall() -> None:
    # l3s: a tech digest's item ends on a link out to the story on its own site (lines and flat)
    item = ("The South Korean electronics giant has inked a deal with USA Today under which stories, local "
            "weather, and other information from the newspaper's site will be delivered through Samsung TVs.")
    for tail in ("\nClick here to read the full story\n- CNet\nClick here for free Newsletter subscription!",
                 " | | | Click here to read the full story | | | | - CNet | | | | Click here for free Newsletter "
                 "subscription! |", "\nTo read the full story, click here."):
        assert list(find_paywall_blocks([article(item + tail)], {})) == [], tail
    # the same words where the page asks to subscribe or log in first stay a cut
    for tail in ("\nClick here to subscribe to read the full story.", "\nTo read the full story, log in or register.",
                 "\nSubscribe now. Click here to read the full story."):
        (block,) = find_paywall_blocks([article(item + tail)], {})
        assert "to read the full story" in block.data["phrases"], tail


def test_a_flat_offer_is_found_whole_with_its_opening_and_its_appeal() -> None:
    """WIRED's offer in a flat guide (fundus): only its middle sentence was found ("This includes
    ... subscriber-only newsletters."), a reader said 'in part'. Its opening ("Special offer for
    Gear readers: ...") and its appeal ("Subscriptions help fund ...") extend the block."""
    offer = ("Special offer for Gear readers: Get WIRED for just $5 ($25 off). This includes unlimited access "
             "to WIRED.com, full Gear coverage, and subscriber-only newsletters. Subscriptions help fund the "
             "work we do every day.")
    text = ("Be sure to read through our other outdoor guides, including the Best Sleeping Pads and our Camp "
            f"Cooking guide. {offer} The Best Sleeping Bag for Backpackers Mountain Hardware's Bishop Pass 15 "
            "offers the best warmth-to-weight ratio while also managing to pack down small.")
    assert [f.excerpt for f in find_paywall_blocks([article(text)], {})] == [offer]
    # a museum's special offer in a story, with no paywall line beside it, is nothing
    museum = ("The museum has a special offer for veterans this month, and the café is open late on Fridays. "
              "The exhibition runs until March.")
    assert list(find_paywall_blocks([article(museum)], {})) == []
