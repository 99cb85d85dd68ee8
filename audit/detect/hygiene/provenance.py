"""provenance.missing: an article without the provenance the suite requires.

Which fields are required is the suite's choice (`params.required`), since an archive
may need a publisher where a training set needs only a source. A publication date that
cannot be the article's (year 2059, a 0001-01-01 null: audit.normalise.plausible) was set
aside as none: the finding names the field and the value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from audit.model import Article, Finding

DEFAULT_REQUIRED = ("published", "source_uri")
_LABELS = {
    "published": "publication date",
    "publisher": "publisher",
    "source_uri": "source",
    "url": "URL",
    "title": "title",
}


# What "its text" means for a date: a text that dates what it reports ("..., kata Siti
# Munjiah, Rabu (4/3/2020).": detik's and Kompas' quotes, 176 of id_news' 263 undated
# records) still has no date of its own; a read of session 40 took the bare sentence to
# deny that the text holds any date.
UNDATED = ("Dates in the text of what it reports are not its own: only a dateline or stamp at its head, "
           "a \"today, ...\" statement or a date in its URL would date it.")


def find_missing_provenance(
    articles: Sequence[Article], params: Mapping[str, Any]
) -> Iterator[Finding]:
    """One whole-article finding per article naming every required field it lacks."""
    required = tuple(params.get("required", DEFAULT_REQUIRED))
    for article in articles:
        finding = missing_finding(article, required)
        if finding is not None:
            yield finding


def missing_finding(article: Article, required: Sequence[str]) -> Finding | None:
    """The finding naming the `required` fields the article lacks, or None."""
    missing = [name for name in required if not getattr(article, name, None)]
    if not missing:
        return None
    aside = article.published_set_aside if "published" in missing else None
    absent = [name for name in missing if aside is None or name != "published"]
    # "usable": a metadata value that is no date ("2024-02-30") is dropped at reading, and
    # ingest.fault names it
    said = [f"No usable {', '.join(_LABELS.get(name, name) for name in absent)} in the record's "
            "metadata or its text."] if absent else []
    if "published" in absent:
        said.append(UNDATED)
    data: dict[str, Any] = {"missing": missing}
    if aside is not None:
        said.append(aside.said() + ".")
        data["implausible"] = {"published": aside.value.isoformat(), "from": aside.source,
                               "why": aside.why}
    return Finding(
        article_id=article.article_id,
        check="provenance.missing",
        message=" ".join(said),
        data=data,
    )


def after_stamps(findings: Sequence[Finding], articles: Sequence[Article],
                 dated: set[str]) -> list[Finding]:
    """`findings` with the provenance.missing findings of the `dated` articles made again:
    their date came from a "Published: ..." stamp that metadata.leak found in the body
    (audit.detect.clean.annotate), after this check ran. Such a finding said "No
    publication date in the record's metadata or its text" of an article whose table row
    has one (published_from "dateline": a real page, docs/measurements.md, twentieth
    session); it now names only what is still missing, or goes. Its severity is kept."""
    if not dated:
        return list(findings)
    by_id = {a.article_id: a for a in articles if a.article_id in dated}
    out = []
    for finding in findings:
        article = by_id.get(finding.article_id)
        if article is not None and finding.check == "provenance.missing":
            again = missing_finding(article, (finding.data or {}).get("missing", ()))
            if again is None:
                continue
            finding = replace(again, severity=finding.severity)
        out.append(finding)
    return out
