"""hygiene.glued and hygiene.encoding: precision and recall on injected defects.

    python benchmarks/bench_hygiene.py [--seed 6]

Data: the gold article texts of ../shared/data/article-extraction-benchmark (181 real
pages, mostly English news). They are clean but real: they hold "U.S.", "3.5", URLs,
initials, ellipses and curly quotes, which is what false alarms come from.
- Glued: at random sentence ends ("word. Next" and a paragraph break after a full stop)
  the space or line break is removed, as a broken extractor does.
- Encoding: random words with non-ASCII characters (’ “ ” é —) are turned into the
  mojibake of UTF-8 read as cp1252 (bytes cp1252 lacks become C1 controls, as in real
  data: "â€\x9d"); others get a control character or lose a character to U+FFFD.
A finding that overlaps an injected defect is a hit; any other finding on the changed
text is a false alarm unless the unchanged text already had it (printed, to judge).

Then, damage in the wild: the 75 languages of ../shared/data/lingua-testdata sentences
(Leipzig web corpora) scanned for encoding damage, counted by language and kind, with
examples to judge (every one looked at so far was real damage: "PĹ™Ă\xadmĂ˝", "s\x92engager").
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

from audit.detect.hygiene.encoding import find_encoding_problems
from audit.detect.hygiene.glued import find_glued_sentences
from audit.model import Article

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"
_SENTENCE_END = re.compile(r"(?<=[a-z]{2}[.!?])( |\n+)(?=[A-Z][a-z])")
_NON_ASCII_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")
_WORD = re.compile(r"[A-Za-z]{4,}")


def article(article_id: str, text: str) -> Article:
    return Article(article_id=article_id, source_uri="bench", source_sha256="", title=None,
                   published=None, published_from="none", publisher=None, url=None,
                   language="en", language_prob=None, text=text, content_sha256="")


def glue(text: str, rng: random.Random, share: float) -> tuple[str, list[int]]:
    """Remove the gap at a share of sentence ends; return the text and the joints."""
    out, joints, last, size = [], [], 0, 0
    for match in _SENTENCE_END.finditer(text):
        if rng.random() < share:
            out.append(text[last:match.start()])
            size += match.start() - last
            joints.append(size)
            last = match.end()
    out.append(text[last:])
    return "".join(out), joints


def mojibake(word: str) -> str:
    chars = []
    for byte in word.encode("utf-8"):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))  # what a latin-1 fallback leaves: a C1 control
    return "".join(chars)


def damage(text: str, rng: random.Random, share: float) -> tuple[str, list[tuple[int, int]]]:
    """Mojibake, control characters and U+FFFD in a share of words; their new spans."""
    candidates = [(m.start(), m.end(), "moji") for m in _NON_ASCII_WORD.finditer(text)]
    candidates += [(m.start(), m.end(), rng.choice(["ctrl", "fffd"]))
                   for m in _WORD.finditer(text) if rng.random() < 0.02]
    chosen = sorted(c for c in candidates if rng.random() < share)
    out, spans, last, size = [], [], 0, 0  # size: characters in out so far
    for start, end, kind in chosen:
        if start < last:
            continue
        word = text[start:end]
        if kind == "moji":
            new = mojibake(word)
        elif kind == "ctrl":
            new = word[:2] + rng.choice(["\x00", "\x07", "\x1b", "\x0b"]) + word[2:]
        else:
            new = word[:1] + "\ufffd" + word[2:]
        out.append(text[last:start])
        begin = size + start - last
        out.append(new)
        spans.append((begin, begin + len(new)))
        size = begin + len(new)
        last = end
    out.append(text[last:])
    return "".join(out), spans


def score(name: str, findings_before: int, found: list, truth: list[tuple[int, int]]) -> dict:  # type: ignore[type-arg]
    hit = sum(1 for a, b in truth if any(f.start < b and f.end > a for f in found))
    good = sum(1 for f in found if any(f.start < b and f.end > a for a, b in truth))
    return {"name": name, "truth": len(truth), "hit": hit, "findings": len(found),
            "good": good, "before": findings_before}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    texts = [(key[:12], item["articleBody"]) for key, item in sorted(gold.items())]
    totals = {"glued": [0, 0, 0, 0, 0], "encoding": [0, 0, 0, 0, 0]}
    seconds = {"glued": 0.0, "encoding": 0.0}
    for key, text in texts:
        for name, detector, inject in (
            ("glued", find_glued_sentences, lambda t: glue(t, rng, 0.2)),
            ("encoding", find_encoding_problems, lambda t: damage(t, rng, 0.3)),
        ):
            before = [f for f in detector([article(key, text)], {}) if f.start is not None]
            for f in before:
                print(f"  already in {key} ({name}): {f.excerpt!r}")
            changed, truth = inject(text)
            if name == "glued":
                truth = [(j - 1, j + 1) for j in truth]
            clock = time.perf_counter()
            found = [f for f in detector([article(key, changed)], {"max_per_article": 10_000})
                     if f.start is not None]
            seconds[name] += time.perf_counter() - clock
            s = score(name, len(before), found, truth)
            for i, field in enumerate(("truth", "hit", "findings", "good", "before")):
                totals[name][i] += s[field]
    chars = sum(len(t) for _, t in texts) / len(texts)
    print(f"\n{len(texts)} gold articles, mean {chars:.0f} chars")
    for name, (truth, hit, found, good, before) in totals.items():
        wrong = found - good - before  # a finding already on the clean text is not an injected miss
        precision = good / max(good + max(wrong, 0), 1)
        print(f"{name:9} injected {truth:5}  recall {hit / truth:.1%}  precision {precision:.1%}  "
              f"({max(wrong, 0)} false alarms, {before} findings on the clean texts)  "
              f"{seconds[name] / len(texts) * 1000:.2f} ms per article")
    scan_lingua_sentences()


def scan_lingua_sentences() -> None:
    from collections import Counter

    from audit.normalise.encoding import describe_repairs, find_repairs

    folder = GOLD.parents[1] / "lingua-testdata" / "language-testdata" / "sentences"
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    clock = time.perf_counter()
    size = 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        size += len(text)
        for repair in find_repairs(text):
            counts[(path.stem, repair.kind)] += 1
            examples.setdefault((path.stem, repair.kind),
                                describe_repairs([repair]) or ascii(repair.before))
    seconds = time.perf_counter() - clock
    print(f"\nlingua-testdata sentences ({size / 1e6:.1f} M chars, {seconds:.1f} s): damage found")
    for key, n in sorted(counts.items()):
        print(f"  {key[0]} {key[1]:11} {n:4}  e.g. {examples[key]}")


if __name__ == "__main__":
    main()
