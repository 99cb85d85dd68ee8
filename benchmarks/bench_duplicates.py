"""Benchmark of the duplicate checks: planted copies, passages and repeats in real news text.

Real texts: the 181 gold article bodies of the article-extraction-benchmark (read from
/work/shared/data, never copied) plus the 5 seeds. To reach N articles, the rest are
made from them:
  * near copies of a real article with controlled edits (new headline, dateline, a
    paragraph removed, word swaps, sentences deleted/inserted, spelling variants); the
    truth is the exact word 3-gram Jaccard with the original (>= 0.8 is a near copy);
  * exact copies (case, quote style and spacing changed);
  * background articles from a word-bigram chain trained on the real texts (news-like
    vocabulary, no long verbatim runs), some hosting a passage of 20/40/60/100 words
    lifted from a real article (quote marks changed, sometimes a word respelled), some
    with a planted repeated sentence.
Prints precision and recall per check, seconds per detector and per 10,000 articles,
and peak RSS. `python benchmarks/bench_duplicates.py [--articles N] [--seed S]`.

`--scale 2000,20000` instead times duplicate.near and duplicate.passage alone on the
real-text corpus of bench_run (benchmarks/real_corpus.py: BBC News and the gold bodies,
flattened, with copies, lifted passages and mojibake), one child process per size so each
peak RSS is its own: CPU seconds of each check, articles/s, ms per article (both checks),
as called without workers; then the per-article shares made first as the workers make them
(prepare s) and the checks' corpus step alone; peak RSS, and a digest of the findings
(one digest: equal findings both ways). `--findings DIR` writes them too.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import itertools
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from audit.detect.duplicates.exact import find_exact_duplicates
from audit.detect.duplicates.index import load_index, update_index
from audit.detect.duplicates.near import CLUSTER_COLUMN, find_near_duplicates, shingles_of
from audit.detect.duplicates.passage import find_shared_passages
from audit.detect.duplicates.repeated import find_repeated_sentences
from audit.detect.duplicates.tokens import jaccard, tokenise
from audit.model import Article
from audit.normalise.text import normalise_text

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path("/work/shared/data/article-extraction-benchmark/ground-truth.json")
PASSAGE_LENGTHS = (20, 40, 60, 100)
SPELLING = {"color": "colour", "organization": "organisation", "center": "centre",
            "defense": "defence", "traveled": "travelled", "analyze": "analyse"}


def real_texts() -> list[str]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    texts = [v["articleBody"] for v in gold.values() if len(v["articleBody"].split()) >= 80]
    return texts + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


class Chain:
    """Word bigram chain over the real texts: background articles that share no passages."""

    def __init__(self, texts: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.next: dict[str, list[str]] = defaultdict(list)
        for text in texts:
            words = text.split()
            for a, b in itertools.pairwise(words):
                self.next[a].append(b)
        self.starts = [w for w in self.next if w[:1].isupper()]

    def sentence(self, low: int = 10, high: int = 30) -> str:
        word, out = self.rng.choice(self.starts), []
        for _ in range(self.rng.randint(low, high)):
            out.append(word)
            word = self.rng.choice(self.next.get(word) or self.starts)
        return " ".join(out).rstrip(".,;:") + "."

    def article(self, words: int) -> str:
        paragraphs, count = [], 0
        while count < words:
            para = " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))
            paragraphs.append(para)
            count += len(para.split())
        return "\n\n".join(paragraphs)


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s]


def near_copy(text: str, chain: Chain, rng: random.Random) -> str:
    """Re-syndication edits of random strength, as wire partners make them."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    paragraphs[0] = chain.sentence(6, 12)  # a changed headline
    if len(paragraphs) > 4 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs))]  # a removed paragraph
    body = [sentences(p) for p in paragraphs[1:]]
    for _ in range(rng.randint(0, 3)):  # deleted and inserted sentences
        para = rng.choice(body)
        if para and rng.random() < 0.5:
            del para[rng.randrange(len(para))]
        else:
            para.insert(rng.randint(0, len(para)), chain.sentence())
    words = "\n".join(" ".join(p) for p in body).split(" ")
    for _ in range(int(len(words) * rng.uniform(0, 0.04))):  # word swaps
        i = rng.randrange(len(words))
        words[i] = rng.choice(chain.starts).lower() + ("\n" if words[i].endswith("\n") else "")
    edited = " ".join(words)
    for us, uk in SPELLING.items():
        edited = edited.replace(us, uk)
    dateline = rng.choice(["", "LONDON (Reuters) - ", "WASHINGTON (AP) — "])
    return paragraphs[0] + "\n" + dateline + edited


def lifted(text: str, length: int, rng: random.Random) -> str:
    """A run of `length` words (as the checks count them) from `text`, quote marks changed,
    sometimes one inner word respelled ("Zelensky" -> "Zelenskyy", or a changed letter)."""
    tokens = tokenise(text)
    first = rng.randrange(0, max(1, len(tokens) - length))
    start, end = tokens.span(first, min(len(tokens), first + length))
    passage = text[start:end]
    if rng.random() < 0.3:
        inner = tokens.ends[first + rng.randrange(1, length - 1)] - start
        last = passage[inner - 1]
        other = passage[inner - 1] if rng.random() < 0.5 else ("a" if last != "a" else "e")
        passage = passage[:inner - 1] + last + other + passage[inner:]  # doubled or changed
    return passage.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")


def build(n: int, rng: random.Random):  # type: ignore[no-untyped-def]
    texts = real_texts()
    sizes = [len(tokenise(t)) for t in texts]
    chain = Chain(texts, rng)
    corpus: list[tuple[str, str]] = []
    family: dict[str, int] = {}  # article -> real text it derives from
    sources: dict[str, set[int]] = defaultdict(set)  # article -> real texts it holds material of
    truth: dict[str, list] = {"near": [], "exact": [], "passage": [], "repeat": []}
    for b, text in enumerate(texts):
        corpus.append((f"real{b}", chain.sentence(6, 12) + "\n" + text))
        family[f"real{b}"] = b
    budget = n - len(corpus)
    for i in range(int(budget * 0.12)):
        b = rng.randrange(len(texts))
        copy = near_copy(corpus[b][1], chain, rng)
        corpus.append((f"near{i}", copy))
        family[f"near{i}"] = b
        truth["near"].append((f"near{i}", f"real{b}", jaccard(shingles_of(copy), shingles_of(corpus[b][1]))))
    for i in range(int(budget * 0.02)):
        b = rng.randrange(len(texts))
        corpus.append((f"exact{i}", corpus[b][1].upper().replace("'", "\u2019").replace(" ", "  ")))
        family[f"exact{i}"] = b
        truth["exact"].append((f"exact{i}", f"real{b}"))
    hosts = int(budget * 0.08)
    for i in range(n - len(corpus)):
        text = chain.article(rng.randint(150, 900))
        ident = f"bg{i}"
        if i < hosts:
            length = PASSAGE_LENGTHS[i % len(PASSAGE_LENGTHS)]
            b = rng.choice([t for t, n in enumerate(sizes) if n >= length + 10])
            quote = lifted(texts[b], length, rng)
            paragraphs = text.split("\n\n")
            paragraphs.insert(rng.randint(1, len(paragraphs)), f"\u201c{quote}\u201d")
            text = "\n\n".join(paragraphs)
            sources[ident].add(b)
            truth["passage"].append((ident, b, length, text.index(quote), text.index(quote) + len(quote)))
        elif i < hosts + int(budget * 0.03):
            repeat = chain.sentence(14, 30)
            text = f"{repeat}\n\n{text}\n\n{repeat}"
            truth["repeat"].append((ident, text.rindex(repeat)))
        corpus.append((ident, text))
    return corpus, family, sources, truth


def article(ident: str, text: str) -> Article:
    return Article(article_id=ident, source_uri=ident, source_sha256="", title=None, published=None,
                   published_from="none", publisher=None, url=None, language="en",
                   language_prob=None, text=text, content_sha256=ident)


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


def evaluate(articles, found, family, sources, truth, threshold: float) -> None:  # type: ignore[no-untyped-def]
    by_check = defaultdict(list)
    for f in found:
        by_check[f.check].append(f)
    cluster = {a.article_id: a.extra.get(CLUSTER_COLUMN) for a in articles}

    near_true = [(c, o) for c, o, j in truth["near"] if j >= threshold]
    found_near = sum(1 for c, o in near_true if cluster[c] is not None and cluster[c] == cluster[o])
    near_ok = sum(1 for f in by_check["duplicate.near"]
                  if family.get(f.article_id) is not None
                  and family.get(f.article_id) == family.get(f.related_article_id))
    print(f"duplicate.near: planted copies {len(truth['near'])}, of Jaccard >= {threshold}: "
          f"{len(near_true)}; recall (copy in its original's cluster) {ratio(found_near, len(near_true))}; "
          f"precision (finding pairs two of one family) {ratio(near_ok, len(by_check['duplicate.near']))}")
    below = [(c, o) for c, o, j in truth["near"] if j < threshold]
    leaked = sum(1 for f in by_check["duplicate.near"] if (f.article_id, f.related_article_id) in set(below))
    print(f"  copies below the threshold reported against their original: {leaked}/{len(below)}")

    exact_pairs = set(truth["exact"])
    exact_found = {(f.article_id, f.related_article_id) for f in by_check["duplicate.exact"]}
    exact_ok = sum(1 for a, r in exact_found if family.get(a) == family.get(r) is not None)
    print(f"duplicate.exact: recall {ratio(len(exact_pairs & exact_found), len(exact_pairs))}; "
          f"precision {ratio(exact_ok, len(exact_found))}")

    def holds(ident: str) -> set[int]:
        return sources.get(ident, set()) | ({family[ident]} if ident in family else set())

    passages = by_check["duplicate.passage"]

    def named(f):  # type: ignore[no-untyped-def]
        """The articles a passage finding names: related, and the others sharing the passage."""
        return [f.related_article_id, *f.data.get("also_shared_with", ())]

    for length in PASSAGE_LENGTHS:
        planted = [t for t in truth["passage"] if t[2] == length]
        hit = sum(1 for host, b, _, s, e in planted if any(
            f.article_id == host and any(b in holds(other) for other in named(f))
            and min(e, f.end) - max(s, f.start) >= 0.5 * (e - s) for f in passages))
        print(f"duplicate.passage {length:3d} words: recall (found in the host, naming an article "
              f"of the source's family) {ratio(hit, len(planted))}")
    planted = [f for f in passages if holds(f.article_id) & holds(f.related_article_id)]
    other = [f for f in passages if not holds(f.article_id) & holds(f.related_article_id)]
    text_of = {a.article_id: a.text for a in articles}
    verbatim = sum(1 for f in other if _really_shared(f.excerpt, text_of[f.related_article_id]))
    print(f"duplicate.passage: precision (both sides hold material of one real text) "
          f"{ratio(len(planted), len(passages))}; of the {len(other)} others, {verbatim} are text "
          f"really shared (checked with difflib): genuine passages of the source pages; "
          f"precision counting them {ratio(len(planted) + verbatim, len(passages))}")

    repeats = by_check["duplicate.repeated"]
    planted_at = dict(truth["repeat"])
    hit = sum(1 for ident, at in truth["repeat"] if any(
        f.article_id == ident and f.start is not None and f.start >= at for f in repeats))
    synthetic = [f for f in repeats if f.article_id.startswith("bg")]
    ok = sum(1 for f in synthetic if f.article_id in planted_at)
    real = [f for f in repeats if not f.article_id.startswith("bg")]
    really = sum(1 for f in repeats if f.article_id not in planted_at and _really_shared(
        f.excerpt, text_of[f.article_id][: f.start] + " " + text_of[f.article_id][f.end :]))
    print(f"duplicate.repeated: recall {ratio(hit, len(planted_at))}; precision on synthetic "
          f"articles {ratio(ok, len(synthetic))}; findings in real texts and their copies "
          f"(unlabelled): {len(real)}; of all {len(repeats) - ok} unplanted findings, {really} are "
          f"text really said twice (difflib)")


def _really_shared(excerpt: str, other: str) -> bool:
    """Independent check: 80% of the excerpt's words match the other text in order (difflib)."""
    a, b = tokenise(excerpt).words, tokenise(other).words
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) >= 0.8 * len(a)


def _rss_mb() -> float:
    """Current resident memory (Linux /proc), to tell the corpus from the checks' own use."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_index(articles: list[Article], truth: dict[str, list], checked: int = 1000) -> None:  # type: ignore[type-arg]
    """Index the real texts and half the background, extend it by `checked` background
    articles, then check `checked` other articles (copies, hosts of lifted passages)."""
    real = [a for a in articles if a.article_id.startswith("real")]
    background = [a for a in articles if a.article_id.startswith("bg")][::-1]  # hosts last
    half = len(background) // 2
    indexed_ids = {a.article_id for a in real + background[: half + checked]}
    pool = [a for a in articles if a.article_id not in indexed_ids]
    new = [article(a.article_id, a.text) for a in random.Random(1).sample(pool, min(checked, len(pool)))]
    with tempfile.TemporaryDirectory(prefix="bench-dup-index-") as tmp:
        folder = Path(tmp) / "index"
        clock = time.perf_counter()
        update_index(folder, real + background[:half])
        built = time.perf_counter() - clock
        clock = time.perf_counter()
        update_index(folder, background[half : half + checked])
        extended = time.perf_counter() - clock
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        clock = time.perf_counter()
        index = load_index(folder)
        loaded = time.perf_counter() - clock
        clock = time.perf_counter()
        found = [f for finder, params in ((find_exact_duplicates, {}),
                                          (find_near_duplicates, {"threshold": 0.8}),
                                          (find_shared_passages, {"min_words": 40}))
                 for f in finder(new, {**params, "_index": index})]
        checking = time.perf_counter() - clock
    ids = {a.article_id for a in new}
    hits = {(f.check, f.article_id, named) for f in found
            for named in (f.related_article_id, *f.data.get("also_shared_with", ()))}
    want = ([("duplicate.near", c, o) for c, o, j in truth["near"] if j >= 0.8 and c in ids]
            + [("duplicate.exact", c, o) for c, o in truth["exact"] if c in ids]
            + [("duplicate.passage", h, f"real{b}") for h, b, n, _, _ in truth["passage"]
               if n >= 40 and h in ids])
    print(f"index: {len(real) + half} articles built in {built:.1f}s, +{checked} added in "
          f"{extended:.1f}s (incremental), {size:.0f} MB on disk, loaded in {loaded:.1f}s; "
          f"{len(new)} new articles checked against it in {checking:.1f}s")
    for check in ("duplicate.exact", "duplicate.near", "duplicate.passage"):
        planted = [w for w in want if w[0] == check]
        print(f"  against the index, {check}: recall {ratio(sum(w in hits for w in planted), len(planted))}")


def scale_one(n: int, findings_dir: str | None) -> None:
    """Time near and passage on the N-article real-text corpus; one line of figures.

    First as a caller without workers runs them (each article's share made inside the
    check), then as `corpus-audit run` does: the shares (Detector.prepare) made first,
    as the workers make them, timed apart, then the corpus step alone."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import real_corpus

    from audit.detect import registry

    corpus = real_corpus.build(n)
    articles = [article(r["id"], normalise_text(r["text"])) for r in corpus.records]
    del corpus
    figures, digests = [], set()
    wall = time.perf_counter()
    hooks = any(d.prepare for d in registry() if d.name in ("duplicate_near", "duplicate_passage"))
    for prepared in (False, True) if hooks else (False,):  # code without the hooks: once
        prep_s = 0.0
        if prepared:
            clock = time.process_time()
            for detector in registry():
                if detector.name in ("duplicate_near", "duplicate_passage") and detector.prepare:
                    params = {"threshold": 0.8} if detector.name == "duplicate_near" else {"min_words": 40}
                    for a in articles:
                        a.prepared[detector.name] = detector.prepare(a, params)
            prep_s = time.process_time() - clock
        clock = time.process_time()
        near = list(find_near_duplicates(articles, {"threshold": 0.8}))
        near_s = time.process_time() - clock
        clock = time.process_time()
        passage = list(find_shared_passages(articles, {"min_words": 40}))
        passage_s = time.process_time() - clock
        lines = [json.dumps(f.to_json(), sort_keys=True) for f in near + passage]
        digests.add(hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12])
        figures += [near_s, passage_s] + ([prep_s] if prepared else [])
    wall = time.perf_counter() - wall
    if findings_dir:
        Path(findings_dir).mkdir(parents=True, exist_ok=True)
        Path(findings_dir, f"findings-{n}.jsonl").write_text("\n".join(lines) + "\n")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    near_s, passage_s, near_p, passage_p, prep_s = figures if hooks else figures + [float("nan")] * 3
    both = near_s + passage_s
    print(f"{n:>7,} | {near_s:6.1f} | {passage_s:6.1f} | {n / both:5.0f} | {both * 1000 / n:5.2f} | "
          f"{prep_s:6.1f} | {near_p:5.1f} | {passage_p:5.1f} | {(near_p + passage_p) * 1000 / n:5.2f} | "
          f"{wall / (both + (prep_s + near_p + passage_p if hooks else 0)):4.2f} | {peak:6.0f} | {len(near):4d} | "
          f"{len(passage):5d} | {' '.join(sorted(digests))}", flush=True)


def scale(sizes: list[int], findings_dir: str | None) -> None:
    print("CPU seconds of this process (the machine is shared: wall / CPU says how much)")
    print("articles | near s | passage s | art/s | ms/art | prepare s (workers) | then near s | "
          "passage s | ms/art | wall/CPU | peak MB | near | passage | findings digest (one: both ways equal)")
    for n in sizes:
        command = [sys.executable, __file__, "--scale-one", str(n)]
        subprocess.run(command + (["--findings", findings_dir] if findings_dir else []), check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-eval", action="store_true", help="time and memory only")
    parser.add_argument("--index", action="store_true", help="also time a saved index")
    parser.add_argument("--scale", help="comma-separated sizes of the real-text corpus: "
                        "time near and passage alone per size")
    parser.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--findings", help="with --scale: write each size's findings here")
    args = parser.parse_args()
    if args.scale_one:
        return scale_one(args.scale_one, args.findings)
    if args.scale:
        return scale([int(n) for n in args.scale.split(",")], args.findings)
    rng = random.Random(args.seed)
    clock = time.perf_counter()
    corpus, family, sources, truth = build(args.articles, rng)
    articles = [article(i, t) for i, t in corpus]
    words = sum(len(t.split()) for _, t in corpus)
    print(f"corpus: {len(articles)} articles, {words / len(articles):.0f} words on average, "
          f"built in {time.perf_counter() - clock:.1f}s; RSS with the corpus held: {_rss_mb():.0f} MB")
    found, total = [], 0.0
    for name, finder, params in (  # the params of expectations/news.json
            ("exact", find_exact_duplicates, {}), ("near", find_near_duplicates, {"threshold": 0.8}),
            ("passage", find_shared_passages, {"min_words": 40}),
            ("repeated", find_repeated_sentences, {})):
        clock = time.perf_counter()
        got = list(finder(articles, params))
        seconds = time.perf_counter() - clock
        total += seconds
        found += got
        print(f"  {name:9s} {seconds:7.1f}s  ({seconds * 10_000 / len(articles):6.1f}s per 10,000), "
              f"{len(got)} findings")
    print(f"all four checks: {total:.1f}s, {total * 10_000 / len(articles):.1f}s per 10,000 articles")
    if not args.no_eval:
        evaluate(articles, found, family, sources, truth, 0.8)
    if args.index:
        bench_index(articles, truth)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB for {len(articles)} articles (corpus text in memory included)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
