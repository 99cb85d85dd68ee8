"""Japanese news (thirty-first session: the livedoor news corpus, 2000 and 2009-2012).

Japanese sets a product's, a show's or a song's Latin name between its own letters and
brackets ("「AR.Drone」", "「Going!Sports&News」", "ジングルベル feat.Pentaphonic」"): a name
written with a dot or "!" inside, not two English sentences glued. The shapes are the
corpus's; the sentences are made up.
"""

from __future__ import annotations

from factories import make_article

from audit.detect.hygiene.glued import find_glued_sentences


def glued(text: str) -> list[str]:
    return [f.excerpt for f in find_glued_sentences([make_article(text, language="ja")], {})]


def test_a_latin_name_between_japanese_text_is_no_glued_sentence() -> None:
    assert glued("フランス生まれのリモコンヘリ「AR.Drone」。Wi-Fiを利用した無線通信で操作する。") == []
    assert glued("\u3000AR.Droneは、4枚のローターと2つのカメラを持つ。") == []
    assert glued("日本テレビ「Going!Sports&News」では、野球解説者が語った。") == []
    assert glued("新曲「ジン ジン ジングルベル feat.Pentaphonic」をリリースする。") == []


def test_english_sentences_glued_inside_japanese_text_still_are() -> None:
    # a run of more than three Latin words, or a left word in lower case, is English prose
    assert glued("読者のコメント：I really need some help.He never answered me.と書かれていた。") == ["help.He"]
    assert glued("彼はhelp.Heと書いた。") == ["help.He"]


def test_feat_is_a_name_link_only_inside_japanese_text() -> None:
    english = [f.excerpt for f in find_glued_sentences([make_article("It was no mean feat.The coach agreed.")], {})]
    assert english == ["feat.The"]
