"""duplicate.passage: the Stanovaya quote shared by seeds 000 and 003, and the traps."""

from __future__ import annotations

import random
from pathlib import Path

from factories import make_article

from audit.detect.duplicates.passage import find_shared_passages
from audit.model import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUOTE = ("Putin sees an opportunity to draw Ukraine into an 'Istanbul-2' process, closely "
         "resembling the talks of March-April 2022, to pursue the same objectives, now including "
         "the newly annexed territories. His aim is to stall Western arms deliveries, exploit any "
         "weakening of Zelensky's position, and exacerbate Ukraine's internal instability.")


def article(article_id: str, text: str) -> Article:
    return make_article(text, article_id=article_id)


def seed(stem: str) -> Article:
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    return article(path.stem, path.read_text(encoding="utf-8"))


def test_stanovaya_quote_found_in_each_seed_with_its_own_span() -> None:
    corpus = [seed(s) for s in ("000", "001", "002", "003", "004")]
    findings = list(find_shared_passages(corpus, {"min_words": 40}))
    got = {(f.article_id, f.related_article_id) for f in findings}
    assert got == {("000_43dfd73fa4249051", "003_ad27deec139d2dc8"),
                   ("003_ad27deec139d2dc8", "000_43dfd73fa4249051")}
    by_id = {a.article_id: a for a in corpus}
    for f in findings:
        assert f.check == "duplicate.passage"
        assert f.excerpt == by_id[f.article_id].text[f.start:f.end]
        assert f.excerpt.startswith("Putin sees an opportunity")
        assert "Istanbul-2" in f.excerpt and f.excerpt.endswith("agree to Russian terms")
        # the quote runs across "Zelensky's" in 000 and "Zelenskyy's" in 003
        assert "Zelensky" in f.excerpt and f.data["words"] >= 80


def test_short_shared_quote_is_below_min_words() -> None:
    short = "He does not believe, even for a moment, that Kyiv in its current state can agree."
    corpus = [article("a", f"Analysts were blunt. {short} Markets fell."),
              article("b", f"In Moscow, {short} The talks end Friday.")]
    assert list(find_shared_passages(corpus, {"min_words": 40})) == []


def test_lifted_quote_in_otherwise_different_articles_with_other_punctuation() -> None:
    lifted = QUOTE.replace("'", "\u201c").replace(", now", " \u2013 now").replace(
        "Zelensky's", "Zelenskyy\u2019s")
    one = article("one", seed("001").text + "\nA Moscow analyst wrote: \u201c"
                  f"{lifted}\u201d Farmers expect a late harvest.")
    two = article("two", f"Stanovaya said: \"{QUOTE}\" The Kremlin did not comment on the "
                  "post, and the talks in Istanbul ended after two hours.\n" + seed("002").text)
    findings = list(find_shared_passages([one, two], {"min_words": 40}))
    assert [(f.article_id, f.related_article_id) for f in findings] == [("one", "two"), ("two", "one")]
    assert findings[0].excerpt.startswith("Putin sees") and findings[0].excerpt.endswith("instability")
    assert findings[1].excerpt == QUOTE[:-1]
    assert findings[0].data["related_start"] == findings[1].start


def test_near_copies_are_not_reported_as_passages() -> None:
    text = seed("004").text
    corpus = [article("x", text), article("y", "LONDON (Reuters) - " + text)]
    assert list(find_shared_passages(corpus, {"min_words": 40})) == []


def test_odd_text_never_raises() -> None:
    corpus = [article("a", ""), article("b", "\x00" * 100), article("c", "word " * 500),
              article("d", "word " * 500 + "other")]
    # one word said 500 times holds one distinct fingerprint: garbage, not a lifted passage
    assert list(find_shared_passages(corpus, {"min_words": 40})) == []


def test_heavily_edited_copy_gets_one_finding_in_the_copy() -> None:
    # every other paragraph of 004 swapped for one of 002: Jaccard 0.58, not a near copy,
    # yet most of it is shared; one finding in the later copy (its longest run) says how much
    original, other = seed("004").text.splitlines(), seed("002").text.splitlines()
    edited = "\n".join(line if i % 2 == 0 else other[i] for i, line in enumerate(original))
    corpus = [article("wire", "\n".join(original)), article("edited", edited),
              article("edited2", edited.replace("Thursday", "Friday"))]
    findings = list(find_shared_passages(corpus, {"min_words": 40}))
    assert [(f.article_id, f.related_article_id) for f in findings] == [("edited", "wire")]
    assert findings[0].data["shared_words"] > findings[0].data["words"] >= 40
    assert "edited copy" in findings[0].message


def test_syndicated_copies_count_once_for_a_lifted_passage() -> None:
    wire = seed("003").text
    copies = [article(f"site{i}", f"{city} (AP) - {wire}") for i, city in enumerate(
        ("ACCRA", "LAGOS", "NAIROBI"))]
    quoting = article("quoting", "Cocoa prices rose in Accra on Monday. Stanovaya wrote: "
                      + " ".join(wire.splitlines()[21:23]) + " Traders expect rain this week.")
    findings = list(find_shared_passages([*copies, quoting], {"min_words": 40}))
    assert [(f.article_id, f.related_article_id) for f in findings] == [
        ("site0", "quoting"), ("quoting", "site0")]
    assert copies[1].extra["duplicate_cluster"] == "site0"  # the near-copy cluster, reused


def test_a_quote_lifted_by_many_is_one_finding_in_each_naming_the_others() -> None:
    fillers = [seed(s).text for s in ("001", "002", "004")]
    corpus = [article(f"q{i}", f"{filler[:600]}\nAn analyst wrote: \u201c{QUOTE}\u201d\n{filler[-600:]}")
              for i, filler in enumerate(fillers)]
    findings = list(find_shared_passages(corpus, {"min_words": 40}))
    assert [(f.article_id, f.related_article_id) for f in findings] == [
        ("q0", "q1"), ("q1", "q0"), ("q2", "q0")]
    assert findings[0].data["articles"] == 2 and findings[0].data["also_shared_with"] == ["q2"]
    assert "also in 1 more article: q2" in findings[0].message
    assert all(QUOTE[:-1] in f.excerpt for f in findings)


def test_a_block_in_many_articles_of_one_site_is_its_chrome_not_a_shared_passage() -> None:
    """Issue 10: a promo block repeated in 12 articles of one site is boilerplate.line's
    (recurring), not 12 shared passages; in 4 articles it is still a shared passage."""
    from audit.detect.leakage.boilerplate import find_boilerplate_lines
    from audit.model import RawRecord
    from audit.normalise import to_article

    promo = ("Our journalism is made possible by readers like you. Every week our reporters travel across "
             "the region to bring you stories that matter, from city hall to the courthouse and the high "
             "school football field. The Daily Courier has served this community for more than a century.")

    vocabulary = ["council", "budget", "river", "school", "mayor", "harbour", "bridge", "tax", "road", "library", "park", "police", "fire", "hospital", "market", "station", "museum", "festival", "election", "court", "farm", "bus", "rail", "water", "power", "housing", "clinic", "theatre", "stadium", "airport", "ferry", "tunnel", "canal", "garden", "square", "church"]

    def body(i: int) -> str:  # seeded word salad: no eight words in a row shared between two bodies
        draw = random.Random(i)
        return " ".join(" ".join(draw.choice(vocabulary) for _ in range(9)).capitalize() + "."
                        for _ in range(8))

    def corpus(n: int, publisher: str = "Daily Courier") -> list:  # type: ignore[type-arg]
        return [to_article(RawRecord(source_uri=f"mem/{i}", source_sha256="", record_id=f"c{i}",
                                     text=f"{body(i)}\n{promo}\n{body(i + 100)}",
                                     fields={"publisher": publisher, "language": "en"}), f"c{i}")
                for i in range(n)]

    many = corpus(12)
    assert list(find_shared_passages(many, {})) == []
    chrome = {f.article_id for f in find_boilerplate_lines(many, {}) if f.data["signal"] == "recurring"}
    assert len(chrome) >= 11
    assert len(list(find_shared_passages(corpus(4), {}))) == 4


# sn.dk's comment policy, the end of two of its pages (prec20: mozilla/readability-style
# extraction of the htmldate evaluation pages), read as a passage the two shared.
SN_DK_FOOTER = ("Kommentarer\nVi ønsker en åben og livlig debat på sn.dk, og opfordrer alle til at kommentere, "
                "udveksle viden og stille spørgsmål. Debatten skal foregå i en ordentlig og respektfuld tone. "
                "Redaktionen fjerner indlæg, der ikke lever op til SN.dks retningslinjer og gældende "
                "lovgivning. Se retningslinjerne her")


def _two_pages(tail: str = "", block: str = SN_DK_FOOTER, **fields: str) -> list[Article]:
    """Two different stories (seeds 001 and 002) ending on the same block, then `tail`."""
    return [make_article(f"{seed(stem).text}\n{block}{tail}", article_id=f"p{stem}", **fields)
            for stem in ("001", "002")]


SN_DK = {"publisher": "Sndk_Nyheder", "url": "https://sn.dk/Danmark/artikel/922379"}
# hindi.business-standard.com's menu above two of its stories (prec20), and the BBC's two
# election stories of 2005 closing on the same Kennedy quote (BBC News dataset)
MENU = ("English \\| हिंदी | \n|  | होम | \\| |  | बाजार | \\| |  | कंपनियां | \\| |  | अर्थव्यवस्था | \\| |  | "
        "मुद्रा | \\| |  | विश्लेषण | \\| |  | निवेश | \\| |  | जिंस | \\| |  | क्षेत्रीय | \\| |  | विशेष | \\| |  | "
        "विविध | \\| |  | बजट | \\| |  | टेक | \\| |  | ऑटो | \\| |  | खेल | \\| |  | मनोरंजन | \\| |  | शिक्षा | \\| |  | "
        "स्वास्थ्य | \\| |  | राजनीति | \\| |  | कानून | \\| |  | विदेश | \\| |  | मौसम | \\| |  | वीडियो | \\| |  | "
        "फोटो | \\| |  | ब्लॉग | \\| |  | पॉडकास्ट | \\| |  | राशिफल | \\| |  | करियर | \\| |  | संपादकीय | \\| |  | "
        "बाजार भाव | \\| |  | म्यूचुअल फंड | \\| |  | बीमा | \\| |  | बैंकिंग | \\| |  | रियल एस्टेट | \\| |  | "
        "कृषि | \\| |  | ऊर्जा | \\| |  | उद्योग जगत | \\| |  | स्टार्टअप | \\| |  | लोकसभा चुनाव | \\| |  |")
KENNEDY = ("He brushed off Labour suggestions a vote for his party would mean letting the Tories in \"by the back "
           "door\". \"We can go from third place to first place, not only can we leapfrog the Conservatives where "
           "we start in a third place position, but we can go on to defeat the government. \"That's going to be "
           "the story, I think, of this coming general election.\"")


def test_a_block_that_ends_two_pages_of_one_site_is_its_template() -> None:
    """prec20: duplicate.passage said two sn.dk stories share a 46-word passage, their comment
    policy. At the same edge of two articles of one site, naming the site, it is the page's
    template: said as boilerplate.line (signal site_template) in each, with its span, naming
    the other page. The same for a menu of short pieces, which names nothing."""
    found = list(find_shared_passages(_two_pages(**SN_DK), {}))
    assert [(f.check, f.article_id, f.data["signal"], f.data["also_in"]) for f in found] == [
        ("boilerplate.line", "p001", "site_template", ["p002"]),
        ("boilerplate.line", "p002", "site_template", ["p001"])]
    assert all(f.excerpt.startswith("Kommentarer") and f.excerpt.endswith("Se retningslinjerne her")
               for f in found)
    assert "ends 2 articles of sndk_nyheder" in found[0].message
    # no publisher: the URL's host is the site, and its name
    pages = _two_pages(url="https://www.sn.dk/Danmark/artikel/1")
    assert {f.check for f in find_shared_passages(pages, {})} == {"boilerplate.line"}
    menus = [make_article(f"{MENU}\n{seed(stem).text}", article_id=stem, publisher="Business Standard")
             for stem in ("001", "002")]
    assert [(f.check, f.start) for f in find_shared_passages(menus, {})] == [("boilerplate.line", 0)] * 2


def test_a_shared_block_is_a_passage_across_sites_away_from_the_same_edge_or_in_prose() -> None:
    """Guards of site_template: the block is still a shared passage when the two pages have
    other publishers, when no site is known, when it sits at another distance from the end
    of each (a passage one site lifts into two of its stories), and when it is prose that
    names no site (the BBC's two stories closing on one Kennedy quote)."""
    def checks(pages: list[Article]) -> list[str]:
        return [f.check for f in find_shared_passages(pages, {})]

    one, two = _two_pages(**SN_DK)
    assert checks([one, make_article(two.text, article_id="b", publisher="tv2.dk")]) == ["duplicate.passage"] * 2
    assert checks(_two_pages()) == ["duplicate.passage"] * 2  # no publisher, no URL
    assert checks(_two_pages(tail="\nMere om sagen følger i aftenens udgave af avisen.", publisher="sn.dk")[:1]
                  + _two_pages(publisher="sn.dk")[1:]) == ["duplicate.passage"] * 2
    assert checks(_two_pages(block=KENNEDY, publisher="BBC", url="https://news.bbc.co.uk/1/hi/uk_politics/1.stm")
                  ) == ["duplicate.passage"] * 2
    # a helper's review: a wire lead names its agency, and "Time" is a word: no address, a passage
    lead = f"WASHINGTON (Reuters) - {KENNEDY} It was a good time, he said, for the party."
    assert checks(_two_pages(block=lead, publisher="Reuters", url="https://www.reuters.com/article/x")
                  ) == ["duplicate.passage"] * 2
    assert checks(_two_pages(block=lead, publisher="Time")) == ["duplicate.passage"] * 2
    # a suite without boilerplate.line: the template stays what the suite asks for
    assert [f.check for f in find_shared_passages(_two_pages(**SN_DK), {"_also": ()})] == ["duplicate.passage"] * 2


def test_two_quotes_shared_by_different_articles_are_not_an_edited_copy() -> None:
    """fresh21 (ISOT's fake-news sample): two articles embedding the same two tweets shared
    96 words, 21% of one, and each finding said "an edited copy". Said only past
    max_coverage; the words shared in all are still told."""
    second = ("The talks will not resume until Kyiv accepts what the Kremlin calls the new realities on "
              "the ground, and Moscow sees no reason to hurry while Western support is in doubt, the "
              "analyst added, noting that any ceasefire would be used to regroup and rearm its forces.")
    fillers = [seed(s).text for s in ("001", "002")]
    corpus = [article(f"q{i}", f"{filler[:1500]}\nOne analyst wrote: \u201c{QUOTE}\u201d\n{filler[1500:3000]}\n"
                               f"She went on: \u201c{second}\u201d\n{filler[3000:4500]}")
              for i, filler in enumerate(fillers)]
    findings = list(find_shared_passages(corpus, {"min_words": 40}))
    assert [f.article_id for f in findings] == ["q0", "q0", "q1", "q1"]
    assert all("words are shared in all" in f.message and "edited copy" not in f.message for f in findings)


def test_a_template_span_takes_its_lines_whole() -> None:
    """prec20 (hindi.business-standard.com): the shared footer began after the byline's date
    on its line ("2020 | ...") and stopped before the last full stop; a template takes the
    few characters its run leaves of its lines."""
    from audit.detect.duplicates.template import line_snapped

    text = "Story text.\nMumbai September 29, 2020 | Advertisements | Buy Home Insurance\nLast line."
    run = (text.index("2020 |") + 5, len(text) - 1)
    assert line_snapped(text, run) == (text.index("Mumbai"), len(text))
    far = (text.index("Home Insurance"), len(text) - 1)  # 49 characters into its line: left as it is
    assert line_snapped(text, far) == (far[0], len(text))


def test_a_template_span_in_flat_text_starts_at_its_sentence() -> None:
    """yahoo_flat (a read by signal, forty-first session): Bloomberg's closing block shared by a
    site's stories began after the reporter's name that differs, or inside an update note."""
    from audit.detect.duplicates.template import line_snapped

    text = ("The deals created behemoths that serve financial institutions and merchants. To contact the "
            "reporters on this story: Nabila Ahmed in New York at nahmed54@bloomberg.net;Jenny Surane in New "
            "York at jsurane4@bloomberg.net To contact the editors responsible for this story: Michael J. Moore")
    assert line_snapped(text, (text.index("Jenny"), len(text)))[0] == text.index("To contact the reporters")
    note = "Its costs are low. (Updates to add futures prices in fifth paragraph.) To contact the reporter"
    assert line_snapped(note, (note.index("in fifth"), len(note)))[0] == note.index("(Updates")
    at_sentence = note.index("To contact")  # a run that starts a sentence keeps its start
    assert line_snapped(note, (at_sentence, len(note)))[0] == at_sentence
    credit = ("Gold fell 0.4 percent to $1,305.63 an ounce, a two-week low. --With assistance from Masaki Kondo, "
              "Adam Haigh and Robert Brand.")
    for run in (credit.index("--With"), credit.index("Adam")):  # past a full stop the splitter does not count
        assert line_snapped(credit, (run, len(credit)))[0] == run
    glued = ("Shares of the company rose in early trading on Monday. They have declined 29% this year.(Adds other "
             "companies leaving the Bay Area)For more articles")
    for run in (glued.index("(Adds"), glued.index("other")):  # a glued sentence's start, and a run inside it
        assert line_snapped(glued, (run, len(glued)))[0] == glued.index("(Adds")


def test_a_template_inside_boilerplate_s_own_finding_is_not_said_twice() -> None:
    """A helper's review: mc0789's footer, a site_template finding, lay inside the tail
    block boilerplate.line had found: the same text claimed twice. Kept when half of it
    or more is not covered."""
    from audit.detect.duplicates.template import without_covered
    from audit.model import Finding

    def finding(start: int, end: int, signal: str) -> Finding:
        return Finding(article_id="a", check="boilerplate.line", severity="warning", message="", start=start,
                       end=end, excerpt="", data={"signal": signal})

    tail, inside, half = finding(100, 400, "tail"), finding(150, 300, "site_template"), finding(350, 500, "site_template")
    assert without_covered([tail, inside, half]) == [tail, half]
    assert without_covered([finding(0, 40, "phrase"), finding(60, 90, "phrase"), inside]) == [
        finding(0, 40, "phrase"), finding(60, 90, "phrase"), inside]


def test_a_shared_newsletter_prompt_ending_two_pages_of_one_site_is_its_template() -> None:
    """fundus: two BR24 pages end on the same newsletter prompt, a "shared passage" (it names
    no address, holds no copyright mark, is no menu). Phrases of boilerplate.line's list (a
    sign-up) in half of it or more say template; one such line in the author's prose does not."""
    prompt = ("Das ist die Europäische Perspektive bei BR24. Der Newsletter informiert Sie immer montags bis "
              "freitags zum Feierabend über das Wichtigste vom Tag auf einen Blick, kompakt und direkt in Ihrem "
              "privaten Postfach und mit allen Themen aus Bayern, Deutschland und der Welt. Hier geht's zur Anmeldung!")
    found = list(find_shared_passages(_two_pages(block=prompt, publisher="BR24"), {}))
    assert [(f.check, f.data.get("signal")) for f in found] == [("boilerplate.line", "site_template")] * 2
    # a chrome line, but most of the block the author's own text (two CNN columns opening on the
    # author's bio and her weekly series' first paragraph, gilets_jaunes): a passage
    column = (f"{KENNEDY} Sign up for our newsletter. Every week, I offer a glimpse of the kind of "
              "intelligence assessments that are likely to come across the desk of the President, modeled on "
              "the daily briefing which the director of national intelligence prepares almost daily.")
    assert [f.check for f in find_shared_passages(_two_pages(block=column, publisher="CNN"), {})] == [
        "duplicate.passage"] * 2


def test_a_passage_the_articles_chrome_findings_cover_is_not_said_twice() -> None:
    """A read of 15 passage findings on the 46 corpora (thirty-ninth session): 8 were a site's
    footer, bio, sidebar or menu shared between its articles, already found as chrome in
    each. A passage that boilerplate.line's, metadata.leak's or paywall.text's findings in
    its article cover for half or more is dropped; one they cover less stays."""
    from audit.detect.duplicates.template import without_covered
    from audit.model import Finding

    def finding(check: str, start: int, end: int, article_id: str = "a") -> Finding:
        return Finding(article_id=article_id, check=check, severity="warning", message="", start=start,
                       end=end, excerpt="", data={"signal": "tail"} if check == "boilerplate.line" else {})

    footer, bio = finding("boilerplate.line", 100, 250), finding("metadata.leak", 250, 300)
    shared = finding("duplicate.passage", 120, 320)  # 180 of its 200 characters are chrome
    lifted = finding("duplicate.passage", 0, 200)  # 100 of 200: half
    story = finding("duplicate.passage", 0, 150)  # 50 of 150
    elsewhere = finding("duplicate.passage", 120, 320, article_id="b")  # another article's chrome is not its
    assert without_covered([footer, bio, shared, lifted, story, elsewhere]) == [footer, bio, story, elsewhere]
    # a foreign passage that is the page's chrome in another language (a German rating widget
    # on an English page) is claimed twice too; one outside the chrome stays
    widget, quote = finding("language.mixed", 110, 240), finding("language.mixed", 0, 90)
    assert without_covered([footer, widget, quote]) == [footer, quote]


def test_one_run_over_most_of_an_article_says_it_is_an_edited_copy_or_excerpt() -> None:
    """ar_news: a short wire story rewritten whole inside a longer one (127 words, 860 of its 866
    characters) was "a 127-word passage", as if a quote were lifted. Too short a part of the
    longer article for a near copy; the finding in the short one says how much of it the run is."""
    short = " ".join(seed("004").text.split()[:120])
    longer = f"{seed('001').text}\n{short}\n{seed('002').text}"
    findings = list(find_shared_passages([article("short", short), article("long", longer)], {"min_words": 40}))
    by_id = {f.article_id: f for f in findings}
    assert set(by_id) == {"short", "long"}
    assert "of this article: an edited copy or an excerpt" in by_id["short"].message
    assert "of this article" not in by_id["long"].message  # a passage of the longer one, as before


GOLD_GRAMS = ("0,5", "1", "2", "3", "5", "10", "25", "50", "100", "250", "500", "1.000")


def gold_list(prices: list[str]) -> str:
    """A daily gold-price list as detik prints it: the same labels, the day's prices."""
    rows = "\n".join(f"Harga emas {g} gram: Rp {p}" for g, p in zip(GOLD_GRAMS, prices, strict=True))
    return ("Berikut rincian harga emas Antam hari ini yang dipantau dari situs Logam Mulia "
            f"pada pagi hari:\n{rows}\nDemikian rincian harga emas hari ini keluaran Antam "
            "1 gram hingga 1.000 gram yang dijual di butik resmi.")


MONDAY_LEAD = ("Harga emas batangan Antam naik tipis pada perdagangan Senin pagi setelah sepekan "
               "melemah. Analis menyebut permintaan dari pembeli ritel kembali menguat menjelang "
               "libur panjang, sementara dolar Amerika Serikat bergerak mendatar terhadap rupiah "
               "dan harga emas dunia tertahan di kisaran yang sama sejak akhir pekan lalu.\n")
TUESDAY_LEAD = ("Pada Selasa, harga emas Antam kembali bergerak naik mengikuti harga emas dunia yang "
                "menguat setelah data inflasi Amerika Serikat dirilis semalam. Pedagang di Jakarta "
                "mengatakan antrean pembeli di butik Pulogadung sudah terlihat sejak subuh, dan stok "
                "kepingan kecil kembali habis sebelum siang.\n")


def test_one_price_list_filled_in_on_two_days_is_no_shared_passage() -> None:
    monday = ["1.002.000", "1.904.000", "3.748.000", "5.597.000", "9.295.000", "18.535.000",
              "46.212.000", "92.345.000", "184.612.000", "461.265.000", "922.320.000", "1.844.600.000"]
    tuesday = ["1.004.500", "1.909.000", "3.758.000", "5.612.000", "9.320.000", "18.585.000",
               "46.337.000", "92.595.000", "185.112.000", "462.515.000", "924.820.000", "1.849.600.000"]
    corpus = [article("mon", MONDAY_LEAD + gold_list(monday)), article("tue", TUESDAY_LEAD + gold_list(tuesday))]
    assert list(find_shared_passages(corpus, {"min_words": 40})) == []
    # the same day's list in both is a shared passage (over half of an article: said in the copy)
    same = [corpus[0], article("tue", TUESDAY_LEAD + gold_list(monday))]
    assert [f.article_id for f in find_shared_passages(same, {"min_words": 40})] == ["tue"]


def test_a_paragraph_copied_beside_a_refilled_price_list_is_still_a_passage() -> None:
    """A review of 1b3cb50: the run grew from the copied paragraph into the refilled list, and the
    list's new prices dropped all of it. Grown again stopping at a figure that differs, the
    paragraph is the passage, the list no part of it."""
    shared = ("Bank Indonesia mempertahankan suku bunga acuan di level enam persen pada rapat dewan gubernur "
              "pekan ini, keputusan yang sejalan dengan perkiraan sebagian besar ekonom yang disurvei menjelang "
              "pengumuman. Gubernur bank sentral mengatakan kebijakan itu diambil untuk menjaga stabilitas nilai "
              "tukar rupiah di tengah ketidakpastian pasar keuangan global yang masih tinggi, sementara inflasi "
              "domestik tetap terkendali dalam kisaran sasaran yang ditetapkan pemerintah.\n")
    monday = ["1.002.000", "1.904.000", "3.748.000", "5.597.000", "9.295.000", "18.535.000",
              "46.212.000", "92.345.000", "184.612.000", "461.265.000", "922.320.000", "1.844.600.000"]
    tuesday = ["1.004.500", "1.909.000", "3.758.000", "5.612.000", "9.320.000", "18.585.000",
               "46.337.000", "92.595.000", "185.112.000", "462.515.000", "924.820.000", "1.849.600.000"]
    corpus = [article("mon", MONDAY_LEAD + shared + gold_list(monday)),
              article("tue", TUESDAY_LEAD + shared + gold_list(tuesday))]
    found = list(find_shared_passages(corpus, {"min_words": 40}))
    assert sorted(f.article_id for f in found) == ["mon", "tue"]
    for f in found:
        assert f.excerpt.startswith("Bank Indonesia") and f.excerpt.count("Rp") <= 1  # up to the first new price


def test_a_passage_retold_with_a_few_figures_updated_is_still_shared() -> None:
    story = ("The vaquinha organised by two friends of the former president has raised more than "
             "{raised} thousand reais in a little over {hours} hours, its organisers said on the "
             "site. The aim is to pay for her travel around the country, where she has spoken at "
             "universities, unions and rallies since she left office last year. More than {people} "
             "people have given so far, and the goal is to raise 500 thousand reais by the end of "
             "the month, when the tour is due to reach the northeast and its last {stops} stops.")
    one = article("one", MONDAY_LEAD + story.format(raised=170, hours=10, people=2300, stops=4))
    two = article("two", TUESDAY_LEAD + story.format(raised=338, hours=26, people=4700, stops=6))
    assert {f.article_id for f in find_shared_passages([one, two], {"min_words": 40})} == {"one", "two"}
