"""Per-article work on Spark executors (`--engine spark`), beside GX's Spark validation:
the per-article detectors, and the language verdicts the cache does not hold.

A per-article detector's findings depend on the article alone, so the articles are a
Spark DataFrame and the detectors run in `mapInPandas` on whatever executors the
session has: Spark does the partitioning, scheduling and retries, nothing here is a
home-made engine. Each row carries the names of the detectors it still needs (the
driver's findings cache has served the rest), and the executor looks the detectors up
in the registry by name, so no function is pickled. Cross-article detectors
(duplicates, contradictions, recurring lines) stay in the driver: they work from
compact keys and need the whole corpus.

On a cluster, the executors need corpus-audit installed (`pip install corpus-audit` on
the workers, or the wheel through `spark.submit.pyFiles`), as for any Python UDF.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from audit.detect import Job
from audit.detect.contain import find_contained
from audit.model import Article, Finding

ARTICLE_COLUMNS = ("article_id", "source_uri", "source_sha256", "title", "published",
                   "published_from", "publisher", "url", "language", "language_prob", "text",
                   "content_sha256")
ARTICLE_SCHEMA = ", ".join(f"{name} {'double' if name == 'language_prob' else 'string'}"
                           for name in (*ARTICLE_COLUMNS, "detectors"))
FINDING_SCHEMA = ("detector string, article_id string, check string, message string, "
                  "start long, end long, excerpt string, related_article_id string, data string")
Batches = Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]  # what mapInPandas runs
FAILED = ""  # a finding row's check when it says the detector raised on the article instead


def _row(article: Article, needs: list[str]) -> dict[str, Any]:
    return {**article.row(ARTICLE_COLUMNS), "detectors": ",".join(needs)}


def _map_partitions(session: Any, frame: pd.DataFrame, schema: str, work: Batches,
                    result_schema: str, partitions: int | None) -> pd.DataFrame:
    """`work` over `frame`'s rows on the executors (mapInPandas), its output collected."""
    spark_frame = session.createDataFrame(frame, schema)
    spark_frame = spark_frame.repartition(partitions or session.sparkContext.defaultParallelism)
    return spark_frame.mapInPandas(work, result_schema).toPandas()


def _article(row: Mapping[str, Any]) -> Article:
    fields = {name: _value(row[name]) for name in ARTICLE_COLUMNS}
    fields["published"] = date.fromisoformat(fields["published"]) if fields["published"] else None
    return Article(**fields)


def _value(value: Any) -> Any:
    """None for a null however pandas shows it (None, NaN)."""
    return None if value is None or (isinstance(value, float) and value != value) else value


def _detect_batches(params: Mapping[str, Mapping[str, Any]]) -> Batches:
    """The function each executor runs over its partitions of article rows."""

    def detect(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from audit.detect import registry  # imported on the executor

        detectors = {d.name: d for d in registry() if d.name in params}
        for batch in batches:
            rows = batch.to_dict("records")
            articles = [_article(row) for row in rows]
            needs = [set(row["detectors"].split(",")) for row in rows]
            out = []
            for name, detector in detectors.items():
                subset = [a for a, need in zip(articles, needs) if name in need]
                found, failed = find_contained(detector.find, subset, params[name]) if subset else ([], {})
                for f in found:
                    out.append({"detector": name, "article_id": f.article_id, "check": f.check,
                                "message": f.message, "start": f.start, "end": f.end,
                                "excerpt": f.excerpt, "related_article_id": f.related_article_id,
                                "data": json.dumps(f.data, default=str) if f.data else None})
                out.extend({"detector": name, "article_id": article_id, "check": FAILED,
                            "message": error, "start": None, "end": None, "excerpt": "",
                            "related_article_id": None, "data": None}
                           for article_id, error in failed.items())
            yield pd.DataFrame(out, columns=[c.split()[0] for c in FINDING_SCHEMA.split(", ")])

    return detect


def spread_on_spark(session: Any, jobs: Sequence[Job], partitions: int | None = None,
                    ) -> dict[str, list[Finding]]:
    """Findings of each job's detector over its articles, computed on Spark executors; an
    article a detector raised on gets the error in `Article.failed` (audit.detect.contain)."""
    needs: dict[str, list[str]] = {}
    by_id: dict[str, Article] = {}
    for detector, articles, _ in jobs:
        for article in articles:
            needs.setdefault(article.article_id, []).append(detector.name)
            by_id[article.article_id] = article
    found: dict[str, list[Finding]] = {detector.name: [] for detector, _, _ in jobs}
    if not by_id:
        return found
    params = {detector.name: {k: v for k, v in p.items() if not k.startswith("_")}
              for detector, _, p in jobs}  # "_index" and the like stay in the driver
    frame = pd.DataFrame([_row(by_id[i], n) for i, n in needs.items()])
    rows = _map_partitions(session, frame, ARTICLE_SCHEMA, _detect_batches(params), FINDING_SCHEMA,
                           partitions)
    position = {article_id: p for p, article_id in enumerate(needs)}
    rows["_position"] = rows["article_id"].map(position)
    for row in rows.sort_values(["_position", "start"], kind="stable").to_dict("records"):
        if row["check"] == FAILED:  # raised on this article (audit.detect.contain)
            by_id[row["article_id"]].failed[row["detector"]] = row["message"]
            continue
        found[row["detector"]].append(Finding(
            article_id=row["article_id"], check=row["check"], message=row["message"],
            start=_int(row["start"]), end=_int(row["end"]), excerpt=row["excerpt"] or "",
            related_article_id=_value(row["related_article_id"]),
            data=json.loads(row["data"]) if isinstance(row["data"], str) else {}))
    return found


def languages_on_spark(session: Any, texts: Mapping[str, str], partitions: int | None = None,
                       ) -> dict[str, Any]:
    """Seeded langdetect verdicts (content_sha256 -> LanguageGuess), on the executors."""
    from audit.normalise.language import LanguageGuess

    def detect(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from audit.normalise.language import detect_language  # imported on the executor

        for batch in batches:
            guesses = [detect_language(text) for text in batch["text"]]
            yield pd.DataFrame({"sha": batch["sha"], "language": [g.language for g in guesses],
                                "probability": [g.probability for g in guesses]})

    if not texts:
        return {}
    frame = pd.DataFrame({"sha": list(texts), "text": list(texts.values())})
    rows = _map_partitions(session, frame, "sha string, text string", detect,
                           "sha string, language string, probability double", partitions)
    return {row.sha: LanguageGuess(_value(row.language), _value(row.probability))
            for row in rows.itertuples()}


def _int(value: Any) -> int | None:
    return None if _value(value) is None else int(value)
