"""consistency.contradiction: articles of the same time that disagree."""

from __future__ import annotations

from datetime import date

from consistency_helpers import RETROSPECTIVE, article

from audit.detect.consistency.contradictions import find_contradictions

MERZ = ("Polish Prime Minister Donald Tusk, French President Emmanuel Macron and the newly "
        "installed German Chancellor Friedrich Merz travelled to Kyiv.")
SCHOLZ = ("European leaders—led by Mr. Macron and German Chancellor Olaf Scholz—are expected to "
          "press for an interim truce.")


def found(*articles) -> list[tuple[str, str, str | None]]:
    return [(f.article_id, f.excerpt, f.related_article_id) for f in find_contradictions(list(articles), {})]


def test_two_chancellors_in_the_same_week() -> None:
    a = article(MERZ, date(2025, 5, 28), "merz")
    b = article(SCHOLZ, date(2025, 6, 1), "scholz")
    [finding] = find_contradictions([a, b], {})  # one finding for the pair, on the wrong claim
    assert (finding.article_id, finding.excerpt, finding.related_article_id) == (
        "scholz", "German Chancellor Olaf Scholz", "merz")
    assert finding.data["articles"] == ["scholz", "merz"]
    assert finding.data["sentences"] == [SCHOLZ, MERZ]
    assert "present evidence: 'are expected'" in finding.message


def test_undated_article_takes_the_corpus_span() -> None:
    a = article(MERZ, None, "000")
    b = article(SCHOLZ, date(2025, 6, 1), "002")
    c = article("Talks went ahead.", date(2025, 5, 15), "003")
    result = list(find_contradictions([a, b, c], {}))
    assert [(f.article_id, f.related_article_id) for f in result] == [("002", "000")]
    assert "assumed 2025-05-15 to 2025-06-01" in result[0].message


def test_handover_between_the_dates_is_no_contradiction() -> None:
    a = article(SCHOLZ, date(2025, 5, 1), "before")
    b = article(MERZ, date(2025, 5, 10), "after")
    assert found(a, b) == []


def test_far_apart_articles_are_not_compared() -> None:
    a = article(MERZ, date(2025, 5, 1), "a")
    b = article(SCHOLZ, date(2025, 7, 1), "b")
    assert found(a, b) == []


def test_current_and_former_president_for_one_person() -> None:
    a = article("US President Donald Trump seems to have played a key role.", date(2025, 5, 15), "a")
    b = article("former U.S. President Donald Trump described the proposal.", date(2025, 5, 16), "b")
    assert found(a, b) == [("b", "former U.S. President Donald Trump", "a")]


def test_then_titles_are_not_claims() -> None:
    a = article("brokered by then German Chancellor Angela Merkel", date(2025, 5, 15), "a")
    b = article(MERZ, date(2025, 5, 16), "b")
    assert found(a, b) == []


def test_one_finding_per_wrong_claim_in_a_large_corpus() -> None:
    corpus = [article(MERZ if n % 2 else SCHOLZ, date(2025, 6, 1 + n % 7), f"n{n}") for n in range(40)]
    result = list(find_contradictions(corpus, {}))
    assert sorted(f.article_id for f in result) == sorted(f"n{n}" for n in range(0, 40, 2))
    assert all(f.related_article_id and int(f.related_article_id[1:]) % 2 for f in result)
    pairs = {frozenset((f.article_id, f.related_article_id)) for f in result}
    assert len(pairs) == len(result)


def test_reported_and_historical_titles_make_no_claims() -> None:
    """Issue 10: 'appointed by President Barack Obama' in 2017 is no claim that he is president."""
    a = article("Sullivan was appointed by former Democratic President Bill Clinton. Judge Emmet "
                "Sullivan, appointed by President Barack Obama, will hear the case.", date(2017, 12, 1), "a")
    b = article("President Donald Trump said on Friday he would sign the bill.", date(2017, 12, 2), "b")
    assert found(a, b) == []


def test_claims_prepared_in_the_workers_give_the_same_findings() -> None:
    """A dated article's claims come from `prepare` (workers, cache; JSON round trip); an
    undated one's are made from the corpus span; other params make them again."""
    import json
    from dataclasses import asdict

    from audit.detect.consistency.contradictions import prepare

    def corpus():  # type: ignore[no-untyped-def]
        return [article(MERZ, date(2025, 5, 28), "merz"), article(SCHOLZ, date(2025, 6, 1), "scholz"),
                article(SCHOLZ, None, "undated")]

    direct = [asdict(f) for f in find_contradictions(corpus(), {})]
    assert {f["article_id"] for f in direct} == {"scholz", "undated"}
    for params in ({}, {"max_days": 3}):
        ready = corpus()
        for a in ready:
            a.prepared["contradictions"] = json.loads(json.dumps(prepare(a, params)))
        start, end, person = ready[0].prepared["contradictions"]["claims"][0][:3]
        assert (MERZ[start:end], person) == ("newly installed German Chancellor Friedrich Merz", "friedrich-merz")
        assert ready[2].prepared["contradictions"]["claims"] is None  # undated: made from the corpus
        assert [asdict(f) for f in find_contradictions(ready, {})] == direct
        assert all("contradictions" not in a.prepared for a in ready)


def test_no_claims_before_the_office_table_covers_the_office() -> None:
    """In 1990 'U.S. President George Bush' is George H. W. Bush: no claim on George W."""
    from audit.detect.consistency.contradictions import claims_of
    from audit.detect.consistency.office_holders import load_table

    text = "U.S. President George Bush said on Tuesday that he would veto the bill."
    table = load_table({})
    day = date(1990, 5, 1)
    assert claims_of(article(text, day), table, (day, day)) == []
    later = date(2002, 5, 1)
    assert [c.person_id for c in claims_of(article(text, later), table, (later, later))] == ["george-w-bush"]


def test_public_params_follow_the_params_asked_for() -> None:
    """The prepared params are the JSON round trip of the public params, one dict for the
    same params (every share holds it: mem8), encoded again when the params change (the
    plan's one dict, then another)."""
    import json

    from audit.detect.consistency.contradictions import _public

    def round_trip(params: dict) -> dict:
        return json.loads(json.dumps({k: v for k, v in params.items() if not k.startswith("_")}, default=str))

    plan = {"max_days": 14, "limits": {"max_records": 10}, "since": date(2025, 1, 2), "_index": object()}
    first = _public(plan)
    assert first == round_trip(plan) == {"max_days": 14, "limits": {"max_records": 10}, "since": "2025-01-02"}
    assert _public(plan) is first  # shared, not a copy per article
    plan["limits"]["max_records"] = 20  # the same dict, changed inside
    assert _public(plan)["limits"] == {"max_records": 20}
    other = dict(plan, max_days=7, undated_span_days=31)
    assert _public(other) == round_trip(other) and _public(plan) == round_trip(plan)


# A 2019 retrospective on 2008 (hd-0204, New Republic, 2019-12-23) and a news report of
# 2019-11-19 (Zyte gold): pooled with a 60-day window (max_days 40 here) the two made the
# only contradiction of about 5,500 dated real English articles (precen.md), and it was false.
MORRISON_2019 = (
    "He also said he hoped the swap would “pave the way” for unofficial direct talks between his government "
    "and the Taliban, who have long refused to negotiate peace with Kabul. Australian Prime Minister Scott "
    "Morrison said in a statement, “We are profoundly pleased and relieved” at the hostages’ release.")


def test_a_title_in_a_passage_dated_to_an_earlier_year_makes_no_claim_about_now() -> None:
    retro = article(RETROSPECTIVE, date(2019, 12, 23), "retro")
    news = article(MORRISON_2019, date(2019, 11, 19), "news")
    assert [(f.article_id, f.excerpt, f.related_article_id)
            for f in find_contradictions([retro, news], {"max_days": 40})] == []
    # guard: the same title in a present sentence ("is meeting") still claims the office now
    present = article(RETROSPECTIVE.replace("Kevin Rudd declared", "Kevin Rudd is meeting"),
                      date(2019, 12, 23), "present")
    assert [(f.article_id, f.excerpt, f.related_article_id)
            for f in find_contradictions([present, news], {"max_days": 40})] == [
        ("present", "Australian Prime Minister Kevin Rudd", "news")]
    # guard: a year in which he did not hold it (2014: Abbott) does not excuse the title
    wrong_then = article(RETROSPECTIVE.replace("the 2008 financial crash", "the 2014 financial crash"),
                         date(2019, 12, 23), "wrong_then")
    assert [f.article_id for f in find_contradictions([wrong_then, news], {"max_days": 40})] == ["wrong_then"]
