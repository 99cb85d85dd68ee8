"""The cross-article detectors' saved state (audit.detect.saved): a run that has it gives
exactly the findings and columns of a run without it, over random sequences of edits,
additions and removals; and it is used (known texts are not computed again)."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from audit.detect import registry, run_detectors
from audit.detect.cache import FindingsCache
from audit.detect.duplicates import lsh, near
from audit.detect.saved import SavedState
from audit.model import Article
from audit.suite import CheckRule, Suite, load_suite

CROSS = ("provenance", "duplicate_exact", "duplicate_near", "contradictions", "boilerplate")
WORDS = ["river", "council", "budget", "school", "winter", "market", "harbour", "railway", "station", "museum", "library", "farmers", "election", "mayor", "bridge", "storm", "festival", "hospital", "teachers", "union", "report", "court", "minister", "police", "village", "football", "season", "airport", "factory", "workers", "prices"]
# lines of no phrase list: chrome only by recurring in enough of the publisher's articles
CHROME = {"daily": ["Daily Courier Weekend Edition", "Morning Desk Local Pages", "Courier Staff Writers Pool",
                    "Harbour District Notes"],
          "herald": ["Herald Evening Review", "Valley Desk Regional Pages", "Herald Sports Round"]}


# claims consistency.contradiction reads (true or not in spring 2025: Merz took office on 6 May)
CLAIMS = ["US President Donald Trump seems to have played a key role.",
          "former U.S. President Donald Trump described the proposal.",
          "European leaders, led by German Chancellor Olaf Scholz, are expected to travel to Kyiv.",
          "The newly installed German Chancellor Friedrich Merz travelled to Kyiv."]
DAY0 = date(2025, 4, 20)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 14))]
    return " ".join(words).capitalize() + "."


def _text(rng: random.Random, publisher: str) -> str:
    body = [_sentence(rng) for _ in range(rng.randint(4, 9))]
    if rng.random() < 0.7:
        body.insert(rng.randrange(len(body)), rng.choice(CLAIMS))
    lines = CHROME.get(publisher, CHROME["daily"])
    return "\n\n".join(rng.sample(lines, rng.randint(0, 2)) + body + rng.sample(lines, rng.randint(0, 2)))


def _article(article_id: str, text: str, publisher: str, published: date | None) -> Article:
    return Article(
        article_id=article_id, source_uri=f"/corpus/{article_id}.txt", source_sha256="", title=None,
        published=published, published_from="metadata" if published else "none",
        publisher=None if publisher == "none" else publisher, url=None, language="en",
        language_prob=None, text=text, content_sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


class _Corpus:
    def __init__(self, rng: random.Random) -> None:
        self.rng, self.next_id, self.articles = rng, 0, []
        for _ in range(rng.randint(12, 30)):
            self.add()

    def add(self) -> None:
        rng = self.rng
        publisher = rng.choice(["daily", "herald", "none"])
        published = rng.choice([None, DAY0 + timedelta(days=rng.randint(0, 40))])
        if rng.random() < 0.1:  # no words (one exact key), or blank (not grouped at all)
            text = rng.choice(["...", "— — —", " \n "])
        elif self.articles and rng.random() < 0.5:  # a copy or near copy of another
            source = rng.choice(self.articles)
            text = source.text if rng.random() < 0.4 else self._edited(source.text)
        else:
            text = _text(rng, publisher)
        self.next_id += 1
        self.articles.insert(rng.randint(0, len(self.articles)),
                             _article(f"a{self.next_id:03d}", text, publisher, published))

    def _edited(self, text: str) -> str:
        parts = text.split("\n\n")
        parts[self.rng.randrange(len(parts))] = _sentence(self.rng)
        return "\n\n".join(parts)

    def step(self) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(["edit", "add", "remove", "publisher", "date"])
            if kind == "add" or len(self.articles) < 4:
                self.add()
                continue
            i = rng.randrange(len(self.articles))
            a = self.articles[i]
            if kind == "remove":
                del self.articles[i]
            elif kind == "edit":
                text = self._edited(a.text)
                self.articles[i] = replace(a, text=text, content_sha256=hashlib.sha256(text.encode()).hexdigest())
            elif kind == "publisher":
                self.articles[i] = replace(a, publisher=rng.choice(["daily", "herald", None]))
            else:
                self.articles[i] = replace(a, published=DAY0 + timedelta(days=rng.randint(0, 40)))

    def fresh(self) -> list[Article]:
        return [replace(a, extra={}, prepared={}, failed={}) for a in self.articles]


def _run(articles: list[Article], cache: FindingsCache | None, suite: Suite | None = None) -> tuple[list, list]:
    detectors = [d for d in registry() if d.name in CROSS]
    result = run_detectors(articles, suite or load_suite("news"), detectors=detectors, cache=cache)
    return result.findings, [a.extra for a in articles]


@pytest.mark.parametrize("seed", range(12))
def test_random_reruns_equal_runs_without_the_state(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    corpus = _Corpus(rng)
    cache = FindingsCache(tmp_path / "findings.parquet")
    for _ in range(8):
        assert _run(corpus.fresh(), cache) == _run(corpus.fresh(), None)
        corpus.step()
    assert (tmp_path / "cross" / "duplicate_near.npz").is_file()


def test_known_texts_are_not_computed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    corpus = _Corpus(rng)
    while len({a.content_sha256 for a in corpus.articles}) < 12:
        corpus.add()
    cache = FindingsCache(tmp_path / "findings.parquet")
    made: list[str] = []
    signature = near._signature
    monkeypatch.setattr(near, "_signature", lambda a, cfg: made.append(a.content_sha256) or signature(a, cfg))
    _run(corpus.fresh(), cache)
    assert set(made) == {a.content_sha256 for a in corpus.articles}
    corpus.articles.append(_article("new", _text(rng, "daily"), "daily", None))
    made.clear()
    _run(corpus.fresh(), cache)
    assert made == [corpus.articles[-1].content_sha256]  # only the new text


def test_other_params_or_a_damaged_file_are_not_read(tmp_path: Path) -> None:
    state = SavedState(tmp_path / "cross" / "x.npz", "fingerprint-1")
    assert state.load() is None
    state.save({"keys": np.arange(3, dtype=np.uint64)})
    assert state.load()["keys"].tolist() == [0, 1, 2]  # type: ignore[index]
    assert SavedState(state.path, "fingerprint-2").load() is None
    state.path.write_bytes(b"not a zip file")
    assert state.load() is None


def _old_candidate_pairs(keys: np.ndarray) -> set[tuple[int, int]]:
    """candidate_pairs as it was: one bucket at a time."""
    found: set[tuple[int, int]] = set()
    for band in range(keys.shape[1]):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        bounds = np.flatnonzero(np.diff(ordered)) + 1
        for members in np.split(order, bounds):
            members = np.sort(members)
            for step in range(1, min(len(members) - 1, lsh.MAX_BUCKET_PAIRS) + 1):
                found.update(zip(members[:-step].tolist(), members[step:].tolist()))
    return found


def test_candidate_pairs_are_those_of_one_bucket_at_a_time() -> None:
    rng = np.random.default_rng(3)
    for rows, values in [(50, 3), (300, 2), (500, 40), (200, 1)]:  # buckets of 1 to 300 rows
        keys = rng.integers(0, values, size=(rows, 4)).astype(np.uint64)
        got = lsh.candidate_pairs(keys)
        assert [tuple(p) for p in got.tolist()] == sorted(_old_candidate_pairs(keys))


def test_a_state_that_cannot_be_written_is_no_failure(tmp_path: Path) -> None:
    (tmp_path / "cross").write_text("a file where the folder should be")
    state = SavedState(tmp_path / "cross" / "x.npz", "fingerprint-1")
    state.save({"keys": np.arange(3, dtype=np.uint64)})  # no exception
    assert state.load() is None


def test_exact_keys_and_claims_of_known_texts_are_not_made_again(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A rerun makes duplicate.exact's key and contradiction's claims for the new text only
    (and the claims of undated articles, whose dates come from the corpus)."""
    from audit.detect.consistency import contradictions
    from audit.detect.duplicates import exact

    rng = random.Random(3)
    corpus = _Corpus(rng)
    cache = FindingsCache(tmp_path / "findings.parquet")
    keyed: list[str] = []
    claimed: list[str] = []
    exact_key, claims_of = exact.exact_key, contradictions.claims_of
    monkeypatch.setattr(exact, "exact_key", lambda text: keyed.append(text) or exact_key(text))
    monkeypatch.setattr(contradictions, "claims_of",
                        lambda a, *rest: claimed.append(a.article_id) or claims_of(a, *rest))
    first = _run(corpus.fresh(), cache)[0]
    assert len(keyed) == len(corpus.articles) and any(f.check == "consistency.contradiction" for f in first)
    new = _article("new", "The newly installed German Chancellor Friedrich Merz travelled to Kyiv. "
                   + _sentence(rng), "daily", date(2025, 5, 20))
    corpus.articles.insert(3, new)
    keyed.clear()
    claimed.clear()
    _run(corpus.fresh(), cache)
    assert keyed == [new.text]
    assert {a for a in claimed if a not in {b.article_id for b in corpus.articles if b.published is None}} == {"new"}


def _other_settings() -> Suite:
    """The news suite with other params for each check of CROSS (another state fingerprint)."""
    suite = load_suite("news")
    changed = {"duplicate.near": {"threshold": 0.75},
               "consistency.contradiction": {"max_days": 7, "undated_span_days": 60},
               # a share whose floor moves as the corpus's publishers grow (a state made under
               # other floors is not read incrementally: boilerplate_saved)
               "boilerplate.line": {"recur_min_docs": 2, "recur_min_docs_prose": 4, "recur_min_share_prose": 0.8}}
    rules = {check: replace(rule, params={**rule.params, **changed.get(check, {})}) if isinstance(rule, CheckRule)
             else rule for check, rule in suite.rules.items()}
    return replace(suite, rules=rules)


@pytest.mark.parametrize("seed", range(4))
def test_reruns_under_changing_settings_equal_runs_without_the_state(tmp_path: Path, seed: int) -> None:
    """Settings switched back and forth between reruns: each state is read only under the
    settings it was made with, so every run equals one without it."""
    rng = random.Random(100 + seed)
    corpus = _Corpus(rng)
    suites = [load_suite("news"), _other_settings()]
    cache = FindingsCache(tmp_path / "findings.parquet")
    for _ in range(6):
        suite = rng.choice(suites)
        assert _run(corpus.fresh(), cache, suite) == _run(corpus.fresh(), None, suite)
        corpus.step()


@pytest.mark.parametrize("seed", range(3))
def test_reruns_of_the_corpus_in_another_order_equal_runs_without_the_state(tmp_path: Path, seed: int) -> None:
    """boilerplate's state places a kept article's units by its row of the last run: with the
    articles in another order (not the last run's), by each one's place, not by masks."""
    rng = random.Random(200 + seed)
    corpus = _Corpus(rng)
    cache = FindingsCache(tmp_path / "findings.parquet")
    for _ in range(5):
        assert _run(corpus.fresh(), cache) == _run(corpus.fresh(), None)
        corpus.step()
        rng.shuffle(corpus.articles)


def test_exact_groups_are_those_of_a_dict_of_keys() -> None:
    """exact_saved._groups against a dict of whole keys: keys that share their first eight
    bytes (or all but their last) are told apart, blank texts are in no group, members
    ascend and groups come in the order of their first member."""
    from audit.detect.duplicates.exact_saved import _groups

    rng = np.random.default_rng(5)
    for size, distinct in [(2, 1), (50, 10), (400, 30), (1000, 900)]:
        pool = rng.integers(0, 256, size=(distinct, 32), dtype=np.uint8)
        pool[: distinct // 2, :8] = pool[0, :8]  # half the keys share a first word
        pool[1 : distinct // 4, :31] = pool[0, :31]  # and some all but the last byte
        digests = pool[rng.integers(0, distinct, size=size)]
        filled = rng.random(size) < 0.9
        by_key: dict[bytes, list[int]] = {}
        for doc in np.flatnonzero(filled).tolist():
            by_key.setdefault(digests[doc].tobytes(), []).append(doc)
        expected = sorted((docs, key.hex()) for key, docs in by_key.items() if len(docs) > 1)
        assert _groups(digests, filled) == expected
