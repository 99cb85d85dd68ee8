"""Properties of ingest, normalise, every detector and the gate, on generated input.

Whatever the input: nothing raises, every offset points into the text, and N records in
are N rows out, each accepted or quarantined. Texts are built from the seeds' own words
(so detectors meet dates, names and sentences) mixed with arbitrary Unicode, control
characters and repeats. Examples are few (this file runs in seconds); a failure prints
the smallest input that breaks the property.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from factories import make_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.detect import registry
from audit.ingest import iter_records
from audit.normalise import build_articles, unique_ids
from audit.normalise.text import content_sha256, normalise_text
from audit.suite import Limits, load_suite

ROOT = Path(__file__).resolve().parent.parent
SEED_WORDS = sorted({w for p in (ROOT / "seeds").glob("*.txt")
                     for w in re.findall(r"\S+", p.read_text(encoding="utf-8"))})
ODD = ["April 31,", "Friday, May 15, 2025.", "tomorrow", "last week", "former President",
       "\x00", "\x07", "Ã©tÃ©", "\ufffd", "\n", "\n\n", "\r\n", "\u2028", "e\u0301", "Subscribe now",
       "Read more:", "By Jane Doe", "Photo: Reuters", "April.Two", "der Präsident sagte"]
QUICK = settings(max_examples=12, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.function_scoped_fixture])

words = st.one_of(st.sampled_from(SEED_WORDS), st.sampled_from(ODD), st.text(max_size=6))
texts = st.builds(lambda parts, times: " ".join(parts) * times,
                  st.lists(words, max_size=60), st.integers(1, 4))


@QUICK
@given(st.text())
def test_normalise_text_is_idempotent_and_plain(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once and not re.search(r"[ \t]\n", once)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("ab \t\n\r\xa0\u2028e\u0301")), max_size=40))
def test_normalise_text_screens_give_what_the_patterns_give(text: str) -> None:
    """normalise_text skips a pattern when a substring test says it has nothing to do."""
    import unicodedata

    from audit.normalise.text import _MANY_BLANK_LINES, _TRAILING_SPACE

    plain = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    plain = _MANY_BLANK_LINES.sub("\n\n", _TRAILING_SPACE.sub("", plain.replace("\u2028", "\n")))
    assert normalise_text(text) == plain.strip("\n")


@QUICK
@given(st.lists(st.sampled_from(["a", "a~2", "a~3", "b", "b~2", "c"]), max_size=12))
def test_renamed_ids_are_unique_and_never_an_input_id(ids: list[str]) -> None:
    out = unique_ids(ids)
    assert len(out) == len(ids) == len(set(out))
    firsts = {i: n for n, i in reversed(list(enumerate(ids)))}
    assert all(out[n] == i for i, n in firsts.items())  # the first record keeps its id
    assert all(new not in set(ids) for new, old in zip(out, ids, strict=True) if new != old)


def _line(kind: int, text: str, value: object, junk: bytes) -> bytes:
    """One JSONL line of a kind: a record, non-string text, garbage, another codec."""
    if kind == 0:
        line = json.dumps({"id": text[:3], "text": text}).encode()
    elif kind == 1:
        line = json.dumps({"text": value}).encode()
    elif kind == 2:
        line = junk
    else:
        line = json.dumps({"text": text}, ensure_ascii=False).encode("cp1252", errors="replace")
    line = line.replace(b"\n", b" ").replace(b"\r", b" ")
    return line if line.strip() else b"#"


lines = st.builds(_line, st.integers(0, 3), texts,
                  st.one_of(st.integers(), st.lists(st.integers(), max_size=3),
                            st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
                            st.booleans(), st.none(), st.floats()),
                  st.binary(max_size=30))


@QUICK
@given(st.lists(lines, min_size=1, max_size=12))
def test_jsonl_n_lines_in_n_rows_out(tmp_path_factory: pytest.TempPathFactory, body: list[bytes]) -> None:
    path = tmp_path_factory.mktemp("p") / "feed.jsonl"
    path.write_bytes(b"\n".join(body) + b"\n")
    records = list(iter_records([path], on_problem=None))
    assert [r.source_uri.rsplit("=", 1)[1] for r in records] == [str(n) for n in range(1, len(body) + 1)]
    for record in records:
        assert isinstance(record.text, str)
        assert bool(record.error) != bool(record.text.strip())  # unreadable, or text
    articles, findings = build_articles(records, limits=Limits(max_article_chars=300))
    assert len(articles) == len(body) == len({a.article_id for a in articles})
    _assert_offsets(articles, findings)


@QUICK
@given(st.lists(st.one_of(texts, st.none()), min_size=1, max_size=8))
def test_parquet_and_csv_n_rows_in_n_rows_out(tmp_path_factory: pytest.TempPathFactory,
                                              values: list[str | None]) -> None:
    folder = tmp_path_factory.mktemp("p")
    frame = pd.DataFrame({"id": [f"r{n}" for n in range(len(values))], "text": values})
    frame.to_parquet(folder / "a.parquet", row_group_size=3)
    frame.to_csv(folder / "b.csv", index=False)
    for name in ("a.parquet", "b.csv"):
        articles, findings = build_articles(iter_records([folder / name], on_problem=None))
        assert len(articles) == len(values), name
        _assert_offsets(articles, findings)


def _assert_offsets(articles: list, findings: list) -> None:  # type: ignore[type-arg]
    by_id = {a.article_id: a for a in articles}
    for f in findings:
        text = by_id[f.article_id].text
        if f.start is not None:
            assert 0 <= f.start <= f.end <= len(text) and f.excerpt == text[f.start:f.end]


NEWS = load_suite("news")
DETECTORS = registry()
articles_strategy = st.lists(
    st.tuples(texts, st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))),
              st.sampled_from(["en", None, "de"])),
    min_size=1, max_size=4)


@pytest.mark.parametrize("detector", DETECTORS, ids=[d.name for d in DETECTORS])
def test_every_detector_on_any_text(detector) -> None:  # type: ignore[no-untyped-def]
    params = NEWS.params_for(tuple(c for c in detector.checks if c in NEWS.rules))

    @settings(max_examples=8, deadline=None, derandomize=True)
    @given(articles_strategy)
    def check(rows: list[tuple[str, date | None, str | None]]) -> None:
        articles = []
        for n, (raw, published, language) in enumerate(rows):
            text = normalise_text(raw)
            articles.append(make_article(text, article_id=f"a{n}", published=published,
                                         language=language, content_sha256=content_sha256(text)))
        findings = list(detector.find(articles, params))
        assert all(f.check in detector.checks for f in findings)
        _assert_offsets(articles, findings)

    check()


# The news suite's ingest checks only: the gate's accounting is the property, and
# Great Expectations' time grows with the number of expectations.
INGEST_SUITE = replace(NEWS, rules={c: r for c, r in NEWS.rules.items() if c.startswith("ingest.")},
                       document={**NEWS.document, "expectations": [
                           e for e in NEWS.document["expectations"]
                           if (e.get("meta") or {}).get("check", "").startswith("ingest.")]})


@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(lines, min_size=1, max_size=8))
def test_gate_n_in_equals_accepted_plus_quarantined(tmp_path_factory: pytest.TempPathFactory,
                                                    body: list[bytes]) -> None:
    from audit.gating import gate

    folder = tmp_path_factory.mktemp("g")
    (folder / "in.jsonl").write_bytes(b"\n".join(body) + b"\n")
    result = gate([folder / "in.jsonl"], accepted=folder / "ok.jsonl",
                  quarantine=folder / "bad.jsonl", suite=INGEST_SUITE, on_problem=None)
    accepted = (folder / "ok.jsonl").read_text(encoding="utf-8").splitlines()
    quarantined = (folder / "bad.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(accepted) + len(quarantined) == len(body) == len(result.run.articles)
    for line in accepted:  # nothing with control characters passes the gate
        assert not re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", json.loads(line)["text"])
