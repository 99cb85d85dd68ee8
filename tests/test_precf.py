"""False alarms read on FakeNewsNet's pages again (docs/measurements/precf.md), fixed.

Each text is real, cut from a page of armstjc/FakeNewsNet's `news content.json` files (rebuilt
by `benchmarks/precision_corpora.py fakenewsnet`): the appropriations bill H.R. 3338 (2001, a US
government work, on govtrack.us) ...
"""

from __future__ import annotations

from factories import make_article

from audit.detect.leakage.boilerplate import find_boilerplate_lines

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
