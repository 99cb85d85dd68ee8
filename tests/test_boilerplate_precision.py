"""boilerplate.line on real text: position alone is no evidence (issue 10).

Every text here is cut from the Zyte article-extraction benchmark pages (gold bodies and
trafilatura's extraction of the same pages): a score table, a tour list or an event box
after the body stays content; a closing "Leave a Reply" flags what follows, not the
list above it; a footer with several kinds of chrome is chrome from the body on.
"""

from __future__ import annotations

from audit.detect.leakage.boilerplate import (
    _COPYRIGHT_OPENING,
    _named_sentence,
    find_boilerplate_lines,
)
from audit.detect.leakage.spans import segment, sentence_ends, split_line
from audit.model import Article, RawRecord
from audit.normalise import to_article

TITAN = ("WASHINGTON (Reuters) - Scientists on Monday unveiled the first global geological map of "
         "Saturn's moon Titan including vast plains and dunes of frozen organic material and lakes "
         "of liquid methane, illuminating an exotic world considered a strong candidate in the search "
         "for life beyond Earth.")
TITAN_2 = ("The map was based on radar, infrared and other data collected by NASA's Cassini spacecraft, "
           "which studied Saturn and its moons from 2004 to 2017. Titan, with a diameter of 3,200 miles "
           "(5,150 km), is the Solar System's second-biggest moon behind Jupiter's Ganymede.")
STANDINGS = ["Classificação final da Monster Energy NASCAR Cup Series em 2019 após 36 etapas:",
             "Pos. Piloto Pontos Vitórias Poles Top 5 Top 10", "1 Kyle Busch 5040 5 1 17 27",
             "2 Martin Truex Jr. 5035 7 0 15 24", "3 Kevin Harvick 5033 4 6 15 26",
             "4 Denny Hamlin 5027 6 3 19 24", "5 Joey Logano 2380 2 3 12 21"]
EVENT_BOX = ["Jeongdong Theater Tradition Series Performance", "<The Palace: Jang Noksu>",
             "2018.04.05 ~ OPEN RUN", "Tue – Sat 4PM (Closed on Sun & Mon)",
             "Viewing age of 48 months and above", "Ticketing", "VIP : 60,000₩", "R : 50,000₩"]


def article(text: str, article_id: str = "a1", *, url: str | None = None, publisher: str | None = None,
            title: str = "Scientists unveil first global geological map of Titan") -> Article:
    fields = {"publisher": publisher, "language": "en", "url": url, "title": title}
    record = RawRecord(source_uri=f"mem/{article_id}.txt", source_sha256="", record_id=article_id,
                       text=text, fields=fields)
    return to_article(record, article_id)


def flagged(*articles: Article) -> list[tuple[str, str]]:
    return [(f.excerpt, f.data["signal"]) for f in find_boilerplate_lines(list(articles), {})]


def test_score_table_after_the_body_is_content() -> None:
    text = "\n".join([TITAN, TITAN_2, *STANDINGS])
    assert flagged(article(text)) == []


def test_score_table_flattened_is_content() -> None:
    assert flagged(article(" ".join([TITAN, TITAN_2, *STANDINGS]))) == []


def test_one_closing_comment_prompt_flags_what_follows_not_the_list_above() -> None:
    text = "\n".join([TITAN, TITAN_2, *EVENT_BOX, "Leave a Reply", "Want to join the discussion?",
                      "Feel free to contribute!"])
    assert flagged(article(text)) == [("Leave a Reply", "phrase"), ("Want to join the discussion?", "tail"),
                                      ("Feel free to contribute!", "tail")]


def test_footer_with_several_kinds_of_chrome_is_chrome_from_the_body_on() -> None:
    text = "\n".join([TITAN, TITAN_2, "Audi e-tron GT Concept First Drive: Welcome to the future",
                      "Related Articles", "Hours after reveal, 2020 Mitsubishi Mirage get kitted out",
                      "Share", "© 2000-2019 AutoIndustriya.com, Inc. All Rights Reserved."])
    found = flagged(article(text))
    assert ("Audi e-tron GT Concept First Drive: Welcome to the future", "tail") in found
    assert ("Hours after reveal, 2020 Mitsubishi Mirage get kitted out", "tail") in found
    assert len(found) == 5


def test_sentence_cut_at_its_links_is_content_and_no_headline() -> None:
    url = "https://www.sciencealert.com/we-finally-have-a-global-geological-map-of-saturn-s-moon-titan"
    text = ("WASHINGTON (Reuters) - Scientists on Monday unveiled the first\n"
            "global geological map of Saturn's moon Titan\n" + TITAN[TITAN.index("including"):] + "\n" + TITAN_2)
    lines = segment(text, None, url)
    assert not any(ln.headline for ln in lines)  # a slug match starting lower-case is a link, not the headline
    assert flagged(article(text, url=url, title="")) == []


def test_list_above_a_tags_label_is_the_articles() -> None:
    calendar = ["Calendário da Stock Car 2018", "1a etapa: 10 de março – Interlagos",
                "2a etapa: 8 de abril – Curitiba / Alternativa", "3a etapa: 22 de abril – Velopark",
                "4a etapa: 06 de maio – Londrina"]
    text = "\n".join([*calendar, "Tags", TITAN, TITAN_2])
    assert flagged(article(text)) == [("Tags", "phrase")]


def test_menu_above_the_body_with_a_menu_phrase_is_still_chrome() -> None:
    text = "\n".join(["Home", "Sign In", "Politics", "Business", TITAN, TITAN_2])
    assert [e for e, _ in flagged(article(text))] == ["Home", "Sign In", "Politics", "Business"]


def test_lead_in_and_divider_recurring_across_a_publisher_are_not_chrome() -> None:
    texts = [f"{TITAN} Day {i}.\nHere’s the thing:\nI didn’t go from the Non-scary stuff to the Terror "
             f"Level 100 list, and neither should you on day {i} of the plan.\n___\n{TITAN_2}" for i in range(3)]
    arts = [article(t, f"b{i}", publisher="www.bigbrandsystem.com") for i, t in enumerate(texts)]
    assert flagged(*arts) == []


def test_flattened_menu_is_chrome_but_flattened_list_of_titles_is_not() -> None:
    menu = ("Sections » Home » Forum » IPO » Markets » Mutual Funds » Elections 2019 » Budget 2019 » "
            "Commodities » Real Asset » News » Currencies » SME Special » Portfolio » Fixed Income » "
            "Watchlist » Property » Stock List")
    games = ("They include: Assassin's Creed Odyssey, Attack on Titan: Final Battle 2, Destiny 2: The "
             "Collection, Farming Simulator 2019, Final Fantasy XV, Football Manager 2020, Grid, Just "
             "Dance 2020, Kine, Metro Exodus, Mortal Kombat 11, NBA 2K20, Rage 2, Red Dead Redemption 2")
    assert [s for _, s in flagged(article(f"{TITAN} {TITAN_2} {menu}"))] == ["tail"]
    assert flagged(article(f"{TITAN} {TITAN_2} {games}")) == []


def test_text_after_a_bare_more_label_is_content_in_running_text() -> None:
    text = (f"{TITAN} More: It did not reveal the crash location and said it was withholding the "
            f"names of those killed until next of kin could be told. {TITAN_2}")
    assert flagged(article(text)) == []


def test_korean_paragraph_is_cut_into_sentences() -> None:
    line = ("그래서 처음 이러한 사진 공개에 대한 대중들의 반응은 엘제이의 행동에 대한 비난으로 이어졌다. "
            "하지만 엘제이는 자신의 부적절한 행동들에 대해 무감한 태도를 보였다.")
    assert [line[a:b] for a, b, _ in split_line(line)] == [
        "그래서 처음 이러한 사진 공개에 대한 대중들의 반응은 엘제이의 행동에 대한 비난으로 이어졌다.",
        "하지만 엘제이는 자신의 부적절한 행동들에 대해 무감한 태도를 보였다."]


def test_menu_word_opening_a_sentence_cut_at_its_link_is_content_but_tags_label_is_not() -> None:
    text = "\n".join([
        "Photos", "which were released online and are making the rounds on social media,",
        "show Nigerian actress, Kate Henshaw, looking absolutely stunning in new", "make-up photos.",
        "Kate Henshaw", TITAN, TITAN_2, "Tags",
        "calendario stock car 2018, stock car brasil, stock car cascavel, stock car corrida milhão, stock car "
        "interlagos, stock car santa cruz do sul, stock car taruma, stock car Velo Città, stock car velopark"])
    assert flagged(article(text)) == [("Tags", "phrase")]


# BBC News 2004-05 (the BBC full-text corpus), flattened into one paragraph as scraped
# corpora hold it: sentences dense in names and titles are prose, at the start or the end.
DGGB = ("Martin Scorsese and Clint Eastwood are among the nominees for the top prize at the Directors Guild "
        "of Great Britain awards, now in their second year. The Oscar rivals will compete for the "
        "international film prize at the ceremony, to be held at the Curzon Mayfair cinema in London on 20 "
        "March. Other nominees include Bill Condon for Kinsey and Michel Gondry for Eternal Sunshine of the "
        "Spotless Mind. Mike Leigh's Vera Drake is among the nominees for best British film. The awards will "
        "see Eastwood and Scorsese once again competing for the directing prize, following last weekend's "
        "Oscars. Clint Eastwood won best director for Million Dollar Baby, beating Scorsese who was nominated "
        "for a fifth time for the Howard Hughes biopic The Aviator. Mike Leigh will compete for the British "
        "film prize with Shane Meadows for Dead Man's Shoes, Roger Michell For Enduring Love and My Summer Of "
        "Love director Pawel Pawlikowski. Nominees for best foreign film include Spain's Pedro Almodovar for "
        "Bad Education and Hong Kong director Wong Kar-Wai for 2046.")
BIFA = ("Joining Vera Drake and Dead Man's Shoes in the running for best film are My Summer of Love, climbing "
        "documentary Touching the Void and zombie comedy Shaun of the Dead. Geoffrey Rush wins a best actor "
        "nomination for his role as Peter Sellers in the recent biopic The Life & Death of Peter Sellers. The "
        "Australian star faces competition from Daniel Craig (Enduring Love), Phil Davis (Vera Drake), Ian "
        "Hart (Blind Fight) and Dead Man's Shoes' star Paddy Considine. Considine is also nominated for a best "
        "supporting actor award for My Summer of Love.")
DRAW = ("Derby v Watford or Fulham Man Utd or Exeter v Middlesbrough Cardiff or Blackburn v Colchester Chelsea v "
        "Birmingham West Ham v Sheff Utd Oldham v Bolton Arsenal v Wolverhampton Everton v Sunderland")
OWEN = ("When asked if it would have to be Liverpool if he returned Owen said: \"I've not really given it much "
        "thought. \"I've got great memories of Liverpool. No matter what happens it'll always be a club I "
        "have fond memories of and it will always have a place in my heart. \"But I couldn't have wished for "
        "a better start in Madrid.\"")
OWEN_PLUG = ("- Listen to the full interview with Garry Richardson on BBC Radio Five Live's Sportsweek at 0900 "
             "GMT on Sunday.")


def test_name_dense_sentences_opening_or_closing_running_text_are_prose() -> None:
    assert flagged(article(DGGB, title="UK Directors Guild nominees named")) == []
    assert flagged(article(f"{TITAN} {TITAN_2} {BIFA}", title="Indie film nominations announced")) == []
    assert flagged(article(f"{TITAN} {TITAN_2} {DRAW}")) == []  # an FA Cup draw: a fixture list


# An AP story of 2008 in L3S's set (CBS News' page), flattened: its nominee lists write
# two lower-case words or so between the names and titles, and separate them with commas
# inside the closing quotes. Read as link text run together, they said site chrome stood
# above the last lines, and the story's 7 sentences above them were called chrome.
NAACP = ('"The Great Debaters" collected eight nominations, including outstanding motion picture and both '
         'outstanding actor and outstanding director for Denzel Washington. The movie also garnered three '
         'supporting-actor nominations for Forest Whitaker, Nate Parker and Denzel Whitaker. Other best-picture '
         'nominees: "American Gangster," "I Am Legend," "Talk to Me" and "Tyler Perry\'s Why Did I Get Married?" '
         'Other outstanding-actor nominees were Columbus Short for "Stomp the Yard," Don Cheadle for "Talk to '
         'Me," Terrence Howard for "Pride" and Will Smith for "I Am Legend." Nominated for outstanding actress: '
         'Jurnee Smollett for "The Great Debaters," Angelina Jolie for "A Mighty Heart," Halle Berry for "Things '
         'We Lost In the Fire," Jill Scott for "Tyler Perry\'s Why Did I Get Married?" and Taraji P. Henson for '
         '"Talk To Me." In TV categories, "Everybody Hates Chris" and "Girlfriends" had seven nominations each, '
         'including best TV comedy. In music categories, the nominees for outstanding album were Alicia Keys\' '
         '"As I Am," Chris Brown\'s "Exclusive," Kanye West\'s "Graduation," "Growing Pains" by Mary J. Blige '
         'and "System" by Seal. The Image Awards honor those who promote diversity in the arts. Awards in 44 '
         'categories, including literature, will be presented Feb. 14 in a Los Angeles ceremony broadcast live '
         'on Fox.')
BENZINGA = ("See more from Benzinga * Click here for options trades from Benzinga * Barron's Picks And Pans This "
            "Week: Apple, Ford, Tesla, Uber And More (C) 2020 Benzinga.com.")


def test_nominee_lists_in_running_text_are_prose() -> None:
    found = flagged(article(f"{NAACP} All rights reserved. BACK TO TOP",
                            title="8 Image Award Bids For 'Great Debaters'"))
    assert found == [("All rights reserved.", "phrase"), ("BACK TO TOP", "phrase")]


def test_named_sentence_reads_a_comma_as_an_items_end_and_bullets_as_a_list() -> None:
    pieces = {ln.text: ln for ln in segment(f"{NAACP} {BENZINGA}")}
    # a list's items end at their commas: no capitalised run of more than 10 words
    assert _named_sentence(pieces['In music categories, the nominees for outstanding album were Alicia Keys\' '
                                  '"As I Am," Chris Brown\'s "Exclusive," Kanye West\'s "Graduation," "Growing '
                                  'Pains" by Mary J. Blige and "System" by Seal.'])
    # two lower-case words that are not a title's function words ("outstanding actress")
    assert _named_sentence(next(ln for text, ln in pieces.items() if text.startswith("Nominated for")))
    # items set out with bullets are a list, whatever their commas and lower-case words
    assert not _named_sentence(pieces[BENZINGA])


def test_piece_opening_with_the_copyright_mark_and_a_year_is_a_copyright_line() -> None:
    # UPI's closing line in L3S's set, flattened: five words and a full stop read as prose
    assert flagged(article(f"{TITAN} {TITAN_2} © 2007 United Press International.")) == [
        ("© 2007 United Press International.", "phrase")]
    # the mark must open the piece with a year: a photo's credit opening its caption is not one
    assert _COPYRIGHT_OPENING.match("© AFP / MARCO BERTORELLO Chloe Kim (USA/Snowboard Freestyle): Die "
                                    "US-Amerikanerin war einer der Stars der Spiele 2018 in Pyeongchang.") is None
    assert _COPYRIGHT_OPENING.match(" ⓒ 2021 연합뉴스.") is not None
    assert _COPYRIGHT_OPENING.match("Ⓒ 2021 한샘.") is not None  # the phrase list lower-cases it to "ⓒ"


# detik.com, 2025 (the held-out Indonesian set): a regulation cited by its title, whose number
# and list count ("45/PK.03.03/KESRA", "9 Langkah ...") sat inside a run of capitalised words
DETIK = ("Kota Bandung mendadak macet pada Senin (21/7/2025) ketika ratusan pekerja wisata melakukan aksi demonstrasi "
         "di depan Gedung Sate memblokade sejumlah ruas jalan di Kota Bandung dengan bus yang mereka bawa.\n"
         "Aksi ini dilakukan sebagai bentuk protes terhadap larangan study tour yang diberlakukan Pemerintah Provinsi "
         "Jawa Barat. Larangan itu tertuang dalam Surat Edaran Gubernur Jabar Nomor 45/PK.03.03/KESRA tentang 9 "
         "Langkah Pembangunan Pendidikan Jawa Barat Menuju Terwujudnya Gapura Panca Waluya, tertanggal 6 Mei 2025.\n"
         "Salah satu poin dalam surat edaran tersebut menegaskan larangan kegiatan wisata sekolah, termasuk yang "
         "dibungkus dengan istilah 'study tour', karena dianggap menambah beban finansial orang tua murid.")


def test_a_number_is_no_capitalised_word_in_a_name_dense_sentence() -> None:
    title = "Ini Aturan Larangan Study Tour yang Picu Demo Pekerja Wisata di Bandung"
    assert flagged(article(DETIK, title=title)) == []


def test_radio_plug_closing_running_text_is_still_chrome() -> None:
    found = flagged(article(f"{OWEN} {OWEN_PLUG}", title="Owen determined to stay in Madrid"))
    assert found == [(OWEN_PLUG, "tail")]


def test_watch_ending_a_name_is_no_label_and_a_label_does_not_take_the_post_after_it() -> None:
    """ISOT 2017 and Yahoo Finance 2019 (precision-heldout.md): "Human Rights Watch:" and
    "the Apple Watch:" end names; "Watch:" before an embedded tweet's words is the label
    alone; "WATCH:" before a Title-Case video title is a teaser with its title."""
    rights = ("We all know Trump s allegiance to Russia, who according to Human Rights Watch:The government "
              "in 2016 further tightened control over the already-shrinking space for free expression, "
              "association, and assembly and intensified persecution of independent critics.")
    apple = ("Apple is bringing one of the most asked for features to the Apple Watch: Sleep tracking. "
             "Yes, after years of fans begging for the ability to track their sleep using the watch, "
             "Apple is finally giving its smartwatch owners what they want, and more besides.")
    assert flagged(article(f"{TITAN} {rights} {TITAN_2}")) == []
    assert flagged(article(f"{TITAN} {apple} {TITAN_2}")) == []
    post = "Watch:Gillibrand called on Trump to resign over the allegations."
    assert ("Watch:", "phrase") in flagged(article(f"{TITAN} {TITAN_2} {post}"))
    teaser = "WATCH: Metal Pay CEO Says He Isn’t a Bitcoin Maximalist"
    assert (teaser, "phrase") in flagged(article(f"{TITAN} {TITAN_2} {teaser} {TITAN_2}"))


# Real German pages of htmldate's evaluation set (precision-multilingual.md), short quotes.
CC_CH = ("Nach dem Motto – “some rights reserved” (einige Rechte vorbehalten) – stehen die Lizenzen als "
         "Konzept zwischen dem traditionellen Urheberrecht bzw. Copyright (all rights reserved) und dem "
         "Public Domain (PD). Wie funktionieren Creative Commons Lizenzen? Die Lizenzen von Creative "
         "Commons funktionieren wie ein Baukastensystem.")


def test_a_german_abbreviation_or_ordinal_does_not_end_a_sentence() -> None:
    """"bzw." cut the sentence and left a piece starting "Copyright", read as a footer;
    "am 6. September 1944" and "des 20. Jahrhunderts" were cut in two. A sentence ending on a
    figure is still cut ("stieg auf 12. Die Polizei")."""
    assert flagged(article(CC_CH, title="Wie funktionierts - Creative Commons")) == []
    text = ("Die beiden Häuser sind die einzigen in der Altstadt, die die schwere Bombardierung Emdens am "
            "6. September 1944 überstanden haben. Es ist ein Beispiel eines Bauwerks vom Anfang des 20. "
            "Jahrhunderts in Emden. Die Zahl stieg auf 12. Die Polizei kam.")
    pieces = [text[a:b].strip() for a, b, _ in split_line(text)]
    assert pieces == ["Die beiden Häuser sind die einzigen in der Altstadt, die die schwere Bombardierung Emdens "
                      "am 6. September 1944 überstanden haben.",
                      "Es ist ein Beispiel eines Bauwerks vom Anfang des 20. Jahrhunderts in Emden.",
                      "Die Zahl stieg auf 12.", "Die Polizei kam."]


# A Yahoo Finance 2020 page carrying several syndicated stories (precision2/yahoo_flat.jsonl,
# yf-a4358f433a68): the end of a Benzinga story, its footer, then a Bloomberg story. Real text.
SEVERAL_STORIES = (
    'Benzinga Tesla Fated For Similar Downfall As Tilray, Stock To Hit $60-$80 Levels In 2021, Says Long-'
    "Term Bear Tesla Inc (NASDAQ: TSLA) stock could plummet to $60 levels, GLJ Research's Gordon Johnson "
    'told Yahoo Finance in an interview Tuesday.What Happened: Johnson placed the fair value for Tesla at'
    ' around $60 to $80. "We think it\'s gonna head there. We think it happens next year." The Elon Musk-l'
    "ed company's shares may have soared 657% on a year-to-date basis but post the automaker's inclusion "
    'in the S&P500 on Dec. 21, the upward movement may come to a halt, as per Johnson.The analyst also to'
    'uched on other factors such as loss of government-backed-EV credits from rival automakers and fallin'
    'g market share in China and Europe as negatives.Johnson bolstered his thesis with examples from the '
    'past and equated Tesla with cannabis company Tilray Inc (NASDAQ: TLRY) whose shares touched $150 lev'
    'els in 2018 but as of press time were priced at $7.87.See Also: Aphria, Tilray In Talks To Merge: Re'
    'port"You\'ve seen this before. I know it sounds crazy, look at Tilray, look at SunEdison, look at Sun'
    'tech, some of these stocks, they went from $5 to $300 dollars, back to $5. They went from $2 to $300'
    ' back to zero," Johnson told Yahoo Finance. The analyst claimed that Tesla was a "prime candidate" f'
    'or a similar price movement. Why It Matters: Johnson said Tesla is facing demand issues and pointed '
    'to the company offering free Supercharging and cutting prices on their Germany inventory as indicato'
    'rs of the automaker trying to "push through demand."Johnson said that the increased sales in China w'
    'ere enabled due to an 8% price cut at the beginning of October."But the problem is that price cut wa'
    's enabled by changing technology," claimed Johnson. "[Lithium Ferrophosphate] batteries, which are n'
    'ow being widely reported in China to only get 50% of the range in the winter."The analyst questioned'
    ' if Tesla would be able to continue to sell that amount of cars in China now that people are seeing '
    'that the range is "only half of what\'s promised."See Also: After Tesla\'s Price Drop In China, Compet'
    "itors Having A Hard Time Keeping UpTesla's dizzying valuation -- with the company's shares shooting "
    'up 783% over 12 months -- has left analysts divided with some issuing downgrades and others seeing m'
    'ore upside.Price Action: Tesla shares closed nearly 1% lower at $633.25 on Tuesday and fell 0.92% in'
    " the after-hours session.Click here to check out Benzinga's EV Hub for the latest electric vehicles "
    'news.Latest Ratings for TSLA DateFirmActionFromTo Dec 2020JefferiesDowngradesBuyHold Dec 2020New Str'
    'eetDowngradesBuyNeutral Dec 2020JP MorganMaintainsUnderweight View More Analyst Ratings for TSLA Vie'
    'w the Latest Analyst RatingsSee more from Benzinga * Click here for options trades from Benzinga * C'
    "an Tesla's Dizzying Valuation Ahead Of S&P Inclusion Last? Analysts Are Divided * Tesla's Big Advant"
    'age Over Legacy Automakers? Software, Says Munster(C) 2020 Benzinga.com. Benzinga does not provide i'
    'nvestment advice. All rights reserved. Bloomberg Bank of America Flags Sell Signal for Stocks as Inv'
    'estors Rush Out of Cash (Bloomberg) -- Optimistic about a return to economic growth, fund managers h'
    'ave been slashing their cash positions and embracing risk assets to an extent that’s raising red fla'
    'gs for strategists at Bank of America Corp.Money managers overseeing $534 billion in total are under'
    'weight cash for the first time since May 2013, with levels down to 4%, according to a BofA survey th'
    'at took place Dec. 4 through Dec. 10. Investors are the most bullish on stocks and commodities -- th'
    'e so-called “risk-on” assets -- since February 2011, while the Bitcoin rose in the list of the most '
    'crowded trades, according to BofA. The plunge in cash exposure is setting off the broker’s sell sign'
    'al for equities.“Investor sentiment is bullish as vaccine hopes induce strong ‘buy the reopening’ tr'
    'ade,” said BofA strategists led by Michael Hartnett in a note.'
)


def test_another_story_on_the_page_is_not_chrome() -> None:
    """docs/measurements/precb.md: on a page of several stories one is the body, and the
    sentences of the other (here the Benzinga story above the Bloomberg one) were "before the
    article's main body, where 'See Also: ...' says site chrome stands". Three sentences or more
    in a row holding 80 words are a text of their own, and a short line right above them heads
    them. Guard: the chrome between the stories
    (the teaser list, the disclaimer, the copyright) is still reported."""
    found = [excerpt for excerpt, _ in flagged(article(SEVERAL_STORIES, "yf", publisher="Yahoo Finance", title=""))]
    for sentence in ("I know it sounds crazy, look at Tilray, look at SunEdison, look at Suntech, some of these "
                     "stocks, they went from $5 to $300 dollars, back to $5.",
                     "They went from $2 to $300 back to zero,\" Johnson told Yahoo Finance.",
                     "The analyst claimed that Tesla was a \"prime candidate\" for a similar price movement.",
                     "Report\"You've seen this before."):  # a short line heading the passage below it
        assert sentence not in found
    assert "Benzinga does not provide investment advice." in found
    assert "All rights reserved." in found
    assert any(line.startswith("RatingsSee more from Benzinga * Click here for options trades") for line in found)


# Endings of three Der Standard articles (10kGNAD's test set, real text): a date written in
# figures in the closing credit, and a results list with ranks after a dash.
STANDARD_ENDINGS = [
    "Taylor, 1931 in Kanada geboren, ist emeritierter Professor für Philosophie an der McGill University in "
    "Montréal. Seit 2009 ist er ein Permanent Fellow am Wiener Institut für die Wissenschaften vom Menschen "
    "(IWM), wo er den Forschungsschwerpunkt Religion und Säkularismus leitet.  (APA, 30. 9. 2015)",
    "Sie nutzten im Gegensatz zu einfacheren Plattwürmern mehrere verschiedene Lebewesen als Wirte, um sich "
    "möglichst effektiv auszubreiten. Weitere versteinerte Exkremente aus der Kreidezeit, etwa 126 Millionen "
    "Jahre alt, zeigen, dass auch terrestrische Tiere wie Dinosaurier bereits mit Bandwürmern befallen waren.  "
    "(red, 31. 7. 2015)",
    "Sie sind Relikte aus der Frühzeit des Sonnensystems und gelten als typische Beispiele dafür, wie das "
    "äußere Sonnensystem vor 4,6 Milliarden Jahren aussah. Aus solchen kleinen Himmelskörpern dürften sich "
    "größere wie Pluto und andere Zwergplaneten des Kuipergürtels gebildet haben.  (red, 2. 9. 2015)",
]
STANDARD_RESULTS = ("1. Sebastien Ogier/Julien Ingrassia (FRA) VW Polo 3:35:49,5 Std. – 2. Jari-Matti "
                    "Latvala/Miikka Anttila (FIN) VW Polo +0:23,0 Min. – 3. Andreas Mikkelsen/Ola Flöene (NOR) VW "
                    "Polo +1:56,6")


def test_dates_and_ranks_written_in_figures_are_not_cut_into_recurring_fragments() -> None:
    """docs/measurements/precb.md: on Der Standard's pages the dots of "30. 9. 2015" and of
    "– 3. Andreas" ended sentences, and the fragments "2015)" and "– 3." recurred across the
    publisher's articles as "site chrome" (26 of 26 findings on 10kGNAD's test set were such
    fragments or content). A day before a month's figure, a month between a day and a year, a
    figure after a list dash or a colon are no sentence ends; "9,5 Mio. Euro" is an abbreviation.
    Guard: a sentence ending on a figure still ends there."""
    found = [excerpt for excerpt, _ in flagged(*[article(text, f"s{i}", publisher="Der Standard", title="")
                                                 for i, text in enumerate(STANDARD_ENDINGS)])]
    assert "2015)" not in found
    ends = sentence_ends(STANDARD_RESULTS)
    assert not any(STANDARD_RESULTS[end:].startswith(("Andreas", "Jari")) for end in ends)
    assert sentence_ends("Die Kosten beliefen sich auf rund 9,5 Mio. Euro. Neu ist das.") == [len("Die Kosten beliefen sich auf rund 9,5 Mio. Euro. ")]
    assert sentence_ends("Der Wert stieg auf 12. Die Polizei kam.") == [len("Der Wert stieg auf 12. ")]


# Yahoo Finance 2020 (financial-news-dataset): a Bloomberg story that 19 of the site's several-story
# pages carry (its opening, as the pages hold it: paragraphs glued at lost spaces), three other
# stories' openings, Benzinga's disclaimer (228 pages) and TechCrunch's newsletter plug (8).
ELLISON = (
    "Bloomberg Oracle’s Larry Ellison Says He Has Moved to Hawaii, Fleeing California (Bloomberg) -- Oracle Corp. co-founder Larry Ellison said he has moved his primary residence to Hawaii, "
    "becoming the latest Silicon Valley executive to depart the state where they built their fortunes.Ellison, "
    "the world’s 11th-wealthiest person, notified his staff Monday of the move. Recode first reported the "
    "executive’s decision, which followed Oracle’s announcement Friday that it had shifted the company’s "
    "headquarters to Austin, Texas, from Redwood City, California.“I’ve received a number of inquiries about "
    "whether or not I will be moving to Texas,” Ellison wrote in a memo to Oracle’s employees. “The answer is "
    "no. I’ve moved to the State of Hawaii and I’ll be using the power of Zoom to work from the island of "
    "Lanai. Mahalo, Larry.”Ellison, 76, who has a net worth of about $75 billion, according to data compiled "
    "by Bloomberg, owns 98% of Lanai, Hawaii’s sixth largest island that’s mostly made up of Ellison’s luxury "
    "hotels and resorts. Ellison is the main employer of Lanai’s 3,000 residents.")
YAHOO_LEADS = [
    "Slack (WORK) is set to issue its first quarterly earnings report as a public company after the bell on "
    "Wednesday. The company, which went public on April 26, was one of among a raft of technology initial "
    "public offerings (IPOs) in the first half of 2019.",
    "With 180 million Uber shares about to hit the stock market, it’s no surprise the stock’s first trade may "
    "take a while. New York Stock Exchange Chief Operating officer John Tuttle said on Yahoo Finance’s The "
    "First Trade Friday that Uber’s (UBER) stock may not open until the early afternoon.",
    "Two years ago the now venture capital investor took a stake in cricket farm operator Aspire Food Group. "
    "Aspire uses crickets to whip up a range of protein-packed food products.",
]
# A disclaimer no phrase names (Benzinga's own is a phrase now: the guards below are of recurrence)
BENZINGA_DISCLAIMER = "Kiplinger does not provide investment advice. All rights reserved."
DAILY_CRUNCH = ("The Daily Crunch is TechCrunch's roundup of our biggest and most important stories. If you'd like "
                "to get this delivered to your inbox every day at around 9am Pacific, you can subscribe here.")


def test_a_story_copied_onto_several_pages_is_not_site_chrome() -> None:
    """precb.md, precen.md: a story the site carries on 15-19 of its pages recurred sentence by
    sentence, so each sentence was "repeated site chrome". A run of three or more sentences
    recurring in exactly as many articles, holding 80 words, is a copied story. Here the story is
    on two pages of three (the prose count lowered to 2 and the duplicate exemption off, so three
    short pages show it). Guards: the disclaimer after it, in all three pages, and a two-sentence
    newsletter plug in two (33 words) are still chrome by recurrence."""
    pages = [f"{YAHOO_LEADS[0]} {ELLISON} {BENZINGA_DISCLAIMER} {DAILY_CRUNCH}",
             f"{YAHOO_LEADS[1]} {ELLISON} {BENZINGA_DISCLAIMER}",
             f"{YAHOO_LEADS[2]} {BENZINGA_DISCLAIMER} {DAILY_CRUNCH}"]
    articles = [article(text, f"yf{i}", publisher="Yahoo Finance", title="") for i, text in enumerate(pages)]
    params = {"recur_min_docs": 2, "recur_min_docs_prose": 2, "recur_max_share": 1.0}
    found = [(f.article_id, f.excerpt) for f in find_boilerplate_lines(articles, params)
             if f.data["signal"] == "recurring"]
    assert not any("Ellison" in excerpt or "Lanai" in excerpt for _, excerpt in found)  # its headline too
    assert [a for a, excerpt in found if excerpt.startswith("Kiplinger does not provide")] == ["yf0", "yf1", "yf2"]
    assert [a for a, excerpt in found if excerpt.startswith("The Daily Crunch")] == ["yf0", "yf2"]


# The opening of a Benzinga interview that 18 of the Yahoo pages carry, its headline glued to
# its first word as the pages hold it.
JOSH_BROWN = (
    "Benzinga Josh Brown Predicts Year-End Market Melt-Up, Bets On Reopening Stocks Josh Brown -- CNBC "
    "contributor, CEO of Ritholtz Wealth Management and author of the new book \"How I Invest My Money\" -- "
    "joined Benzinga's PreMarket Prep show Friday.Brown discussed his outlook for stocks in the coming months "
    "and potential economic recovery plays in anticipation of coronavirus vaccines hitting the market.Brown's "
    "Economic Recovery Plays: Brown said he is bullish on stock prices between now and year's end, predicting "
    "a melt-up in the S&P 500 in coming weeks.\"I hate saying it out loud because if it doesn't happen ... you "
    "know. But I'm starting to think that way,\" he said.Brown owns reopening stocks like Starbucks Corporation "
    "(NASDAQ: SBUX) and Simon Property Group Inc (NYSE: SPG).\"I'm in some companies that really need there to "
    "be a reopening to get back to their 2019 numbers, and it might take them two years to do it,\" Brown "
    "said.For now, Brown said he's positioning in anticipation of how people will feel when they start hearing "
    "about friends and family members getting the coronavirus vaccine in coming months.Gap Growth Story: Brown "
    "is bullish on another economic recovery stock, Gap Inc (NYSE: GPS).\"Years and years and years and years "
    "with no progress, no momentum. Nothing good to talk about in the story.")


def test_the_headline_of_a_copied_story_is_not_site_chrome() -> None:
    """precen.md: the short line right above a copied story's run, in as many of the site's pages,
    is the story's headline ("Benzinga Josh Brown Predicts Year-End Market Melt-Up, ...", 18 Yahoo
    pages), not a line of its chrome. Guard: the disclaimer after it, on every page, still is."""
    pages = [f"{JOSH_BROWN} {BENZINGA_DISCLAIMER}", f"{YAHOO_LEADS[1]} {JOSH_BROWN} {BENZINGA_DISCLAIMER}",
             f"{YAHOO_LEADS[2]} {JOSH_BROWN} {BENZINGA_DISCLAIMER}", f"{YAHOO_LEADS[0]} {BENZINGA_DISCLAIMER}"]
    articles = [article(text, f"yf{i}", publisher="Yahoo Finance", title="") for i, text in enumerate(pages)]
    # the story on three pages of four: a short line needs 2 of them, a sentence 3
    params = {"recur_min_docs": 2, "recur_min_docs_prose": 3, "recur_min_docs_block": 3, "recur_max_share": 1.0}
    found = [(f.article_id, f.excerpt) for f in find_boilerplate_lines(articles, params)
             if f.data["signal"] == "recurring"]
    assert not any("Josh Brown" in excerpt or "Brown said" in excerpt for _, excerpt in found)
    assert [a for a, excerpt in found if excerpt.startswith("Kiplinger does not provide")] == ["yf0", "yf1", "yf2", "yf3"]


def test_french_messieurs_before_names_ends_no_sentence() -> None:
    """La DH (2019), line-kept: "MM." (Messieurs) before two names ended a sentence, and the
    fragment "MM." then recurred in 3 of the paper's articles as site chrome (precde.md).
    Guard: a sentence ending on millimetres ("mm.") still ends there."""
    quote = ("\"En attendant la décision de la chambre d'appel sur l'appel du procureur (...) MM. Gbagbo et "
             "Blé Goudé resteront sous la garde de la CPI\", a indiqué un porte-parole de la cour.")
    assert not any(quote[end:].startswith("Gbagbo") for end in sentence_ends(quote))
    assert sentence_ends("La pluie a atteint 41 mm. Le bilan reste lourd.") == [len("La pluie a atteint 41 mm. ")]


# tagesschau.de teasers (2025-26, Brelage/zeitgeist): the editors close a teaser with "Ein
# Überblick." and the body goes on in the same paragraph (precde.md).
TAGESSCHAU_TEASERS = [
    "Nach langer Debatte hat sich die EU auf einen 90-Milliarden-Kredit für die Ukraine geeinigt - vorerst "
    "ohne die direkte Nutzung eingefrorener russischer Gelder. Was genau wurde beschlossen? Ein Überblick. Über "
    "den Plan zur direkten Nutzung von in der EU eingefrorenem Staatsvermögen Russlands für die Ukraine wurde "
    "wochenlang kontrovers diskutiert.",
    "Trump will sich bald mit Putin treffen. Ist der Kremlchef überhaupt zu Zugeständnissen bereit? Auf was "
    "müsste sich die Ukraine einstellen? Ein Überblick. Wann soll es zu einem Treffen zwischen Trump und Putin "
    "kommen? Ein genauer Termin ist bislang nicht bekannt.",
    "Für die schwarz-rote Koalition gibt es einige Baustellen. Welche Vorhaben will sie noch in diesem Jahr auf "
    "den Weg bringen? Und worum geht es beim Koalitionsausschuss heute? Ein Überblick. Die Koalition aus CDU, "
    "CSU und SPD will bis Jahresende noch eine Reihe von Beschlüssen und Gesetzen auf den Weg bringen.",
]
# Liberté (Algeria, 2019): the reporter's initials close the article.
LIBERTE_ENDINGS = [
    "“Nous comptons raccorder ces neuf localités sur un total de 145 localités recensées à travers la wilaya”, a "
    "précisé Mlle Benyoucef. Toujours d’après la même source, l’État a mis le paquet en matière de financement dans "
    "le but de parvenir à cet objectif et a alloué plus de 170 millions de dinars pour l’exercice en cours. R. B.",
    "Ils sont réduits à s’approvisionner en eau à partir des forages situés aux alentours. “L’eau ne coule que "
    "rarement dans nos robinets, alors que nous payons nos factures rubis sur l'ongle”, mentionnent-ils. De ce "
    "fait, ils interpellent le wali de Bouira, dans le but d'accélérer la mise en œuvre d'un plan de "
    "réhabilitation du réseau d'AEP. R. B.",
    "Les services de la wilaya de Bouira veilleront à garantir le volet de la sécurité, l’énergie et les soins "
    "médicaux. “Plusieurs commissions ont été déjà mises en place et seront chapeautées par le premier magistrat "
    "de la wilaya, et ce, afin de veiller sur le bon déroulement de nos examens”, précise la même source. R. B.",
]


def test_a_one_or_two_word_sentence_inside_a_paragraph_is_not_chrome() -> None:
    """"Ein Überblick." in 3 of a publisher's teasers (and "Oui.", "Non.", "Ninguna." in
    interviews) recurred and was called site chrome; a sentence of two words at most, after
    a sentence of its paragraph and before more of it, is the author's. Guard: initials
    that close an article still recur as a signature."""
    teasers = [article(text, f"t{i}", publisher="www.tagesschau.de", title="")
               for i, text in enumerate(TAGESSCHAU_TEASERS)]
    assert "Ein Überblick." not in [excerpt for excerpt, _ in flagged(*teasers)]
    endings = [article(text, f"l{i}", publisher="Liberté", title="") for i, text in enumerate(LIBERTE_ENDINGS)]
    assert [excerpt for excerpt, _ in flagged(*endings)] == ["R. B."] * 3


def test_a_sentence_end_whose_space_was_lost_cuts_the_paragraph() -> None:
    """ISOT's Fake.csv glues its paragraphs ("... This ad is vile.Featured image via Al Drago/
    Getty Images"): the credit and "Read more." were inside a sentence of the article, and a
    chrome span ran one word on ("read more.On"). Two lower-case letters, the mark, a
    capitalised word: a cut; "U.S.Army", "e.g.The" and "(AP).The" are none."""
    assert sentence_ends("He said it.The end came.") == [len("He said it.")]
    assert sentence_ends("It was over, he said.”The crowd left.") == [len("It was over, he said.”")]
    for text in ("the U.S.Army said so", "in e.g.The Times", "a wire (AP).The talks"):
        assert sentence_ends(text) == []
    text = f"{TITAN} Click here to read more.On Tuesday the agency said its probe saw the lakes. {TITAN_2}"
    page = article(text)
    assert [f.excerpt for f in find_boilerplate_lines([page], {})] == ["Click here to read more."]


def test_an_embeds_consent_placeholder_is_chrome_and_the_list_around_it_is_not() -> None:
    """Business Insider DE's list article (fundus pages): after each item an embed that was not
    loaded left "Externer Inhalt nicht verfügbar Deine Privatsphäre-Einstellungen verhindern
    das Laden ..." (8 times, unflagged: read as prose). Now each is chrome, and, standing where
    the embed stood, it neither cuts the body nor makes the items after it "tail" lines; in the
    flat text too."""
    placeholder = ["Externer Inhalt nicht verfügbar",
                   "Deine Privatsphäre-Einstellungen verhindern das Laden und Anzeigen aller externen Inhalte "
                   "(z.B. Grafiken, Tabellen, Abo-Login) und Sozialen Netzwerke (z.B. Youtube, Twitter, Facebook).",
                   "Zur Anzeige aktiviere bitte die Einstellungen in den Privatsphäre-Einstellungen."]
    items = [f"{n}. Der Konzern besaß mehr als {n * 300} Immobilienprojekte in China und war hoch verschuldet, "
             f"so hoch wie kein anderes Unternehmen der Welt im Jahr {2010 + n}." for n in range(1, 6)]
    for sep in ("\n", " "):
        text = sep.join(line for item in items for line in (item, *placeholder, "Andrea Verdelli/Getty Images"))
        found = [(f.excerpt, f.data["signal"]) for f in find_boilerplate_lines([article(text)], {})]
        assert {signal for _, signal in found} == {"phrase"}
        assert all(not excerpt[:1].isdigit() for excerpt, _ in found)
        assert sum("Externer Inhalt" in excerpt for excerpt, _ in found) == 5


def test_a_headlines_kicker_is_not_chrome_but_a_menu_above_it_is() -> None:
    """German and Swiss news pages put a kicker above the headline ("Onlineversand aus Fernost :",
    "Premier League"); in flat text it was "a line before the article's main body, above the
    headline" (fundus: 9 of 14 such findings). A kicker: the one short line right above the
    headline, no phrase, not after other short lines, no breadcrumb mark, no full stop."""
    title = "Wie gefährlich Billigware aus China wirklich ist"
    body = ("Produkte von chinesischen Händlern über Shops wie Temu, Aliexpress und Wish stehen oft in der "
            "Kritik, doch ein Test der Stiftung liefert nun überraschende Antworten auf viele Fragen. "
            "Die Prüfer bestellten Kopfhörer, Haartrockner und Ladegeräte und untersuchten die Sicherheit.")
    for kicker in ("Onlineversand aus Fernost :", "Premier League", "US-Dream-Team wird immer besser"):
        page = article(f"{kicker} {title} {body} {body}", title=title)
        assert [f.excerpt for f in find_boilerplate_lines([page], {})] == [], kicker
    for crumb in ("Startseite » Wirtschaft", "Der Artikel wurde versandt."):
        page = article(f"{crumb} {title} {body} {body}", title=title)
        assert [f.excerpt for f in find_boilerplate_lines([page], {})] == [crumb], crumb


def test_an_instagram_placeholder_in_flat_text_is_its_own_span() -> None:
    """"Sieh dir diesen Beitrag auf Instagram an" ends with no full stop: as a phrase found in a
    sentence it took the article's next sentence with it (pages, flat). A marker of its own."""
    text = (f"{TITAN} Sieh dir diesen Beitrag auf Instagram an Als Freizeitkicker hat er viele Spiele "
            f"gesehen und erzählt gern davon, sagte er am Montag. {TITAN_2}")
    assert [f.excerpt for f in find_boilerplate_lines([article(text)], {})] == ["Sieh dir diesen Beitrag auf Instagram an"]


def test_an_ad_label_is_chrome_but_not_where_the_pages_chrome_starts() -> None:
    """"Anzeige" and "Werbung" label an ad slot: chrome. On a production company's page
    "Werbung" (advertising, one of its fields) stood under its list of shows, and made the
    list above it "head" chrome (pages). An ad label, like an embed's placeholder, stands where
    the page put it: it anchors nothing."""
    shows = ["ServusTV 2018: neunzehn Werbetrenner für den Sender gestaltet und produziert",
             "Gamescom 2016 bis 2018: die Cosplay Area in Halle 5 gestaltet",
             "Audible 2017: Ghostsitter, Hörspiel nach Buchvorlage, Staffel 2 und 3",
             "Rocketbeans 2018: eine Webserie mit Webcontent und Live-Sendungen"]
    text = "\n".join([*shows, "Werbung", TITAN, TITAN_2, TITAN.replace("Titan", "Saturn's moon")])
    found = [(f.excerpt, f.data["signal"]) for f in find_boilerplate_lines([article(text)], {})]
    assert found == [("Werbung", "phrase")]


def test_a_digests_first_item_number_is_no_chrome_beside_its_recurring_plug() -> None:
    # TechCrunch's Daily Crunch on Yahoo Finance, flat: the plug recurs, then "1." numbers the
    # first story; the number recurs as well, and stood beside chrome, but numbers the digest
    plug = ("The Daily Crunch is TechCrunch's roundup of our biggest and most important stories. If you'd like to "
            "get this delivered to your inbox every day at around 9am Pacific, you can subscribe here.")
    stories = ["Mozilla lays off 70 as it waits for new products", "Apple's new tablet goes on sale in Europe",
               "Tesla's quarter beats the forecasts of analysts", "Uber buys a grocery delivery start-up",
               "Google opens a data centre in Finland", "Amazon workers vote on a union in Alabama",
               "Netflix raises its prices in Canada", "Spotify adds podcasts from a new studio"]
    texts = [f"{plug} 1. {s} to generate revenue In an internal memo, the company's chief at {s.split()[0]} said the "
             f"change was needed because the products it had planned for the year were slower to arrive than hoped. "
             f"The move follows a difficult year for {s.split()[0]}, whose rivals grew faster in {2010 + i}. "
             f"Its shares fell {i + 3} per cent in early trading on the news. Analysts at two banks cut their targets for "
             f"{s.split()[0]} by {i + 5} dollars. A spokesperson for {s.split()[0]} declined to comment on day {i}. "
             f"2. Other news of day {i} Regulators in {s.split()[-1]} asked questions about the deal on day {i}."
             for i, s in enumerate(stories)]
    found = flagged(*(article(t, f"y{i}", publisher="Yahoo Finance", title=f"Daily Crunch of day {i}")
                      for i, t in enumerate(texts)))
    assert [excerpt for excerpt, _ in found] == [plug.split(". ", 1)[0] + ".", plug.split(". ", 1)[1]] * len(stories)


def test_a_tip_prompt_closing_a_flat_story_is_chrome() -> None:
    # Yahoo Finance 2020 (yahoo_flat) and KUT: "Got a tip?" before the writer's e-mail line, in flat
    # text (25 left beside that line, which recurs: chrome of its own in a whole corpus)
    text = (f"{TITAN} {TITAN_2} Got a tip? Email Daniel Howley at dhowley@yahoofinance.com over via "
            "encrypted mail at danielphowley@protonmail.com, and follow him on Twitter at @DanielHowley.")
    assert flagged(article(text, publisher="Yahoo Finance")) == [("Got a tip?", "phrase")]


MASTHEAD_MENU = ("Home World Politics Business Tech Science Health Sports Entertainment Travel Style Opinion Video "
                 "Podcasts Newsletters Events Jobs Classifieds Obituaries Weather Traffic")
SITE_LINES = ["Our reporters cover the city from every corner, and their stories reach thousands of readers in print "
              "and online each week.",
              "Readers who support the paper keep its reporting free for everyone in the region, from the council "
              "chamber to the school board."]
ACCOUNT_MENU = ("Sign In Register Subscribe Search Menu Account Settings Help Contact Us About Us Advertise Careers "
                "Privacy Terms Accessibility Sitemap Archive RSS")
TRAM_STORY = " ".join([
    "The council voted on Tuesday to extend the tram line to the northern suburbs, ending a debate that had lasted "
    "for almost three years and divided the city's residents.",
    "Supporters said the extension would cut travel times for thousands of commuters who now spend more than an "
    "hour on crowded buses every morning.",
    "Opponents argued that the cost, estimated at 400 million euros, would strain the budget for a decade and leave "
    "little money for repairing roads and schools.",
    "The mayor said construction would begin next spring and that the first trams could run on the new line by the "
    "end of 2027, if the national government approved its share of the funding.",
    "Residents of the northern suburbs welcomed the decision, and several said they had waited long enough for a "
    "direct connection to the city centre."])


def test_sentences_opening_a_flat_text_above_one_menu_are_its_opening_not_its_header() -> None:
    """A flat text's first sentences that one block parts from the body (the block weighing more
    than they do) are the text's opening (tests/test_indonesian.py has the Republika story this
    came from), unless chrome stands above them too: then they are the page's header between
    two menus (a Russian site's channel links and newsletter prompt, pages_flat mc-0813)."""
    opening = " ".join([*SITE_LINES, ACCOUNT_MENU, TRAM_STORY])
    assert [excerpt for excerpt, _ in flagged(article(opening, title=""))] == [ACCOUNT_MENU]
    header = " ".join([MASTHEAD_MENU, opening])
    assert [excerpt for excerpt, _ in flagged(article(header, title=""))] == [MASTHEAD_MENU, *SITE_LINES, ACCOUNT_MENU]


# A wire story's paragraph, for the closings glued to it (yahoo_flat's TipRanks, Benzinga, Bloomberg)
LUMINAR_LEAD = ("Luminar's stock has gained 40% since the listing, analysts said on Tuesday, and shares rose "
                "again on Wednesday as investors cheered the deal. The lidar maker expects revenue to triple "
                "next year as carmakers fit its sensors to new models.")
LUMINAR = (f"{LUMINAR_LEAD} Its chief executive said the company would spend more on research and hire 200 "
           "engineers in Florida and Michigan.")


def test_tipranks_promo_and_analyst_disclaimer_are_chrome() -> None:
    """yahoo_flat: 849 TipRanks pieces close on the tool's promo and the analyst disclaimer, glued
    to the story ("...equity insights.Disclaimer: ..."): 825 were found by no check."""
    promo = ("To find good ideas for stocks trading at attractive valuations, visit TipRanks’ Best Stocks to "
             "Buy, a newly launched tool that unites all of TipRanks’ equity insights.")
    disclaimer = ("Disclaimer: The opinions expressed in this article are solely those of the featured analyst. "
                  "The content is intended to be used for informational purposes only.")
    story = LUMINAR
    for text in (f"{story} {promo}{disclaimer}", f"{story}\n{promo}\n{disclaimer}"):
        found = [text[f.start:f.end] for f in find_boilerplate_lines([article(text)], {})]
        assert any(span.startswith("To find good ideas") for span in found), found
        assert any(span.startswith("Disclaimer: The opinions expressed") for span in found), found


def test_wire_and_portal_disclaimers_closing_flat_stories_are_chrome() -> None:
    """yahoo_flat: the TipRanks disclaimer's other sentences (433 unfound), Benzinga's (199) and
    Bloomberg's 2020 close without contacts, glued to the story (415 stories)."""
    story = LUMINAR
    closings = {
        "For more articles like this, please visit us at bloomberg.comSubscribe now to stay ahead with the most "
        "trusted business news source.©2020 Bloomberg L.P.": ["For more articles like this"],
        " The content is intended to be used for informational purposes only. It is very important to do your "
        "own analysis before making any investment.": ["The content is intended", "It is very important"],
        " (C) 2020 Benzinga.com. Benzinga does not provide investment advice.": ["Benzinga does not provide"],
        " This column does not necessarily reflect the opinion of the editorial board or Bloomberg LP and its "
        "owners.": ["This column does not"],
        " Reuters has not edited the statements or confirmed their accuracy.": ["Reuters has not edited"],
        " (See GBDC stock analysis on TipRanks)To find good ideas for dividend stocks trading at attractive "
        "valuations, visit TipRanks’ Best Stocks to Buy.": ["(See GBDC stock analysis"],
    }
    for closing, openings in closings.items():
        text = story + closing
        found = [text[f.start:f.end] for f in find_boilerplate_lines([article(text)], {})]
        for opening in openings:
            assert any(span.startswith(opening) for span in found), (opening, found)


def test_wire_update_note_glued_to_the_last_sentence_parts_the_close_from_the_story() -> None:
    """yahoo_flat: Bloomberg's update note glued to the story's last sentence ("...this
    year.(Adds other companies ...)For more articles like this, ..."): the close's span took
    that sentence too (23 spans). The note opens the chrome; the story's sentence is no part of it."""
    story = f"{LUMINAR_LEAD} They have declined 29% this year."
    close = ("(Adds other companies leaving the Bay Area starting in eighth paragraph)For more articles like "
             "this, please visit us at bloomberg.comSubscribe now to stay ahead with the most trusted business "
             "news source.©2020 Bloomberg L.P.")
    text = story + close
    found = [text[f.start:f.end] for f in find_boilerplate_lines([article(text)], {})]
    assert found == [close], found


def test_copyright_sign_made_by_mojibake_is_no_footer() -> None:
    """odd-moji-14: an Egyptian story's UTF-8 read as Latin-1. Each "ة" became "Ø©", and 38 of
    its sentences were called copyright lines. A real sign in the same text still is one."""
    story = ("أعلنت وزارة الصحة والسكان المصرية، اليوم الثلاثاء، تسجيل 30 حالة جديدة بفيروس كورونا المستجد. "
             "وأوضح المتحدث الرسمي للوزارة أن الحالات الجديدة جميعها من المصريين المخالطين للحالات الإيجابية. "
             "وأشار إلى تسجيل حالتي وفاة جديدتين واحدة لامرأة إيطالية الجنسية تبلغ من العمر 78 عامًا. "
             "وقال إن جميع الحالات المسجلة إيجابيتها للفيروس بمستشفيات العزل تخضع للرعاية الطبية.")
    broken = story.encode("utf-8").decode("latin-1")
    assert broken.count("Ø©") >= 4
    assert list(find_boilerplate_lines([article(broken)], {})) == []
    footer = "Â© 2020 Al-Masry Al-Youm. All rights reserved."
    text = f"{broken}\n{footer}"
    assert [text[f.start:f.end] for f in find_boilerplate_lines([article(text)], {})] == [footer]


def test_caseless_story_in_a_layout_table_row_is_the_body() -> None:
    """hindi.business-standard.com (multiling pages): the story is one row of the page's layout
    table, its empty cells after its last full stop ("। | | | | |"), above the headline's row.
    Read as no prose, the body was the footer's disclaimer and the story "a block before the
    article's main body, above the headline" (two pages, the whole story in the span)."""
    story = ("| फ्रैंकलिन टेम्पलटन ऐसेट मैनेजमेंट इंडिया ने कहा है कि भारतीय प्रतिभूति एवं विनिमय बोर्ड को आर्थिक "
             "अपराध शाखा के बजाय म्युचुअल फंड निवेश से जुड़े मामलों को निपटाना चाहिए। टेम्पलटन ने सोमवार को "
             "यूनिटधारकों को भेजी एक रिपोर्ट में कहा कि प्रतिभूति बाजार के लिए विशेष नियामक सेबी म्युचुअल फंड "
             "निवेश से संबंधित मामलों के प्रबंधन के लिए उपयुक्त है। पिछले सप्ताह चेन्नई पुलिस ने निवेशकों को "
             "धोखा देने के कथित मामले में एफआईआर दर्ज कराई थी। टेम्पलटन ने कहा कि बंद की गईं योजनाओं ने "
             "परिपक्वताओं, पूर्व-अदायगी और कूपन के जरिये सात हजार करोड़ रुपये से अधिक की रकम प्राप्त की थी। | | | | |")
    page = "\n".join([
        "| | | | | |", "| | | | | |", "| Wednesday, September 30, 2020 02:45 PM English \\| हिंदी |",
        "| | होम | \\| | | बाजार | \\| | | कंपनियां | \\| | | अर्थव्यवस्था | \\| | | मुद्रा |", "| | | |",
        story, "| | | | | |", "| | होम | | कंपनिया | | खबर | |", "| सेबी को एमएफ मामले निपटाने चाहिए |",
        "| ऐश्ली कुटिन्हो / मुंबई September 29, 2020 |", "| Advertisements | | | | |", "| | | | | |",
        "| * Stock quotes delayed by 10 minutes or more.", "All information provided is on \"as is\" basis "
        "and for information purposes only. Kindly consult your financial advisor or stock broker to verify "
        "the accuracy and recency of all the information prior to taking any investment decision."])
    at = page.index(story)
    found = list(find_boilerplate_lines([article(page, title="सेबी को एमएफ मामले निपटाने चाहिए")], {}))
    assert not [f for f in found if f.start <= at + 10 < f.end], [page[f.start:f.end][:80] for f in found]


def test_flat_page_closing_link_text_run_together_is_chrome() -> None:
    """The Zyte set's New York Post page, flattened: after the story, 381 words of teasers,
    share counts, sections and the copyright run together with no sentence end. Its phrases
    did not count in a piece that long, and none of it was found."""
    story = ("A case of the bubonic plague was reported in China over the weekend, after two people there "
             "were diagnosed with the pneumonic plague. The new patient from Inner Mongolia hunted and ate a "
             "wild rabbit on Nov. 5, according to the state health commission. A total of 28 people who were in "
             "close contact with the patient were put under medical quarantine. Authorities say that the cases "
             "appear to be unrelated.")
    closing = ("19,590 Surgeons cut pounds of petroleum jelly out of a bodybuilder's biceps Popular Shopping "
               "Apple's best Black Friday deals 2019: iPhones, watches and more The best Black Friday TV deals of "
               "2019 Now 50% off, this Bluetooth turntable lets you jam out retro-style Slash an extra 15% off these "
               "early Black Friday sales Now on Page Six Tom Hanks discovers that he is actually related to Mister "
               "Rogers Hollywood exec wanted Julia Roberts to play Harriet Tubman: screenwriter SEE ALL More "
               "Stories page six New York Post Facebook Twitter Email Newsletters Mobile Apps Contact Us Tips "
               "Sections News Tech Metro Real Estate Page Six Video Sports Photos Business Opinion Fashion Media "
               "© 2019 NYP Holdings, Inc. All Rights Reserved Terms of Use Privacy Notice Your Ad Choices Sitemap")
    text = f"{story} {closing}"
    found = list(find_boilerplate_lines([article(text, title="Chinese hunter catches bubonic plague")], {}))
    assert [(text[f.start:f.end], f.data["signal"]) for f in found] == [(closing, "tail")]



def test_story_text_glued_to_a_credit_or_a_wire_close_is_no_closing_link_text() -> None:
    """Pieces after the body that hold a copyright mark alone (an exhibition's facts closed by
    its photographers' credits) or a wire's promo (a conference schedule glued to Bloomberg's
    close, yahoo_flat) are the story's, whatever their length: not link text run together."""
    story = " ".join([TITAN, TITAN_2])
    schedule = ("Monday, Jan. 7 LG Electronics 8:00amBosch 9:00amPanasonic 10:00amHisense 11:00amQualcomm "
                "12:00pmTCL Corp. 12:00pmToyota 1:00pmWhirlpool 1:30pmSamsung Electronics 2:00pmHyundai Motor "
                "3:00pmValeo 3:00pmIntel 4:00pmSony Electronics 5:00pmLG keynote 6:30pm Tuesday, Jan. 8 IBM "
                "keynote 8:30amAudi 11:00amMercedes-Benz 11:00amIntel Mobileye 11:30amVerizon keynote 4:00pm "
                "Wednesday, Jan. 9 AMD keynote 9:00amViacom 10:00am Thursday, Jan. 10 Mattel and WWE 8:30am For "
                "more articles like this, please visit us at bloomberg.com ©2019 Bloomberg L.P.")
    credits = ("Ausstellungsbeginn: 3. November 2023 um 19 Uhr Ausstellungsdauer: 4. November bis 2. Dezember "
               "2023 Öffnungszeiten: Freitag bis Sonntag 15 bis 18 Uhr Fotograf*innen Fred Hüning Jörg Steinbach "
               "Inga Alice Lauenroth Jan Bechberger Solveig Faust Franca Wohlt Galerie G37 Projektraum Atelier "
               "Gleditschstraße 37 Berlin © Jan Bechberger © Jörg Steinbach © Solveig Faust © Inga Alice "
               "Lauenroth © Fred Hüning © Franca Wohlt Schöneberger Art Samstag Sonntag")
    for closing in (schedule, credits):
        text = f"{story} {closing}"
        found = list(find_boilerplate_lines([article(text)], {}))
        assert not [f for f in found if "link text run together" in f.message], [f.message for f in found]


def test_glued_parenthesis_after_an_abbreviation_is_no_sentence_end() -> None:
    """A review of 97d1ed5: a glued "(" opens a sentence after "year." but not after an
    abbreviation written before a parenthesis ("Apple Inc.(Nasdaq: AAPL)")."""
    for text in ("Apple Inc.(Nasdaq: AAPL) rose", "Siemens Corp.(Reuters) said", "nuts, etc.(See table 2) and"):
        assert sentence_ends(text) == [], text
    glued = "They have declined 29% this year.(Adds other companies)"
    assert sentence_ends(glued) == [glued.index("(Adds")]


CBS_STORY = (
    "CBS DFW reports the man who kidnapped the child, Michael Webb, was sentenced to life in federal prison. "
    "In a three-hour recorded interview with the FBI, Webb confessed to the kidnapping, admitting that after "
    "successfully fighting off the child's mother, he drove the girl to a nearby hotel. It was around midnight "
    "when a tip led Forest Hill police officers to Webb's room. The officers, having visually inspected the "
    "room, left without finding the child. It was ultimately the efforts of a family friend who spotted Webb's "
    "Ford sedan and called 911. Following a two-day trial in September, a federal jury in Fort Worth deliberated "
    "for less than 10 minutes before convicting Webb, 51, of kidnapping.")
CBS_TEASERS = (
    "World More World Why farmers may want to paint their cows with zebra stripes Some people thought the "
    "stripy cattle in a Japanese pasture were a practical joke, but the science behind the camoflaged bovines "
    "could save farmers big money 32M ago Israel carries out \"wide-scale\" strikes on Iranian targets in Syria "
    "Defense chief says deadly strikes were a message to Iran: \"Any place you dispatch your tentacles, we will "
    "chop them off.\" 1H ago Two U.S. troops killed in helicopter crash in Afghanistan Officials promptly dismiss "
    "Taliban claim that it downed the craft but say the cause of the crash is being investigated 2H ago Woman "
    "risks her life to save a koala At least six people have died and hundreds of homes have been destroyed by "
    "bushfires. 14H ago Cities urge boycott of meat companies linked to Amazon fires Lawmakers in the two biggest "
    "U.S. cities want to cut ties with businesses involved with beef imports from Brazil 17H ago More in World "
    "U.S. More U.S. Transcript: North Korea expert Sue Mi Terry on \"Intelligence Matters\" This week, on the "
    "\"Intelligence Matters\" podcast Michael Morell talks with CSIS senior Korea fellow Sue Mi Terry about why "
    "the U.S. and the North are at a stalemate after months of negotiations and three Trump-Kim summits 25M ago "
    "Here they go again: New preventive outages set for parts of Calif. Move follows several such mass blackouts "
    "last month by embattled PG&E during long stretch of extremely dry, hot weather conducive to wildfires 43M ago")


def test_a_teaser_list_whose_items_carry_their_age_is_chrome_in_flat_text() -> None:
    """The Zyte set's cbsnews page, flattened: after the story and its copyright, thousands of words
    of other stories' teasers, each stamped with its age ("32M ago", "1H ago"), read as prose and
    made the page's body. None of it was found (82 such blocks; no gold body holds a stamp)."""
    copyright_line = "First published on November 19, 2019 / 8:16 AM © 2019 CBS Interactive Inc. All Rights Reserved."
    text = f"{CBS_STORY} {copyright_line} {CBS_TEASERS}"
    found = list(find_boilerplate_lines([article(text, title="Video shows dramatic rescue")], {}))
    teasers = text.index("World More World")
    covered = sum(min(f.end, len(text)) - max(f.start, teasers) for f in found if f.end > teasers)
    assert covered >= 0.95 * (len(text) - teasers), [text[f.start:f.end][:60] for f in found]
    assert not [f for f in found if f.start < text.index(copyright_line)]  # the story is kept whole
    assert any("its items carry their age ('32M ago')" in f.message for f in found)


def test_a_story_saying_when_something_happened_is_no_teaser_list() -> None:
    """A story says when things happened ("we gave notice 70 days ago", "posted on Facebook 3h
    ago", two stamps in a quote): one piece at a time, never a run of stamped pieces (a review
    of fedaa57 found the last two called teaser lists, and a 3-sentence article with "3h ago" chrome
    whole)."""
    said = ("The union said it gave notice 70 days ago, and the company answered that the talks had stalled "
            "long before the strike, which began on Monday and has closed three plants in the state. ")
    posted = "Webb's lawyer posted on Facebook 3h ago that he would appeal the verdict. "
    quake = ('"The first shock came 2 hours ago and a strong aftershock followed 30 minutes ago," the mayor '
             "told reporters outside the town hall. ")
    judge = "The judge had denied bail 2 days ago. "
    rescue = "Rescue teams from the capital arrived 20 minutes ago. "
    for text in (CBS_STORY + " " + said * 2, CBS_STORY + " " + posted, quake + CBS_STORY,
                 "The album was released 3h ago. Fans queued overnight. Stores opened early.",
                 CBS_STORY + " " + posted + judge, quake + rescue + CBS_STORY,  # a second review's cases
                 "Jane Doe 3h ago\nThe union said it gave notice 2 days ago, and the strike began. " + CBS_STORY):
        assert list(find_boilerplate_lines([article(text, title="Strike")], {})) == [], text[:60]
    # a long sentence with two spelled stamps far apart is no teaser, beside another stamped piece or not
    long_one = ("The plant, which the company said it had closed 2 days ago for repairs that the union had asked "
                "for since the spring, when two workers were hurt on the line, will reopen next week with a new "
                "safety officer, new guards on the presses and a shorter shift that the workers voted for in a "
                "ballot the union held 3 days ago at the town hall, where more than four hundred of the plant's "
                "workers and their families had gathered to hear the terms read out. ")  # over 80 words
    text = CBS_STORY + " " + long_one + "It closed 4 days ago. "
    assert list(find_boilerplate_lines([article(text, title="Plant")], {})) == []


def test_a_sentence_cut_at_a_name_s_initials_stays_in_the_body() -> None:
    """l3s (Examiner.com): "hold high-scoring Warriors guard A.J. Newton to five points." is cut
    after "A.J." (as "D.C." or "L.P." must be), and the short rest, "Newton to five points.",
    cost the body more than the last sentence brought: with a teaser list below, both were
    called lines after the body. The rest weighs as the sentence it finishes."""
    story = ("Jazmine Jackson scored 15 points as the Irish knocked off up-and-coming Valley Christian 51-35 "
             "Friday. Ki-Ki Moore added 14 for Sacred Heart, which on Wednesday became the top-ranked team in "
             "the USA Today Super 25 poll. Tierra Rogers scored eight points for the Irish, while Jackson and "
             "Lauren Bell combined to hold high-scoring Warriors guard A.J. Newton to five points. Jazzmyne "
             "Ross led Valley (15-2, 3-1) with 13.")
    teasers = ("Story History 15 hrs ago - Washington girls knock off Lincoln 3 days ago - Sacred Heart wins "
               "debut as No. 1 Currently Viewed 3 days ago - Park realizes win at Oracle 3 days ago - Distance "
               "doesn't matter to University Comments Print this Article Leave a Comment")
    text = f"{story} {teasers}"
    found = list(find_boilerplate_lines([article(text, title="Sacred Heart wins debut as No. 1")], {}))
    assert found and min(f.start for f in found) == text.index("Story History"), [f.excerpt for f in found]


def test_wire_close_glued_to_a_word_or_after_an_abbreviation_opens_a_span() -> None:
    """yahoo_flat: Bloomberg's close glued to the story's last words with no full stop
    ("... the biggest underweight globallyFor more articles like this, ..."), or after a full
    stop the splitter reads as an abbreviation's ("... Temasek and Bain & Co. For more ..."):
    the close ran on in the story's sentence (a span of 126 words, past the 40 a "contains"
    phrase counts in) or inside its word (61 closes unflagged). It opens a span of its own;
    the story's words stay out of it."""
    survey = ("Other survey highlights include: exposure to euro-area equities rose 4 percentage points "
              "to 55% overweight, the highest since 2010, the survey's most-preferred region; exposure "
              "to U.K. equities rose 16 percentage points to 18% underweight, the largest monthly "
              "increase since 2015, and the region remains the biggest underweight globally")
    close = ("For more articles like this, please visit us at bloomberg.comSubscribe now to stay ahead "
             "with the most trusted business news source.©2020 Bloomberg L.P.")
    study = ("Indonesia has become a key battleground between the regional rivals, and its internet "
             "economy is set to reach $130 billion by 2025, according to a recent study by Google, "
             "Temasek and Bain & Co. ")
    for text in (f"{LUMINAR_LEAD} {survey}{close}", f"{LUMINAR_LEAD} {study}{close}"):
        found = [text[f.start:f.end] for f in find_boilerplate_lines([article(text)], {})]
        assert found == [close], found
