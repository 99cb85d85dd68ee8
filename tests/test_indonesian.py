"""Indonesian news (thirty-second session: detik, Kompas, Liputan6, Okezone, Tempo, Republika
scraped in 2025). Indonesian news names the president "Joko Widodo (Jokowi)", writes "di"
(in, at) where Italian's "di" is "by", and its sites leave "SCROLL TO CONTINUE WITH CONTENT",
"Baca juga: <headline>" and the editors' initials "(sfn/din)" in the text. The shapes are the
corpus's; the sentences are made up. (Its teasers and ad slot are not looked for: as chrome
phrases, "Baca juga:" between a story's paragraphs made the paragraphs after it chrome.)
"""

from __future__ import annotations

from factories import make_article

from audit.detect.consistency.name_variants import find_name_variants
from audit.detect.leakage.metadata_leak import find_metadata_leaks

STORY = ("Pemerintah menambah anggaran untuk pembangunan jalan tol tahun depan. Menteri mengatakan proyek "
         "itu akan selesai pada akhir tahun. Warga berharap perjalanan menjadi lebih cepat.")


def test_a_declared_nickname_is_no_spelling_variant() -> None:
    text = ("Pemerintahan baru belum lepas dari bayang-bayang pendahulunya, Joko Widodo. Sejak kabinet disusun, "
            "Jokowi disebut masih ikut campur. Menurut Jokowi, hal itu wajar.")
    assert list(find_name_variants([make_article(text, language="id")], {})) == []
    # a spelling of one surname two ways is still reported
    text = "Zelensky bertemu menteri. Zelenskiy mengatakan bantuan akan datang. Zelensky pulang."
    assert [f.excerpt for f in find_name_variants([make_article(text, language="id")], {})] == ["Zelenskiy"]


def test_di_is_no_byline_outside_italian() -> None:
    lines = ["di Pulau Gag,", "Di Thailand, New Honda PCX", "di Raja Ampat."]
    text = STORY + "\n\n" + "\n\n".join(lines)
    assert [f.excerpt for f in find_metadata_leaks([make_article(text, language="id")], {})] == []
    italian = "Il consiglio comunale ha approvato il bilancio.\n\ndi Mario Rossi"
    assert [f.excerpt for f in find_metadata_leaks([make_article(italian, language="it")], {})] == ["di Mario Rossi"]


def test_detiks_editors_initials_are_a_byline() -> None:
    text = f"{STORY}\n\n{STORY}\n\n(sfn/din)"
    assert [f.excerpt for f in find_metadata_leaks([make_article(text, language="id")], {})] == ["(sfn/din)"]
