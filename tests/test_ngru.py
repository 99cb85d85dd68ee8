"""Dialogue turns, answers and list numbers in Russian news (Nezavisimaya Gazeta, twenty-ninth session).

ng.ru writes an interview's replies after a dash ("– Есть.", "– Почему?"), answers its own
question at a paragraph's end ("Цель-то какая? Нет."), and numbers a list inline ("3. Из Алжира
в Испанию."): recurring across the paper's articles, recurrence called them site chrome. The
shapes are the corpus's; the sentences are made up.
"""

from __future__ import annotations

from factories import make_article

from audit.detect.leakage.boilerplate import find_boilerplate_lines

STORIES = [
    "Городской совет утвердил бюджет на следующий год после долгих споров между депутатами. "
    "Расходы на ремонт дорог выросли почти вдвое, а на культуру сократились на десятую часть.",
    "Во вторник в порту разгрузили первое судно с зерном за последние три месяца. "
    "Портовые рабочие говорят, что очередь из кораблей растянулась до самого горизонта.",
    "Театр открыл сезон премьерой по пьесе молодого драматурга из Казани. "
    "Зрители аплодировали стоя, а критики уже спорят о смелой декорации второго акта.",
    "Метеорологи предупредили о сильном ветре и снегопаде в выходные дни. "
    "Власти попросили жителей не оставлять машины под деревьями и у рекламных щитов.",
    "Областная больница получила новый томограф, купленный на деньги благотворительного фонда. "
    "Очередь на обследование, по словам главного врача, сократится с месяца до недели.",
    "Футбольный клуб объявил о смене главного тренера после серии из пяти поражений. "
    "Болельщики собрались у стадиона и требовали отставки всего руководства команды.",
    "В пригороде открылась первая за двадцать лет новая школа на тысячу учеников. "
    "Родители жалуются, что автобус до нее ходит всего два раза в день.",
    "Архитекторы представили проект реконструкции набережной с велосипедными дорожками. "
    "Общественные слушания по проекту пройдут в конце месяца в здании мэрии.",
]


def flagged(*texts: str) -> list[list[str]]:
    articles = [make_article(t, article_id=f"r{k}", publisher="ng.ru", language="ru") for k, t in enumerate(texts)]
    found = list(find_boilerplate_lines(articles, {}))
    return [[f.excerpt for f in found if f.article_id == a.article_id] for a in articles]


QUESTIONS = ["А билет у вас есть?", "Документы с собой?", "Пропуск выдали заранее?", "Маска при себе?"]
CLOSES = ["Так решили организаторы фестиваля.", "Об этом сообщили в дирекции порта.",
          "Такой порядок ввели в прошлом сезоне.", "Это требование городской администрации."]
ASKED = ["Разве это возможно с таким рейтингом?", "Кто же в это поверит?", "Стоило ли оно того?",
         "Можно ли было этого избежать?", "Хватит ли на это денег?", "Поможет ли это команде?",
         "Успеют ли к сентябрю?", "Согласятся ли жители?"]
LISTED = ["Из Алжира в Испанию идет трубопровод длиной в тысячу километров.",
          "Газопровод через Черное море построили за четыре года.", "Новая ветка пройдет вдоль побережья.",
          "Четвертый маршрут пока существует только на бумаге.", "Пятый проект отложили до лучших времен.",
          "Шестой участок строят турецкие подрядчики.", "Седьмая линия соединит два острова.",
          "Восьмой трубопровод так и не достроили."]


def test_dialogue_turns_after_a_dash_are_the_articles_words() -> None:
    texts = [f"{story}\n– {question}\n– Есть.\n– Почему?\n– {close}"
             for story, question, close in zip(STORIES[:4], QUESTIONS, CLOSES, strict=True)]
    assert flagged(*texts) == [[]] * 4


def test_an_answer_closing_its_paragraph_and_a_lists_number_are_the_articles_words() -> None:
    # paragraphs of over 40 words, as the paper's are: cut into sentences (spans.SPLIT_MIN_WORDS)
    texts = [f"{STORIES[k]} {STORIES[(k + 1) % 8]} {ASKED[k]} Нет.\n"
             f"Поставки растут каждый год. 3. {LISTED[k]} {STORIES[(k + 2) % 8]}" for k in range(8)]
    assert flagged(*texts) == [[]] * 8


def test_a_place_that_closes_the_papers_stories_is_said_as_a_sign_off() -> None:
    """"Киев" closes 34 of the paper's articles (its correspondent's place): recurring, it is not
    the story's text, but it was said to be "repeated site chrome" (19 of 30 findings a second
    reader marked partly)."""
    texts = [f"{story}\nКиев" for story in STORIES[:4]]
    found = list(find_boilerplate_lines([make_article(t, article_id=f"k{k}", publisher="ng.ru", language="ru")
                                         for k, t in enumerate(texts)], {}))
    assert [(f.excerpt, (f.data or {}).get("signal")) for f in found] == [("Киев", "sign_off")] * 4
    assert found[0].message == ("Line 'Киев' closes 4 articles of ng.ru in this run: a sign-off (the story's "
                                "place, or its author's or source's name): not the story's text.")


def test_a_short_answer_between_short_sentences_of_a_paragraph_is_the_articles_words() -> None:
    # "Просто обнять. Нет. Прижаться.": neither neighbour is a full sentence, the paragraph is prose
    before = ["Просто ждать.", "Позвонить еще раз.", "Вернуться домой.", "Сказать правду.",
              "Написать письмо.", "Остаться здесь.", "Уехать завтра.", "Забыть все."]
    after = ["Уйти.", "Промолчать.", "Подождать.", "Отказаться.", "Согласиться.", "Улыбнуться.",
             "Заплакать.", "Обернуться."]
    texts = [f"{STORIES[k]} {STORIES[(k + 1) % 8]} {before[k]} Нет. {after[k]}\n{STORIES[(k + 2) % 8]}"
             for k in range(8)]
    assert flagged(*texts) == [[]] * 8


def test_the_words_left_between_dropped_links_are_the_articles() -> None:
    # the paper's archive dropped the ships' names (links): "сухогрузы «" / "» и «" / "». О ..."
    texts = [f"{STORIES[k]}\n{LISTED[k][:-1]}, как и сухогрузы «\n» и «\n». {QUESTIONS[k]}\n{CLOSES[k][:-1]}, "
             f"подтвердили гибель матросов\nи\n, {ASKED[k].lower()}" for k in range(4)]
    assert flagged(*texts) == [[]] * 4
