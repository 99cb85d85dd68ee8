"""Everything the chrome checks decide on a corpus, one JSON line each, to diff two trees.

    PYTHONPATH=TREE python benchmarks/dump_chrome.py FILE.jsonl OUT.jsonl

A speed change to the chrome checks must leave this file byte-identical: every unit of
`spans.segment` (its text, key, shape, phrase hits, prose and navlike), the findings of
paywall.text and metadata.leak, boilerplate.line's per-article share (`prepare`: verdicts,
pending lines, packed line keys) and its findings once recurrence is counted over the file.
Articles are made as the workers make them (normalised, language detected), in batches.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _unit(u: Any) -> list[Any]:
    hits = [[h.check, h.kind, h.mode, h.phrase] for h in u.hits]
    marker = None if u.marker is None else [u.marker.check, u.marker.kind, u.marker.mode, u.marker.phrase]
    return [u.index, u.start, u.end, u.text, u.key, u.words, u.bullet, u.piece, marker, u.lower_share,
            u.headline, hits, u.prose, u.navlike]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    from audit.detect import registry
    from audit.detect.leakage.spans import segment
    from audit.detect.workers import BATCH_SIZE, plan_for
    from audit.ingest import iter_records
    from audit.normalise import to_article
    from audit.normalise.cache import LanguageCache
    from audit.normalise.language import detect_language
    from audit.suite import load_suite

    records = list(iter_records([args.file]))
    plan = plan_for(load_suite("news"))
    detectors = {d.name: d for d in registry()}
    articles = []
    for first in range(0, len(records), BATCH_SIZE):
        waiting = LanguageCache(None, deferred={})
        batch = [to_article(r, f"a{first + i}", language_cache=waiting)
                 for i, r in enumerate(records[first:first + BATCH_SIZE])]
        for article in batch:
            guess = detect_language(article.text)
            article.language, article.language_prob = guess.language, guess.probability
        articles += [a for a in batch if a.read_error is None]
    with args.out.open("w", encoding="utf-8") as out:
        def write(row: list[Any]) -> None:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")

        for article in articles:
            write(["segment", article.article_id,
                   [_unit(u) for u in segment(article.text or "", article.title, article.url)]])
        for name in ("paywall", "metadata_leak", "boilerplate"):
            detector, params = detectors[name], plan.params[name]
            chosen = [a for a in articles if detector.supports(a)]
            if name == "boilerplate":
                for article in chosen:
                    write(["boilerplate.prepare", article.article_id, detector.prepare(article, params)])
            for finding in detector.find(chosen, params):
                write([name, finding.to_json()])


if __name__ == "__main__":
    main()
