"""Turkish news (thirty-first session: a Turkish daily's 2004 pages and 2025 scrapes).

Turkish writes a case ending on a name after an apostrophe ("Komitesi’nin"), capitalises
each word of a title ("İstanbul İl Emniyet Müdür Yardımcısı") and abbreviates "Doç. Dr.".
The shapes are the corpus's; the sentences are made up.
"""

from __future__ import annotations

from factories import read_article

from audit.detect.leakage.boilerplate import _ends_on_a_verb, find_boilerplate_lines
from audit.detect.leakage.spans import sentence_ends


def chrome(text: str, title: str, language: str = "tr") -> list[str]:
    """boilerplate.line's excerpts for one article read as the run reads it (its title given)."""
    article = read_article(text, "t", title=title, language=language)
    return [f.excerpt for f in find_boilerplate_lines([article], {})]


def test_doc_dr_is_no_sentence_end() -> None:
    text = "Malzemeler hafifledi. Doç. Dr. Ata, yeni tekniğin sağlıkta da işe yarayacağını söyledi."
    assert len(sentence_ends(text)) == 1  # after "hafifledi." only
    assert len(sentence_ends("Toplantıya Yrd. Doç. Dr. Kaya ve Uzm. Dr. Er katıldı. Sonra döndüler.")) == 1


def test_a_title_with_a_case_ending_in_the_first_sentence_is_no_headline() -> None:
    # the title "Milli Paralimpik Komitesi" is the first sentence's words with "’nin" after them
    text = ("Milli Paralimpik Komitesi\n\n     Aralık ayı içinde Milli Paralimpik Komitesi’nin ilk genel kurulu "
            "yapılarak başkanlığına, aynı zamanda bir federasyonun başkanlığını yürüten isim getirildi. Daha önce de "
            "belirttiğimiz gibi, seçimlere aday olarak katılmadık. Bunun üzerine aday listesinde bulunan engelli "
            "kurucular da adaylıktan çekildi. Salonda bulunanların bazıları konunun kişisel bir yaklaşım olduğunu "
            "öne sürdüler.\n     Şimdi komite, böylece dünyada bir ilke imza atmış oldu.")
    assert chrome(text, "Milli Paralimpik Komitesi") == []


def test_names_listed_with_their_titles_are_a_sentence_not_a_menu() -> None:
    # read as menu links run together, the list said site chrome stood above it, and the
    # story's first paragraph was called chrome
    text = ("'Silaha hayır' için 58 film gösterimi\n\n" + "-" * 80 + "\n\n Umut Vakfı ve bir dernek işbirliğiyle "
            "düzenlenen kısa film gösterimlerinin galası yapıldı. Beyoğlu İmam Adnan Sokak'ta yapılan açılış "
            "törenine Beyoğlu Belediye Başkanı Ahmet Misbah Demircan, İstanbul İl Emniyet Müdür Yardımcısı Halil "
            "Yılmaz, İstanbul Kısa Filmciler Derneği Kurucusu ve Genel Başkanı Oktay Güzeloğlu ve Umut Vakfı "
            "Kurucu Mütevellisi ve Yönetim Kurulu Üyesi Özben Önal katıldı. Önal yaptığı konuşmada, silah "
            "kullanmanın şiddetin en uç noktası olduğunu belirtti.")
    assert chrome(text, "'Silaha hayır' için 58 film gösterimi") == []
    # read as English it is a sentence too now: its commas end each name's run of capitals
    # (boilerplate._named_sentence); before, the list itself was called chrome there
    assert chrome(text, "'Silaha hayır' için 58 film gösterimi", "en") == []
    # the verb-final reading that kept it apart in Turkish: a list (a comma) ending on a
    # lower-case word's full stop; an English menu run together may end on a prompt's verb
    assert _ends_on_a_verb("Beyoğlu Belediye Başkanı Ahmet Misbah Demircan, Özben Önal katıldı.")
    assert not _ends_on_a_verb("Home News Sport Weather Sign up for our newsletter.")


LEADS = [  # title, lead, the section's headline and its paragraph, as the 2004 daily sets them
    ("Transferde sürpriz", "Eski golcü, yönetime haber göndererek geri dönmek istediğini bildirdi.", "Mutsuz günler",
     "Brezilyalı yıldız, sezon başında takımdan ayrılmış ve Portekiz'e gitmişti. Yöneticiler teklifi değerlendirecek."),
    ("Hakemlere kırmızı alarm", "Kurul, ligin bitimine beş hafta kala hakem hatalarının arttığını açıkladı.",
     "Dikkat çekecek", "Merkez Hakem Kurulu, hakemleri toplantıya çağırdı. Toplantıda son haftaların maçları tek tek incelenecek."),
    ("Basketbolda galibiyet serisi", "Temsilcilerimiz ilk raundun sonuna yaklaşırken moral buldu.",
     "Rövanşı aldılar", "Avrupa Ligi'nde mücadele eden iki takım da haftayı galibiyetle kapattı. Son maçlar önümüzdeki hafta oynanacak."),
]


def test_a_writers_name_in_capitals_under_the_lead_is_a_byline() -> None:
    from factories import make_article

    def found(name: str, language: str = "tr") -> list[tuple[str, str]]:
        articles = [make_article(f"{title}\n\n{lead}\n\n     {name}\n\n     {head}\n     {body}\n", article_id=f"b{k}",
                                 publisher="gazete", language=language)
                    for k, (title, lead, head, body) in enumerate(LEADS)]
        return [(f.excerpt, f.data["signal"]) for f in find_boilerplate_lines(articles, {})]

    assert found("ERHAN TELLİ") == [("ERHAN TELLİ", "byline")] * 3
    assert found("EKONOMİ SERVİSİ") == [("EKONOMİ SERVİSİ", "byline")] * 3
    # a label in capitals is chrome: "breaking news" is no name
    assert found("SON DAKİKA") == [("SON DAKİKA", "recurring")] * 3
    # not asked of English text, whose labels in capitals are too many for a list
    assert found("LIVE UPDATES", "en") == [("LIVE UPDATES", "recurring")] * 3


def test_a_writers_name_in_capitals_over_a_later_item_is_a_byline() -> None:
    """tr_news: the 2004 daily signs the items of its sports pages too ("90 dakika" / "MEHMET
    DEMİRKOL" / the item's paragraph), far below the top: 15 such names were "repeated site
    chrome". A name in capitals that heads a paragraph is the item's byline."""
    from factories import make_article

    story = "Maç bitti ve taraftarlar stattan sessizce ayrıldı, kimse bu sonucu beklemiyordu."
    item = ("Her daim bağıran kale arkası ve zaman zaman celallenen numaralının dışında tribünlerdeki durum "
            "şu, neredeyse hiç tezahürat yok ve kalabalık sessiz.")
    articles = [make_article(f"{title}\n\n{lead}\n\n     {head}\n     {body}\n\n     {story} {k}\n\n     {story}\n\n"
                             f"     90 dakika\n     MEHMET DEMİRKOL\n\n     {item} {k}\n", article_id=f"b{k}",
                             publisher="gazete", language="tr")
                for k, (title, lead, head, body) in enumerate(LEADS)]
    found = [(f.excerpt, f.data["signal"]) for f in find_boilerplate_lines(articles, {})]
    assert [x for x in found if x[0] == "MEHMET DEMİRKOL"] == [("MEHMET DEMİRKOL", "byline")] * 3, found
