"""metadata.leak on the gilets jaunes corpus (feryah/gilets_jaunes: Guardian, Irish Times and CNN
pages; docs/measurements/precy.md): short real snippets whose findings a reader judged false."""

from __future__ import annotations

from audit.detect.leakage.metadata_leak import find_metadata_leaks
from audit.model import Article, RawRecord
from audit.normalise import to_article


def article(text: str, title: str = "Yellow vests") -> Article:
    record = RawRecord(source_uri="mem/a1.txt", source_sha256="", record_id="a1", text=text,
                       fields={"language": "en", "title": title})
    return to_article(record, "a1")


def found(text: str) -> list[str]:
    return [f.excerpt for f in find_metadata_leaks([article(text)], {})]


def test_a_credit_glued_to_the_next_sentence_ends_at_its_agency() -> None:
    # The Irish Times, 2018-12-26: the caption's credit and the lead with no space between.
    text = ("Pope Francis waves from the window of his office overlooking Saint Peter’s Square at the Vatican "
            "on St Stephen’s Day. Photograph: EPAPope Francis has offered his Christmas wish for fraternity "
            "among people of different cultures. He urged the world to put aside “partisan interests”.")
    assert found(text) == ["Photograph: EPA"]


def test_handles_inside_a_quoted_tweet_are_its_words_not_a_contact() -> None:
    # CNN, 2019-01-12 and 2018-12-04: tweets quoted with each mention's link on a line of its own.
    text = "\n".join([
        "Paris police said on Twitter that the toll of victims \"will be heavy.\"",
        "Rue de Trévise, aux côtés du Premier ministre, du procureur de Paris, du", "@prefpolice",
        "et de la Maire de la capitale.", "Plus de 200", "@PompiersParis", "sont engagés dans les opérations de secours.",
        "Devant notre terrasse belle vue sur le lycée st exupery à Blagnac... Qui Crame !",
        "@actutoulouse_fr", "@lyceens", "@toulouse", "@blagnac",
        "A high school in Blagnac near Toulouse was set on fire during the protests."])
    assert found(text) == []


def test_the_author_handle_after_follow_him_stays_a_contact() -> None:
    # CNN opinion page, 2019-01-03: the author's box.
    text = "\n".join([
        "David A. Andelman is a contributor to CNN and a former foreign correspondent for The New York Times.",
        "Follow him on Twitter", "@DavidAndelman", ". The views expressed in this commentary are his own.",
        "From North Korea and China, across Russia and Europe, New Year's messages were not reassuring."])
    assert found(text) == ["@DavidAndelman"]


def test_a_photographers_credit_with_its_agencies_is_one_credit() -> None:
    # The Irish Times, 2018-11-24, flat: a caption, the photographer and the agencies, the lead glued
    # on (141 such credits in gj_flat were missed, or ran on into the sentence after them)
    text = ("Police fired tear gas and turned water cannon on protesters in Paris on Saturday (November 24) who "
            "are angry over rising fuel costs and President Emmanuel Macron's economic policies, in the second "
            "weekend of \"yellow vest\" protests across France. A masked yellow vest protester on a scooter near "
            "The Arc de Triomphe on the Champs Élysées in Paris on Saturday evening. Photograph: Bertrand "
            "Guay/AFP/Getty ImagesShouts of “Macron resign!” and “Macron get lost!” punctuated the booms from "
            "tear gas and water cannons on the Champs-Élysées on Saturday, as French police forced protesters "
            "from the “Yellow Vests” movement away from the presidential offices.")
    assert found(text) == ["Photograph: Bertrand Guay/AFP/Getty Images"]


def test_a_photographers_name_alone_is_a_credit_where_its_end_is_sure() -> None:
    # The Irish Times in gj_flat: no agency after the name (30 of 234 credits missed). The next
    # sentence glued to the name ends it; a space before a capital does not ("Nick Bradshaw EU
    # agriculture commissioner ...": the name may end at either word), so nothing is said there.
    text = ("The two leaders will meet in Aachen to sign a new treaty that does not address the euro zone, "
            "migrants or social and environmental policy. Photograph: Wolfgang RattayFrench president and "
            "German chancellor will meet on Tuesday morning to sign a treaty of co-operation. ")
    assert found(text) == ["Photograph: Wolfgang Rattay"]
    unsure = ("European commissioner for agriculture Phil Hogan. Photograph: Nick Bradshaw EU agriculture "
              "commissioner has accused Democratic Unionists of playing games with the backstop. ")
    assert found(unsure) == []


def test_a_caption_line_keeps_its_credit_when_the_text_has_line_breaks() -> None:
    # gj_lines: a caption and its credit on one line of 24 words was read as a whole line (too long
    # for a metadata line) and not as running text (119 of 235 credits missed); gossipcop's "(Picture:
    # Getty)" after a caption sentence, the same
    text = ("US president Donald Trump speaks on border security during a Rose Garden event at the White House "
            "in Washington, DC. Photograph: Chip Somodevilla/Getty Images\nUS president\nhas confirmed he is "
            "declaring a national emergency in order to circumvent Congress.\nTheresa May's ministers met in "
            "London. Photograph: James Forde\nJustin is said to be dating artist Petra Collins (Picture: Getty)\n"
            "The talks went on into the night, officials said.")
    assert found(text) == ["Photograph: Chip Somodevilla/Getty Images", "Photograph: James Forde",
                           "(Picture: Getty)"]
