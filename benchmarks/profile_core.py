"""A cold run on real one-paragraph articles, profiled per stage and per function.

    python benchmarks/profile_core.py build [--n 2000] [--out /work/cache/speedcore/corpus.jsonl]
    python benchmarks/profile_core.py run [--corpus ...] [--out DIR] [--profile FILE]
    python benchmarks/profile_core.py compare --old-tree DIR [--n 400]

`build` makes the corpus issue 13 describes: the 181 gold bodies of
../shared/data/article-extraction-benchmark flattened into one paragraph each, cut and
shuffled into varied articles (different openings, lengths and sentence orders, so they
are not copies), a fifth of them damaged as wrong-codec extraction damages text
(`text.encode("utf-8").decode("cp1252", errors="replace")`, whole or in part).
`run` runs `audit.pipeline.run` cold on it (no cache) and prints the seconds per stage
and per detector; with --profile, cProfile's top functions by cumulative time too.
`compare` times the per-article steps issue 13 named, old code against this tree's, in
one process on the same articles (ratios survive a busy machine; seconds do not), and
checks that both give the same answers. DIR is the tree before issue 13, e.g.
`git archive 6b1e70d | tar -x -C /tmp/old`.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import re
import sys
import time
from pathlib import Path

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def build_corpus(n: int, seed: int = 13) -> list[dict[str, str]]:
    """n one-paragraph articles from the gold bodies; about a fifth with mojibake."""
    rng = random.Random(seed)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    bodies = [" ".join(item["articleBody"].split()) for _, item in sorted(gold.items())]
    records = []
    for number in range(n):
        sentences = _SENTENCES.split(bodies[number % len(bodies)])
        start = rng.randrange(max(1, len(sentences) // 3))
        keep = sentences[start:start + rng.randint(5, 60)]
        if len(keep) > 3 and rng.random() < 0.5:  # reorder a few sentences
            i, j = rng.sample(range(len(keep)), 2)
            keep[i], keep[j] = keep[j], keep[i]
        text = " ".join(keep)
        roll = rng.random()
        if roll < 0.1:  # the whole article read with the wrong codec
            text = text.encode("utf-8").decode("cp1252", errors="replace")
        elif roll < 0.2:  # one part of it (a quote box pasted from another page)
            a = rng.randrange(len(text))
            b = min(len(text), a + rng.randint(50, 800))
            text = text[:a] + text[a:b].encode("utf-8").decode("cp1252", errors="replace") + text[b:]
        records.append({"id": f"a{number:05d}", "text": text})
    return records


def _load(path: Path, name: str):  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _timed(function, items):  # type: ignore[no-untyped-def]
    clock = time.perf_counter()
    out = [function(item) for item in items]
    return time.perf_counter() - clock, out


def _five_calls(find, text: str):  # type: ignore[no-untyped-def]
    for _ in range(4):
        find(text)
    return find(text)


def compare(old_tree: Path, texts: list[str]) -> None:
    """Old against new, step by step: seconds for all texts and whether answers agree."""
    from audit.detect.language import mixed as new_mixed
    from audit.model import Article
    from audit.normalise import dates as new_dates
    from audit.normalise import encoding as new_encoding
    from audit.normalise.language import detect_language, language_probabilities

    old_encoding = _load(old_tree / "audit/normalise/encoding.py", "old_encoding")
    old_dates = _load(old_tree / "audit/normalise/dates.py", "old_dates")
    old_mixed = _load(old_tree / "audit/detect/language_mixed.py", "old_mixed")
    rows = []

    def step(name, old, new, same=lambda a, b: a == b):  # type: ignore[no-untyped-def]
        t_old, a = _timed(old, texts)
        t_new, b = _timed(new, texts)
        agree = sum(1 for x, y in zip(a, b) if same(x, y))
        rows.append((name, t_old, t_new, agree))

    fields = lambda found: [tuple(vars(x).values()) for x in found]  # noqa: E731
    step("encoding repairs", old_encoding.find_repairs, new_encoding.find_repairs,
         lambda a, b: fields(a) == fields(b))
    # the old code scanned an article's dates 5 times (publication date twice, three
    # date checks); the new one scans once and the other calls hit the memo
    new_dates._scan_dates.cache_clear()
    step("dates, 5 calls an article", lambda t: _five_calls(old_dates.find_dates, t),
         lambda t: _five_calls(new_dates.find_dates, t),
         lambda a, b: fields(a) == fields(b))
    step("article language", lambda t: (language_probabilities(t) or [(None,)])[0][0],
         lambda t: detect_language(t).language)
    languages = [detect_language(t).language for t in texts]
    articles = [Article(article_id=str(i), source_uri="x", source_sha256="", title=None,
                        published=None, published_from="none", publisher=None, url=None,
                        language=lang, language_prob=None, text=t, content_sha256="")
                for i, (t, lang) in enumerate(zip(texts, languages))]
    by_text = {a.text: a for a in articles}
    step("language.mixed", lambda t: list(old_mixed.find_mixed_language([by_text[t]], {})),
         lambda t: list(new_mixed.find_mixed_language([by_text[t]], {})))
    print(f"{len(texts)} articles   step                      old s   new s  speed-up  same answer")
    for name, t_old, t_new, agree in rows:
        print(f"{'':13} {name:26} {t_old:6.2f}  {t_new:6.2f}  {t_old / max(t_new, 1e-9):7.1f}x  "
              f"{agree}/{len(texts)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["build", "run", "compare"])
    parser.add_argument("--old-tree", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--corpus", default="/work/cache/speedcore/corpus.jsonl")
    parser.add_argument("--out", default="/work/cache/speedcore/run")
    parser.add_argument("--profile")
    args = parser.parse_args()
    if args.command == "build":
        records = build_corpus(args.n)
        with open(args.corpus, "w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        chars = sum(len(r["text"]) for r in records) / len(records)
        print(f"{len(records)} articles, mean {chars:.0f} chars -> {args.corpus}")
        return
    if args.command == "compare":
        lines = Path(args.corpus).read_text(encoding="utf-8").splitlines()[:args.n]
        compare(args.old_tree, [json.loads(line)["text"] for line in lines])
        return
    clock = time.perf_counter()
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    from audit.pipeline import run

    result = run([args.corpus], out=args.out, on_problem=None)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    wall = time.perf_counter() - clock
    n = len(result.articles)
    print(f"{n} articles, wall {wall:.1f} s ({n / wall:.0f} articles/s, imports included)")
    for stage, seconds in result.summary["seconds"].items():
        print(f"  {stage:32} {seconds:8.2f} s")
    if profiler:
        pstats.Stats(args.profile, stream=sys.stdout).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
