"""False alarms read on FakeNewsNet's pages (PolitiFact's and GossipCop's sources), fixed.

Each text is real, cut from a page of armstjc/FakeNewsNet's `news content.json` files
(docs/measurements/precx.md): debate transcripts of CNN (one hard-wrapped), a 2018 article
looking back on 2016, a celebrity timeline, a 2016 piece on "the prospect of a President
Trump", a story citing Entertainment Tonight, ssa.gov's syllabus of Flemming v. Nestor.
"""

from __future__ import annotations

from datetime import date

from consistency_helpers import article as dated

from audit.detect.consistency.relative_dates import find_relative_date_conflicts
from audit.detect.consistency.titles import find_title_anachronisms
from audit.detect.consistency.weekdays import find_weekday_mismatches
from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.detect.leakage.metadata_leak import find_metadata_leaks
from audit.model import Article, RawRecord
from audit.normalise import to_article

# three CNN debate transcripts (2008), each around one of its "(APPLAUSE)" lines
DEBATES = [
    ("It's imperative we do it. It's a part of economic justice, which on Dr. King's holiday is part "
     "of his unfinished legacy.\n\nWOLF BLITZER, CNN: All right.\n\nSenator Obama?\n\n(APPLAUSE)\n\n"
     "SEN. BARACK OBAMA: Well, we do meet on the King holiday. And I think it's important to remember "
     "that, in the march on Washington, where Dr. King always talks about -- or it's always repeated, "
     "the dream."),
    ("We'll continue to make a difference for America.\n\nThank you all very much.\n\n(APPLAUSE)\n\n"
     "BROWN: Senator Clinton, thank you.\n\nBROWN: Senator Obama?\n\n(APPLAUSE)\n\nSEN. BARACK OBAMA: "
     "First of all, thank you so much to the University of Texas for hosting us, and it's a great honor "
     "to share the stage once again with Senator Clinton."),
    ("That's the kind of leadership that I showed when I was a state legislator. And that's the kind of "
     "leadership that I'll show as president of the United States.\n\nGRAVEL: Wait a minute...\n\n"
     "(APPLAUSE)\n\nCOOPER: Our next question is for Senator Biden.\n\nQUESTION: Hello. This question "
     "is for all of the candidates. Partisanship played a major role in why nothing can be done in "
     "Washington today."),
]


def article(text: str, article_id: str, publisher: str | None = None, published: str | None = None,
            title: str = "") -> Article:
    fields = {"publisher": publisher, "language": "en", "published": published, "title": title}
    record = RawRecord(source_uri=f"mem/{article_id}.txt", source_sha256="", record_id=article_id,
                       text=text, fields=fields)
    return to_article(record, article_id)


def test_transcript_stage_directions_recurring_across_a_broadcaster_are_not_chrome() -> None:
    arts = [article(text, f"t{i}", "cnn.com") for i, text in enumerate(DEBATES)]
    assert [f.excerpt for f in find_boilerplate_lines(arts, {})] == []
    # in its place, a site's chrome line (washingtonpost.com's, in 6 of its pages there) still is
    promo = "Gift Article Share"
    arts = [article(text.replace("(APPLAUSE)", promo, 1), f"t{i}", "washingtonpost.com")
            for i, text in enumerate(DEBATES)]
    assert {("t0", promo), ("t2", promo)} <= {(f.article_id, f.excerpt) for f in find_boilerplate_lines(arts, {})}


# PolitiFact's copy of a 2018 article (set date 2018-04-02) recounting the 2016 campaign
WIKILEAKS_2016 = (
    "By early October, there was still nothing from WikiLeaks, but Stone continued to hype an imminent "
    "release, saying “an intermediary” who’d met with Assange said “the mother lode is coming Wednesday.”\n\n"
    "The “mother lode” instead came two days later, on Friday, October 7, when WikiLeaks posted its first "
    "batch of Podesta’s emails. The site would continue to post them, in batches, up through the election.\n\n"
    "In the end, the 2016 election was close, decided by just over 1 percentage point in three states.")
# GossipCop's: Vox (2018-01-05) gets the day of the 2018 Golden Globes wrong (Sunday, January 7)
GLOBES_2018 = ("The 2018 Golden Globes, hosted by Seth Meyers, will be awarded on Sunday, January 8, with the "
               "ceremony airing live at 8 pm Eastern on NBC. (It will also be live-streamed online for the "
               "first time.)")


def test_yearless_weekday_right_in_a_year_the_article_writes_is_no_mismatch() -> None:
    assert list(find_weekday_mismatches([dated(WIKILEAKS_2016, date(2018, 4, 2))], {})) == []
    # the year the article writes is the publication's: the wrong weekday is still found
    [finding] = find_weekday_mismatches([dated(GLOBES_2018, date(2018, 1, 5))], {})
    assert finding.excerpt == "Sunday, January 8" and "January 8, 2018 is a Monday" in finding.message


# PolitiFact's copy of a 2016-03-02 story; the second: a fake story its site dated 2016-04-24
# (the Russian ban it reports is of April 2017), a true finding
PROSPECT = ("Donald Trump took a major step toward securing the Republican presidential nomination following "
            "the mogul's Super Tuesday victory, and faced with the prospect of a President Trump, Miley Cyrus "
            "turned to Instagram Tuesday to tell her 38.1 million followers what she thought of him.")
MISDATED = ("President Donald Trump has sent a strong message to the Russia Federation over the country’s ban "
            "on the “peaceful activities” of Jehovah’s Witnesses.")


def test_a_title_with_an_indefinite_article_is_a_prospect_not_a_present_title() -> None:
    assert list(find_title_anachronisms([dated(PROSPECT, date(2016, 3, 2))], {})) == []
    [finding] = find_title_anachronisms([dated(MISDATED, date(2016, 4, 24))], {})
    assert finding.excerpt == "President Donald Trump"


# GossipCop's: a timeline of Kylie Jenner and Travis Scott (Harper's Bazaar), cut
TIMELINE = (
    "Kylie Jenner Instagram\n\nAugust 28, 2019\n\nKylie, Travis, and Stormi walked the red carpet together "
    "for the first time for the premiere of Travis’s Netflix documentary, Travis Scott: Look Mom I Can Fly.\n\n"
    "Tommaso Boddi Getty Images\n\nSeptember 13, 2019\n\nIn a special Pleasure Issue of Playboy, Kylie graces "
    "the cover and both she and Travis talk about their sex life. As you do!\n\nOctober 1, 2019\n\nTMZ reports "
    "that Kylie and Travis broke up sometime after their last public appearance on August 27 (which makes "
    "those Playboy quotes a little awk in retrospect...).")
# PolitiFact's: a press release of Senator Obama's office, its date line under the headline
RELEASE = ("Obama Urges Bernanke, Paulson to Fight Foreclosures, Hold Homeownership Summit\n\nThursday, March 22, "
           "2007\n\nFOR IMMEDIATE RELEASE\n\nContact: Ben LaBolt\n\nWASHINGTON, DC -- U.S. Senator Barack Obama "
           "today sent a letter to Federal Reserve Chairman Bernanke and Treasury Secretary Paulson urging them to "
           "immediately convene a homeownership preservation summit with key stakeholders to fight foreclosures.")


def test_a_timelines_date_headings_are_not_leaked_metadata() -> None:
    assert [f.excerpt for f in find_metadata_leaks([article(TIMELINE, "k")], {})] == []
    [finding] = [f for f in find_metadata_leaks([article(RELEASE, "o")], {}) if f.data["kind"] == "date"]
    assert finding.excerpt == "Thursday, March 22, 2007" and finding.data["published"] == "2007-03-22"


# CNN's transcript of the 2012 vice-presidential debate (politicalticker.blogs.cnn.com), its
# lines hard-wrapped at 65 characters: "home." ends a sentence on a line of its own
WRAPPED_DEBATE = (
    "RYAN: We don't want to stay. We want - look, one of my best\n\n"
    "friends in Janesville, a reservist, is at a forward-operating base in\n\n"
    "eastern Afghanistan right now. Our wives are best friends. Our\n\n"
    "daughters are best friends. I want - I want him and all of our\n\n"
    "troops to come home as soon and safely as possible.\n\n"
    "We want to make sure that 2014 is successful. That's why we want\n\n"
    "to make sure that we give our commanders what they say they need to\n\n"
    "make it successful. We don't want to extend beyond 2014. That's the\n\n"
    "point we're making.\n\n"
    "You know, if it was just this, I'd feel like we would - we would\n\n"
    "be able to call this a success, but it's not. What we are witnessing\n\n"
    "as we turn on our television screens these days is the absolute\n\n"
    "unraveling of the Obama foreign policy. Problems are growing at home,\n\n"
    "but - problems are growing abroad, but jobs aren't growing here at\n\n"
    "home.\n\n"
    "RADDATZ: Let me go back to this. He says we're absolutely\n\n"
    "leaving in 2014. You're saying that's not an absolute, but you won't\n\n"
    "talk about what conditions would justify...\n\n"
    "(CROSSTALK)\n\n"
    "RYAN: Do you know why we say that?\n\n"
    "BIDEN: I'd like to know...\n\n"
    "(CROSSTALK)\n\n"
    "RYAN: Because we don't want to broadcast to our enemies \"put a")


def test_a_menu_word_ending_a_wrapped_sentence_is_no_chrome_anchor() -> None:
    found = [f.excerpt for f in find_boilerplate_lines([article(WRAPPED_DEBATE, "d", "cnn.com")], {})]
    assert found == []


# GossipCop's: a 2019 look back at the summer of 2016's reports (set date 2019-04-15)
SHOW = ("• A “source” told Entertainment Tonight on August 23 that Pitt is “sickened” that Jolie is letting "
        "their custody battle be aired in public.")


def test_tonight_in_a_programmes_name_is_not_the_evening() -> None:
    assert list(find_relative_date_conflicts([dated(SHOW, date(2019, 4, 15))], {})) == []
    # the evening itself, in the same sentence, is still judged against the date it names
    evening = SHOW.replace("Entertainment Tonight", "reporters tonight")
    assert [f.excerpt for f in find_relative_date_conflicts([dated(evening, date(2019, 4, 15))], {})] == [
        "tonight on August 23"]


# ssa.gov's page on Flemming v. Nestor (1960): the Court's syllabus in capitals, run into one
# long line after the page's own summary (a US government work)
NESTOR = (
    "In this 1960 Supreme Court decision Nestor's denial of benefits was upheld even though he had "
    "contributed to the program for 19 years and was already receiving benefits. Under a 1954 law, Social"
    " Security benefits were denied to persons deported for, among other things, having been a member of "
    "the Communist party. Accordingly, Mr. Nestor's benefits were terminated. He appealed the termination"
    " arguing, among other claims, that promised Social Security benefits were a contract and that "
    "Congress could not renege on that contract. In its ruling, the Court rejected this argument and "
    "established the principle that entitlement to Social Security benefits is not contractual right. "
    "Flemming V. Nestor Case Name: FLEMMING V. NESTOR 363 U.S. 603 NO. 54. ARGUED FEBRUARY 24, 1960. - "
    "DECIDED JUNE 20, 1960. - 169 F. SUPP. 922, REVERSED . THE TERMINATION OF OLD-AGE BENEFITS PAYABLE TO"
    " AN ALIEN WHO, AFTER THE DATE OF ITS ENACTMENT (SEPTEMBER 1, 1954), IS DEPORTED UNDER SEC. 241(A) OF"
    " THE IMMIGRATION AND NATIONALITY ACT ON ANY ONE OF CERTAIN GROUNDS SPECIFIED IN SEC. 202(N). "
    "APPELLEE, AN ALIEN WHO HAD BECOME ELIGIBLE FOR OLD-AGE BENEFITS IN 1955, WAS DEPORTED IN 1956, "
    "PURSUANT TO SEC. 241(A) OF THE IMMIGRATION AND NATIONALITY ACT, FOR HAVING BEEN A MEMBER OF THE "
    "COMMUNIST PARTY FROM 1933 TO 1939. SINCE THIS WAS ONE OF THE GROUNDS SPECIFIED IN SEC. 202(N), HIS "
    "OLD-AGE BENEFITS WERE TERMINATED SHORTLY THEREAFTER. HE COMMENCED THIS ACTION IN A SINGLE JUDGE "
    "DISTRICT COURT, UNDER SEC. 205(G) OF THE SOCIAL SECURITY ACT, TO SECURE JUDICIAL REVIEW OF THAT "
    "ADMINISTRATIVE DECISION. THE DISTRICT COURT HELD THAT SEC. 202(N) DEPRIVED APPELLEE OF AN ACCRUED "
    "PROPERTY RIGHT AND, THEREFORE, VIOLATED THE DUE PROCESS CLAUSE OF THE FIFTH AMENDMENT. HELD: 1. "
    "ALTHOUGH THIS ACTION DREW INTO QUESTION THE CONSTITUTIONALITY OF SEC. 202(N), IT DID NOT INVOLVE AN "
    "INJUNCTION OR OTHERWISE INTERDICT THE OPERATION OF THE STATUTORY SCHEME; 28 U.S.C. SEC. 2282, "
    "FORBIDDING THE ISSUANCE OF AN INJUNCTION RESTRAINING THE ENFORCEMENT, OPERATION OR EXECUTION OF AN "
    "ACT OF CONGRESS FOR REPUGNANCE TO THE CONSTITUTION, EXCEPT BY A THREE-JUDGE DISTRICT COURT, WAS NOT "
    "APPLICABLE; AND JURISDICTION OVER THE ACTION WAS PROPERLY EXERCISED BY THE SINGLE-JUDGE DISTRICT "
    "COURT. PP. 606-608. 2. A PERSON COVERED BY THE SOCIAL SECURITY ACT HAS NOT SUCH A RIGHT IN OLD-AGE "
    "BENEFIT PAYMENTS AS WOULD MAKE EVERY DEFEASANCE OF \"ACCRUED\" INTERESTS VIOLATIVE OF THE DUE PROCESS "
    "CLAUSE OF THE FIFTH AMENDMENT. PP. 608-611. (A) THE NONCONTRACTUAL INTEREST OF AN EMPLOYEE COVERED "
    "BY THE ACT CANNOT BE SOUNDLY ANALOGIZED TO THAT OF THE HOLDER OF AN ANNUITY, WHOSE RIGHTS TO "
    "BENEFITS ARE BASED ON HIS CONTRACTUAL PREMIUM PAYMENTS. PP. 608-610."
)


def test_a_paragraph_in_capitals_is_prose_not_link_text() -> None:
    assert [f.excerpt for f in find_boilerplate_lines([article(NESTOR, "n", "ssa.gov")], {})] == []
