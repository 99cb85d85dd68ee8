"""Korean news (thirty-second session: 2,000 Naver News articles of 2021-2023).

Hangul has no capitals, so no glued sentence was found in Korean ("진술했는데요.하지만": 157
pairs in the corpus). Its pages mark copyright with a circled "ⓒ" ("ⓒ연합뉴스") and "무단 전재
및 재배포 금지", a photo's credit with "[... 제공. 재판매 및 DB 금지]" or "사진=연합뉴스", a
broadcast story's crew with "촬영기자:.../영상편집:..." and its reporter's sign-off with "KBS
뉴스 <name>입니다.": none of them was found. The shapes are the corpus's; the sentences are
made up.
"""

from __future__ import annotations

from factories import make_article, read_article

from audit.detect.hygiene.glued import find_glued_sentences
from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.detect.leakage.metadata_leak import find_metadata_leaks
from audit.model import Article


def glued(text: str) -> list[tuple[str, str, str]]:
    found = find_glued_sentences([make_article(text, language="ko")], {})
    return [(f.excerpt, f.data["left"], f.data["right"]) for f in found]


def read(text: str, title: str) -> Article:
    return read_article(text, "k", title=title, language="ko")


def test_korean_sentences_run_together_are_glued() -> None:
    text = ("시는 이날 지원 계획을 밝혔다.또 이들을 관리하지 못한 상급자 2명도 주의 조처를 받았다. "
            "확진자는 20일.이에 따라 방역을 강화한다. 공무원 시험 열기는 왜 시들해졌을까?흔히 행정고시로 불린다.")
    assert glued(text) == [("밝혔다.또", "밝혔다", "또"), ("20일.이에", "20일", "이에"),
                           ("시들해졌을까?흔히", "시들해졌을까", "흔히")]


def test_a_lost_middle_dot_a_list_and_a_quoted_question_are_not() -> None:
    # "행.재정적" and "시.도당": a middle dot typed as a full stop inside a word of one syllable;
    # "태릉?홍릉?창동": the middle dots decoded as "?"; "왜?라는": a question quoted without quotes
    text = ("앞으로도 행.재정적 지원을 지속하겠다. 후보가 호남권 시.도당 창당을 했다. 태릉?홍릉?창동 등 "
            "국공유지에 2만 호를 짓는다. 학생들은 왜?라는 질문을 던졌다. 그리고...다시 시작했다.")
    assert glued(text) == []


def test_circled_copyright_and_korean_rights_notices_are_chrome() -> None:
    body = ("서울시는 21일 내년도 예산안을 발표했다. 시는 복지와 교통 분야에 예산을 늘렸다고 설명했다. "
            "시의회는 다음 달 예산안을 심의할 예정이다.")
    text = f"{body}\n\n▲ 부산시청 전경. ⓒ프레시안(박호경)\n\n{body}\n\n[서울시 제공. 재판매 및 DB 금지]\n\n" \
           "- Copyrightsⓒ 스포츠조선, 무단 전재 및 재배포 금지"
    found = [f.excerpt for f in find_boilerplate_lines([read(text, "서울시 내년 예산안 발표")], {})]
    assert found == ["▲ 부산시청 전경. ⓒ프레시안(박호경)", "[서울시 제공. 재판매 및 DB 금지]",
                     "- Copyrightsⓒ 스포츠조선, 무단 전재 및 재배포 금지"]


def test_a_caption_ending_in_a_credit_gives_the_credit_alone() -> None:
    # a photo story's caption is its text; the credit after its last sentence is the chrome,
    # with the agency and date before the mark ("2022.1.21/뉴스1 © News1 ...")
    body = ("서울시는 21일 내년도 예산안을 발표했다. 시는 복지와 교통 분야에 예산을 늘렸다고 설명했다. "
            "시의회는 다음 달 예산안을 심의할 예정이다.")
    captions = ["지난 18일 서울역 광장에 마련된 임시 선별검사소에서 시민들이 검사를 받기 위해 대기하고 있다. ⓒ연합뉴스",
                "지난 21일 울산신항에 접안한 선박에서 하역작업이 이뤄지고 있다. 2022.1.21/뉴스1 © News1 윤일지 기자",
                "사진은 청와대 임명장 수여식을 기다리고 있는 모습. (청와대 제공) © 뉴스1", "Ⓒ한샘"]
    text = f"{body}\n\n" + "\n\n".join(captions) + f"\n\n{body}"
    found = [(f.excerpt, f.message.split(" is ")[1][:25])
             for f in find_boilerplate_lines([read(text, "서울시 내년 예산안 발표")], {})]
    assert found == [("ⓒ연합뉴스", "a copyright credit ending"), ("2022.1.21/뉴스1 © News1 윤일지 기자", "a copyright credit ending"),
                     ("(청와대 제공) © 뉴스1", "a copyright credit ending"), ("Ⓒ한샘", "a copyright or footer lin")]


def test_a_list_marked_with_circled_letters_and_jaywalking_are_not() -> None:
    body = ("경찰은 보행자의 무단횡단 사고를 막기 위해 단속을 한다. 단속은 다음 달까지 이어진다. "
            "시민들의 협조가 필요하다고 경찰은 밝혔다.")
    text = f"{body}\n\n보기: ⓐ 교통 ⓑ 복지 ⓒ 환경\n\n{body}"
    assert [f.excerpt for f in find_boilerplate_lines([read(text, "무단횡단 집중 단속")], {})] == []


def test_crew_credits_photo_credits_and_sign_offs_are_metadata() -> None:
    lines = ["촬영기자:김연수/영상편집:한찬의/그래픽:김석훈", "[사진 출처 : 연합뉴스]", "(자료=기재부)",
             "KBS 뉴스 정혜미입니다.", "MBC뉴스 조명아입니다."]
    text = "정부는 내년 성장률 전망을 낮췄다. 수출 둔화가 이유로 꼽혔다.\n\n" + "\n\n".join(lines)
    found = [(f.excerpt, f.message.split(" is a ")[1][:5]) for f in find_metadata_leaks([make_article(text, language="ko")], {})]
    assert found == [(lines[0], "photo"), (lines[1], "photo"), (lines[2], "photo"),
                     (lines[3], "bylin"), (lines[4], "bylin")]


def test_a_broadcast_scripts_labels_are_its_text_not_chrome() -> None:
    # YTN's stories open with "[앵커]" (the anchor's lead) below the page's "동영상 뉴스" (video
    # news) and go on with "[기자]" (the reporter's answer): recurring in every story, the
    # labels were called site chrome with the page's label
    leads = ["정부가 내년 예산안을 확정했습니다.", "오늘 전국에 많은 눈이 내렸습니다.", "수출이 석 달째 줄었습니다.",
             "신규 확진자가 7천 명을 넘었습니다.", "국회가 법안을 통과시켰습니다.", "기름값이 다시 올랐습니다."]
    reporters = ["최아영", "오정현", "강푸른", "유동엽", "이수민", "문준영"]
    stories = [f"동영상 뉴스\n[앵커]\n{lead} 자세한 소식 취재기자 연결합니다. {name} 기자!\n\n[기자]\n"
               f"{name} 기자가 현장에서 전합니다.\n\n{lead} 관계자는 이렇게 설명했습니다.\n\n"
               f"{name} 기자는 {lead[:5]} 전망도 짚었습니다.\n\n{lead[:6]} 이후 대책은 다음 주에 나옵니다."
               for lead, name in zip(leads, reporters)]
    articles = [read_article(text, f"k{i}", title=leads[i], language="ko", publisher="YTN")
                for i, text in enumerate(stories)]
    assert [f.excerpt for f in find_boilerplate_lines(articles, {})] == ["동영상 뉴스"] * 6


def test_a_tip_box_is_chrome_and_a_story_about_tips_is_not() -> None:
    # Newsis's plug under a photo ("we take photo and video tips"), MBC's "we await your tips
    # 24 hours a day", a box's "■ 제보하기" (send a tip); a story's "received a tip" stays
    story = ("경찰은 목격자의 제보를 받았다고 밝혔다. 시민단체도 제보를 기다리고 있다고 말했다. "
             "수사는 다음 주까지 이어질 예정이다.")
    text = (f"{story}\n\n[사진 영상 제보받습니다] 공감언론 뉴시스가 독자 여러분의 소중한 제보를 기다립니다. 뉴스 가치나 "
            "화제성이 있다고 판단되는 사진 또는 영상을 뉴시스 사진영상부로 보내주시면 적극 반영하겠습니다.\n\n"
            f"{story}\n\nMBC 뉴스는 24시간 여러분의 제보를 기다립니다.\n\n■ 제보하기")
    found = find_boilerplate_lines([read(text, "목격자 제보 잇따라")], {})
    starts = ["[사진 영상 제보받습니다]", "MBC 뉴스는 24시간", "■ 제보하기"]
    assert [f.excerpt[:len(start)] for f, start in zip(found, starts, strict=True)] == starts
    assert all("tips" in f.message for f in found)


def test_a_photo_date_and_e_mail_closing_a_caption_are_its_credit() -> None:
    # Newsis's and Yonhap's captions end on the photo's date and the photographer's e-mail; a
    # sentence giving a date and an address to write to is no credit
    captions = ["[칠곡=뉴시스] 이무열 기자 = 설 연휴를 앞둔 23일 오후 청구공원을 찾은 한 가족이 성묘를 하고 있다. 2022.01.23. lmy@newsis.com",
                "배달노동자 결의대회에서 행진을 하고 있다. 2021.12.23 jin90@yna.co.kr",
                "[서울=뉴시스] 서울시청 전경. (사진=서울시 제공) 2021.12.21. photo@newsis.com",
                "토론회에서 진행자와 대화하고 있다. 2021.12.28 [국회사진기자단] srbaek@yna.co.kr",
                "자세한 내용은 2021.12.21. 공지를 참고하거나 help@example.com 으로 문의하세요."]
    text = "정부는 내년 성장률 전망을 낮췄다. 수출 둔화가 이유로 꼽혔다.\n\n" + "\n\n".join(captions)
    found = [(f.excerpt, f.data["kind"]) for f in find_metadata_leaks([read(text, "성장률 전망")], {})]
    assert found == [("2022.01.23. lmy@newsis.com", "credit"), ("2021.12.23 jin90@yna.co.kr", "credit"),
                     ("(사진=서울시 제공) 2021.12.21. photo@newsis.com", "credit"),
                     ("2021.12.28 [국회사진기자단] srbaek@yna.co.kr", "credit")]
