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
