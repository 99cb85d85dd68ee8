"""boilerplate.line: a long run of chrome lines before or after the body is one finding."""

from __future__ import annotations

from test_boilerplate import PARAGRAPH, PARAGRAPH_2
from test_boilerplate_precision import TITAN, TITAN_2, article

from audit.detect.clean import clean_text
from audit.detect.leakage.boilerplate import (
    EDGE_BLOCK_LINES,
    _sentence_cell,
    _zone_evidence,
    find_boilerplate_lines,
    main_body,
    main_body_of,
)
from audit.detect.leakage.spans import segment

# a ministry's menu, above its text (prec20: hd0293, 491 such lines)
MENU = ["Rente", "Wer ist versichert?", "Finanzierung der Gesetzlichen Rentenversicherung", "Versorgungsmedizin",
        "Arbeitsmarkt", "Arbeitsrecht", "Arbeitsschutz", "Soziale Sicherung", "Teilhabe", "Europa und die Welt",
        "Ministerium", "Service", "Presse", "Gebärdensprache", "Leichte Sprache"]
HEADLINE = "Scientists unveil first global geological map of Titan"  # the title of test_boilerplate_precision's article
FOOTER = ["Related Articles", "Hours after reveal, 2020 Mitsubishi Mirage get kitted out"]


def test_a_long_run_of_lines_after_the_body_is_one_finding_spanning_them() -> None:
    """prec20: four pages gave 1,331 of 2,098 findings, one a line of their menus, tables
    and lists; a run of EDGE_BLOCK_LINES or more is one claim, whose span covers the run
    (the clean text loses the same characters)."""
    items = [f"Teaser number {n}: the council meets again" for n in range(12)]
    text = "\n".join([TITAN, TITAN_2, *FOOTER, *items, "Share"])
    page = article(text)
    found = list(find_boilerplate_lines([page], {}))
    assert [(f.excerpt.split("\n")[0], f.data["signal"]) for f in found] == [
        ("Related Articles", "phrase"), (FOOTER[1], "tail"), ("Share", "phrase")]
    block = found[1]
    assert text[block.start:block.end] == "\n".join([FOOTER[1], *items])
    assert block.message.startswith(f"A block of 13 lines, {FOOTER[1][:40]!r} to {items[-1][:40]!r}, after the "
                                    "article's main body, where 'Related Articles' says site chrome follows")
    assert clean_text(page, found).strip() == f"{TITAN}\n{TITAN_2}"


def test_a_menu_above_the_body_is_one_finding_a_short_one_a_finding_a_line() -> None:
    """Above the headline: a menu of 15 lines is one finding, of 9 a finding a line."""
    long_menu = article("\n".join([*MENU, HEADLINE, TITAN, TITAN_2]))
    found = list(find_boilerplate_lines([long_menu], {}))
    assert [(f.excerpt.split("\n")[0], f.data["signal"]) for f in found] == [("Rente", "head")]
    assert found[0].end == len("\n".join(MENU)) and "A block of 15 lines, 'Rente' to 'Leichte Sprache'" in found[0].message
    short = MENU[:EDGE_BLOCK_LINES - 1]
    found = list(find_boilerplate_lines([article("\n".join([*short, HEADLINE, TITAN, TITAN_2]))], {}))
    assert [f.excerpt for f in found] == short


def test_a_bio_of_capitalised_names_is_no_evidence_of_a_header() -> None:
    """FakeNewsCorpus (fresh21): a welcome to a guest blogger; its second sentence, a bio
    dense in capitalised names, read as menu links run together, so everything above it
    was "before the article's main body" and chrome. A full sentence whose verb comes
    second is no menu."""
    text = ("We are pleased to welcome Sung Hui Kim of the UCLA School of Law as a guest blogger for the next "
            "two weeks. Sung is Professor of Law and Director of the General Counsel Initiative, Lowell Milken "
            "Institute for Business Law and Policy at UCLA. She has taught Business Associations, Contracts, "
            "Professional Responsibility, and Securities Regulation, among other things, and her current "
            "research interests lie at the intersections of professional responsibility, securities regulation, "
            "and corporate governance. I am particularly fond of her recent papers on insider trading, which you "
            "can find here and here. Welcome, Sung!")
    assert list(find_boilerplate_lines([article(text, title="Guest Blogger Sung Hui Kim")], {})) == []


def test_a_table_row_of_capitalised_words_is_no_evidence_where_lines_are_kept() -> None:
    """prec20 (tf0934): a monument's page; a line of opening hours, capitalised words and
    no commas, read as menu links run together and made the 30 lines after the text (its
    sights and facts) "site chrome". With its lines kept, such a line is a table's row."""
    facts = ["Öffnungszeiten: Mai bis Oktober Di Fr Sa So 10 Uhr Bis 17 Uhr Führungen Nach Vereinbarung "
             "Eintritt Frei Spenden Erbeten Parkplätze Am Hafen Bushaltestelle Wasserturm Linie Eins",
             *[f"Baujahr {1900 + n}: Ausbau des Turms, Stufe {n}" for n in range(12)]]
    page = article("\n".join([TITAN, TITAN_2, *facts]), title="")
    assert [f.data["signal"] for f in find_boilerplate_lines([page], {})] == []


def test_a_wordpress_post_footer_is_chrome() -> None:
    """fresh21: "Filed under: ... | Tagged: ..." closed a post, and no phrase said so."""
    tags = "Filed under: democracy, Regime Change | Tagged: dennis kucinich, impeachment | 1 Comment »"
    found = list(find_boilerplate_lines([article(f"{TITAN}\n{TITAN_2}\n{tags}")], {}))
    assert [(f.excerpt, f.data["signal"]) for f in found] == [(tags, "phrase")]


def _course_plan() -> str:
    """A page that is a table, not an article (a school's course plan, as a multiling page
    was): rows of units and book pages, every tenth row a sentence, one paragraph of prose."""
    rows = [f"Semester {i % 4 + 1} Engine Management Diagnostics S. {100 + 3 * i} – {102 + 3 * i} X AMA {i} X FTO"
            if i % 10 else f"In unit {i} the students learn how to test the brakes, the steering and the wheels."
            for i in range(140)]
    return "\n".join(["Automotive technology", "Course plan", PARAGRAPH, *rows])


def test_a_body_with_a_sliver_of_the_page_is_no_body() -> None:
    """main_body's best stretch of a table page is a paragraph and a row (under 3% of the
    page's words, under a third of its prose): no main body, so no place says chrome. A news
    page flattened between menus keeps its body though it holds 3% of the words: all its prose."""
    lines = segment(_course_plan(), None, None)
    assert main_body(lines, set())[0] >= 0 and main_body_of(lines, set()) == (-1, -1)
    menu = " ".join(f"Section {w} News" for w in ["World", "Politics", "Business", "Tech", "Science",
                                                  "Health", "Sport", "Culture", "Travel", "Style"] * 20)
    flat = segment(f"{menu} {PARAGRAPH} {PARAGRAPH_2} {menu} {menu}", None, None)
    first, last = main_body_of(flat, set())
    assert first >= 0 and main_body(flat, set()) == (first, last)
    assert "Zelenskiy" in " ".join(ln.text for ln in flat[first:last + 1])
    assert sum(ln.words for ln in flat[first:last + 1]) < 0.03 * sum(ln.words for ln in flat)


# a game wiki's page, shaped as trafilatura writes it (multiling pages: hd-0235): a schedule
# table whose cells hold sentences (one line, long), a sentence cut at its links
ROW = ("| Monday | Time | Location | | 8:30 AM | Leaves the farmhouse and heads to Pierre's General Store. | "
       "| 11:30 AM | Leaves Pierre's. | | 1:00 PM | Walks to the Saloon Kitchen and Bar | Sits | Reads")
GIFTS = ["Gifts", "You can give Penny up to two gifts per week (plus one on", "her",
         "birthday), which will raise or lower", "her", "friendship with you."]


def test_a_table_row_or_an_offer_word_in_a_sentence_is_no_chrome_evidence() -> None:
    """The wiki's 46 lines above its gift list were chrome "where 'You can give Penny up to two
    gifts per w' says site chrome stands" ("per week", an offer's words, in a sentence cut at
    its links), and then where a schedule row did (capitalised cells read as a menu set out
    with bars). Neither is zone evidence now; an offer line, and a menu with bars, still are."""
    menu = " | ".join(["Home", "News", "World", "Business", "Markets", "Tech", "Science", "Health", "Sport",
                       "Culture", "Travel", "Style", "Video", "Podcasts", "Newsletters", "Events", "Weather",
                       "Crosswords", "Games", "Obituaries", "Contact Us", "About Us"])
    lines = segment("\n".join([TITAN, ROW, *GIFTS, TITAN_2, "Subscribe for $1 per week", menu]), None, None)
    evidence = {lines[i].text[:20] for i in _zone_evidence(lines)}
    assert evidence == {"Subscribe for $1 per", menu[:20]}
    assert _sentence_cell(ROW) and not _sentence_cell(menu + " | Sales Partners around the world.")
