"""A crawl's WARC files audited, beside datatrove extracting the same pages, in one run.

    python benchmarks/bench_warc.py              (the 181 pages 10 times: 1,810 pages in 2 files)
    python benchmarks/bench_warc.py --copies 20

Corpus: the 181 real news pages of ../shared/data/article-extraction-benchmark (Zyte's),
each `--copies` times under its own url (`?copy=N`), as HTTP responses with a request record
before each, in two .warc.gz files (datatrove gives each task whole files). On those same
files, each in its own child process, wall and CPU seconds and the peak RSS of the tree
(bench_run.measure):
- datatrove 0.10: WarcReader -> Trafilatura -> JsonlWriter, 1 task and 2 tasks: what a data
  team would run to get the pages' text (text only: no metadata, no checks), its defaults but
  `deduplicate=False` (trafilatura's dedup remembers paragraphs across a process's pages:
  each copy after the first came out empty, and cheaper), in the venv bench_run builds,
  with trafilatura, warcio, lxml_html_clean, faust-cchardet and python-magic added to it;
- a cold `corpus-audit run --workers 2` (extraction, every check, GX, the report), then a
  rerun of the same files with the same cache (every page's record from the page cache).
Why: extraction is ~25 ms a page, forty times a JSONL record's whole audit; the run's
workers extract the pages (audit.detect.workers) and the cache keeps them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_run  # beside this file

ROOT = Path(__file__).resolve().parents[1]
ZYTE = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
# as Common Crawl writes it: without it, datatrove's WarcReader sniffs the payload with libmagic
# and passed over 106 of these 181 pages (not "text/html" to libmagic), none said
PAYLOAD_TYPE = {"WARC-Identified-Payload-Type": "text/html"}
EXTRA_PINS = ["trafilatura==2.3.1", "warcio", "lxml_html_clean", "faust-cchardet", "python-magic"]

DATATROVE_WARC = """
import sys
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter
folder, tasks, logs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
LocalPipelineExecutor(
    pipeline=[WarcReader(folder, glob_pattern="*.warc.gz"), Trafilatura(deduplicate=False), JsonlWriter(out)],
    tasks=tasks, workers=tasks, logging_dir=logs,
).run()
"""


def write_warcs(folder: Path, copies: int, parts: int = 2) -> int:
    """The pages `copies` times in `parts` .warc.gz files; the number of pages written."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    gold = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [(gold[key]["url"], gzip.decompress((ZYTE / "html" / f"{key}.html.gz").read_bytes())) for key in sorted(gold)]
    items = [(url + (f"?copy={n}" if n else ""), body) for n in range(copies) for url, body in pages]
    size = -(-len(items) // parts)
    for part in range(parts):
        with (folder / f"part-{part}.warc.gz").open("wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for url, body in items[part * size:(part + 1) * size]:
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b""), http_headers=request))
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http,
                                                              warc_headers_dict=PAYLOAD_TYPE))
    return len(items)


def datatrove_python() -> Path:
    """bench_run's datatrove venv, with what its WARC reader and extractor import."""
    python = bench_run.ensure_datatrove()
    done = python.parent.parent / ".bench-warc-ready"
    if not done.exists():
        subprocess.run([str(python), "-m", "pip", "install", "-q", *EXTRA_PINS], check=True)
        done.touch()
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    python = datatrove_python()
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        n = write_warcs(work / "in", args.copies)
        size = sum(p.stat().st_size for p in (work / "in").iterdir()) / 1e6
        print(f"{n:,} pages in 2 .warc.gz files ({size:.0f} MB); per run: wall s, pages/s, CPU s, pages/CPU s, "
              "peak MB, and wall and CPU over the cold audit's")
        audit = [sys.executable, "-m", "audit", "run", str(work / "in"), "--out", str(work / "out"), "--cache",
                 str(work / "cache"), "--workers", str(args.workers), "--quiet"]
        cold = bench_run.measure(audit, work / "cold.log")
        rerun = bench_run.measure(audit, work / "rerun.log")
        runs = {}
        for tasks in (1, 2):
            shutil.rmtree(work / f"dt-out-{tasks}", ignore_errors=True)
            runs[f"datatrove WARC+Trafilatura, {tasks} task{'s' if tasks > 1 else ''}"] = bench_run.measure(
                [str(python), "-c", DATATROVE_WARC, str(work / "in"), str(tasks), str(work / f"dt-logs-{tasks}"),
                 str(work / f"dt-out-{tasks}")], work / f"dt-{tasks}.log")
        print(bench_run.row(f"corpus-audit cold (--workers {args.workers})", cold, n, None))
        print(bench_run.row("corpus-audit rerun (page cache)", rerun, n, cold))
        for name, run in runs.items():
            print(bench_run.row(name, run, n, cold))
        kept = sum(len(gzip.decompress(path.read_bytes()).splitlines())
                   for path in (work / "dt-out-2").rglob("*") if path.is_file())
        summary = json.loads((work / "out" / "summary.json").read_text(encoding="utf-8"))
        print(f"  articles: corpus-audit {summary['articles']:,}; datatrove's extractor kept {kept:,}")


if __name__ == "__main__":
    main()
