"""How each per-article step's cost grows with one article's length, on real and odd shapes.

    python benchmarks/bench_growth.py [--sizes 25000,50000,100000,200000] [--shapes real,dates]

Why: a step quadratic in an article's length hides on a corpus of 3 KB articles and takes
a run down on the one record of 200,000 characters (the suite's default cut) that real
corpora hold: a transcript, a live blog, a page of results. Issue 13 asks for no such
step; find_dates had one (3,000 dates in 200,000 characters: 2.4 s an article). For each
shape the text is made at each size, normalised, its language detected, and every
per-article detector and cross-article share (`prepare`) run on it alone, as
bench_per_article runs them. Printed: CPU ms at each size and the growth exponent from
the smallest to the largest size (1.0 linear, 2.0 quadratic); a step over 1.3 whose
largest time is past 50 ms is marked "<-".

Shapes: `real` (the gold bodies of ../shared/data/article-extraction-benchmark joined in
one paragraph), `lines` (the same, a line a sentence), `dates` (prose with a date every
sentence), `repeated` (one real paragraph again and again), `names` (office titles and
names), `list` (short lines of links and labels), `cjk` (Chinese without spaces),
`nospace` (one token).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from audit.model import RawRecord

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"
FALLBACK = ("Ukrainian President Volodymyr Zelensky arrived in Turkey on Thursday in a pessimistic "
            "mood, considering the Russian delegation included no high-profile negotiator. ")


def _gold_sentences() -> list[str]:
    if not GOLD.is_file():
        return [FALLBACK.strip()]
    bodies = [v.get("articleBody") or "" for v in json.loads(GOLD.read_text(encoding="utf-8")).values()]
    return [s for b in bodies for s in re.split(r"(?<=[.!?])\s+", b.replace("\n", " ")) if len(s) > 30]


def shapes() -> dict[str, Callable[[int], str]]:
    """Shape name -> a text of about n characters."""
    sentences = _gold_sentences()
    rng = random.Random(13)

    def fill(n: int, make: Callable[[int], str], sep: str = " ") -> str:
        parts, size, i = [], 0, 0
        while size < n:
            part = make(i)
            parts.append(part)
            size, i = size + len(part) + len(sep), i + 1
        return sep.join(parts)[:n]

    def dated(i: int) -> str:
        return (f"On {rng.choice(['Monday', 'Friday', 'Tuesday'])}, {rng.choice(['April', 'May', 'June'])} "
                f"{rng.randint(1, 31)}, 20{rng.randint(10, 25)} the council met again. {sentences[i % len(sentences)]}")

    def named(i: int) -> str:
        return (f"{rng.choice(['former President', 'President', 'Prime Minister', 'Secretary of State'])} "
                f"{rng.choice(['Barack Obama', 'Donald Trump', 'Joe Biden', 'Boris Johnson', 'Hillary Clinton'])} "
                f"said on Tuesday that {sentences[i % len(sentences)].lower()}")

    return {
        "real": lambda n: fill(n, lambda i: sentences[i % len(sentences)]),
        "lines": lambda n: fill(n, lambda i: sentences[i % len(sentences)], "\n"),
        "dates": lambda n: fill(n, dated),
        "repeated": lambda n: fill(n, lambda i: sentences[i % 7]),
        "names": lambda n: fill(n, named),
        "list": lambda n: fill(n, lambda i: rng.choice(["Share", "Home", "World", "Sport", "More",
                                                        f"Read more: {sentences[i % len(sentences)][:40]}"]), "\n"),
        "cjk": lambda n: fill(n, lambda i: "这是一个很长的中文句子，没有空格，说明了会议的结果。"),
        "nospace": lambda n: "a" * n,
    }


def timed_steps(text: str) -> dict[str, float]:
    """CPU seconds of each per-article step on one article of `text`."""
    from audit.detect import registry
    from audit.detect.workers import plan_for
    from audit.normalise import to_article
    from audit.normalise.cache import LanguageCache
    from audit.normalise.language import detect_language
    from audit.suite import load_suite

    plan = plan_for(load_suite("news"))
    detectors = {d.name: d for d in registry()}
    record = RawRecord(source_uri="growth.jsonl#line=1", source_sha256="0" * 64, record_id="g",
                       text=text, fields={"published": "2021-06-01", "publisher": "Growth"})
    spent: dict[str, float] = {}
    clock = time.process_time()
    article = to_article(record, "g", language_cache=LanguageCache(None, deferred={}))
    spent["normalise"] = time.process_time() - clock
    clock = time.process_time()
    guess = detect_language(article.text)
    article.language, article.language_prob = guess.language, guess.probability
    spent["language"] = time.process_time() - clock
    for name in plan.names + plan.prepare:
        detector, params = detectors[name], plan.params[name]
        if not detector.supports(article):
            continue
        clock = time.process_time()
        if name in plan.names:
            list(detector.find([article], params))
        else:
            detector.prepare(article, params)
        spent[name if name in plan.names else f"{name}.prepare"] = time.process_time() - clock
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25000,50000,100000,200000")
    parser.add_argument("--shapes", default=",".join(shapes()))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    makers = shapes()
    timed_steps(makers["real"](2000))  # imports, word lists and memos loaded before the clock
    worst: list[tuple[float, str, str]] = []
    for shape in args.shapes.split(","):
        rows = {size: timed_steps(makers[shape](size)) for size in sizes}
        steps = sorted({s for r in rows.values() for s in r}, key=lambda s: -rows[sizes[-1]].get(s, 0))
        print(f"\n{shape}: CPU ms at {', '.join(f'{s:,}' for s in sizes)} characters; growth exponent")
        for step in steps:
            times = [rows[size].get(step, 0.0) for size in sizes]
            low, high = max(times[0], 1e-4), max(times[-1], 1e-4)
            exponent = math.log(high / low) / math.log(sizes[-1] / sizes[0])
            flag = " <-" if exponent > 1.3 and times[-1] > 0.05 else ""
            if times[-1] > 0.002 or flag:
                print(f"  {step:<28}" + "".join(f"{t * 1000:9.1f}" for t in times) + f"   {exponent:4.2f}{flag}")
            worst.append((exponent if times[-1] > 0.05 else 0.0, shape, step))
        total = [sum(rows[size].values()) for size in sizes]
        print(f"  {'total':<28}" + "".join(f"{t * 1000:9.1f}" for t in total))
    exponent, shape, step = max(worst)
    print(f"\nsteepest step past 50 ms: {step} on {shape}, exponent {exponent:.2f}")


if __name__ == "__main__":
    main()
