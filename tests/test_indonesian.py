"""Indonesian news (thirty-second session: detik, Kompas, Liputan6, Okezone, Tempo, Republika
scraped in 2025). Indonesian news names the president "Joko Widodo (Jokowi)", writes "di"
(in, at) where Italian's "di" is "by", and its sites leave "SCROLL TO CONTINUE WITH CONTENT",
"Baca juga: <headline>" and the editors' initials "(sfn/din)" in the text. The shapes are the
corpus's; the sentences are made up. Its teasers and ad slots stand between a story's
paragraphs: as "related" chrome, "Baca juga:" made the paragraphs after it chrome, so they are
a kind of their own (teaser) that neither ends the body nor says chrome is around it.
"""

from __future__ import annotations

from factories import make_article, read_article

from audit.detect.consistency.name_variants import find_name_variants
from audit.detect.leakage.boilerplate import find_boilerplate_lines
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


TOPICS = ["jalan tol", "rumah sakit", "sekolah dasar", "pasar ikan", "bandara baru", "jembatan gantung",
          "stadion kota", "pelabuhan kapal"]
FOOTER = "Ikuti berita terkini dari kami di aplikasi"


def test_a_dateline_cut_from_its_dash_is_no_recurring_chrome() -> None:
    # detik: "Jakarta" / "-" / the lead; Kompas: "JAKARTA, KOMPAS.com –" / the lead. The place
    # opens each story of the site, so it recurs; it is the lead's first words, as "Paris (CNN)"
    # is. The site's line under every story still recurs as chrome.
    for opening in ["Jakarta\n-\n", "JAKARTA, KOMPAS.com –\n", "KOMPAS.com\n- "]:
        articles = [make_article(f"{opening}Warga membangun {topic} baru di kota itu. Proyek {topic} selesai pada "
                                 f"akhir tahun depan.\nIa berkata {topic} itu bagus untuk semua warga.\n{FOOTER}",
                                 article_id=f"d{i}", publisher="news.detik.com", language="id")
                    for i, topic in enumerate(TOPICS)]
        assert [f.excerpt for f in find_boilerplate_lines(articles, {})] == [FOOTER] * len(TOPICS)
    # a box's label over its bullets is no dateline: CNN's "STORY HIGHLIGHTS" / "- ..." / "- ..."
    articles = [make_article(f"STORY HIGHLIGHTS\n- Warga membangun {topic}\n- Proyek {topic} selesai tahun depan\n"
                             f"Warga membangun {topic} baru di kota itu. Proyek {topic} selesai pada akhir tahun depan.\n"
                             f"Ia berkata {topic} itu bagus untuk semua warga.", article_id=f"c{i}", publisher="cnn.com")
                for i, topic in enumerate(TOPICS)]
    assert [f.excerpt for f in find_boilerplate_lines(articles, {})] == ["STORY HIGHLIGHTS"] * len(TOPICS)


DETIK = [
    "Media sosial belakangan dihebohkan aksi seorang sopir yang diduga menodongkan pistol ke arah pemobil di jalan "
    "tol. Aksi tersebut konon dipicu rasa tak terima karena kendaraannya disalip.",
    "Rupanya, pemobil itu ketakutan setelah melihat sopir menodongnya dengan alat yang menyerupai pistol. Insiden "
    "tersebut berakhir setelah pemobil melarikan diri dari lokasi.",
    "Hingga kini, belum ada keterangan lebih lanjut mengenai insiden tersebut, termasuk apakah pistol yang dipakai "
    "sungguhan atau bukan.",
    "Polisi mengatakan akan memeriksa rekaman kamera di sekitar lokasi kejadian untuk mencari pelaku. Warga diminta "
    "melapor jika melihat kejadian serupa."]


def test_teasers_and_ad_slots_between_paragraphs_are_chrome_and_the_paragraphs_are_not() -> None:
    chrome = ["Baca juga:", "Viral Mobil Dinas Dibiarkan Masuk Jalur TJ, Ini Ancaman Hukumannya",
              "SCROLL TO CONTINUE WITH CONTENT", "ADVERTISEMENT", "Simak Video 'Polisi Buru Sopir Penodong Pistol':"]
    text = "\n".join(["Jakarta", "-", DETIK[0], chrome[0], chrome[1], DETIK[1], chrome[2], DETIK[2], chrome[3],
                      DETIK[3], chrome[4]])
    article = read_article(text, "d1", title="Sopir Todongkan Pistol di Tol", language="id", publisher="oto.detik.com")
    found = [(f.excerpt, f.message.split(" is ")[1][:20]) for f in find_boilerplate_lines([article], {})]
    assert found == [(chrome[0], "a teaser for another"), (chrome[1], "a teaser's headline "),
                     (chrome[2], "an ad slot's label ("), (chrome[3], "an ad slot's label ("),
                     (chrome[4], "a teaser for another")]


def test_a_sources_name_and_the_days_date_cut_at_their_link_are_the_sentences() -> None:
    # detik cuts a sentence at its links: "... seperti dilansir kantor berita" / "AFP" / ", Selasa
    # (10/6/2025)."; the day's stories share the source and the date, the site's line recurs too
    articles = [make_article(f"Warga membangun {topic} baru di kota itu, seperti dilansir kantor berita\nAFP\n, Selasa "
                             f"(10/6/2025).\nProyek {topic} selesai pada akhir tahun depan.\nIa berkata {topic} itu bagus "
                             f"untuk semua warga.\n{FOOTER}", article_id=f"d{i}", publisher="news.detik.com", language="id")
                for i, topic in enumerate(TOPICS)]
    assert [f.excerpt for f in find_boilerplate_lines(articles, {})] == [FOOTER] * len(TOPICS)


def test_the_tags_after_the_closing_initials_are_chrome() -> None:
    # detik: the story, its editors' initials, then its tags in lower case to the end
    text = "\n".join([DETIK[0], DETIK[1], "(aff/pur)", "real madrid", "xabi alonso", "gonzalo garcia"])
    article = read_article(text, "d2", title="Sopir Todongkan Pistol", language="id", publisher="sport.detik.com")
    assert [f.excerpt for f in find_boilerplate_lines([article], {})] == ["real madrid", "xabi alonso", "gonzalo garcia"]
    # lines in lower case closing a story with no byline above them are left to recurrence
    text = "\n".join([DETIK[0], DETIK[1], "real madrid", "xabi alonso"])
    article = read_article(text, "d3", title="Sopir Todongkan Pistol", language="id", publisher="sport.detik.com")
    assert [f.excerpt for f in find_boilerplate_lines([article], {})] == []


def test_a_video_title_written_twice_above_the_closing_initials_is_chrome() -> None:
    # detik closes a story on its video's link and caption, the same title twice, with or
    # without "Video:"; the story's own last line is not taken, nor one title above no byline
    title = "Video Kesedihan Fabio Quartararo di Pinggir Trek Silverstone"
    text = "\n".join([DETIK[0], DETIK[1], title, title, "(rgr/dry)", "motogp"])
    article = read_article(text, "d4", title="Sopir Todongkan Pistol", language="id", publisher="oto.detik.com")
    assert [f.excerpt for f in find_boilerplate_lines([article], {})] == [title, title, "motogp"]
    colon = "Video: Diskon Tarif Tol 20% Arus Mudik dan Balik Lebaran"
    text = "\n".join([DETIK[0], DETIK[1], colon, colon, "(rgr/dry)"])
    article = read_article(text, "d5", title="Sopir Todongkan Pistol", language="id", publisher="oto.detik.com")
    assert [f.excerpt for f in find_boilerplate_lines([article], {})] == [colon, colon]
    text = "\n".join([DETIK[0], DETIK[1], title, "(rgr/dry)"])  # once: left to recurrence
    article = read_article(text, "d6", title="Sopir Todongkan Pistol", language="id", publisher="oto.detik.com")
    assert [f.excerpt for f in find_boilerplate_lines([article], {})] == []


def test_a_teaser_headline_that_asks_is_taken_under_its_label_and_a_question_of_the_story_is_not() -> None:
    asks = "Sule Punya Cucu tapi Masih Ada Anak Kecil, Gimana Rasanya?"
    text = "\n".join([DETIK[0], "Baca juga:", asks, DETIK[1], "Kapan Piala Dunia Antarklub 2025 akan digelar tahun ini?",
                      DETIK[2]])
    article = read_article(text, "d7", title="Sopir Todongkan Pistol", language="id", publisher="news.detik.com")
    assert [f.excerpt for f in find_boilerplate_lines([article], {})] == ["Baca juga:", asks]


def test_linked_names_cut_from_their_sentences_are_the_sentences() -> None:
    # detik and Kompas cut a sentence at each linked name: the name, then its full stop alone,
    # or ". <next sentence>", or ", <the date>, <the sentence going on>"; "dan" joins two links; a
    # match's name closes its sentence ("... untuk laga" / "Jepang vs Indonesia.")
    def story(topic: str) -> str:
        return "\n".join([
            f"Warga kota membangun {topic} baru, sesuai rencana Pemprov menjelang", "Piala Dunia Antarklub 2025", ".",
            f"Pengelola {topic} itu resmi bergabung dengan", "Manchester City", f". Ia mengurus {topic} lima tahun.",
            f"Rencana {topic} itu, seperti dilansir", "AFP", f", Selasa (10/6/2025), menuai kecaman {topic} dari", "Gavin Newsom",
            f"yang menolak {topic} itu.", f"Kehadiran {topic}", "Egy Maulana Vikri", "dan", "Ricky Kambuaya",
            f"yang jadi pengganti di {topic} mampu bekerja sama.", f"Proyek {topic} selesai pada akhir tahun depan.",
            f"Ia berkata {topic} itu bagus untuk semua warga.", f"Kasus {topic} sudah ditangani, kata polisi dilansir",
            "detikJateng", ", Selasa (10/6/2025).", "SCROLL TO CONTINUE WITH CONTENT", "Diberitakan", "BBC",
            f", Sabtu (7/6/2025) polisi mengatakan {topic} ditutup.", f"Ia didakwa atas {topic} melanggar Pasal 6 huruf a",
            "juncto", "Pasal 18 UU Tipikor", "juncto", f"Pasal 55 ayat 1 KUHP tentang {topic}.",
            f"Patrick Kluivert membawa 23 pemain {topic} untuk laga", "Jepang vs Indonesia.",  # the name and its full stop
            f"Biaya {topic} ditanggung pemerintah daerah.",
            f"Warga sekitar {topic} menyambut baik rencana itu.", f"Pekerjaan {topic} dimulai bulan depan.",
            f"Dinas terkait akan mengawasi {topic} setiap pekan.", f"Kontraktor {topic} dipilih lewat lelang terbuka.",
            f"Anggaran {topic} sudah disetujui dewan.", FOOTER])
    articles = [make_article(story(topic), article_id=f"d{i}", publisher="sport.detik.com", language="id")
                for i, topic in enumerate(TOPICS)]
    found = [f.excerpt for f in find_boilerplate_lines(articles, {})]
    assert found == ["SCROLL TO CONTINUE WITH CONTENT", FOOTER] * len(TOPICS)


def test_a_note_that_the_story_first_ran_on_a_sister_site_is_metadata() -> None:
    notes = ["Artikel ini telah naik di", "Artikel ini sudah lebih dulu tayang di detikjatim. Selengkapnya klik di",
             "Artikel ini telah tayang di Kompas.com . Baca selengkapnya di sini ."]
    text = "\n".join([DETIK[0], notes[0], "detikJabar.", DETIK[1], notes[1], "sini.", notes[2],
                      "Artikel ini akan membahas perkiraan biaya operasional kereta cepat."])  # (this article will discuss)
    found = find_metadata_leaks([make_article(text, language="id")], {})
    # a note cut at its link goes on over the link's short line, to the full stop that ends it
    spans = [f"{notes[0]}\ndetikJabar.", f"{notes[1]}\nsini.", notes[2]]
    assert [(f.excerpt, f.data["kind"]) for f in found] == [(span, "syndication") for span in spans]


def test_a_schedules_days_are_no_date_lines_and_a_lone_date_line_still_is() -> None:
    # (two dates: three bare dates would head a timeline's entries, each the article's own)
    text = "\n".join([DETIK[0], "Jumat, 20 Juni 2025", "15:55 WIB | Free Practice 1 (SPOTV)",
                      "Pukul 16.00 WIB: Free Practice 2", DETIK[1], "Senin, 23 Juni 2025", DETIK[2]])
    found = find_metadata_leaks([make_article(text, language="id")], {})
    assert [f.excerpt for f in found] == ["Senin, 23 Juni 2025"]


# Republika's flat text (the shape of id_news A-ac5586e69b; the sentences made up): the story's
# opening sentences, a "Baca Juga" block of three teaser headlines glued to them and to each
# other, then the rest of the story, longer than the opening.
REPUBLIKA_OPENING = (
    "REPUBLIKA.CO.ID, JAKARTA -- Pemerintah kota menyatakan keseriusannya untuk memperpanjang jalur kereta "
    "hingga kota tetangga. Pasalnya, pemerintah provinsi tetangga telah menyatakan keinginannya agar moda "
    "transportasi itu bisa diperpanjang ke daerahnya.Wali kota mengatakan, saat ini pihaknya masih terus "
    "melakukan kajian untuk memperpanjang jalur ke wilayah itu. Ia juga telah meminta direktur utama "
    "perusahaan untuk berkoordinasi dengan pemerintah provinsi.")
REPUBLIKA_TEASERS = ("Baca JugaKementerian Terbitkan Aturan WFA untuk ASN, Wali Kota Optimistis Bisa Diterapkan "
                     "di KotaSopir Angkot Respons Wali Kota: Siap Dipecat Jika Ugal-ugalanPemkot Bakal Buka "
                     "Sejumlah Rute Baru Bus ke Pasar Baru")
REPUBLIKA_REST = (
    "\"Untuk perluasan (LRT) Bekasi sampai Bogor Timur akan kami matangkan. Saya sudah minta direktur untuk duduk "
    "bersama dengan pemerintah provinsi, kalau menjadi sesuatu yang diseriusi,\" kata dia di Balai Kota, "
    "Jumat.Ia mengatakan, saat ini pihaknya masih fokus untuk melakukan pembangunan fase kedua. Ditargetkan, "
    "pembangunan itu dapat rampung pada 2029. Setelah itu, baru pihaknya akan melanjutkan pembangunan fase "
    "selanjutnya.Sebelumnya, wali kota sempat mengatakan akan memprioritaskan perpanjangan jalur sampai kota "
    "tetangga. Pasalnya, pihaknya sudah berkomunikasi dengan gubernur terkait rencana perpanjangan itu. "
    "\"Karena dengan gubernur saya sudah berdiskusi,\" kata dia menanggapi permintaan wakil gubernur. Dengan "
    "begitu, kerja sama untuk membuat jalur sampai kota tetangga dapat berjalan lancar. \"Nanti kami, "
    "bagaimana bagi hasil dan lainnya, akan kami detailkan,\" ujarnya.")


def test_a_storys_opening_above_a_teaser_block_is_the_story() -> None:
    """The teaser block weighed more than the four sentences above it, so the body began below
    it and the four were called chrome "before the article's main body" (a read of id_news,
    thirty-seventh session). Two or more prose lines of 40 words that one block parts from
    the body are the text's opening. Guard: the teaser block is still chrome."""
    text = REPUBLIKA_OPENING + REPUBLIKA_TEASERS + REPUBLIKA_REST
    found = [f.excerpt for f in find_boilerplate_lines(
        [make_article(text, language="id", url="https://news.republika.co.id/berita/x/jalur-kereta")], {})]
    # the teasers' unit runs on into the quote glued to them, as on the page
    assert found == [REPUBLIKA_TEASERS + "\"Untuk perluasan (LRT) Bekasi sampai Bogor Timur akan kami matangkan."]
