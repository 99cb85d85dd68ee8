"""Precision and recall of the consistency.* checks on defects injected into real articles.

    python benchmarks/bench_consistency.py [--seed 7]

Texts: the gold article bodies of the Zyte article-extraction benchmark
(/work/shared/data/article-extraction-benchmark/ground-truth.json, 181 real pages, read
in place). Publication date: the /YYYY/MM/DD/ of the URL when it has one, else
2019-11-19 (the crawl week: most dated URLs are 2019-11-18/19). For each check, every
article is copied twice: once with one injected defect (a new paragraph at a random
place, its span known) and once with a correct counterpart sentence (the control). A
finding counts as a true positive when it overlaps an injected defect span; any other
finding of that check (in the untouched text or on a control) is a false positive.
Each check runs on its own corpus, so a wrong title injected for one check does not
count against another. Contradictions are injected into pairs of articles dated a few
days apart, each pair audited alone; the defect is the wrong claim (one finding per pair
of claims, on the wrong one). Cost: each detector over the 181 untouched
articles, scaled to 1,000; dateparser's search_dates is timed on the same texts for
comparison with our reader (it is not used by the checks; see the printed figures).
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from audit.detect.consistency import (
    contradictions,
    dates,
    name_variants,
    relative_dates,
    titles,
    weekdays,
)
from audit.detect.consistency.office_holders import fold, load_table, load_titles, needs_first_name
from audit.model import Article
from audit.normalise.dates import find_dates, find_relative_dates

GOLD = Path("/work/shared/data/article-extraction-benchmark/ground-truth.json")
CRAWL_WEEK = date(2019, 11, 19)
SHOW = False
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?:/|$)")
FINDERS: dict[str, Callable] = {
    "consistency.invalid_date": dates.find_invalid_dates,
    "consistency.weekday": weekdays.find_weekday_mismatches,
    "consistency.relative_date": relative_dates.find_relative_date_conflicts,
    "consistency.title_anachronism": titles.find_title_anachronisms,
    "consistency.name_variant": name_variants.find_name_variants,
    "consistency.contradiction": contradictions.find_contradictions,
}
# Defects already in the gold texts, read by hand (gold id prefix, check, excerpt): true
# findings, counted as true positives and printed apart from the injected ones.
NATURAL_DEFECTS = {
    ("7a664e40", "consistency.name_variant", "Zelenskyy"),  # "Zelensky" and "Zelenskyy" (CBS)
    ("82b6d780", "consistency.name_variant", "Zelensky"),  # "Zelenskiy" x4 and "Zelensky" (AP)
}
TITLE_TEXT = {"president": "President", "prime_minister": "Prime Minister", "chancellor": "Chancellor",
              "foreign_minister": "Foreign Minister", "defence_minister": "Defence Minister",
              "secretary_general": "Secretary-General", "king": "King"}


@dataclass
class Case:
    article: Article
    defect: tuple[int, int] | None  # injected defect span, None for a control


def load_gold() -> list[tuple[str, date, str]]:
    """(text, publication date, gold id) of every gold article."""
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    out = []
    for gold_id, record in data.items():
        m = _URL_DATE.search(record["url"])
        try:
            published = date(int(m[1]), int(m[2]), int(m[3])) if m else CRAWL_WEEK
        except ValueError:
            published = CRAWL_WEEK
        out.append((record["articleBody"], published, gold_id))
    return out


def make_article(article_id: str, text: str, published: date | None) -> Article:
    return Article(article_id=article_id, source_uri=article_id, source_sha256="", title=None,
                   published=published, published_from="metadata", publisher=None, url=None,
                   language="en", language_prob=None, text=text, content_sha256="")


def inject(text: str, sentence: str, mark: tuple[int, int] | None, rng: random.Random) -> tuple[str, tuple[int, int] | None]:
    """Insert `sentence` as a paragraph at a random break; `mark` is a span inside it."""
    breaks = [0] + [m.end() for m in re.finditer(r"\n", text)]
    at = rng.choice(breaks)
    new = text[:at] + sentence + "\n" + text[at:]
    return new, (at + mark[0], at + mark[1]) if mark else None


def fmt(day: date, rng: random.Random, weekday: int | None = None, year: bool = True) -> str:
    """A date in one of the common English forms, with a weekday when given."""
    wd = f"{calendar.day_name[weekday]}, " if weekday is not None else ""
    month = calendar.month_name[day.month]
    forms = [f"{wd}{month} {day.day}" + (f", {day.year}" if year else ""),
             f"{wd}{day.day} {month}" + (f" {day.year}" if year else "")]
    if year and day.day > 12:
        forms.append(f"{wd}{day.day}/{day.month:02d}/{day.year}")
    return rng.choice(forms)


def sentence_with(template: str, phrase: str) -> tuple[str, tuple[int, int]]:
    before, after = template.split("{}")
    return before + phrase + after, (len(before), len(before) + len(phrase))


def invalid_date_case(published: date, rng: random.Random, bad: bool) -> tuple[str, tuple[int, int]]:
    if bad:
        month, day = rng.choice([(4, 31), (6, 31), (9, 31), (11, 31), (2, 30), (2, 31)])
        phrase = rng.choice([f"{calendar.month_name[month]} {day}", f"{day} {calendar.month_name[month]}"])
        if rng.random() < 0.3:
            phrase = f"February 29, {rng.choice([2019, 2021, 2022, 2023, 2025])}"
    else:
        phrase = fmt(published - timedelta(days=rng.randint(1, 60)), rng, year=rng.random() < 0.5)
    return sentence_with("The agreement was signed on {} after months of talks.", phrase)


def weekday_case(published: date, rng: random.Random, bad: bool) -> tuple[str, tuple[int, int]]:
    day = published - timedelta(days=rng.randint(1, 40))
    weekday = (day.weekday() + rng.randint(1, 6)) % 7 if bad else day.weekday()
    return sentence_with("The hearing took place on {}, officials said.", fmt(day, rng, weekday, rng.random() < 0.7))


def relative_case(published: date, rng: random.Random, bad: bool) -> tuple[str, tuple[int, int]]:
    word, offset = rng.choice([("tomorrow", 1), ("yesterday", -1), ("today", 0)])
    meant = published + timedelta(days=offset)
    stated = meant + timedelta(days=rng.choice([-1, 1]) * rng.randint(2, 40)) if bad else meant
    if rng.random() < 0.3:  # a weekday instead of a date: 2 to 5 days off when bad (tolerance 1)
        shown = (meant.weekday() + rng.randint(2, 5)) % 7 if bad else meant.weekday()
        phrase = f"{word}, {calendar.day_name[shown]}"
    else:
        phrase = f"{word}, {fmt(stated, rng, year=rng.random() < 0.5)}"
    return sentence_with("Officials said the measure takes effect {}, according to the statement.", phrase)


def office_people(published: date) -> list[tuple[str, str, str, str]]:
    """(title phrase, holder then, an earlier holder, office key) for offices the table covers."""
    table = load_table()
    countries = load_titles()["countries"]
    out = []
    for (office, country), terms in table.terms_by_office.items():
        holder = table.holder_on(office, country, published)
        earlier = [t for t in terms if t.end is not None and t.end < published - timedelta(days=30)
                   and t.person_id != (holder.person_id if holder else None)]
        if holder and earlier and office in TITLE_TEXT:
            adjective = {"US": "U.S.", "GB": "British"}.get(country, countries[country][0])
            past = table.people[earlier[-1].person_id].name
            out.append((f"{adjective} {TITLE_TEXT[office]}", table.people[holder.person_id].name, past, office))
    return out


def title_case(published: date, rng: random.Random, bad: bool) -> tuple[str, tuple[int, int]]:
    """A wrong title (earlier holder as current, current holder as former, -elect after the
    start) or a right one, in the forms news uses; controls include then- titles."""
    title, now, past, _ = rng.choice(office_people(published))
    short = next(t for t in TITLE_TEXT.values() if title.endswith(" " + t))  # "Chancellor"
    adjective = title[: -len(short) - 1]  # "German", "South Korean"
    lower = f"{adjective} {short.lower()}"  # "the German chancellor"
    wrong = [f"{title} {past}", f"{short} {past}", f"{past}, the {lower}",
             f"former {title} {now}", f"ex-{short} {now}", f"{now}, the former {lower}"]
    right = [f"{title} {now}", f"{short} {now}", f"{now}, the {lower}",
             f"former {title} {past}", f"then-{title} {past}", f"{past}, the then {lower}"]
    template = rng.choice(["{} said on Monday that the plan would be reviewed.",
                           "In a statement, {} called the decision premature.",
                           "The proposal was welcomed by {} and several allies."])
    return sentence_with(template, rng.choice(wrong if bad else right))


def typo(word: str, rng: random.Random) -> str:
    """A doubled or swapped letter (a different word: "Pompeo" -> "Popmeo")."""
    while True:
        i = rng.randint(2, len(word) - 3)
        new = word[:i] + word[i] + word[i:] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if new != word and word[i].isalpha() and word[i + 1].isalpha():
            return new


def variant_case(published: date, rng: random.Random, bad: bool) -> tuple[str, tuple[int, int]]:
    """A person named three times; the third spelling differs when `bad`: another table
    spelling (not diacritics only), or a typo of a one-word surname of 6+ letters."""
    table = load_table()
    people = []
    for p in sorted(table.people.values(), key=lambda p: p.person_id):
        forms = sorted({fold(f): f for f in p.surname_forms if f not in needs_first_name()}.values())
        if len(forms) > 1 or (forms and len(forms[0]) >= 6 and " " not in forms[0]):
            people.append((p, forms))
    person, forms = rng.choice(people)
    main = rng.choice(forms)
    others = [f for f in forms if f != main]
    typo_ok = len(main) >= 6 and " " not in main
    other = rng.choice(others) if others and (rng.random() < 0.7 or not typo_ok) else typo(main, rng)
    first = " ".join(t for t in person.name.split() if t in person.first_names)
    intro = f"{first} {main}" if first and " " not in main else main
    text = f"{intro} said on Monday that talks would go on. {main} later met reporters. "
    return sentence_with(text + "{} declined to comment further.", other if bad else main)


def run_check(check: str, cases: list[Case]) -> tuple[int, int, int, int]:
    """(defects found, defects, true-positive findings, all findings)."""
    findings = list(FINDERS[check]([c.article for c in cases], {}))
    spans = {c.article.article_id: c.defect for c in cases}
    hit = set()
    tp = 0
    for f in findings:
        span = spans.get(f.article_id)
        if span and f.start is not None and f.start < span[1] and span[0] < f.end:
            tp += 1
            hit.add(f.article_id)
        elif (f.article_id.split(":")[0][:8], check, f.excerpt) in NATURAL_DEFECTS:
            tp += 1
            print(f"  natural defect (verified by hand): {f.article_id} {f.excerpt!r}")
        elif SHOW:
            print(f"  false positive {check}: {f.excerpt!r} ({f.message})")
    for c in cases:
        if SHOW and c.defect and c.article.article_id not in hit:
            print(f"  missed {check}: {c.article.text[c.defect[0]:c.defect[1]]!r} "
                  f"(published {c.article.published})")
    defects = sum(1 for c in cases if c.defect)
    return len(hit), defects, tp, len(findings)


def contradiction_pairs(gold: list[tuple[str, date, str]], rng: random.Random) -> tuple[int, int, int, int]:
    found = defects = tp = total = 0
    for i in range(0, len(gold) - 1, 2):
        (text_a, day, _), (text_b, _, _) = gold[i], gold[i + 1]
        title, now, past, _ = rng.choice(office_people(day))
        bad = i % 4 == 0
        other = (f"former {title} {now}" if rng.random() < 0.5 else f"{title} {past}") if bad else f"{title} {now}"
        sa, ma = sentence_with("{} said on Monday that the plan would be reviewed.", f"{title} {now}")
        sb, mb = sentence_with("{} said the proposal was under study.", other)
        a_text, _ = inject(text_a, sa, ma, rng)
        b_text, b_span = inject(text_b, sb, mb, rng)
        # one finding per pair, on the wrong claim (B): A's right claim is no defect
        cases = [Case(make_article(f"p{i}a", a_text, day), None),
                 Case(make_article(f"p{i}b", b_text, day + timedelta(days=rng.randint(0, 5))),
                      b_span if bad else None)]
        f, d, t, n = run_check("consistency.contradiction", cases)
        found, defects, tp, total = found + f, defects + d, tp + t, total + n
    return found, defects, tp, total


def single_article_check(check: str, maker: Callable, gold: list[tuple[str, date, str]], rng: random.Random):
    cases = []
    for text, published, gold_id in gold:
        for bad in (True, False):
            sentence, mark = maker(published, rng, bad)
            new, span = inject(text, sentence, mark, rng)
            cases.append(Case(make_article(f"{gold_id}:{'d' if bad else 'c'}", new, published),
                              span if bad else None))
    return run_check(check, cases)


def cost(gold: list[tuple[str, date, str]]) -> None:
    """Seconds per 1,000 articles (timed alone), then peak traced memory (a second pass)."""
    articles = [make_article(gold_id, t, d) for t, d, gold_id in gold]
    scale = 1000 / len(articles)
    load_table()  # built once per process; its build time is printed separately
    for check, finder in FINDERS.items():
        clock = time.perf_counter()
        list(finder(articles, {}))
        seconds = time.perf_counter() - clock
        tracemalloc.start()
        list(finder(articles, {}))
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"  {check:32s} {seconds * scale:7.3f} s per 1,000 articles, peak {peak:5.1f} MB")
    clock = time.perf_counter()
    for text, _, _ in gold:
        find_dates(text)
        find_relative_dates(text)
    ours = (time.perf_counter() - clock) * scale
    try:
        from dateparser.search import search_dates
    except ImportError:
        print(f"  date reading: ours {ours:.3f} s per 1,000 articles (dateparser not installed)")
        return
    sample = gold[:30]
    clock = time.perf_counter()
    for text, _, _ in sample:
        search_dates(text, languages=["en"])
    theirs = (time.perf_counter() - clock) * 1000 / len(sample)
    print(f"  date reading: ours {ours:.3f} s per 1,000 articles; dateparser.search_dates "
          f"{theirs:.1f} s per 1,000 (30-article sample)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", action="store_true", help="print each miss and false positive")
    args = parser.parse_args()
    global SHOW
    SHOW = args.show
    rng = random.Random(args.seed)
    clock = time.perf_counter()
    load_table()
    print(f"office table: {len(load_table().people)} people, built in {time.perf_counter() - clock:.2f} s")
    gold = load_gold()
    makers = {"consistency.invalid_date": invalid_date_case, "consistency.weekday": weekday_case,
              "consistency.relative_date": relative_case, "consistency.title_anachronism": title_case,
              "consistency.name_variant": variant_case}
    print(f"{len(gold)} gold articles; one defect + one control copy each (pairs for contradictions)")
    print(f"{'check':32s} {'recall':>14s} {'precision':>16s}")
    results = {check: single_article_check(check, maker, gold, rng) for check, maker in makers.items()}
    results["consistency.contradiction"] = contradiction_pairs(gold, rng)
    for check, (found, defects, tp, total) in results.items():
        recall = found / defects if defects else 0.0
        precision = tp / total if total else 1.0
        print(f"{check:32s} {recall:6.3f} ({found}/{defects}) {precision:6.3f} ({tp}/{total})")
    print("cost (untouched gold texts):")
    cost(gold)


if __name__ == "__main__":
    main()
