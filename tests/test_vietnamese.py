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


def test_the_prompt_to_send_a_piece_and_the_compilers_credit_are_found_in_flat_text() -> None:
    # VnExpress's opinion pages in vi_news: ">> Chia sẻ bài viết của bạn cho trang Ý kiến tại đây ."
    # after a reader's piece (39 left), and "<name> tổng hợp" (compiled by) closing a story (18).
    # The piece's sentences that open on "Đ" are cut there too: uncut, its last three sentences were
    # one unit of 96 words, no prose, and the prompt made them the page's tail (vne-3935599)
    from audit.detect.leakage.boilerplate import find_boilerplate_lines
    piece = ("Chỉ có sự kiên định và quyết liệt của các ông bầu bóng đá Việt Nam, đặc biệt là tài năng ông Park, "
             "giấc mơ thống trị của bóng đá Việt Nam trong khu vực đã trở thành hiện thực. Dù vậy, sau trận đấu, "
             "ông vẫn nhún nhường và bảo rằng chiến thắng của Việt Nam trước Thái Lan cũng bình thường như bao "
             "trận đấu khác, ông hy vọng trong tương lai, Việt Nam và Thái Lan vẫn đối thủ cạnh tranh nhau, cùng "
             "nhau phát triển. Đó là lối nói tôi cho rằng không hẳn theo phép ứng xử thông thường mà là lối nói "
             "của những đàn ông luôn tiến về phía trước, bởi vinh quang ngày hôm qua đã thuộc quá khứ, còn tương "
             "lai, luôn luôn đầy thách thức. ")
    text = piece + ">> Chia sẻ bài viết của bạn cho trang Ý kiến tại đây . Thành Lê tổng hợp"
    article = make_article(text, language="vi", publisher="VnExpress")
    chrome = list(find_boilerplate_lines([article], {}))
    # the page's " ." after the prompt is the prompt's, no unit of its own
    assert [f.excerpt for f in chrome][:1] == ["Chia sẻ bài viết của bạn cho trang Ý kiến tại đây ."]
    assert min(f.start for f in chrome) == text.index("Chia sẻ")  # the reader's piece is no tail
    assert [(f.excerpt, f.data["kind"]) for f in find_metadata_leaks([article], {})] == [
        ("Thành Lê tổng hợp", "contributor")]
    ordinary = make_article(piece + "Kết quả được ban tổ chức tổng hợp", language="vi")
    assert list(find_metadata_leaks([ordinary], {})) == []  # a sentence's own words, no name before them
    video = make_article(piece + "Video tổng hợp", language="vi")
    assert list(find_metadata_leaks([video], {})) == []  # a compilation video, no compiler


def test_a_sentence_opening_on_a_capital_past_latin_1_is_cut() -> None:
    from audit.detect.leakage.spans import sentence_ends
    text = "Một câu đây. Đó là lối nói. Ưu tiên số một. Ăn thử. thường thôi."
    assert sentence_ends(text) == [13, 28, 44]  # not before a small letter ("thường")
    # nor only two a-z letters before a lost space: "may mắn.Như vậy" (vi_news), "anlaştı.İspanyol" (tr_news)
    assert sentence_ends("là tất yếu, dù có phần may mắn.Như vậy, chỉ cần so sánh") == [31]
    assert sentence_ends("Real Madrid'le anlaştı.İspanyol devinde 1 yıl görev aldı.") == [23]
    assert sentence_ends("the U.S.Army base, e.g.The thing") == []
