"""Two source trees' findings on the held-out corpora, and every finding that differs.

    python benchmarks/ab_findings.py BASE_TREE NEW_TREE --out /tmp/ab            # every corpus
    python benchmarks/ab_findings.py BASE_TREE NEW_TREE --out /tmp/ab --only ko_news,tr_news
    python benchmarks/ab_findings.py BASE_TREE NEW_TREE --out /tmp/ab --diff-only -v

Why: a detector's change is kept when it removes false alarms and adds true findings on real
text nobody here wrote, and changes nothing else; every session read the findings that
changed between two trees on each corpus (docs/measurements.md, "A/B on N corpora"). The
corpora are those of precision_corpora.py (English and Portuguese) and heldout_corpora.py
(twelve more languages, `--list`), built first into /work/cache; a corpus not built is
skipped and said. Each is run by each tree (`python -m audit run --no-cache --workers 2`,
PYTHONPATH the tree), with a suite expecting its language (news.json's expected_languages
changed, written under --out). A tree is a folder holding audit/ and expectations/ (a
checkout, or `git archive` of a commit).

Prints, per corpus, the count of findings by each tree and what went and came by check;
with -v each such finding (article, check, span, message, excerpt), for reading.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import heldout_corpora  # beside this file

CACHE = Path("/work/cache")
# (name, file under /work/cache, language) of precision_corpora.py's corpora
OLDER = [
    ("reuters_flat", "precision/reuters87_flat.jsonl", "en"), ("reuters_paras", "precision/reuters87_paras.jsonl", "en"),
    ("isot_true", "precision/isot-true.jsonl", "en"), ("isot_fake", "precision/isot-fake.jsonl", "en"),
    ("bbc_flat", "precision/bbc_flat.jsonl", "en"), ("gold_flat", "precision/gold_flat.jsonl", "web"),
    ("gold_lines", "precision/gold_lines.jsonl", "web"), ("yahoo_flat", "precision2/yahoo_flat.jsonl", "en"),
    ("pages_flat", "multiling/pages_flat.jsonl", "web"), ("pages_lines", "multiling/pages_lines.jsonl", "web"),
    ("odd", "multiling/odd.jsonl", "web"), ("fnn_real", "fakenewsnet/fnn_politifact_real.jsonl", "en"),
    ("fnn_fake", "fakenewsnet/fnn_politifact_fake.jsonl", "en"),
    ("fnn_gossip", "fakenewsnet/fnn_gossipcop_fake.jsonl", "en"), ("gj_lines", "gilets_jaunes/gj_lines.jsonl", "en"),
    ("gj_flat", "gilets_jaunes/gj_flat.jsonl", "en"), ("fundus_lines", "fundus/fundus_lines.jsonl", "web"),
    ("fundus_flat", "fundus/fundus_flat.jsonl", "web"), ("l3s_lines", "htmlclean/l3s_lines.jsonl", "en"),
    ("l3s_flat", "htmlclean/l3s_flat.jsonl", "en"), ("dragnet_lines", "htmlclean/dragnet_lines.jsonl", "en"),
    ("dragnet_flat", "htmlclean/dragnet_flat.jsonl", "en"), ("webhose_lines", "webhose/webhose_lines.jsonl", "web"),
    ("webhose_flat", "webhose/webhose_flat.jsonl", "web"), ("fnc_lines", "fnc/fnc_lines.jsonl", "en"),
    ("fnc_flat", "fnc/fnc_flat.jsonl", "en"), ("realnews", "realnews/realnews_lines.jsonl", "en"),
    ("pl_lines", "postlight/pl_lines.jsonl", "web"), ("pl_flat", "postlight/pl_flat.jsonl", "web"),
    ("gs_lines", "goose3/gs_lines.jsonl", "web"), ("gs_flat", "goose3/gs_flat.jsonl", "web"),
    ("fakebr_flat", "fakebr/fakebr_flat.jsonl", "pt"),
]


def corpora() -> list[tuple[str, Path, str]]:
    """(name, path, language or "web") of every corpus, built or not."""
    held = [(step, CACHE / file, lang) for step, (file, lang) in heldout_corpora.CORPORA.items()]
    return [(name, CACHE / file, lang) for name, file, lang in OLDER] + held


def suite_for(lang: str, tree: Path, out: Path) -> str:
    """The suite a corpus is run with: news (English), web (many languages), else news.json
    expecting `lang`, written under `out`."""
    if lang in ("en", "web"):
        return "news" if lang == "en" else "web"
    path = out / "suites" / f"news_{lang}.json"
    if not path.exists():
        suite = json.loads((tree / "expectations" / "news.json").read_text(encoding="utf-8"))
        suite["meta"]["corpus_audit"]["expected_languages"] = [lang]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(suite, indent=2), encoding="utf-8")
    return str(path)


def run(tree: Path, corpus: Path, suite: str, out: Path) -> int:
    """One `corpus-audit run` of the tree's code (its exit code: 0 pass, 1 findings fail)."""
    command = [sys.executable, "-m", "audit", "run", str(corpus), "--suite", suite, "--out", str(out),
               "--no-cache", "--workers", "2", "--quiet"]
    return subprocess.run(command, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                          capture_output=True, check=False).returncode


def findings(folder: Path) -> dict[tuple, dict]:
    """A run's findings by (article, check, span, message): a finding that moved or was
    reworded differs."""
    with (folder / "findings.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return {(f["article_id"], f["check"], f["start"], f["end"], f["message"]): f for f in rows}


def compare(name: str, base: Path, new: Path, verbose: bool) -> None:
    a, b = findings(base), findings(new)
    gone, came = [a[k] for k in a.keys() - b.keys()], [b[k] for k in b.keys() - a.keys()]
    print(f"{name:<14} {len(a):>6} -> {len(b):<6} gone {dict(Counter(f['check'] for f in gone))} "
          f"came {dict(Counter(f['check'] for f in came))}", flush=True)
    for sign, rows in (("-", gone), ("+", came)) if verbose else ():
        for f in sorted(rows, key=lambda f: (f["article_id"], f["start"] or 0)):
            excerpt = (f["excerpt"] or "")[:140].replace("\n", "⏎")
            print(f"  {sign} {f['article_id']} {f['check']} {f['start']}-{f['end']} {f['message'][:100]} | {excerpt}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="runs go to OUT/NAME-base and OUT/NAME-new")
    parser.add_argument("--only", help="comma-separated corpus names")
    parser.add_argument("--diff-only", action="store_true", help="compare the runs kept under --out")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each finding that differs")
    args = parser.parse_args()
    wanted = set(args.only.split(",")) if args.only else None
    for name, path, lang in corpora():
        if wanted is not None and name not in wanted:
            continue
        if not path.exists():
            print(f"{name:<14} not built ({path}): precision_corpora.py / heldout_corpora.py make it")
            continue
        folders = [args.out / f"{name}-{side}" for side in ("base", "new")]
        if not args.diff_only:
            for tree, folder in zip((args.base, args.new), folders, strict=True):
                code = run(tree.resolve(), path, suite_for(lang, args.base, args.out), folder)
                if code not in (0, 1):
                    print(f"{name:<14} {tree}: exit code {code}")
        if all((f / "findings.jsonl").exists() for f in folders):
            compare(name, *folders, args.verbose)


if __name__ == "__main__":
    main()
