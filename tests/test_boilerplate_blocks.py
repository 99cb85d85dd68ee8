"""boilerplate.line: a long run of chrome lines before or after the body is one finding."""

from __future__ import annotations

from test_boilerplate_precision import TITAN, TITAN_2, article

from audit.detect.clean import clean_text
from audit.detect.leakage.boilerplate import EDGE_BLOCK_LINES, find_boilerplate_lines

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
