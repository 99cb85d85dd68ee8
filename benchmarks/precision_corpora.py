"""Rebuild the real-text corpora the precision reviews read, and the multilingual gate corpus.

    python benchmarks/precision_corpora.py            # every corpus (fetch the repositories first)
    python benchmarks/precision_corpora.py reuters yahoo gate   # some of them

Why: the precision pages (docs/measurements/precision-*.md) read findings on real text nobody
here wrote; the corpora live outside the repo (third-party data is never committed) and their
builders had lived there too, so a new machine could not re-read them. This script makes them
again from local mirrors of public GitHub repositories, which the search tool's `fetch` brings
to /work/.mirror/OWNER+NAME/repo (a bare git directory; nothing here clones or downloads).
Fetch first: loki86/ksr_zadanie1V2, Vatshayan/Fake-News-Prediction,
FelixDrinkall/financial-news-dataset, adbar/htmldate, adbar/trafilatura,
dejanbatanjac/bbc-article-classify-bert, armstjc/FakeNewsNet, feryah/gilets_jaunes, flairNLP/fundus,
j-szulc/html-cleaning-dataset-merged, Webhose/free-news-datasets, several27/FakeNewsCorpus,
rowanz/grover, postlight/parser, goose3/goose3, roneysco/Fake.br-Corpus. The Zyte
gold bodies are in ../shared/data/.

Records: `id`, `title`, `publisher`, `published` (ISO date or null), `text` (plus `url`
where the source has one). Every sample is seeded (random.Random(20261203)), so a rebuild
gives the same records from the same mirror commits.

| file (under /work/cache) | source, licence note | records | shape |
|---|---|---:|---|
| precision/reuters87_flat.jsonl | Reuters-21578 (1987 newswire; free for research, Lewis/Reuters), `reut2-000..021.sgm` of ksr_zadanie1V2 (its `reut2-003.sgm` is cut short: `reut2-003-full.sgm` read instead) | 2,000 of the bodies | one paragraph: the wire's indented paragraphs joined; the "Reuter" sign-off kept |
| precision/reuters87_paras.jsonl | same records | 2,000 | lines kept: one line per wire paragraph |
| precision/isot-true.jsonl | ISOT Fake News set's True.csv (Univ. of Victoria; research use) as Fake-News-Prediction holds it | all rows (989) | one paragraph as published in the set; publisher "Reuters" |
| precision/isot-fake.jsonl | its Fake.csv | all rows | one paragraph (paragraphs glued without a space, as the set has them); publisher = `subject` |
| precision/bbc_flat.jsonl | BBC News 2004-05 (Greene & Cunningham 2006; research use), benchmarks/real_corpus.py's source | 2,225 | flattened to one paragraph; no date |
| precision/gold_flat.jsonl, gold_lines.jsonl | Zyte article-extraction-benchmark gold bodies (MIT) | 181 | flattened / lines kept; date only where the URL has /YYYY/MM/DD/ |
| precision2/yahoo_flat.jsonl | financial-news-dataset (news-please scrape of finance.yahoo.com; its LICENSE: CC BY-NC-SA 4.0), data/2019 and 2020 | 2,000 of those with text | one paragraph (news-please's lines joined by a space); `date_publish` |
| multiling/pages_flat.jsonl, pages_lines.jsonl | htmldate's evaluation pages (eval_default.json, eval_mediacloud_2020.json) and trafilatura's (evaldata.json) not in those (both Apache-2.0 repositories; the pages are third-party web pages) | every page whose trafilatura body has 200+ characters | body by trafilatura `bare_extraction` (default settings); flat = one paragraph, lines = its line breaks kept |
| multiling/nonen_flat.jsonl | the non-English pages of pages_flat (langdetect, seeded) | | one paragraph |
| multiling/odd.jsonl | odd shapes from those pages: 16 bodies under 200 characters (4 empty), one huge record (the 40 largest non-English bodies joined), 20 non-English bodies as UTF-8 read as Windows-1252, 10 records of a German body followed by a French one | 47 | as said |
| fakenewsnet/fnn_politifact_real, _real_flat, _politifact_fake, _gossipcop_fake.jsonl | FakeNewsNet's crawled pages (armstjc/FakeNewsNet; no licence, not redistributable: read only), see `fakenewsnet` (`--out DIR` puts them elsewhere) | 406 / 406 / 318 / 1,006 | lines kept; _flat: one paragraph |
| gilets_jaunes/gj_lines.jsonl, gj_flat.jsonl | feryah/gilets_jaunes (a student corpus of Guardian, Irish Times and CNN pages, 2014-2019; no licence, publishers' copyright: read only), see `gilets_jaunes` (`--out DIR` puts them elsewhere) | 423 / 423 | lines kept; flat: one paragraph |
| htmlclean/l3s_lines.jsonl, l3s_flat.jsonl, dragnet_lines.jsonl, dragnet_flat.jsonl | j-szulc/html-cleaning-dataset-merged's page-signal-master/input (L3S-GN1: Google News pages of 2008, Kohlschütter et al.) and dragnet_data/input (news and blog pages, Peters & Lecocq 2013); research use only, publishers' copyright: read only. Body by trafilatura `bare_extraction`; see `htmlclean` | every page with a body of 200+ characters | lines kept / one paragraph; English; trafilatura's dates 2007-08 (L3S: 592 of 610) and 2012 (Dragnet: 1,288 of 1,375) |
| fundus/fundus_lines.jsonl, fundus_flat.jsonl | flairNLP/fundus's parser test pages (MIT repository; the pages are third-party news pages, publishers' copyright: read only), every `*.html.gz` ever committed under tests/resources/parser/test_data (newest version of each path), body by trafilatura `bare_extraction`; see `fundus` | every page with a body of 200+ characters | lines kept / one paragraph; 2021-2026 news of ~40 countries, German the largest share |
| webhose/webhose_lines.jsonl, webhose_flat.jsonl | Webz.io's free news datasets (Webhose/free-news-datasets; free for academic and research use, read only), the one zip the mirror holds whole enough, see `webhose` | 136 | Webz.io's text (lines where kept) / one paragraph; 5 languages |
| fnc/fnc_lines.jsonl, fnc_flat.jsonl | FakeNewsCorpus' news_sample.csv (several27/FakeNewsCorpus; scraped third-party pages: read only), see `fnc` | 232 | lines kept / one paragraph; no publication dates |
| realnews/realnews_lines.jsonl, realnews_flat.jsonl | Grover's realnews_tiny.jsonl (rowanz/grover, Apache-2.0; Common Crawl news pages: read only), see `realnews` | 5 | newspaper's text (lines) / one paragraph |
| postlight/pl_lines.jsonl, pl_flat.jsonl | Postlight Parser's test fixtures (postlight/parser, Apache-2.0 repository; third-party pages, publishers' copyright: read only), see `postlight` | 169 | trafilatura's text as it gives it (some hard-wrapped) / one paragraph; en 136, ja 26, de 4, fr 2, zh 1 |
| goose3/gs_lines.jsonl, gs_flat.jsonl | goose3's test pages (goose3/goose3, Apache-2.0 repository; third-party pages, publishers' copyright: read only), see `goose3` | 72 | as `postlight`'s |
| fakebr/fakebr_lines.jsonl, fakebr_flat.jsonl | Fake.Br (roneysco/Fake.br-Corpus; Monteiro et al. 2018; research corpus, no licence file: read only), see `fakebr` | 7,200 | the texts as collected (CRLF lines) / one paragraph; Brazilian Portuguese 2016-2018, 3,600 true and 3,600 fake, dates as the meta files write them |
| /work/scratch/gate1000.jsonl | see `gate`: real whole articles of the corpora above | 1,000 | one paragraph each |

Dates of the pages: htmldate's annotation where it has one, else trafilatura's metadata date.
Publisher of a page = its host without "www.".
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import lzma
import random
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from multiprocessing import Pool
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_corpus  # the BBC reader, flatten, and the damage of a scraped corpus)

MIRROR = Path("/work/.mirror")
CACHE = Path("/work/cache")
GATE = Path("/work/scratch/gate1000.jsonl")
GOLD = Path(__file__).resolve().parents[1] / "../shared/data/article-extraction-benchmark/ground-truth.json"
SEED = 20261203


def _git(repo: str) -> Path:
    path = MIRROR / repo.replace("/", "+") / "repo"
    if not path.exists():
        sys.exit(f"no mirror of {repo}: bring it with the search tool's fetch (github:{repo})")
    return path / ".git" if (path / ".git").is_dir() else path  # some snapshots hold their git dir inside


def _show(repo: str, name: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={_git(repo)}", "show", f"HEAD:{name}"],
                          capture_output=True, check=True).stdout


def _names(repo: str, folder: str) -> list[str]:
    out = subprocess.run(["git", f"--git-dir={_git(repo)}", "ls-tree", "-r", "-z", "--name-only", "HEAD", folder],
                         capture_output=True, check=True).stdout
    return [n for n in out.decode("utf-8").split("\0") if n]


def _write(records: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps({k: v for k, v in record.items() if not k.startswith("_")}, ensure_ascii=False) + "\n")
    print(f"{path}: {len(records):,} records", file=sys.stderr)


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


flatten = real_corpus.flatten


# --- Reuters-21578 -------------------------------------------------------------------------

REUTERS_REPO = "loki86/ksr_zadanie1V2"
_DOC = re.compile(r"<REUTERS [^>]*NEWID=\"(\d+)\">(.*?)</REUTERS>", re.S)


def _tag(doc: str, tag: str) -> str:
    found = re.search(rf"<{tag}>(.*?)</{tag}>", doc, re.S)
    return found.group(1) if found else ""


def reuters() -> None:
    """2,000 seeded bodies of Reuters-21578: flat (one paragraph) and paras (a line a paragraph)."""
    files = [f"reut2-{k:03d}.sgm" for k in range(22)]
    files[3] = "reut2-003-full.sgm"  # the mirror's reut2-003.sgm stops after 224 KB
    bodies = []
    for name in files:
        sgm = _show(REUTERS_REPO, name).decode("latin-1")
        for newid, doc in _DOC.findall(sgm):
            body = _tag(doc, "BODY")
            if not body.strip():
                continue
            body = html.unescape(body).replace("\x03", "").strip()
            stamp = _tag(doc, "DATE").strip()
            try:
                published = datetime.strptime(stamp.split()[0], "%d-%b-%Y").date().isoformat()
            except (ValueError, IndexError):
                published = None
            bodies.append({"id": f"r87-{newid}", "title": flatten(html.unescape(_tag(doc, "TITLE"))),
                           "publisher": "Reuters", "published": published, "_body": body})
    print(f"Reuters-21578: {len(bodies):,} bodies", file=sys.stderr)
    sample = random.Random(SEED).sample(bodies, 2000)
    flat = [{**r, "text": flatten(r["_body"])} for r in sample]
    paras = [{**r, "text": "\n".join(flatten(p) for p in re.split(r"\n(?=    )", r["_body"]) if p.strip())}
             for r in sample]
    _write(flat, CACHE / "precision/reuters87_flat.jsonl")
    _write(paras, CACHE / "precision/reuters87_paras.jsonl")


# --- ISOT ----------------------------------------------------------------------------------

ISOT_REPO = "Vatshayan/Fake-News-Prediction"


def _isot_date(value: str) -> str | None:
    value = value.strip()
    for form in ("%B %d, %Y", "%b %d, %Y", "%d-%b-%y"):
        try:
            return datetime.strptime(value, form).date().isoformat()
        except ValueError:
            pass
    return None


def isot() -> None:
    """Every row of True.csv (Reuters 2017) and Fake.csv (partisan sites 2017) the mirror holds."""
    for name, kind in (("True.csv", "true"), ("Fake.csv", "fake")):
        rows = csv.DictReader(io.StringIO(_show(ISOT_REPO, name).decode("utf-8")))
        records = [{"id": f"isot-{kind}-{k}", "title": row["title"].strip(),
                    "publisher": "Reuters" if kind == "true" else row["subject"].strip(),
                    "published": _isot_date(row["date"]), "text": row["text"].strip()}
                   for k, row in enumerate(rows) if row["text"].strip()]
        _write(records, CACHE / f"precision/isot-{kind}.jsonl")


# --- BBC and the gold bodies ---------------------------------------------------------------

_URL_DATE = re.compile(r"/(20\d\d|19\d\d)/(\d\d)/(\d\d)/")


def bbc() -> None:
    """The 2,225 BBC articles flattened; the publisher BBC, no date (the set gives none)."""
    real_corpus.CACHE.mkdir(parents=True, exist_ok=True)
    records = [{"id": f"bbc-{k}", "title": title, "publisher": "BBC", "published": None, "text": flatten(body)}
               for k, (title, body) in enumerate(real_corpus.bbc_articles())]
    _write(records, CACHE / "precision/bbc_flat.jsonl")


def gold() -> None:
    """The 181 gold bodies, flat and with their lines; a date only from a /YYYY/MM/DD/ URL."""
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    flat, lines = [], []
    for key, item in data.items():
        body = item.get("articleBody", "").strip()
        if not body:
            continue
        url = item.get("url", "")
        found = _URL_DATE.search(url)
        base = {"id": f"gold-{key[:12]}", "title": " ".join(body.split()[:8]), "url": url,
                "publisher": urlparse(url).hostname.removeprefix("www.") if url else None,
                "published": "-".join(found.groups()) if found else None}
        flat.append({**base, "text": flatten(body)})
        lines.append({**base, "text": "\n".join(flatten(x) for x in body.splitlines() if x.strip())})
    _write(flat, CACHE / "precision/gold_flat.jsonl")
    _write(lines, CACHE / "precision/gold_lines.jsonl")


# --- Yahoo Finance (news-please) -----------------------------------------------------------

YAHOO_REPO = "FelixDrinkall/financial-news-dataset"


def yahoo() -> None:
    """2,000 seeded pages with text of the 2019 and 2020 files, news-please's lines joined."""
    pages = []
    for year in (2019, 2020):
        for item in json.loads(lzma.decompress(_show(YAHOO_REPO, f"data/{year}_processed.json.xz"))):
            text = flatten(item.get("maintext") or "")
            if not text:
                continue
            pages.append({"id": "yf-" + hashlib.sha1(item["filename"].encode()).hexdigest()[:12],
                          "title": flatten(item.get("title") or ""), "publisher": "Yahoo Finance",
                          "url": item.get("url"), "published": (item.get("date_publish") or "")[:10] or None,
                          "text": text})
    print(f"Yahoo: {len(pages):,} pages with text", file=sys.stderr)
    _write(random.Random(SEED).sample(pages, min(2000, len(pages))), CACHE / "precision2/yahoo_flat.jsonl")


# --- htmldate's and trafilatura's evaluation pages -----------------------------------------

def _page_list() -> list[tuple[str, str, str, str, str | None]]:
    """(id, repo, path, url, annotated date) of every evaluation page, htmldate's first."""
    out, seen = [], set()
    for index, folder, prefix in (("tests/eval_default.json", "tests/eval", "hd"),
                                  ("tests/eval_mediacloud_2020.json", "tests/test_set", "mc")):
        for url, item in json.loads(_show("adbar/htmldate", index)).items():
            date = item.get("date")
            out.append((f"{prefix}-{len(out):04d}", "adbar/htmldate", f"{folder}/{item['file']}", url,
                        date if isinstance(date, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", date) else None))
            seen.add(url.rstrip("/"))
    for url, item in json.loads(_show("adbar/trafilatura", "tests/evaldata.json")).items():
        if url.rstrip("/") not in seen:
            out.append((f"tf-{len(out):04d}", "adbar/trafilatura", f"tests/eval/{item['file']}", url, None))
    return out


def _extract(page: tuple[str, str, str, str, str | None]) -> dict | None:
    import trafilatura  # in the worker: its import is slow and only this step needs it

    pid, repo, path, url, date = page
    try:
        raw = _show(repo, path)
    except subprocess.CalledProcessError:
        return None
    doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True)  # bytes: trafilatura finds the encoding
    doc = {} if doc is None else doc.as_dict() if hasattr(doc, "as_dict") else doc
    body = (doc.get("text") or "").strip()
    return {"id": pid, "url": url, "title": flatten(doc.get("title") or ""),
            "publisher": (urlparse(url).hostname or "").removeprefix("www.") or None,
            "published": date or doc.get("date"), "date_from": "annotation" if date else "trafilatura",
            "_body": body}


def pages() -> None:
    """pages_flat / pages_lines (bodies of 200+ characters), nonen_flat, and odd."""
    from langdetect import DetectorFactory, LangDetectException, detect

    with Pool(2) as pool:
        extracted = [p for p in pool.map(_extract, _page_list(), chunksize=8) if p]
    DetectorFactory.seed = 0
    kept, short = [], []
    for page in extracted:
        if len(page["_body"]) >= 200:
            try:
                page["language_guess"] = detect(page["_body"])
            except LangDetectException:
                page["language_guess"] = None
            kept.append(page)
        else:
            short.append(page)
    _write([{**p, "text": flatten(p["_body"])} for p in kept], CACHE / "multiling/pages_flat.jsonl")
    _write([{**p, "text": "\n".join(flatten(x) for x in p["_body"].splitlines() if x.strip())} for p in kept],
           CACHE / "multiling/pages_lines.jsonl")
    nonen = [{**p, "text": flatten(p["_body"])} for p in kept if p["language_guess"] not in ("en", None)]
    _write(nonen, CACHE / "multiling/nonen_flat.jsonl")
    print("languages: " + ", ".join(f"{k} {v}" for k, v in Counter(p["language_guess"] for p in nonen).most_common()),
          file=sys.stderr)
    _write(_odd(nonen, short), CACHE / "multiling/odd.jsonl")


def _odd(nonen: list[dict], short: list[dict]) -> list[dict]:
    """47 odd records: short (4 empty), one huge, 20 mojibake, 10 German + French."""
    rng = random.Random(SEED)
    plain = ("url", "title", "publisher", "published")
    out = []
    empties = [p for p in short if not p["_body"]][:4]
    shorts = [p for p in short if p["_body"]]
    for k, p in enumerate(empties + rng.sample(shorts, min(len(shorts), 16 - len(empties)))):
        out.append({"id": f"odd-short-{k}", **{f: p[f] for f in plain}, "text": flatten(p["_body"])})
    biggest = sorted(nonen, key=lambda p: len(p["text"]), reverse=True)[:40]
    out.append({"id": "odd-huge", "title": "40 pages joined", "publisher": "odd", "published": None,
                "text": " ".join(p["text"] for p in biggest)})
    showing = [p for p in nonen if not p["text"].isascii()]
    for k, p in enumerate(rng.sample(showing, 20)):
        out.append({"id": f"odd-moji-{k}", **{f: p[f] for f in plain},
                    "text": p["text"].encode("utf-8").decode("sloppy-windows-1252")})
    german = [p for p in nonen if p["language_guess"] == "de"]
    french = [p for p in nonen if p["language_guess"] == "fr"]
    for k, (de, fr) in enumerate(zip(rng.sample(german, 10), rng.sample(french, 10))):
        out.append({"id": f"odd-defr-{k}", **{f: de[f] for f in plain}, "text": de["text"] + " " + fr["text"]})
    return out


# --- the multilingual gate corpus ----------------------------------------------------------

def gate(n: int = 1000) -> None:
    """1,000 real articles in several languages, one paragraph each, with a scraped corpus's damage.

    About 90% English whole articles drawn (seeded) from the corpora above (Reuters 1987, ISOT
    Reuters and partisan 2017, BBC, Yahoo Finance, the gold bodies: their own publishers and
    dates) and about 10% non-English pages of nonen_flat (98 in the build of 2026-12-03) (at most 40 German, so other languages
    have room). Then, at real_corpus.RATES: exact copies of an earlier article (syndication),
    near copies (a sentence dropped, one real sentence added), a 50-90 word passage lifted from
    an earlier article, and mojibake (the whole text's UTF-8 read as Windows-1252 or Latin-1)
    on non-ASCII texts. Nothing is written here: every sentence is from a real source.
    """
    rng = random.Random(SEED)
    english = {name: _read(CACHE / path) for name, path in (
        ("reuters87", "precision/reuters87_flat.jsonl"), ("isot-true", "precision/isot-true.jsonl"),
        ("isot-fake", "precision/isot-fake.jsonl"), ("bbc", "precision/bbc_flat.jsonl"),
        ("yahoo", "precision2/yahoo_flat.jsonl"), ("gold", "precision/gold_flat.jsonl"))}
    shares = {"reuters87": 150, "isot-true": 150, "isot-fake": 150, "bbc": 220, "yahoo": 220, "gold": 50}
    pool = [r for name, k in shares.items() for r in rng.sample(english[name], k)]
    nonen = _read(CACHE / "multiling/nonen_flat.jsonl")
    german = [p for p in nonen if p["language_guess"] == "de"]
    others = [p for p in nonen if p["language_guess"] != "de"]
    foreign = rng.sample(german, 40) + rng.sample(others, min(len(others), 80))
    pool += foreign[:120]
    rng.shuffle(pool)
    pool = [r for r in pool if len(real_corpus.sentences(r["text"])) >= 3]
    sentences = [s for r in pool for s in real_corpus.sentences(r["text"]) if 6 <= len(s.split()) <= 35]
    rates = real_corpus.RATES
    records: list[dict] = []
    kinds: Counter = Counter()
    for i in range(n):
        draw = rng.random()
        if records and draw < rates["exact"]:
            kind, source = "exact", _earlier(records, rng)
            record = {**source, "text": source["text"]}
        elif records and draw < rates["exact"] + rates["near"]:
            kind, source = "near", _earlier(records, rng, 6)
            record = {**source, "text": real_corpus._near_copy(source["text"], rng, sentences)}
        else:
            kind, record = "original", dict(pool.pop())
            if records and draw < rates["exact"] + rates["near"] + rates["passage"]:
                kind = "passage"
                record["text"] = real_corpus._with_passage(record["text"], _earlier(records, rng)["text"], rng)
        kinds[kind] += 1
        records.append({"id": f"g-{i:04d}", "title": record.get("title"), "publisher": record.get("publisher"),
                        "published": record.get("published"), "url": record.get("url"),
                        "text": record["text"], "_kind": kind, "_source": record["id"]})
    showing = [r for r in records if not r["text"].isascii()]
    for record in rng.sample(showing, round(n * rates["mojibake"])):
        record["text"] = real_corpus.mojibake(record["text"], rng)
        kinds["mojibake"] += 1
    _write(records, GATE)
    foreign_ids = {p["id"] for p in foreign}
    print(f"gate: {dict(kinds)}; non-English {sum(r['_source'] in foreign_ids for r in records)}", file=sys.stderr)


def _earlier(records: list[dict], rng: random.Random, min_sentences: int = 0) -> dict:
    """An earlier original article (never a copy of a copy), with min_sentences if it can."""
    for _ in range(50):
        record = records[rng.randrange(len(records))]
        if record["_kind"] == "original" and len(real_corpus.sentences(record["text"])) >= min_sentences:
            return record
    return record


# --- FakeNewsNet's pages (PolitiFact, GossipCop) ------------------------------------------

FNN_REPO = "armstjc/FakeNewsNet"
FNN_SETS = (("politifact_real", "politifact/real"), ("politifact_fake", "politifact/fake"),
            ("gossipcop_fake", "gossipcop/fake"))


def _fnn_publisher(url: str) -> str | None:
    """The page's host without "www."; for a web.archive.org copy, the archived page's host.

    Many of the set's URLs have no scheme ("www.eonline.com/news/..."): "//" is put before them.
    """
    found = re.search(r"web\.archive\.org/web/[^/]*/(.*)", url)
    if found:
        url = found.group(1)
    host = urlparse(url if "://" in url else "//" + url).hostname or ""
    return host.removeprefix("www.") or None


def _fnn_day(stamp: object) -> str | None:
    """newspaper3k's publish_date (a Unix time, or "None") as a UTC day."""
    try:
        return datetime.fromtimestamp(float(stamp), tz=UTC).date().isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def fakenewsnet(out: Path = CACHE / "fakenewsnet") -> None:
    """Every page of 200+ characters of FakeNewsNet's three sets the fork holds, lines kept.

    FakeNewsNet (Shu et al. 2018; github KaiDMML/FakeNewsNet) crawled with newspaper3k the pages
    PolitiFact's fact checks cite (politifact/real: news stories, transcripts, releases, 1994-2021)
    and those PolitiFact and GossipCop rated false; the fork armstjc/FakeNewsNet (commit 2c3d01d)
    holds the crawled `news content.json` files (gossipcop/real is not in it). No licence file;
    FakeNewsNet's README says the pages cannot be redistributed (publishers' copyright): read
    here, never copied into the repo. `published` is newspaper3k's publish_date as a UTC day; the
    text keeps the page's lines (blank lines between paragraphs dropped, spaces in a line made
    one). Also politifact_real_flat: the real pages in one paragraph (docs/measurements/precf.md).
    """
    for name, folder in FNN_SETS:
        records = []
        for path in sorted(_names(FNN_REPO, f"fakenewsnet_dataset/{folder}")):
            if not path.endswith("/news content.json"):
                continue
            page = json.loads(_show(FNN_REPO, path))
            body = (page.get("text") or "").strip()
            if len(body) < 200:
                continue
            url = page.get("url") or ""
            records.append({"id": path.split("/")[-2], "title": flatten(page.get("title") or ""), "url": url,
                            "publisher": _fnn_publisher(url), "published": _fnn_day(page.get("publish_date")),
                            "text": "\n".join(flatten(x) for x in body.splitlines() if x.strip())})
        _write(records, out / f"fnn_{name}.jsonl")
        if name == "politifact_real":
            _write([{**r, "text": flatten(r["text"])} for r in records], out / "fnn_politifact_real_flat.jsonl")


# --- gilets jaunes: the Guardian, the Irish Times, CNN (2014-2019) -------------------------

GJ_REPO = "feryah/gilets_jaunes"
GJ_FILES = ["Anglais/Anglais_GB/corpus/Guardian_original.xml", "Anglais/Anglais_GB/corpus/Guardian_contraste.xml",
            "Anglais/Anglais_IE/corpus/IT_original.xml", "Anglais/Anglais_IE/corpus/IT_contraste.xml",
            "Anglais/Anglais_US/CNN_original.xml", "Anglais/Anglais_US/CNN_contraste.xml"]
_GJ_DOC = re.compile(r"<doc\b([^>]*)>(.*?)</doc>", re.S)
_GJ_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_GJ_URL_DATE = re.compile(r"/(20\d\d)/([a-z]{3}|\d\d)/(\d\d)/")
_GJ_DATE_FORMATS = ("%a %d %b %Y", "%a, %b %d, %Y, %H:%M", "%a %d/%m/%Y", "%b %d, %Y", "%Y-%m-%d")


def _gj_day(date: str, url: str) -> str | None:
    """The page's date attribute as a day ("Sat 9 Feb 2019", "Wed, Feb 6, 2019, 14:34", "Mon 25/3/2019",
    "2019-02-17"); else the Guardian's /2019/feb/10/ in the URL; None for "about 9 hours ago"."""
    for form in _GJ_DATE_FORMATS:
        try:
            return datetime.strptime(date.strip(), form).date().isoformat()
        except ValueError:
            continue
    found = _GJ_URL_DATE.search(url)
    if not found:
        return None
    year, month, day = found.groups()
    month = month if month.isdigit() else f"{datetime.strptime(month, '%b').month:02d}"
    return f"{year}-{month}-{day}"


def gilets_jaunes(out: Path = CACHE / "gilets_jaunes") -> None:
    """Every English page (200+ characters) of the gilets jaunes corpus, once a URL; lines kept and flat.

    A student project (feryah/gilets_jaunes, no licence file: read here, never copied into the repo)
    scraped pages of the Guardian, the Irish Times (scrapy) and CNN on the yellow-vest protests
    (_original) and others with the same words (_contraste), into XML files of <doc> elements. Its
    lines are the page's paragraphs as scraped: the Irish Times' link texts are missing (a line ends
    where a link was), CNN's pages keep their "Read More" and captions. Titles lose " | ... | The
    Guardian" and " - CNN". docs/measurements/precy.md.
    """
    lines, seen = [], set()
    for name in GJ_FILES:
        publisher = {"GB": "The Guardian", "IE": "The Irish Times", "US": "CNN"}[name.split("/")[1][-2:]]
        for attributes, body in _GJ_DOC.findall(_show(GJ_REPO, name).decode("utf-8")):
            attr = dict(_GJ_ATTR.findall(attributes))
            url = html.unescape(attr.get("link") or attr.get("url") or "")
            text = "\n".join(flatten(x) for x in html.unescape(body).splitlines() if x.strip())
            if len(text) < 200 or url in seen:
                continue
            seen.add(url)
            title = html.unescape(attr.get("title", "")).split(" | ")[0].removesuffix(" - CNN")
            lines.append({"id": f"gj-{hashlib.sha1(url.encode()).hexdigest()[:12]}", "title": flatten(title),
                          "publisher": publisher, "published": _gj_day(attr.get("date", ""), url), "url": url,
                          "text": text})
    _write(lines, out / "gj_lines.jsonl")
    _write([{**r, "text": flatten(r["text"])} for r in lines], out / "gj_flat.jsonl")


# --- Fundus parser test pages (held out: docs/measurements/precn.md) --------------------------

FUNDUS_REPO = "flairNLP/fundus"
FUNDUS_DATA = "tests/resources/parser/test_data"


def _fundus_list() -> list[tuple[str, str, str]]:
    """(id, country folder, blob) of the newest version of every test page ever committed, each blob once."""
    out = subprocess.run(["git", f"--git-dir={_git(FUNDUS_REPO)}", "log", "--all", "--date-order", "--format=",
                          "--raw", "--no-abbrev", "--no-renames", "--", FUNDUS_DATA], capture_output=True, check=True).stdout
    newest: dict[str, str] = {}  # path -> blob
    for line in out.decode("utf-8").splitlines():  # newest commit first: keep the first blob seen of a path
        meta, _, path = line.partition("\t")
        blob = meta.split()[3] if len(meta.split()) > 3 else ""
        if path.endswith(".html.gz") and path not in newest and not blob.startswith("0000000"):
            newest[path] = blob
    seen: set[str] = set()  # a page moved to another folder is the same blob: once
    pages = []
    for path, blob in sorted(newest.items()):
        if blob not in seen:
            seen.add(blob)
            folder = path.split("/")[-2]
            pages.append((f"fu-{folder}-{Path(path).name.removesuffix('.html.gz')}", folder, blob))
    return pages


def _fundus_extract(page: tuple[str, str, str]) -> dict | None:
    import gzip

    import trafilatura

    pid, country, blob = page
    raw = gzip.decompress(subprocess.run(["git", f"--git-dir={_git(FUNDUS_REPO)}", "cat-file", "blob", blob],
                                         capture_output=True, check=True).stdout)
    doc = trafilatura.bare_extraction(raw, with_metadata=True)
    doc = {} if doc is None else doc.as_dict() if hasattr(doc, "as_dict") else doc
    url = doc.get("url") or None
    return {"id": pid, "url": url, "title": flatten(doc.get("title") or ""),
            "publisher": (urlparse(url).hostname or "").removeprefix("www.") if url else doc.get("sitename"),
            "published": doc.get("date"), "country": country, "_body": (doc.get("text") or "").strip()}


def fundus(out: Path = CACHE / "fundus") -> None:
    """Fundus's parser test pages as trafilatura extracts them: lines kept and flat.

    Fundus (flairNLP/fundus, a news scraper) keeps one to five real article pages of each of ~200
    publishers in ~40 countries to test its parsers (raw HTML, gzipped; replaced over time, so its
    history holds more pages than its head). No session before precn read them: a held-out corpus
    of recent (2021-2026) news as a generic extractor gives it, with its chrome (captions, "Mehr
    zum Thema", newsletter prompts). Date: trafilatura's metadata date (none where it finds none).
    """
    with Pool(2) as pool:
        pages = [p for p in pool.map(_fundus_extract, _fundus_list(), chunksize=8) if p and len(p["_body"]) >= 200]
    lines = [{**p, "text": "\n".join(flatten(x) for x in p["_body"].splitlines() if x.strip())} for p in pages]
    _write(lines, out / "fundus_lines.jsonl")
    _write([{**p, "text": flatten(p["_body"])} for p in pages], out / "fundus_flat.jsonl")
    print("countries: " + ", ".join(f"{k} {v}" for k, v in Counter(p["country"] for p in pages).most_common()),
          file=sys.stderr)


# --- HTML-cleaning benchmarks: L3S-GN1 and Dragnet (held out: docs/measurements/precg.md) ----

HTMLCLEAN_REPO = "j-szulc/html-cleaning-dataset-merged"
HTMLCLEAN_SETS = (("l3s", "page-signal-master/input"), ("dragnet", "dragnet_data/input"))
# precr: the other four folders of the same mirror (docs/measurements/precr.md); CleanEval's two halves are one corpus
HTMLCLEAN2_SETS = (("readability", ("readability/input",)), ("cleanportal", ("CleanPortalEval-master/input",)),
                   ("cleaneval", ("cleaneval-dev/input", "cleaneval-final/input")))


def _htmlclean_extract(page: tuple[str, str]) -> dict | None:
    import trafilatura

    pid, path = page
    doc = trafilatura.bare_extraction(_show(HTMLCLEAN_REPO, path), with_metadata=True)  # bytes: it finds the encoding
    doc = {} if doc is None else doc.as_dict() if hasattr(doc, "as_dict") else doc
    url = doc.get("url") or None
    return {"id": pid, "url": url, "title": flatten(doc.get("title") or ""),
            "publisher": (urlparse(url).hostname or "").removeprefix("www.") if url else doc.get("sitename"),
            "published": doc.get("date"), "_body": (doc.get("text") or "").strip()}


def htmlclean(out: Path = CACHE / "htmlclean") -> None:
    """The news pages of two HTML-cleaning benchmarks as trafilatura extracts them: lines kept and flat.

    L3S-GN1 (page-signal-master: 621 Google News pages of 2008, Kohlschütter et al. 2010) and
    Dragnet's pages (dragnet_data: 1,382 news and blog pages, Peters & Lecocq 2013), as
    j-szulc/html-cleaning-dataset-merged holds them (input/ HTML beside GoldStandard/ text);
    research use only: read here, never copied into the repo. Every page is used in name order
    (no sample: nothing random); one process (the machine is shared). The pages are saved HTML
    without their address: url and publisher are what trafilatura finds in the page (canonical
    link, og:url, site name), the date its metadata date, none where it finds none.
    """
    _htmlclean_sets([(name, (folder,)) for name, folder in HTMLCLEAN_SETS], out)


def htmlclean2(out: Path = CACHE / "htmlclean") -> None:
    """The mirror's other four folders, as `htmlclean` builds its two: held out for precr.

    readability/ (Mozilla Readability's test pages: 116 pages of many languages, some synthetic
    test cases), CleanPortalEval-master/ (70 pages of four Hungarian news portals) and CleanEval
    2007's cleaneval-dev/ and cleaneval-final/ (~800 web pages, English and Chinese; one corpus,
    ids "cleaneval-dev-N" and "cleaneval-final-N"). Research use only: read, never copied into the repo.
    """
    _htmlclean_sets(HTMLCLEAN2_SETS, out)


def _htmlclean_sets(sets: list[tuple[str, tuple[str, ...]]] | tuple, out: Path) -> None:
    """Extract every .html page of each set's folders (name order, one process); write lines and flat.

    A set of two folders tags its ids with the folder's last part ("cleaneval-dev-1", "cleaneval-final-1"):
    their pages are numbered from 1 in each.
    """
    for name, folders in sets:
        listed = [(f"{name}-{folder.split('/')[0].split('-')[-1]}-{Path(p).stem}" if len(folders) > 1
                   else f"{name}-{Path(p).stem}", p)
                  for folder in folders for p in sorted(_names(HTMLCLEAN_REPO, folder)) if p.endswith(".html")]
        pages = [p for p in map(_htmlclean_extract, listed) if p and len(p["_body"]) >= 200]
        print(f"{name}: {len(pages):,} of {len(listed):,} pages with a body of 200+ characters", file=sys.stderr)
        lines = [{**p, "text": "\n".join(flatten(x) for x in p["_body"].splitlines() if x.strip())} for p in pages]
        _write(lines, out / f"{name}_lines.jsonl")
        _write([{**p, "text": flatten(p["_body"])} for p in pages], out / f"{name}_flat.jsonl")


# --- Webz.io's free news datasets (held out: the twenty-third session) ------------------------

WEBHOSE_REPO = "Webhose/free-news-datasets"
# The one dataset zip of the repository's history whose blob the mirror holds (the others are
# Git LFS-sized and absent); it is cut short, so its entries are read from their local headers.
WEBHOSE_BLOB = "f8b4750e1fa44a88c936d34e6cc08484622dbee4"  # News_Datasets/Human Interest_positive_20240128124133.zip


def _zip_members(data: bytes) -> list[bytes]:
    """The whole members of a zip file whose end (its central directory) is missing."""
    import struct
    import zlib

    out, at = [], 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        _, _, _, method, _, _, _, size, _, name_len, extra_len = struct.unpack("<IHHHHHIIIHH", data[at:at + 30])
        start = at + 30 + name_len + extra_len
        try:
            raw = data[start:start + size] if method == 0 else zlib.decompressobj(-15).decompress(data[start:])
            out.append(raw)
        except zlib.error:
            pass
        at += 4
    return out


def webhose(out: Path = CACHE / "webhose") -> None:
    """Webz.io's "Human Interest, positive" dataset of 2024-01-28 (news of December 2023): every
    whole record of the cut-short zip, as Webz.io's crawler made its text (lines where it kept
    them, most records one paragraph or a few lines; a timestamp line opens many), and flat.

    Webz.io/free-news-datasets: free for academic, research and journalistic use (its README),
    read here, never copied into the repo. English, Spanish, Portuguese, French, Italian;
    content farms (archyde.com) beside newspapers. Publisher: the thread's site; date: `published`.
    """
    data = subprocess.run(["git", f"--git-dir={_git(WEBHOSE_REPO)}", "cat-file", "blob", WEBHOSE_BLOB],
                          capture_output=True, check=True).stdout
    records = []
    for raw in _zip_members(data):
        try:
            doc = json.loads(raw)
        except ValueError:  # the member the cut ends inside
            continue
        text = "\n".join(flatten(x) for x in (doc.get("text") or "").splitlines() if x.strip())
        if len(text) < 200:
            continue
        records.append({"id": f"wh-{doc['uuid'][:12]}", "url": doc.get("url"), "title": flatten(doc.get("title") or ""),
                        "publisher": (doc.get("thread") or {}).get("site"), "author": doc.get("author") or None,
                        "published": (doc.get("published") or "")[:10] or None, "text": text})
    _write(records, out / "webhose_lines.jsonl")
    _write([{**r, "text": flatten(r["text"])} for r in records], out / "webhose_flat.jsonl")


FNC_REPO = "several27/FakeNewsCorpus"


def _show_any(repo: str, name: str) -> str:
    """A file of the mirror, from the last commit that touched it (a mirror's HEAD may lack it)."""
    git = ["git", f"--git-dir={_git(repo)}"]
    commit = subprocess.run([*git, "log", "--all", "--format=%H", "-1", "--", name],
                            capture_output=True, text=True, check=True).stdout.strip()
    return subprocess.run([*git, "show", f"{commit or 'HEAD'}:{name}"], capture_output=True,
                          check=True).stdout.decode("utf-8")


def _lines_and_flat(records: list[dict], out: Path, name: str) -> None:
    _write(records, out / f"{name}_lines.jsonl")
    _write([{**r, "text": " ".join(flatten(x) for x in r["text"].split("\n"))} for r in records],
           out / f"{name}_flat.jsonl")


def fnc(out: Path = CACHE / "fnc") -> None:
    """FakeNewsCorpus' news_sample.csv (several27/FakeNewsCorpus): 250 pages scraped from
    many sites (reliable, fake, satire, clickbait), its chrome left in (beforeitsnews' reader
    poll and teaser, WordPress feed footers, "Republished with permission"). Every row with
    200+ characters of content; no publication date (scraped_at is a crawl time). Third-party
    text: read here, never committed. Twenty-fourth session's held-out read."""
    csv.field_size_limit(sys.maxsize)
    rows = csv.DictReader(io.StringIO(_show_any(FNC_REPO, "news_sample.csv"), newline=""))
    records, seen = [], set()
    for row in rows:
        content, rid = row["content"] or "", f"fnc-{row['id']}"
        if len(content) < 200 or rid in seen:
            continue
        seen.add(rid)
        lines = [x for x in content.replace("\r\n", "\n").replace("\r", "\n").split("\n") if x.strip()]
        records.append({"id": rid, "url": row["url"] or None, "title": row["title"] or None,
                        "publisher": row["domain"] or None, "author": (row["authors"] or "").strip() or None,
                        "published": None, "text": "\n".join(lines)})
    _lines_and_flat(records, out, "fnc")


def _mdy(value: object) -> str | None:
    """RealNews' publish_date ("06-13-2014", or ISO) as an ISO date."""
    if not isinstance(value, str):
        return None
    for fmt in ("%Y-%m-%d", "%m-%d-%Y"):
        try:
            return datetime.strptime(value.strip()[:10], fmt).date().isoformat()
        except ValueError:
            pass
    return None


def realnews(out: Path = CACHE / "realnews") -> None:
    """Grover's realnews/realnews_tiny.jsonl (rowanz/grover): five Common Crawl news pages as
    newspaper extracted them (NBC's video widget, The Local's ad label and credits). Small,
    but nobody here wrote them. Twenty-fourth session's held-out read."""
    records = []
    for n, raw in enumerate(_show_any("rowanz/grover", "realnews/realnews_tiny.jsonl").splitlines()):
        if not raw.strip():
            continue
        doc = json.loads(raw)
        text = "\n".join(flatten(x) for x in (doc.get("text") or "").splitlines() if x.strip())
        if len(text) < 200:
            continue
        authors = doc.get("authors") or []
        authors = [authors] if isinstance(authors, str) else authors
        records.append({"id": f"rn-{n}", "url": doc.get("url"), "title": doc.get("title"),
                        "publisher": doc.get("domain"), "author": ", ".join(a.strip() for a in authors if a.strip()) or None,
                        "published": _mdy(doc.get("publish_date")), "text": text})
    _lines_and_flat(records, out, "realnews")


def postlight(out: Path = CACHE / "postlight") -> None:
    """Postlight Parser's test fixtures (postlight/parser, fixtures/*.html; Apache-2.0 repository,
    the pages are third-party, publishers' copyright: read only): 170 saved pages of ~150 sites
    (news, magazines, blogs, a few Japanese and German), their body by trafilatura
    `bare_extraction` as it gives it (some keep their source's hard wraps and indentation). Every
    page with 200+ characters, in name order; url, title and date from trafilatura's metadata,
    publisher the url's host (else the fixture's name, which is the site's). Flat: the non-blank
    lines stripped and joined by a space. Twenty-fifth session's held-out read."""
    import trafilatura

    records = []
    for n, path in enumerate(sorted(p for p in _names("postlight/parser", "fixtures") if p.endswith(".html"))):
        doc = trafilatura.bare_extraction(_show("postlight/parser", path), with_metadata=True)
        doc = {} if doc is None else doc.as_dict() if hasattr(doc, "as_dict") else doc
        text = doc.get("text") or ""
        if len(text) < 200:
            continue
        url = doc.get("url") or None
        host = (urlparse(url).netloc if url else "").removeprefix("www.")
        records.append({"id": f"pl-{n}", "url": url, "title": " ".join((doc.get("title") or "").split()) or None,
                        "publisher": host or path.rsplit("/", 1)[-1].removesuffix(".html"),
                        "published": doc.get("date") or None, "text": text})
    _write_lines_and_joined(records, out, "pl")


def goose3(out: Path = CACHE / "goose3") -> None:
    """goose3's test pages (goose3/goose3, tests/data/**/*.html; Apache-2.0 repository, the pages
    third-party, publishers' copyright: read only): 98 saved pages, each byte-identical page once,
    in name order, 72 with a body of 200+ characters by trafilatura (en 61; fr, es, zh, ar, ko, de,
    pl; 22 of them goose3's own made-up "TextNode" pages). Publisher: the url's host, else the
    site name trafilatura finds, else the file's stem. Flat as `postlight`'s. Twenty-fifth
    session's second held-out read."""
    import trafilatura

    records, seen = [], set()
    for n, path in enumerate(sorted(p for p in _names("goose3/goose3", "tests/data") if p.endswith(".html"))):
        page = _show("goose3/goose3", path)
        if hashlib.sha256(page).hexdigest() in seen:
            continue
        seen.add(hashlib.sha256(page).hexdigest())
        doc = trafilatura.bare_extraction(page, with_metadata=True)
        doc = {} if doc is None else doc.as_dict() if hasattr(doc, "as_dict") else doc
        text = doc.get("text") or ""
        if len(text) < 200:
            continue
        url = doc.get("url") or None
        host = ((urlparse(url).hostname or "") if url else "").removeprefix("www.")
        records.append({"id": f"gs-{n}", "url": url, "title": " ".join((doc.get("title") or "").split()) or None,
                        "publisher": host or doc.get("sitename") or Path(path).stem,
                        "published": doc.get("date") or None, "text": text})
    _write_lines_and_joined(records, out, "gs")


FAKEBR_REPO = "roneysco/Fake.br-Corpus"


def fakebr(out: Path = CACHE / "fakebr") -> None:
    """Fake.Br (roneysco/Fake.br-Corpus; Monteiro et al., PROPOR 2018; no licence file, research
    corpus of third-party pages: read only): 3,600 true and 3,600 fake Brazilian Portuguese news
    texts of 2016-2018 "as collected from their websites", each fake paired with a true one on
    the same subject (same number). Texts as the files hold them (a file's BOM dropped); author,
    url, date from the meta file as written there ("26/12/2017", "2017-11-28", "7/12/2017",
    "11 de julho de 2017"), "None" as null; no titles. Publisher: the url's
    host. Flat as `postlight`'s. Twenty-sixth session's held-out read."""
    records = []
    for kind in ("true", "fake"):
        names = sorted(_names(FAKEBR_REPO, f"full_texts/{kind}"), key=lambda p: int(Path(p).stem))
        for path in names:
            number = Path(path).stem
            text = _show(FAKEBR_REPO, path).decode("utf-8", errors="replace").lstrip("\ufeff")
            meta = _show(FAKEBR_REPO, f"full_texts/{kind}-meta-information/{number}-meta.txt").decode(
                "utf-8", errors="replace").lstrip("\ufeff").splitlines() + [""] * 4
            author, url, day = (None if v.strip() in ("", "None") else v.strip() for v in (meta[0], meta[1], meta[3]))
            host = ((urlparse(url).hostname or "") if url else "").removeprefix("www.")
            records.append({"id": f"fb-{kind}-{number}", "url": url, "title": None, "author": author,
                            "publisher": host or None,
                            "published": day,
                            "text": text})
    _write_lines_and_joined(records, out, "fakebr")


def _write_lines_and_joined(records: list[dict], out: Path, name: str) -> None:
    """NAME_lines.jsonl (the text as extracted) and NAME_flat.jsonl (its non-blank lines stripped
    and joined by a space, a line's inner spaces kept, as the held-out reads had them)."""
    _write(records, out / f"{name}_lines.jsonl")
    _write([{**r, "text": " ".join(x.strip() for x in r["text"].splitlines() if x.strip())} for r in records],
           out / f"{name}_flat.jsonl")


STEPS = {"reuters": reuters, "isot": isot, "bbc": bbc, "gold": gold, "yahoo": yahoo, "pages": pages, "gate": gate,
         "fakenewsnet": fakenewsnet, "gilets_jaunes": gilets_jaunes, "fundus": fundus,
         "htmlclean": htmlclean, "htmlclean2": htmlclean2, "webhose": webhose, "fnc": fnc,
         "realnews": realnews, "postlight": postlight, "goose3": goose3, "fakebr": fakebr}

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--out" in args:  # fakenewsnet / gilets_jaunes --out DIR: their corpora elsewhere than /work/cache/NAME
        where = Path(args.pop(args.index("--out") + 1))
        args.remove("--out")
        STEPS["fakenewsnet"] = lambda: fakenewsnet(where)
        STEPS["gilets_jaunes"] = lambda: gilets_jaunes(where)
    for step in args or list(STEPS):
        STEPS[step]()
