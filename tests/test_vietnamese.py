"""Vietnamese news (thirty-second session: baomoi.com of 2017 and VnExpress's football pages).

The Vietnamese press writes a place's title with no space before its name: "TP.Vũng Tàu"
(thành phố, city), "TX.Thuận An" (thị xã, town); and a byline's "Ng." for Nguyễn. They were
28 of the 65 glued sentences found. The shapes are the corpus's; the sentences are made up.
"""

from __future__ import annotations

from factories import make_article

from audit.detect.hygiene.glued import find_glued_sentences
from audit.detect.leakage.metadata_leak import find_metadata_leaks


def glued(text: str) -> list[str]:
    return [f.excerpt for f in find_glued_sentences([make_article(text, language="vi")], {})]


def test_place_titles_and_a_family_initial_are_no_glued_sentence() -> None:
    text = ("Khách sạn ở TP.Vũng Tàu đã mở cửa trở lại (TP.Biên Hòa cũng vậy). Nhà máy tại TX.Thuận An và "
            "TT.Phú Mỹ tuyển thêm công nhân. Ng.Nga")
    assert glued(text) == []


def test_a_lost_space_between_vietnamese_sentences_is_still_glued() -> None:
    text = "Đoàn thanh tra đã làm việc với ngoại thành.Theo kết quả, năm 2015.Thực tế khác nhiều."
    assert glued(text) == ["thành.Theo", "2015.Thực"]


def test_a_photo_credit_after_its_caption_in_flat_text_is_metadata() -> None:
    # "Ảnh: <name>." closing a caption inside running text (VnExpress, baomoi); one that runs on
    # into the next sentence ("Ảnh: Xuân Thuỷ Với thành công ấy, ...") has no end to tell: left
    text = ("Hà Nội thua trận thứ ba liên tiếp. Oseni (số 90) bỏ lỡ nhiều cơ hội cho Hà Nội. Ảnh: Lâm Thỏa. "
            "Không thành công ở những pha bóng sống, Hà Nội cũng thua. Thanh Hóa đang dẫn đầu bảng. Ảnh: Xuân "
            "Thuỷ Với thành công ấy, HLV Popov ẵm danh hiệu. Zeba có khởi đầu mỹ mãn. Ảnh: Đức Đồng . Cả bốn "
            "bàn thua. Ông nói: ảnh hưởng của trận đấu là lớn. Ảnh: Q. Huy.")
    found = [(f.excerpt, f.data["kind"]) for f in find_metadata_leaks([make_article(text, language="vi")], {})]
    assert found == [("Ảnh: Lâm Thỏa.", "credit"), ("Ảnh: Đức Đồng .", "credit")]


DISCLAIMER = "Bài viết không nhất thiết trùng với quan điểm VnExpress.net."


def test_the_opinion_pages_closing_disclaimer_is_chrome_however_large_the_site() -> None:
    # VnExpress closes each reader's opinion piece on "Gửi bài tại đây. <disclaimer>": the site's
    # voice, chrome in a few pieces, where a story's reused sentence needs 1% of the site's articles
    from audit.detect.leakage.boilerplate import find_boilerplate_lines
    words = ["bóng đá", "cầu thủ", "huấn luyện viên", "đội tuyển", "trận đấu", "khán giả", "giải đấu", "sân vận động"]
    def piece(i: int) -> str:
        return "\n".join(f"Đoạn {k} của bài số {i} nói về {words[(i + k) % 8]} và {words[(i + 2 * k) % 8]} thứ {i * k}."
                        for k in range(1, 9))
    stories = [make_article(piece(i) + (f"\nGửi bài tại đây . {DISCLAIMER}" if i < 7 else ""),
                            article_id=f"v{i}", publisher="VnExpress", language="vi") for i in range(900)]
    found = [f.excerpt for f in find_boilerplate_lines(stories, {})]
    assert found == [f"Gửi bài tại đây . {DISCLAIMER}"] * 7  # in 7 of 900: the floor is 9


def test_the_opinion_pages_prompt_after_the_authors_name_is_chrome_in_flat_text() -> None:
    from audit.detect.leakage.boilerplate import find_boilerplate_lines
    piece = ("Tôi nghĩ đội tuyển cần thêm thời gian để phát triển lối chơi mới dưới thời huấn luyện viên mới, và "
             "người hâm mộ nên kiên nhẫn hơn với các cầu thủ trẻ trong giai đoạn chuyển giao này. ") * 3
    text = piece + f"Lộc Trần >> Quan điểm của bạn thế nào? Gửi bài tại đây . {DISCLAIMER}"
    found = find_boilerplate_lines([make_article(text, language="vi", publisher="VnExpress")], {})
    assert [(f.excerpt, f.message.split(" is ")[1][:20]) for f in found] == [
        ("Quan điểm của bạn thế nào?", "a prompt to send the")]  # (the rest is chrome when it recurs)
