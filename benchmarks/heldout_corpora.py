"""Rebuild the held-out news corpora of the twenty-eighth to thirty-second sessions (fourteen languages).

    python benchmarks/heldout_corpora.py                  # every corpus (fetch the repositories first)
    python benchmarks/heldout_corpora.py gnad ko_news     # some of them
    python benchmarks/heldout_corpora.py --list [STEP..]  # "NAME PATH LANG" a corpus, for an A/B script

Why: the precision reads and A/B comparisons of those sessions (docs/measurements.md) ran on
corpora whose builders lived only in /work/cache beside them (build.py, /tmp/builders/*.py),
so a new machine lost both; benchmarks/precision_corpora.py holds the older corpora's. This
module makes them again, in that module's way and with its helpers and seed, from local mirrors
of public GitHub repositories that the search tool's `fetch` brings to
/work/.mirror/OWNER+NAME/repo (nothing here clones or downloads; third-party text is never
committed). Fetch first: tblock/10kGNAD, jpposadas/FakeNewsCorpusSpanish,
federicarollo/5W-1H-extraction-in-news-articles-for-event-detection,
federicarollo/Document-Level-Event-Extraction, Tixierae/OrangeSum, mannefedov/ru_kw_eval_datasets,
Patrick233/Cluster-Chinese-news-Article, parallelfold/SaudiNewsNet, jkatsuta/18_4q_doc2vec,
ugurcn4/data-mining, eminozkaradeniz/document_classification_on_turkish_news_texts,
danlobo1999/classification-of-hindi-news, language-ml/course-nlp-ir-1-text-exploring,
faezeh-gholamrezaie/Persian-News-Article-Classification, kimchijoa/naver_news_crolling,
HanNayeoniee/preprocess-korean-data, magizbox/scraper, SENULT/Search_Engine, gikirima/indonews-scrapper,
Mukhammad-develop/lang_scrape. Files are read at HEAD, or at the commit a session read
where the repository moved on or deleted its data since (the constants below name it).

Records: `id`, `title`, `publisher`, `published` (ISO date or null), `text`, plus `url` (and
`author`, `category`, `section`, `source`) where the source has one (id_news leaves a null field
out, as its session wrote it). Samples are seeded (random.Random(20261203); ko_news, vi_news and
id_news random.Random(32), as their session drew them), so a rebuild gives the same bytes from
the same mirror commits. Each folder gets a SOURCE.md: repository, commit,
files read, licence as stated, what was kept.

| file (under /work/cache) | source, licence note | records | shape |
|---|---|---:|---|
| gnad/gnad_flat.jsonl | 10kGNAD test.csv (DER STANDARD 2015-16; CC BY-NC-SA 4.0) | 1,028 | one paragraph; no title, no date; `category` |
| fnes/fnes_lines.jsonl | Spanish Fake News Corpus train/development/test.xlsx (CC BY 4.0) | 1,543 | lines kept; headline, source, URL; no date |
| dice_it/dice_flat.jsonl | DICE texts (Gazzetta di Modena 2011-21) of 5W-1H's data_to_import.csv (CC0) and Document-Level-Event-Extraction's data/*.json (CC BY-NC-SA 4.0) | 804 (283 with URL) | one paragraph; no title, no date |
| orangesum_fr/orangesum_flat.jsonl | OrangeSum's data/docs/parsed/*.json (actu.orange.fr 2011-20; CC BY-SA 4.0), URL from data/docs/raw | 2,000 seeded | one paragraph (the set's own glue); title, date, URL |
| ng_ru/ng_lines.jsonl | ru_kw_eval_datasets' data/ng_0/ng_1.jsonlines.zip (ng.ru, 2018 scrape; no licence: read only) | 1,598 | lines kept; title, URL, date from the URL |
| zh_news/corpus.jsonl | Sina pages of Nov 2018 in Cluster-Chinese-news-Article at d1badb6 (removed later; no licence, Sina's copyright: read only) | 2,000 seeded of 12,368 non-empty files | as scraped: 1,782 one paragraph, 218 with lines (headline, ad script); title = file name; no date, no publisher |
| ar_news/corpus.jsonl | SaudiNewsNet (14 Saudi papers, 2015-07-21..08-11; CC BY-NC-SA 4.0, research only) | 2,000, an equal share an outlet | `content` as crawled (1,541 with line breaks); url, title, author; no date |
| ja_news/corpus.jsonl | livedoor news corpus (RONDHUIT 2012) in 18_4q_doc2vec (CC BY-ND 2.1 JP) | 2,000 seeded of 7,367 | body with its lines and blank lines; url, title, date, channel's provider |
| tr_news/corpus.jsonl | 1,081 seeded of the 2,015 rows of data-mining's all_news_dataset.csv (CNN Türk, NTV, Habertürk, Sabah, May 2025) + the 919 texts of 200+ characters of a Turkish daily of about 2004 (document_classification_on_turkish_news_texts, windows-1254); no licence: read only | 2,000 | the scrapes flat as scraped; the daily with its lines |
| hi_news/corpus.jsonl | every row with text of hindi-cleaned-test.csv (BBC Hindi, about 2013); no licence: read only | 344 | `\\r\\n` lines; no title, URL or date |
| fa_news/corpus.jsonl | 757 seeded Varzesh3 + 1,000 seeded Fars News (2003-21) of language-ml's JSON + the 243 Fars News rows with text of July-August 2023 (Persian-News-Article-Classification's farsnews.csv, at c01f8d1); no licence for the articles: read only | 2,000 | paragraphs joined by line breaks; zero-width non-joiners kept |
| ko_news/corpus.jsonl | Naver News as crawled: naver_news_crolling's 12 xlsx (list dates 2021-12-21, 12-28, 2022-01-23) + preprocess-korean-data's 2023-05-21 ranking news; no licence: read only | 2,000 (660-661 a list date + 19) | bodies as stored, lines kept; Naver URL, press, list date, `section`, `source` |
| vi_news/corpus.jsonl | baomoi.com's 2017 crawl (magizbox/scraper's vn_news/data) + VnExpress football pages of 2013-2025 (SENULT/Search_Engine's data/raw); no licence: read only | 2,000 (1,000 + 1,000 seeded) | as stored: baomoi title, then lead and body a line each; VnExpress flat, dated; URL |
| id_news/corpus.jsonl | indonews-scrapper's June 2025 scrapes of six sites (1,300 seeded) and its older detik/Kompas run (400) + lang_scrape's detik sample (300); no licence: read only | 2,000 | as scraped: 1,929 with lines; title, date (A, B), URL, site; null fields left out |
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import re
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from precision_corpora import CACHE, SEED, _git, _names, _show, _write, flatten

CORPORA = {  # step: (its file under CACHE, language code); --list prints them for the A/B scripts
    "gnad": ("gnad/gnad_flat.jsonl", "de"), "fnes": ("fnes/fnes_lines.jsonl", "es"),
    "dice_it": ("dice_it/dice_flat.jsonl", "it"), "orangesum_fr": ("orangesum_fr/orangesum_flat.jsonl", "fr"),
    "ng_ru": ("ng_ru/ng_lines.jsonl", "ru"), "zh_news": ("zh_news/corpus.jsonl", "zh"),
    "ar_news": ("ar_news/corpus.jsonl", "ar"), "ja_news": ("ja_news/corpus.jsonl", "ja"),
    "tr_news": ("tr_news/corpus.jsonl", "tr"), "hi_news": ("hi_news/corpus.jsonl", "hi"),
    "fa_news": ("fa_news/corpus.jsonl", "fa"), "ko_news": ("ko_news/corpus.jsonl", "ko"),
    "vi_news": ("vi_news/corpus.jsonl", "vi"), "id_news": ("id_news/corpus.jsonl", "id"),
}


def _path(step: str) -> Path:
    """The corpus file of a step: one table, so the builders and --list cannot disagree."""
    return CACHE / CORPORA[step][0]


# --- reading the mirrors ---------------------------------------------------------------------

def _git_out(repo: str, *args: str, stdin: bytes | None = None) -> bytes:
    """Bytes, not text: the files are UTF-8, windows-1254, zip and xlsx."""
    return subprocess.run(["git", f"--git-dir={_git(repo)}", *args], input=stdin,
                          capture_output=True, check=True).stdout


def _show_at(repo: str, rev: str, name: str) -> bytes:
    """A file at a given commit: precision_corpora's _show reads HEAD, and some of these
    repositories deleted or changed their data after a session read it."""
    return _git_out(repo, "show", f"{rev}:{name}")


def _commit(repo: str, rev: str = "HEAD") -> str:
    """The full commit id, for SOURCE.md: a rebuild is only the same from the same commit."""
    return _git_out(repo, "rev-parse", rev).decode("utf-8").strip()


def _blobs(repo: str, rev: str, folder: str = "", keep: set[str] | None = None) -> dict[str, bytes]:
    """The files under a folder at rev (or those of `keep`), path -> bytes, in one `git cat-file
    --batch`: a `git show` a file takes minutes over OrangeSum's 36,000 pages. A blob the
    snapshot lacks is left out."""
    listing = _git_out(repo, "ls-tree", "-r", "-z", rev, *([folder] if folder else []))
    entries = [(meta.split()[2], path) for meta, _, path in (e.decode("utf-8").partition("\t")
                                                             for e in listing.split(b"\0") if e)
               if meta.split()[1] == "blob" and (keep is None or path in keep)]
    data = _git_out(repo, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob, _ in entries).encode())
    out, at = {}, 0
    for _, path in entries:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        if header[1] == b"missing":
            at = end + 1
            continue
        size = int(header[2])
        out[path] = data[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return out


def _csv_rows(repo: str, rev: str, name: str) -> list[dict]:
    """Rows of a UTF-8 CSV; newline="" keeps the line breaks inside its quoted fields as written.
    A byte-order mark (indonews-scrapper's scrapes open with one) is no part of the first column's name."""
    return list(csv.DictReader(io.StringIO(_show_at(repo, rev, name).decode("utf-8-sig"), newline="")))


_XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _xlsx_rows(data: bytes) -> list[dict[str, str | None]]:
    """The first sheet's rows as {column letter: text, None for a cell without a value}:
    openpyxl is not in the environment."""
    book = zipfile.ZipFile(io.BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in book.namelist():
        shared = ["".join(t.text or "" for t in si.iter(f"{_XLSX}t"))
                  for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{_XLSX}si")]
    rows = []
    for row in ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml")).iter(f"{_XLSX}row"):
        cells: dict[str, str | None] = {}
        for cell in row.iter(f"{_XLSX}c"):
            value, kind = cell.find(f"{_XLSX}v"), cell.get("t")
            if kind == "inlineStr":
                text = "".join(t.text or "" for t in cell.iter(f"{_XLSX}t"))
            else:
                text = None if value is None else shared[int(value.text)] if kind == "s" else value.text
            cells[re.match(r"[A-Z]+", cell.get("r")).group()] = text
        rows.append(cells)
    return rows


def _lines(text: str) -> str:
    """Lines kept: each non-blank line with its spaces made one, blank lines dropped."""
    return "\n".join(flatten(x) for x in text.splitlines() if x.strip())


# --- SOURCE.md ---------------------------------------------------------------------------------
# Three layouts, as the three sessions' builders wrote them: kept so that a rebuild's SOURCE.md
# differs from the one read only in its "Built by" line.

def _built_by(step: str) -> str:
    return f"Built by benchmarks/heldout_corpora.py `{step}`"


def _save(step: str, records: list[dict], source_md: str) -> None:
    """The corpus and, beside it, its SOURCE.md, so a reader can judge where it came from and rebuild it."""
    _write(records, _path(step))
    (_path(step).parent / "SOURCE.md").write_text(source_md, encoding="utf-8")


def _save_fields(step: str, records: list[dict], repos: list[str], about: tuple[str, str, str], kept: str) -> None:
    """The europe builders' layout; `about` (title, files read, licence) is fixed by the source,
    `kept` is this build's, with its counts."""
    title, files, licence = about
    where = "\n".join(f"- github.com/{r} at {_commit(r)}" for r in repos)
    _save(step, records, f"# {title}\n\nRepositories (mirror commits):\n{where}\n\nFiles read: {files}\n\n"
                         f"Licence (as stated): {licence}\n\nKept: {kept}\n\n{_built_by(step)}; third-party "
                         "text, read here, never committed to the repo.\n")


def _save_stats(step: str, records: list[dict], body: str) -> None:
    """The east builders' layout: the body, then this build's counts (texts with lines, with a date)."""
    lines = sum("\n" in r["text"] for r in records)
    dated = sum(bool(r.get("published")) for r in records)
    _save(step, records, body.strip() + f"\n\n## This build\n{len(records):,} records: {len(records) - lines:,} "
                         f"flat (no line break), {lines:,} with lines; {dated:,} with a date. {_built_by(step)}.\n")


def _save_tally(step: str, records: list[dict], lines: list[str]) -> None:
    """The west Asian builders' layout: the lines, then the count of records by publisher."""
    tally = [f"- {name}: {n:,}" for name, n in Counter(r["publisher"] for r in records).most_common()]
    _save(step, records, "\n".join([*lines, f"{_built_by(step)}.", "", f"Records: {len(records):,}", *tally, ""]))


def _counts(records: list[dict], key: str) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in Counter(r[key] for r in records).most_common())


# --- 10kGNAD (German) ------------------------------------------------------------------------

GNAD_REPO = "tblock/10kGNAD"
GNAD_ABOUT = ("10kGNAD test set (German, DER STANDARD 2015-2016)", "test.csv (label;text, quote char ')",
              "dataset CC BY-NC-SA 4.0 (README), code MIT (LICENSE)")


def gnad() -> None:
    """10kGNAD's test.csv: 1,028 DER STANDARD articles of 2015-16 (One Million Posts corpus), each
    the standfirst and the `<p>` elements as the set joined them into one paragraph (its own
    extractor cut a closing "(author, date)" credit off most, not all). No title, no date in the
    set; its section label kept as `category`. train.csv is absent from the mirror (too big);
    the twenty-eighth session read test.csv only."""
    rows = csv.reader(io.StringIO(_show(GNAD_REPO, "test.csv").decode("utf-8")), delimiter=";", quotechar="'")
    records = [{"id": f"gnad-{k}", "title": None, "publisher": "Der Standard", "published": None,
                "category": label, "text": flatten(text)} for k, (label, text) in enumerate(rows) if text.strip()]
    _save_fields("gnad", records, [GNAD_REPO], GNAD_ABOUT,
                   f"every row ({len(records):,}), text flattened to one paragraph; id gnad-<row>; publisher "
                   "'Der Standard'; title and published null; the row's section label as `category`.")


# --- the Spanish Fake News Corpus ----------------------------------------------------------------

FNES_REPO = "jpposadas/FakeNewsCorpusSpanish"
FNES_ABOUT = ("The Spanish Fake News Corpus (v1 2018, v2 2020-21)",
              "train.xlsx, development.xlsx, test.xlsx (first sheet; read with zipfile and ElementTree)",
              "CC BY 4.0 (LICENSE.txt: Attribution 4.0 International)")


def fnes() -> None:
    """Every record of the Spanish Fake News Corpus: v1 (2018, train 676 + development 295, numbers
    masked as *NUMBER*) and v2 (test 572, Nov 2020 - Mar 2021, 90 social posts), fake and true.
    Columns Id, Category, Topic, Source, Headline, Text, Link; lines kept as the set has them
    (blank lines dropped). No publication date in the set (the audit reads a URL's day)."""
    records = []
    for split in ("train", "development", "test"):
        for cells in _xlsx_rows(_show(FNES_REPO, f"{split}.xlsx"))[1:]:
            row = {k: v or "" for k, v in cells.items()}
            label = {"1": "true", "0": "fake"}.get(row.get("B", ""), row.get("B", "").lower())
            records.append({"id": f"fnes-{split}-{label}-{row['A']}", "title": flatten(row.get("E", "")) or None,
                            "publisher": flatten(row.get("D", "")) or None, "published": None,
                            "url": row.get("G", "").strip() or None, "text": _lines(row.get("F", ""))})
    _save_fields("fnes", records, [FNES_REPO], FNES_ABOUT,
                   f"every row ({len(records):,}); id fnes-<file>-<fake|true>-<Id> (test's Category 1 = true, 0 = "
                   "fake); title = Headline (null where empty), publisher = Source, url = Link, published null; "
                   "text = Text with its lines kept, each line's spaces made one, blank lines dropped. Topic not kept.")


# --- DICE (Italian, Gazzetta di Modena) ----------------------------------------------------------

DICE_W5 = "federicarollo/5W-1H-extraction-in-news-articles-for-event-detection"
DICE_DEE = "federicarollo/Document-Level-Event-Extraction"
DICE_ABOUT = ("DICE: Italian crime news (Gazzetta di Modena, 2011-2021)",
              "5W-1H: data_to_import.csv (id, url, text, ...); Document-Level-Event-Extraction: "
              "data/test_set.json, data/validation_set.json, data/example_set.json (text, annotation). "
              "federicarollo/Italian-Crime-News (DICE itself) holds italian_crime_news.csv only as a blob "
              "the snapshot lacks (over 4 MiB): not read",
              "5W-1H: CC0 1.0 (LICENSE); Document-Level-Event-Extraction: CC BY-NC-SA 4.0 (LICENSE); DICE's "
              "README: CC BY-NC-SA 4.0 by agreement with the Gazzetta di Modena")


def dice_it() -> None:
    """DICE's crime stories of the Gazzetta di Modena (2011-2021) whose text is in a mirror: DICE's own
    italian_crime_news.csv is absent (over the snapshot's size limit), so the texts are those two
    other repositories of Federica Rollo publish: 5W-1H's data_to_import.csv (285 with id and URL)
    first, then Document-Level-Event-Extraction's test, validation and example sets (no URL).
    Each text once (the first, so a URL is kept), 200+ characters: 804, 283 with a URL."""
    pool = [{"id": f"dice-{row['id']}", "url": row["url"] or None, "text": row["text"] or ""}
            for row in _csv_rows(DICE_W5, "HEAD", "data_to_import.csv")]
    for split in ("test_set", "validation_set", "example_set"):
        pool += [{"id": f"dice-dee-{split.removesuffix('_set')}-{k}", "text": item["text"] or ""}
                 for k, item in enumerate(json.loads(_show(DICE_DEE, f"data/{split}.json")))]
    records, seen = [], set()
    for item in pool:
        text = flatten(item["text"])
        if len(text) < 200 or text in seen:
            continue
        seen.add(text)
        records.append({"id": item["id"], "title": None, "publisher": "Gazzetta di Modena", "published": None,
                        **({"url": item["url"]} if item.get("url") else {}), "text": text})
    _save_fields("dice_it", records, [DICE_W5, DICE_DEE], DICE_ABOUT,
                   f"{len(records):,} texts of 200+ characters, each once (whitespace-normalised; the 5W-1H copy "
                   f"first, so its URL is kept): {sum('url' in r for r in records):,} with a URL. Flattened to one "
                   "paragraph; id dice-<DICE id> (5W-1H) or dice-dee-<set>-<index>; publisher 'Gazzetta di "
                   "Modena'; title and published null (the audit reads the URL's day). Annotations not kept.")


# --- OrangeSum (French, Orange Actu) -------------------------------------------------------------

ORANGE_REPO = "Tixierae/OrangeSum"
ORANGE_ABOUT = ("OrangeSum (French, Orange Actu 2011-2020)",
                "data/docs/parsed/*.json (article, date, heading, title); data/docs/raw/<N>.txt for the canonical "
                "URL of the sampled pages (data/links/urls*.txt are absent from the snapshot)",
                "CC BY-SA 4.0 (LICENSE.txt)")
_CANONICAL = re.compile(rb'<link href="([^"]+)" rel="canonical"|<link rel="canonical" href="([^"]+)"')


def orangesum_fr(n: int = 2000) -> None:
    """2,000 seeded articles of OrangeSum's parsed pages (actu.orange.fr, Feb 2011 - Sep 2020, much of it
    AFP copy): the dataset's `article` as its parser made it (paragraphs glued without a space:
    "Pyrénées.Alors"), its <title>, its date. The URL lists are absent from the mirror (over 4 MiB),
    so the url is the raw page's canonical link (data/docs/raw/N.txt)."""
    docs = {p: json.loads(b) for p, b in _blobs(ORANGE_REPO, "HEAD", "data/docs/parsed").items() if p.endswith(".json")}
    names = sorted(docs, key=lambda p: int(Path(p).stem))
    pool = [p for p in names if len(flatten(docs[p].get("article") or "")) >= 200]
    print(f"OrangeSum: {len(pool):,} of {len(names):,} parsed pages with 200+ characters", file=sys.stderr)
    sample = random.Random(SEED).sample(pool, n)
    raw = _blobs(ORANGE_REPO, "HEAD", "data/docs/raw", {f"data/docs/raw/{Path(p).stem}.txt" for p in sample})
    records = []
    for path in sample:
        doc, page = docs[path], raw.get(f"data/docs/raw/{Path(path).stem}.txt", b"")
        found = _CANONICAL.search(page)
        url = (found.group(1) or found.group(2)).decode("utf-8") if found else None
        records.append({"id": f"os-{Path(path).stem}", "title": flatten(doc.get("title") or "") or None,
                        "publisher": "Orange Actu", "published": doc.get("date") or None, "url": url,
                        "text": flatten(doc["article"])})
    _save_fields("orangesum_fr", records, [ORANGE_REPO], ORANGE_ABOUT,
                   f"{n:,} drawn with random.Random({SEED}).sample from the {len(pool):,} parsed pages whose article "
                   "has 200+ characters (in numeric file order); text = `article` flattened (its glued paragraphs "
                   "left as they are); the `heading` (abstract) not included; id os-<file number>; publisher "
                   f"'Orange Actu'; {sum(r['url'] is not None for r in records):,} with a URL.")


# --- Nezavisimaya Gazeta (Russian) ---------------------------------------------------------------

NG_REPO = "mannefedov/ru_kw_eval_datasets"
NG_ABOUT = ("Nezavisimaya Gazeta (ng.ru, Russian, scraped 2018)",
            "data/ng_0.jsonlines.zip, data/ng_1.jsonlines.zip (url, title, content, summary, keywords)",
            "none stated (no LICENSE; README: datasets for keyword-extraction evaluation): read only")
_NG_DAY = re.compile(r"/((?:19|20)\d\d)-(\d\d)-(\d\d)/")


def ng_ru() -> None:
    """ng.ru pages scraped in 2018 for keyword extraction (ng_0 999 lines, ng_1 988): every text of
    200+ characters once (388 lines repeat an earlier one's text, often the same page under an
    amp.ng.ru address; one is shorter), 1,598 articles of 2000-2018 with their lines, title and
    URL as the set has them; the date is the URL's "/2017-04-18/". Keywords, summaries not kept."""
    records, seen = [], set()
    for part in (0, 1):
        with zipfile.ZipFile(io.BytesIO(_show(NG_REPO, f"data/ng_{part}.jsonlines.zip"))) as book:
            lines = book.read(f"ng_{part}.jsonlines").decode("utf-8").splitlines()
        for k, raw in enumerate(lines):
            if not raw.strip():
                continue
            doc = json.loads(raw)
            text = _lines(doc.get("content") or "")
            if len(text) < 200 or flatten(text) in seen:
                continue
            seen.add(flatten(text))
            day = _NG_DAY.search(doc.get("url") or "")
            records.append({"id": f"ng-{part}-{k}", "title": flatten(doc.get("title") or "") or None,
                            "publisher": "ng.ru", "published": "-".join(day.groups()) if day else None,
                            "url": doc.get("url") or None, "text": text})
    _save_fields("ng_ru", records, [NG_REPO], NG_ABOUT,
                   f"{len(records):,} records: every line whose content has 200+ characters, each text once (the "
                   "first, in file order); lines kept (blank lines dropped, spaces made one); id ng-<part>-<line>; "
                   "publisher 'ng.ru'; url as given (some amp.ng.ru/?p=...); published = the URL's YYYY-MM-DD.")


# --- Sina 2018 (Chinese) -------------------------------------------------------------------

SINA_REPO = "Patrick233/Cluster-Chinese-news-Article"
SINA_COMMIT = "d1badb63249cccb481287bd4abd6d25c7d5f04a2"  # "add downloaded files"; removed at 64d717f


def zh_news() -> None:
    """2,000 seeded files of the eight folders of Sina pages the commit holds, as scraped.

    The crawler (crawUrl.py) glued a page's <p> texts into one paragraph (the test* folders and
    Entertainment); webScapper.py wrote SportNews and TechNews as 11 spaces, the headline, then
    the article div's text with its line breaks (and, in TechNews, the page's ad script). Empty
    files are left out; the title is the file's name (the headline less the characters a file
    name cannot hold). No date, URL or publisher: the files give none. No licence stated.
    """
    files = _blobs(SINA_REPO, SINA_COMMIT)
    names = sorted(n for n in files if "/" in n and n.endswith(".txt"))
    pages = []
    for name in names:
        text = files[name].decode("utf-8", errors="replace")
        if not text.strip():
            continue
        pages.append({"id": f"sina-{hashlib.sha1(name.encode()).hexdigest()[:12]}", "title": Path(name).stem,
                      "publisher": None, "published": None, "text": text, "_folder": name.split("/", 1)[0]})
    print(f"Sina: {len(pages):,} non-empty files of {len(names):,}", file=sys.stderr)
    sample = random.Random(SEED).sample(pages, 2000)
    _save_stats("zh_news", sample, f"""
# zh_news: Sina 2018 (Chinese)

Source: github:{SINA_REPO} at {SINA_COMMIT} ("add downloaded files", 2018-11-15; the
articles were removed from the repository at 64d717f, so they are read at that commit).
Files: every `*.txt` of the folders Entertainment, SportNews, TechNews, testEdu, testFashion,
testHealth, testSport, testTech ({len(names):,} files, {len(pages):,} non-empty): pages of
Sina's feeds (sina.cn / sina.com.cn) scraped in November 2018 by the repository's crawlers.
Licence: none stated in the repository; the pages are Sina's: read only, never committed.

Kept: a seeded sample of 2,000 non-empty files (random.Random({SEED}) over the files in path
order), each text exactly as the file holds it (UTF-8; nothing stripped or cleaned): the test*
folders and Entertainment are mostly one paragraph (the page's <p> texts glued), SportNews and
TechNews open with 11 spaces and the headline and keep their line breaks; TechNews pages end in
the page's ad script. Identical files under two titles are kept (reposts).
Fields: `id` (sina- + sha1 of the path), `title` (the file's name: the headline less the
characters a file name cannot hold), `publisher`, `published`: null (the files give neither).
By folder: {_counts(sample, "_folder")}.
""")


# --- SaudiNewsNet (Arabic) -----------------------------------------------------------------

SNN_REPO = "parallelfold/SaudiNewsNet"
SNN_OUTLETS = {"aawsat": "Al-Sharq Al-Awsat", "aleqtisadiya": "Al-Eqtisadiya", "aljazirah": "Al-Jazirah",
               "almadina": "Al-Madina", "alriyadh": "Al-Riyadh", "alwatan": "Al-Watan", "alweeam": "Al-Weeam",
               "alyaum": "Al-Yaum", "arreyadi": "Arreyadi", "arriyadiyah": "Arriyadiyah", "okaz": "Okaz",
               "sabq": "Sabq", "was": "Saudi Press Agency", "3alyoum": "Ain Alyoum"}  # its README's table


def _quotas(sizes: dict[str, int], total: int) -> dict[str, int]:
    """An equal share for each outlet; one with fewer articles gives all it has, the rest share."""
    quotas, left = {}, dict(sizes)
    while left:
        share = (total - sum(quotas.values())) // len(left)
        small = {k: v for k, v in left.items() if v <= share}
        if not small:
            extra = total - sum(quotas.values()) - share * len(left)
            quotas.update({k: share + (k in sorted(left)[:extra]) for k in left})
            break
        quotas.update(small)
        left = {k: v for k, v in left.items() if k not in small}
    return quotas


def ar_news() -> None:
    """2,000 SaudiNewsNet articles, an equal share from each of its 14 outlets, text as crawled.

    An equal share, not a sample of the whole: a uniform one holds ~25 Saudi Press Agency
    stories, and the thirtieth session's reads (151 SPA wire marks, 145 SPA datelines) had ~150.
    """
    articles = []
    for name in sorted(n for n in _names(SNN_REPO, "dataset") if n.endswith(".zip")):
        with zipfile.ZipFile(io.BytesIO(_show(SNN_REPO, name))) as zf:
            for member in sorted(zf.namelist()):
                articles += json.loads(zf.read(member))
    by_outlet = defaultdict(list)
    for item in articles:
        if (item.get("content") or "").strip():
            by_outlet[item["source"]].append(item)
    quotas = _quotas({k: len(v) for k, v in by_outlet.items()}, 2000)
    rng, sample = random.Random(SEED), []
    for outlet in sorted(by_outlet):
        sample += rng.sample(by_outlet[outlet], quotas[outlet])
    records = [{"id": "snn-" + hashlib.sha1(a["url"].encode()).hexdigest()[:12], "url": a["url"],
                "title": (a.get("title") or "").strip() or None,
                "publisher": SNN_OUTLETS.get(a["source"], a["source"]),
                "author": (a.get("author") or "").strip() or None, "published": None,
                "text": a["content"], "_outlet": a["source"]} for a in sample]
    with_content = sum(map(len, by_outlet.values()))
    print(f"SaudiNewsNet: {len(articles):,} articles, {with_content:,} with content", file=sys.stderr)
    _save_stats("ar_news", records, f"""
# ar_news: SaudiNewsNet (Arabic)

Source: github:{SNN_REPO} at {_commit(SNN_REPO)}
(M. Alhagri, 2015). Files: every dataset/YYYY-MM-DD.zip (18 days, 2015-07-21 to 2015-08-11),
each one JSON array: {len(articles):,} articles of 14 Saudi newspapers, {with_content:,}
with content. Licence as stated: CC BY-NC-SA 4.0, for research only; the articles belong to
their newspapers: read only, never committed.

Kept: 2,000 articles, an equal share from each outlet (Arreyadi's 84 and Arriyadiyah's 52
articles with content all taken, the other twelve 155 or 156 each), drawn with
random.Random({SEED}) outlet by outlet in name order. Text: `content` exactly as crawled
(paragraph breaks kept, some texts end in a line break). Fields: `id` (snn- + sha1 of the url),
`url`, `title` (null where empty), `publisher` (the outlet's name from the README's table),
`author` (the crawler's author field, often a place or byline; null where empty), `published`
null: `date_extracted` is the crawl time, not a publication date.
By outlet: {_counts(records, "_outlet")}.
""")


# --- livedoor news corpus (Japanese) -------------------------------------------------------

LIVEDOOR_REPO = "jkatsuta/18_4q_doc2vec"
LIVEDOOR_DIR = "experiments/text"


def _livedoor_publishers(files: dict[str, bytes]) -> dict[str, str]:
    """Each channel folder's provider, as its LICENSE.txt names it (the line after "提供元：")."""
    out = {}
    for name, data in files.items():
        if name.endswith("/LICENSE.txt"):
            lines = [x.strip() for x in data.decode("utf-8").splitlines() if x.strip()]
            at = next(k for k, x in enumerate(lines) if "提供元" in x)
            out[name.split("/")[-2]] = lines[at + 1]
    return out


def ja_news() -> None:
    """2,000 seeded articles of the livedoor news corpus (RONDHUIT's 2012 release), bodies as given.

    A file is its url, its date, its title, then the body: the body is kept with its lines
    (related links, Amazon widgets, bylines, spec tables left in), its outer blank lines dropped.
    """
    files = _blobs(LIVEDOOR_REPO, "HEAD", LIVEDOOR_DIR)
    publishers = _livedoor_publishers(files)
    names = sorted(n for n in files
                   if n.endswith(".txt") and not n.endswith(("LICENSE.txt", "README.txt", "CHANGES.txt")))
    records = []
    for name in random.Random(SEED).sample(names, 2000):
        url, stamp, title, *body = files[name].decode("utf-8").split("\n")
        records.append({"id": f"ld-{Path(name).stem}", "url": url.strip(), "title": title.strip(),
                        "publisher": publishers[name.split("/")[-2]], "published": stamp.strip()[:10] or None,
                        "text": "\n".join(body).strip()})
    print(f"livedoor: {len(names):,} articles", file=sys.stderr)
    years = Counter((r["published"] or "none")[:4] for r in records)
    _save_stats("ja_news", records, f"""
# ja_news: the livedoor news corpus (Japanese)

Source: github:{LIVEDOOR_REPO} at {_commit(LIVEDOOR_REPO)},
which holds RONDHUIT's livedoor news corpus (2012-09-15 version) under {LIVEDOOR_DIR}/: nine
channel folders, {len(names):,} article files (plus a LICENSE.txt each, README.txt, CHANGES.txt).
Licence as stated (README.txt, LICENSE.txt): each article CC BY-ND 2.1 JP (attribution, no
derivatives), credit to the channel's provider; read only, never committed.

Kept: a seeded sample of 2,000 article files (random.Random({SEED}) over the paths in name
order). A file is line 1 the url, line 2 the date, line 3 the title, then the body. Text: the
body with its line breaks and blank lines as the file holds it, only its outer whitespace
stripped (related links, Amazon widgets, bylines, spec tables left in). Fields: `id` (ld- + the
file's name), `url`, `title`, `publisher` (the channel's provider from its LICENSE.txt),
`published` (the date line's day).
By publisher: {_counts(records, "publisher")}.
Years: {", ".join(f"{k} {v:,}" for k, v in sorted(years.items()))}.
""")


# --- Turkish -------------------------------------------------------------------------------
# (repository, commit) pairs: the commits the thirty-first session read

TR_SCRAPE = ("ugurcn4/data-mining", "17c6725")
TR_DAILY = ("eminozkaradeniz/document_classification_on_turkish_news_texts", "258a053")
TR_PUBLISHERS = {"cnnturk": "CNN Türk", "ntv": "NTV", "haberturk": "Habertürk", "sabah": "Sabah"}


def _tr_daily() -> list[dict]:
    """The 2004 daily's texts of 200+ characters (919 of 920; the one under is 196), lines kept.
    Title: the first non-blank line when more lines follow (most files start with a headline)."""
    records = []
    for path, data in sorted(_blobs(*TR_DAILY, "dataset").items()):
        text = data.decode("cp1254").replace("\r\n", "\n").strip()
        if len(text) < 200:
            continue
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        _, split, category, stem = path.split("/")
        records.append({"id": f"tr04-{split}-{category}-{Path(stem).stem.split()[-1]}",
                        "title": lines[0] if len(lines) > 1 else None,
                        "publisher": "Turkish daily (about 2004)", "published": None, "text": text})
    return records


def tr_news() -> None:
    """2,000 Turkish articles: every usable text of the 2004 daily, and 1,081 seeded rows of the
    2025 scrapes to make 2,000 (their repeats kept: the scraper fetched some pages twice)."""
    daily = _tr_daily()
    scraped = [{"id": f"tr25-{k}", "title": row["title"].strip(), "publisher": TR_PUBLISHERS[row["source"]],
                "published": row["date"] or None, "url": row["url"], "text": row["content"].strip()}
               for k, row in enumerate(_csv_rows(*TR_SCRAPE, "data/raw/all_news_dataset.csv"))]
    records = random.Random(SEED).sample(scraped, 2000 - len(daily)) + daily
    _save_tally("tr_news", records, [
        "# tr_news: Turkish news, 2025 scrapes and a daily of about 2004",
        "",
        f"- ugurcn4/data-mining at {_commit(*TR_SCRAPE)}: data/raw/all_news_dataset.csv (2,015 rows",
        "  dated 2025-05-27, from CNN Türk, NTV, Habertürk and Sabah; the four per-site files hold the",
        "  same rows). 1,081 rows sampled with random.Random(20261203); text = `content` as scraped",
        "  (one paragraph: the scraper collapsed all white space; share bars, tags and repeats left in),",
        "  title, url, `date` as published, publisher from `source`. Ids tr25-ROW (0-based row of the CSV).",
        f"- eminozkaradeniz/document_classification_on_turkish_news_texts at {_commit(*TR_DAILY)}:",
        "  dataset/{train,test}/{ekonomi,magazin,saglik,spor}/*.txt, windows-1254, a Turkish daily of about",
        "  2004 (paper not named). Every file of 200+ characters (919 of 920), decoded, its text as the file",
        "  holds it (lines, indentation and blank lines kept, outer white space stripped); title = first",
        "  non-blank line when more follow, else null; no date. Ids tr04-SPLIT-CATEGORY-NUMBER.",
        "",
        "Licence: neither repository states one; publishers' copyright: read only, never redistributed.",
    ])


# --- Hindi ---------------------------------------------------------------------------------

HI = ("danlobo1999/classification-of-hindi-news", "edf606f")


def hi_news() -> None:
    """Every BBC Hindi article with text in the only file of the set the mirror stores whole
    (hindi-cleaned-test.csv: 345 rows, one empty). Written on Windows, its line breaks inside the
    quoted texts are \\r\\r\\n: read as the \\r\\n they were."""
    rows = _csv_rows(*HI, "dataset/bbc_hindi_cleaned/hindi-cleaned-test.csv")  # columns "0" category, "1" text
    records = [{"id": f"hi-{k}", "title": None, "publisher": "BBC Hindi", "published": None,
                "text": row["1"].replace("\r\r\n", "\r\n").strip()}
               for k, row in enumerate(rows) if row["1"].strip()]
    _save_tally("hi_news", records, [
        "# hi_news: BBC Hindi articles of about 2013",
        "",
        f"- danlobo1999/classification-of-hindi-news at {_commit(*HI)}:",
        "  dataset/bbc_hindi_cleaned/hindi-cleaned-test.csv (columns `0` = category, `1` = text), from the",
        "  BBC Hindi News Dataset (NirantK/hindi2vec release bbc-hindi-v0.1). The set's other files",
        "  (bbc-hindi-news.json, hindi-train.csv, hindi-cleaned-train.csv) are not stored in the mirror.",
        "- Every row with text: 344 of 345. Text as the row holds it, its \\r\\r\\n line breaks (a Windows",
        "  write of \\r\\n) read as \\r\\n, outer white space stripped; the BBC app / Facebook promo and the",
        "  sentences run together (\"कर ली.पोलार्ड ने\") left in. No title, URL or date. Ids hi-ROW (0-based).",
        "",
        "Licence: none stated (BBC's copyright): read only, never redistributed.",
    ])


# --- Persian -------------------------------------------------------------------------------

FA_OLD = ("language-ml/course-nlp-ir-1-text-exploring", "48c7d56")
FA_2023 = ("faezeh-gholamrezaie/Persian-News-Article-Classification", "c01f8d1")  # deleted from HEAD since


def _jalali(year: int, month: int, day: int) -> date:
    """A Solar Hijri date in the Gregorian calendar (the 33-year arithmetic rule, right for 1343-1473)."""
    leaps = sum(1 for y in range(1354, year) if (y * 8 + 29) % 33 < 8)  # leap years since 1354 (1975-03-21)
    start = date(1975, 3, 21) + timedelta(days=365 * (year - 1354) + leaps)
    return start + timedelta(days=(month - 1) * 31 + day - 1 if month <= 7 else 186 + (month - 7) * 30 + day - 1)


def _fa_paragraphs(parts: list[str]) -> str:
    return "\n".join(p.strip() for p in parts if p.strip())


def _fa_old(folder: str, prefix: str, publisher: str) -> list[dict]:
    """Every item of language-ml's five JSON files of one site (no date: the session gave none)."""
    items = []
    for k in range(1, 6):
        for i, item in enumerate(json.loads(_show_at(*FA_OLD, f"exploring-datasets/{folder}/{prefix}-{k}.json"))):
            items.append({"id": f"{prefix}-{k}-{i}", "title": item["title"].strip(), "publisher": publisher,
                          "published": None, "url": item["link"], "text": _fa_paragraphs(item["paragraphs"])})
    return items


def _fa_2023() -> list[dict]:
    """Fars News of July-August 2023, rows with text; their Solar Hijri date ("12:11 1402-6-4") in ISO."""
    records = []
    for row in _csv_rows(*FA_2023, "data collection/farsnews.csv"):
        if not row["text"].strip():
            continue
        year, month, day = (int(x) for x in row["date"].split()[-1].split("-"))
        records.append({"id": f"fars23-{row['']}", "title": row["title"].strip(), "publisher": "Fars News",
                        "published": _jalali(year, month, day).isoformat(),
                        "text": _fa_paragraphs(row["text"].splitlines())})
    return records


def fa_news() -> None:
    """2,000 Persian articles: the 243 dated of 2023, 757 seeded Varzesh3, then 1,000 seeded older Fars
    News (one generator, in that order: split and order are this rebuild's, the session gave none;
    chosen as giving its 457 texts with Arabic's ي/ك and near its 1,568 with ZWNJs)."""
    rng = random.Random(SEED)
    recent = _fa_2023()
    varzesh3 = rng.sample(_fa_old("sports", "varzesh3", "Varzesh3"), 2000 - 1000 - len(recent))
    fars = rng.sample(_fa_old("news", "fars-news", "Fars News"), 1000)
    records = fars + varzesh3 + recent
    _save_tally("fa_news", records, [
        "# fa_news: Persian news, Fars News 2003-2023 and Varzesh3",
        "",
        f"- language-ml/course-nlp-ir-1-text-exploring at {_commit(*FA_OLD)} (Apache-2.0 for the",
        "  repository; nothing said of the articles): exploring-datasets/news/fars-news-{1..5}.json (1,500",
        "  Fars News items, 2003-2021 by their news ids) and exploring-datasets/sports/varzesh3-{1..5}.json",
        "  (2,500). One random.Random(20261203) samples 757 Varzesh3, then 1,000 Fars News (split and order",
        "  are this rebuild's choice, the session gave none: they give its 457 texts with Arabic's ي/ك, and",
        "  1,563 with zero-width non-joiners where it said 1,568). Text = `paragraphs` joined by line breaks (the `abstract`",
        "  left out), title, url = `link`; no date (none in the files). Ids fars-news-FILE-INDEX, varzesh3-FILE-INDEX.",
        f"- faezeh-gholamrezaie/Persian-News-Article-Classification at {_commit(*FA_2023)} (no licence;",
        "  deleted from the repository's HEAD): data collection/farsnews.csv, Fars News of 1402-05-01..06-04",
        "  (2023-07-23..08-26). Every row with text (243 of 245); text's non-blank lines stripped and joined",
        "  by line breaks; published = its Solar Hijri date in ISO. Ids fars23-ROW (the CSV's index column).",
        "- Zero-width non-joiners (U+200C) kept; older texts keep Arabic's ي and ك as written.",
        "",
        "Licence: the articles' is stated nowhere (publishers' copyright): read only, never redistributed.",
    ])


# --- Naver News (Korean) -------------------------------------------------------------------

KO_CRAWL = "kimchijoa/naver_news_crolling"
KO_CRAWL_FILES = [  # (commit, path, list date), in the order the session read them
    (commit, path.format(section), day) for commit, path, day in (
        ("2f9723a024a8c4c115d7d7bbbaa9ec55beed320f", "naver_news_{}_content_2021-12-21.xlsx", "2021-12-21"),
        ("e2372c0dd16960e7e043283dff3c8d0ea2376ff0", "naver_news_{}_content_2021-12-28.xlsx", "2021-12-28"),
        # the files named 2022-01-24 hold the 2022-01-23 list: their photo stamps read 2022.01.23 (201 of 229 dated)
        ("112d96eed704b6270e1c426df0d67373b9f8f7da",
         "test_news_data/news_data_2022-01-24/naver_news_{}_content_2022-01-24.xlsx", "2022-01-23"))
    for section in ("economy_normal", "politics_normal", "social_normal", "social_accident")]
KO_RANKING = ("HanNayeoniee/preprocess-korean-data", "63f20d9978a9675993230a95ecab8e114c9e55b4",
              "네이버 뉴스 크롤링/news_data/20230521_ranking_news.xlsx")
_NAVER_ID = re.compile(r"oid=(\d+)&aid=(\d+)")

# Naver "oid" press codes (as Naver assigns them); unknown codes kept as naver-oid-NNN
KO_PRESS = {"001": "연합뉴스", "002": "프레시안", "003": "뉴시스", "005": "국민일보", "006": "미디어오늘",
            "008": "머니투데이", "009": "매일경제", "011": "서울경제", "014": "파이낸셜뉴스", "015": "한국경제",
            "016": "헤럴드경제", "018": "이데일리", "020": "동아일보", "021": "문화일보", "022": "세계일보",
            "023": "조선일보", "025": "중앙일보", "028": "한겨레", "029": "디지털타임스", "030": "전자신문",
            "031": "아이뉴스24", "032": "경향신문", "037": "주간동아", "047": "오마이뉴스", "052": "YTN",
            "055": "SBS", "056": "KBS", "057": "MBN", "079": "노컷뉴스", "081": "서울신문", "082": "부산일보",
            "087": "강원일보", "088": "매일신문", "092": "지디넷코리아", "119": "데일리안", "123": "조세일보",
            "138": "디지털데일리", "214": "MBC", "215": "한국경제TV", "243": "이코노미스트", "277": "아시아경제",
            "293": "블로터", "366": "조선비즈", "374": "SBS Biz", "382": "스포츠동아", "417": "머니S",
            "421": "뉴스1", "422": "연합뉴스TV", "437": "JTBC", "448": "TV조선", "449": "채널A", "469": "한국일보",
            "648": "비즈워치", "346": "헬스조선", "584": "동아사이언스", "044": "코리아헤럴드", "040": "코리아타임스"}


def _naver_url(oid: str, aid: str) -> str:
    """The article's Naver address rebuilt: the stored links are list links with query strings."""
    return f"https://n.news.naver.com/mnews/article/{oid}/{aid}"


def _ko_crawl() -> dict[str, dict[tuple[str, ...], dict]]:
    """The crawler's articles with a body, by list date, each Naver (oid, aid) once: the same
    article is listed under two sections or dates."""
    by_date: dict[str, dict[tuple[str, ...], dict]] = defaultdict(dict)
    for commit, path, day in KO_CRAWL_FILES:
        for row in _xlsx_rows(_show_at(KO_CRAWL, commit, path))[1:]:
            url, body, title = row.get("C") or "", row.get("D") or "", row.get("B") or ""
            found = _NAVER_ID.search(url)
            if not found or not body.strip() or any(found.groups() in d for d in by_date.values()):
                continue
            oid, aid = found.groups()
            by_date[day][oid, aid] = {
                "id": f"naver-{oid}-{aid}", "text": body, "title": title, "published": day,
                "url": _naver_url(oid, aid), "publisher": KO_PRESS.get(oid, f"naver-oid-{oid}"),
                "section": row.get("A"), "source": f"{KO_CRAWL}:{path}"}
    return by_date


def _ko_ranking() -> list[dict]:
    """Every ranking article with a body (newspaper3k's columns title, text, url, date, press)."""
    repo, commit, path = KO_RANKING
    records = []
    for row in _xlsx_rows(_show_at(repo, commit, path))[1:]:
        url, body, day = row.get("C") or "", row.get("B") or "", row.get("D") or ""
        found = _NAVER_ID.search(url)
        if not found or not body.strip():
            continue
        oid, aid = found.groups()
        records.append({"id": f"rank-{oid}-{aid}", "text": body, "title": row.get("A"),
                        "published": f"{day[:4]}-{day[4:6]}-{day[6:8]}", "url": _naver_url(oid, aid),
                        "publisher": row.get("E") or KO_PRESS.get(oid), "section": "ranking",
                        "source": f"{repo}:{path}"})
    return records


# The session's own SOURCE.md (written by hand after reading the build): the build is pinned to
# commits, so its figures hold for a rebuild.
KO_SOURCE = """# ko_news held-out corpus (session 32)

2,000 real Korean news articles, one JSON object a line in `corpus.jsonl`
(`id`, `text`, `title`, `published`, `url`, `publisher`, plus `section`, `source`).
BUILT_BY (reads the xlsx blobs straight from the bare git mirrors; no cleaning).
Third-party data: keep in /work/cache only.

## Sources (mixed)
1. **github:kimchijoa/naver_news_crolling**: the repo's own Naver News crawler output,
   xlsx with columns 기사 주제 / 기사 제목 / 기사 링크 / 기사 내용 (+ reaction counts).
   - commit 2f9723a024a8c4c115d7d7bbbaa9ec55beed320f: `naver_news_{economy_normal,politics_normal,social_normal,social_accident}_content_2021-12-21.xlsx`
   - commit e2372c0dd16960e7e043283dff3c8d0ea2376ff0 (HEAD): the same four for 2021-12-28
   - commit 112d96eed704b6270e1c426df0d67373b9f8f7da: `test_news_data/news_data_2022-01-24/…_2022-01-24.xlsx` (four)
   - 15,272 distinct articles after dropping empty bodies and de-duplicating on Naver (oid, aid)
     (the same article listed under two sections); 660-661 drawn per date with random.Random(32).
   - No licence stated in the repo.
2. **github:HanNayeoniee/preprocess-korean-data**, commit 63f20d9978a9675993230a95ecab8e114c9e55b4,
   `네이버 뉴스 크롤링/news_data/20230521_ranking_news.xlsx` (newspaper3k, Naver ranking news
   2023-05-21, columns title/text/url/date/press): all 19 rows kept. No licence stated.

## What the text is
Bodies as the crawlers stored them: Naver's article body with its line breaks
(1,852 of 2,000 have line breaks, 1,826 blank lines); photo captions, datelines and bylines
("(서울=연합뉴스) 홍길동 기자 ="), reporter e-mails, "ⓒ"/"©" credits, "[X 제공. 재판매 및 DB 금지]",
KBS / Newsis / 연합뉴스TV tip boxes, broadcast-script labels ([앵커], [리포트]) all left in.
Some bodies are chrome only (KBS video items: just the "■ 제보하기" box, or "[KBS 제주]").
129 bodies repeat another's text exactly (photo items filed twice, chrome-only bodies): kept.
Two English articles (Korea JoongAng Daily, oid 640) came with the crawl: kept.
Length (chars): min 6, q1 279, median 751, q3 1,209, max 12,959. Many short photo-caption items.

## Fields
- `id`: naver-{oid}-{aid} (source 1) / rank-{oid}-{aid} (source 2)
- `url`: https://n.news.naver.com/mnews/article/{oid}/{aid} (rebuilt from the stored Naver link)
- `publisher`: Naver press code (oid) mapped to the outlet's name (the builder's KO_PRESS table); codes not
  in the table kept as `naver-oid-NNN` (74 articles). Source 2: its `press` column.
- `published`: the list date of the crawl file. The files named 2022-01-24 hold the 2022-01-23
  list (201 of the 229 dated photo stamps in them read 2022.01.23), so they get 2022-01-23.
  The 12-21 and 12-28 files' stamps agree with their names. Dates: 661 / 660 / 660 / 19.
- `section`: Naver section of the list (사회 일반 1,019, 정치일반 442, 경제 일반 432, 사건사고 88, ranking 19).
"""


def ko_news() -> None:
    """2,000 Naver News articles as the crawlers stored them: the 19 ranking ones, and the rest an
    equal share of each list date of the crawl, shuffled. random.Random(32), not SEED: the
    thirty-second session drew the corpus so, and its reads name these records."""
    rng = random.Random(32)
    by_date, ranking = _ko_crawl(), _ko_ranking()
    need, dates = 2000 - len(ranking), sorted(by_date)
    records = []
    for i, day in enumerate(dates):
        print(f"Naver {day}: {len(by_date[day]):,} articles", file=sys.stderr)
        keys = sorted(by_date[day])
        n = need // len(dates) + (1 if i < need % len(dates) else 0)
        records += [by_date[day][k] for k in rng.sample(keys, min(n, len(keys)))]
    records += ranking
    rng.shuffle(records)
    _save("ko_news", records, KO_SOURCE.replace("BUILT_BY", _built_by("ko_news")))


# --- Vietnamese ----------------------------------------------------------------------------
# vi_news and id_news were drawn with random.Random(32), as ko_news: the session's reads name their records.

VI_BAOMOI = "magizbox/scraper"
VI_VNE = "SENULT/Search_Engine"
VI_VNE_FILES = [f"data/raw/vnexpress{kind}_bongda_part{k}.json" for kind in ("", "T") for k in range(1, 5)]
_VNE_NUMBER = re.compile(r"-(\d{6,})(?:-[a-z-]+)?\.html")
_VNE_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # "Thứ tư, 10/9/2025, 16:30 (GMT+7)"


def _lengths(records: list[dict]) -> str:
    """Text lengths for SOURCE.md: the figures the session's SOURCE.md gave, counted by the build."""
    sizes = sorted(len(r["text"]) for r in records)
    return f"median {sizes[len(sizes) // 2]:,} chars ({sizes[0]:,} to {sizes[-1]:,})"


def _vi_baomoi(rng: random.Random, n: int = 1000) -> tuple[list[dict], int]:
    """The first n baomoi files of 200+ characters of body, in the generator's shuffle of the
    sorted file list (the aggregator's crawl holds short stubs), and how many files there are.
    A file is the title, a line break, then the lead and the body: the rest kept as stored."""
    names = sorted(p for p in _names(VI_BAOMOI, "vn_news/data") if p.endswith(".txt"))
    files = _blobs(VI_BAOMOI, "HEAD", "vn_news/data")  # 35,440 files: one cat-file, not a show each
    rng.shuffle(names)
    records = []
    for name in names:
        title, _, body = files[name].decode("utf-8", "replace").partition("\n")
        if len(body.strip()) < 200:
            continue
        number = Path(name).stem
        records.append({"id": f"baomoi-{number}", "title": title.strip(), "text": body,
                        "url": f"http://www.baomoi.com/c/{number}.epi", "publisher": "baomoi.com (aggregated)"})
        if len(records) == n:
            break
    return records, len(names)


def _vi_vnexpress() -> list[dict]:
    """VnExpress football pages of 200+ characters, each URL once (the two crawls overlap), in URL
    order: a sample of a list in file order would change with the files' order."""
    pages, seen = [], set()
    for name in VI_VNE_FILES:
        for page in json.loads(_show(VI_VNE, name)):
            if len((page.get("content") or "").strip()) < 200 or page.get("url") in seen:
                continue
            seen.add(page.get("url"))
            pages.append(page)
    return sorted(pages, key=lambda p: p["url"])


def _vne_record(page: dict) -> dict:
    """A page as a record: id from the article number (the live pages' "-live" apart, as they share
    it), the date field's day; the `author` field, always "Unknown", dropped."""
    url = page["url"]
    number, day = _VNE_NUMBER.search(url), _VNE_DAY.search(page.get("date") or "")
    record = {"id": "vne-" + (number.group(1) + ("-live" if "tong-thuat" in url else "") if number else url),
              "title": page.get("title"), "text": page["content"], "url": url, "publisher": "VnExpress"}
    if day:
        record["published"] = f"{day.group(3)}-{int(day.group(2)):02d}-{int(day.group(1)):02d}"
    return record


def vi_news() -> None:
    """2,000 Vietnamese articles, texts as stored: 1,000 of baomoi.com's 2017 crawl (the aggregator's
    copies of many outlets, lead and body on a line each) and 1,000 seeded of VnExpress's football
    pages (flat), shuffled together by the one generator that drew both."""
    rng = random.Random(32)
    baomoi, listed = _vi_baomoi(rng)
    pages = _vi_vnexpress()
    vne = [_vne_record(p) for p in rng.sample(pages, min(1000, len(pages)))]
    records = baomoi + vne
    rng.shuffle(records)
    broken = sum("\n" in r["text"] for r in baomoi)
    _save_stats("vi_news", records, f"""
# vi_news held-out corpus (Vietnamese, 2,000 articles, two sources mixed)

Two public GitHub repositories, read from their mirrors. Texts are kept exactly as stored (no cleaning).

## A. magizbox/scraper: baomoi.com crawl, 2017 ({len(baomoi):,} articles)
- Repo: https://github.com/{VI_BAOMOI}, commit {_commit(VI_BAOMOI)}
- Path: `vn_news/data/*.txt` ({listed:,} files). Each file: line 1 = title, then sapo (lead) + a newline + the body as one long line (the Scrapy spider joins `.body-text ::text`).
- Baomoi is an aggregator, so bodies come from many outlets (VnExpress, Zing, Dân Trí, TTXVN, Thanh Niên, ...). They keep captions and credits inline ("... Ảnh: Reuters."), closing bylines ("Lê Anh", "KHƯƠNG LỰC", "T.Xuân"), "Theo VnExpress"/"Theo Zing" source lines, "(Xem tiếp)" teasers, and some sentences glued without a space.
- Kept: `id` = "baomoi-<file id>", `title` = line 1, `text` = rest of the file, `url` = http://www.baomoi.com/c/<id>.epi (rebuilt from the id), `publisher` = "baomoi.com (aggregated)". No date field exists. Files with <200 chars of body are skipped. Sampled: shuffle the sorted file list with random.Random(32) and take the first 1,000.
- Licence: none stated (README describes it as a "Vietnamese News Corpus").

## B. SENULT/Search_Engine: VnExpress football crawl ({len(vne):,} articles)
- Repo: https://github.com/{VI_VNE}, commit {_commit(VI_VNE)}
- Paths: `data/raw/vnexpress_bongda_part{{1..4}}.json` and `data/raw/vnexpressT_bongda_part{{1..4}}.json` (JSON lists with title, url, date, author, content, tags). Deduplicated by URL ({len(pages):,} unique with >=200 chars of content), sorted by URL, then sampled 1,000 with the same Random(32).
- `content` is flat (no line breaks). It keeps VnExpress photo captions with the credit run straight into the next sentence ("... Ảnh: Trung Thu HLV Đinh Hồng Vinh ..."), gallery captions that appear twice, the closing author name ("Hiếu Lương"), ">> ..." read-also links, "Gửi bài tại đây" / "Bài viết không nhất thiết trùng với quan điểm VnExpress.net." opinion-page text, and FPT Play promo lines.
- Kept: `id` = "vne-<article number>" (with "-live" for the tong-thuat live pages), `title`, `text` = content, `url`, `publisher` = "VnExpress", `published` = YYYY-MM-DD from the "Thứ tư, 10/9/2025, 16:30 (GMT+7)" date field. The `author` field (always "Unknown") is dropped.
- Licence: none (README says "Educational project for FPT University course requirements").

## Shape
- {len(records):,} records, shuffled together. Baomoi: {_lengths(baomoi)}, {broken:,} of {len(baomoi):,} have one line break (after the sapo). VnExpress: {_lengths(vne)}, flat.
- Third-party data: stays in /work/cache only.
""")


# --- Indonesian ----------------------------------------------------------------------------

ID_SCRAPER = "gikirima/indonews-scrapper"
ID_SCRAPES = [f"Dataset new/scrapping_news_2025-06-{day}.csv" for day in (18, 19, 20)]
ID_OLD = ["old dataset/berita_detik.csv", "old dataset/berita_kompas.csv"]
ID_CLIENT = ("Mukhammad-develop/lang_scrape", "id/from_client/sample_1000.jsonl")
ID_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7,
             "agu": 8, "agt": 8, "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "des": 12, "dec": 12}
_ID_WORDS = re.compile(r"(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\s+(\d{4})")  # "Rabu, 18 Jun 2025 10:15 WIB"
_ID_SLASHES = re.compile(r"(\d{2})/(\d{2})/(\d{4})")  # "18/06/2025, 10:15 WIB"
_ID_URL_DAY = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")
_HOST = re.compile(r"https?://([^/]+)/")


def _id_day(stamp: str, url: str) -> str | None:
    """The ISO day of a site's date string (Indonesian or English month names, or DD/MM/YYYY),
    else of the URL's /YYYY/MM/DD/ (kompas, tempo)."""
    if (found := _ID_WORDS.search(stamp)) and found.group(2).lower() in ID_MONTHS:
        return f"{int(found.group(3)):04d}-{ID_MONTHS[found.group(2).lower()]:02d}-{int(found.group(1)):02d}"
    if found := _ID_SLASHES.search(stamp):
        return f"{found.group(3)}-{found.group(2)}-{found.group(1)}"
    if found := _ID_URL_DAY.search(url):
        return "-".join(found.groups())
    return None


def _host(url: str) -> str | None:
    found = _HOST.match(url)
    return found.group(1) if found else None


def _present(record: dict) -> dict:
    """The record less its null fields: the session wrote id_news so, unlike the other corpora."""
    return {k: v for k, v in record.items() if v is not None}


def _new_urls(rows: list[dict], text: str, url: str, seen: set[str]) -> list[dict]:
    """The rows with a text whose URL is not yet in `seen`, each URL once (the first); `seen`
    grows, so a later source gives no page an earlier one gave."""
    out = []
    for row in rows:
        if row[text] and row[url] not in seen:
            seen.add(row[url])
            out.append(row)
    return out


def _id_record(prefix: str, row: dict, columns: tuple[str, str, str, str, str]) -> dict:
    """A scraper row as a record; `columns` names its text, title, date, url and site columns.
    Id: prefix + the URL's md5 (the rows have no id); fields the row leaves empty are left out."""
    text, title, stamp, url, site = (row[c] for c in columns)
    return _present({"id": f"{prefix}-{hashlib.md5(url.encode()).hexdigest()[:10]}", "text": text,
                     "title": title or None, "published": _id_day(stamp, url), "url": url, "publisher": site or None})


def id_news() -> None:
    """2,000 Indonesian articles, texts as scraped: 1,300 seeded of indonews-scrapper's June 2025
    scrapes of six sites (lines kept), 400 of its older detik and Kompas run, 300 of lang_scrape's
    detik sample; a page once, from the first source that has it."""
    seen: set[str] = set()
    scrapes = _new_urls([r for name in ID_SCRAPES for r in _csv_rows(ID_SCRAPER, "HEAD", name)],
                        "isi_berita", "url", seen)
    old = _new_urls([r for name in ID_OLD for r in _csv_rows(ID_SCRAPER, "HEAD", name)], "content", "url", seen)
    client = [json.loads(line) for line in _show(ID_CLIENT[0], ID_CLIENT[1]).decode("utf-8").splitlines()]
    client = [r for r in client if r.get("text") and r["source_url"] not in seen]
    rng = random.Random(32)
    records = [_id_record("A", r, ("isi_berita", "judul", "tanggal_publikasi", "url", "sumber"))
               for r in rng.sample(scrapes, 1300)]
    records += [_id_record("B", r, ("content", "title", "date", "url", "source"))
                for r in rng.sample(old, min(400, len(old)))]
    records += [_present({"id": f"C-{r['id'][:12]}", "text": r["text"], "url": r["source_url"],
                          "publisher": _host(r["source_url"])}) for r in rng.sample(client, 300)]
    rng.shuffle(records)
    _save_stats("id_news", records, f"""
# id_news: held-out Indonesian news corpus (2,000 articles)

Drawn with random.Random(32): 1,300 of A, then 400 of B, then 300 of C, then shuffled together.

## Source A + B: github.com/{ID_SCRAPER} @ {_commit(ID_SCRAPER)}
No licence file (README is a title only). Research scrape of Indonesian news sites via RSS + CSS selectors.
- A: `Dataset new/scrapping_news_2025-06-18.csv`, `-19.csv`, `-20.csv` (columns sumber,url,judul,author,tanggal_publikasi,isi_berita).
  Concatenated, rows with a body, deduplicated by url -> {len(scrapes):,}; sampled 1,300. Sites: {_counts(scrapes, "sumber")}.
  Body = isi_berita as stored: paragraphs separated by "\\n"; carries "Baca Juga" / "Baca juga:<title>", "Advertisement",
  "SCROLL TO CONTINUE WITH CONTENT", "[Gambas:Video CNN]", "Simak Video ..."; link anchors glued to neighbours (kameraElectronic...).
  Republika bodies are flat with sentences glued ("Semarang.Pilihan").
- B: `old dataset/berita_detik.csv` + `old dataset/berita_kompas.csv`, an earlier scraper run
  (title,source,date,time,category,sub-category,content,url,author). Rows with content, dedup by url and vs A -> {len(old):,}; sampled 400.
  Body keeps full chrome: "Daftar Isi", "Baca juga:\\n<title>", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT",
  "Video: ..." captions (doubled), "(dry/din)" editor initials, trailing tag lists.
## Source C: github.com/{ID_CLIENT[0]} @ {_commit(ID_CLIENT[0])}
No licence stated. `{ID_CLIENT[1]}` (id, lang, source_url, text, clean_status, category), detik.com only.
Text = title line + blank line + mostly flat body (already partly cleaned by that project). Pages not in A or B: {len(client):,};
sampled 300. No date, no separate title.

## Fields kept
id (A-/B- + md5 of the url, C- + the set's id), text (unchanged), title (A,B; left out where empty), published (parsed from
the date string, else the URL's /YYYY/MM/DD/; A,B), url, publisher (A: the `sumber` site name, B: the `source` host, C: the URL's host).
Mixed sources: 6 files from 2 repositories. Length: {_lengths(records)}.
Third-party data: stays in /work/cache only.
""")


STEPS = {"gnad": gnad, "fnes": fnes, "dice_it": dice_it, "orangesum_fr": orangesum_fr, "ng_ru": ng_ru,
         "zh_news": zh_news, "ar_news": ar_news, "ja_news": ja_news,
         "tr_news": tr_news, "hi_news": hi_news, "fa_news": fa_news, "ko_news": ko_news,
         "vi_news": vi_news, "id_news": id_news}

if __name__ == "__main__":
    args = sys.argv[1:]
    listing = "--list" in args
    steps = [a for a in args if a != "--list"] or list(STEPS)
    if unknown := [s for s in steps if s not in STEPS]:
        sys.exit(f"unknown step(s) {', '.join(unknown)}; the steps: {', '.join(STEPS)}")
    for step in steps:
        if listing:  # one line a corpus file: NAME PATH LANG
            print(step, _path(step), CORPORA[step][1])
        else:
            STEPS[step]()
