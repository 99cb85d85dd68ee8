"""boilerplate.line on a page's code left in the text (audit.detect.leakage.markup).

The shapes are those read on real records in the twenty-third session (an Instagram embed's
markup in a Webz.io story, a YouTube iframe and tweet embeds in FakeNewsNet pages, Facebook's
SDK loader in ISOT's Fake.csv, escaped markup and a comment form's tag list in Dragnet pages);
the prose around them is made up. The article's own formatting left in (`<i>`, a link around
its words) and angle brackets that are no HTML (`<stdin>`, `<year>.<month>`) are not code.
"""

from __future__ import annotations

from test_boilerplate_gj import article, flagged

from audit.detect.leakage.markup import markup_spans

PROSE = ("The council voted on Tuesday to extend the curfew on the old town until the end of the month. "
         "Opposition members said the curfew punished residents for the actions of a few people.")
INSTAGRAM = ('<blockquote class=\\"instagram-media\\" data-instgrm-captioned data-instgrm-version=\\"14\\" '
             'style=\\" background:#FFF; border:0;\\"><div style=\\"padding:16px;\\"> <a href=\\"https://www.'
             'instagram.com/reel/Cy/\\" target=\\"_blank\\"> <div style=\\"display: flex;\\"></div></a>'
             '<p>A post shared by Someone (@someone)</p></div></blockquote> '
             '<script async src=\\"//www.instagram.com/embed.js\\"></script>')
FB_SDK = ("(function(d, s, id) {  var js, fjs = d.getElementsByTagName(s)[0];  if (d.getElementById(id)) "
          "return;  js = d.createElement(s); js.id = id;  js.src = 'https://connect.facebook.net/en_US/sdk.js"
          "#xfbml=1&version=v2.10';  fjs.parentNode.insertBefore(js, fjs);}(document, 'script', "
          "'facebook-jssdk'));")
IFRAME = ('<div style="width:100%;text-align:center;"><iframe width="360" height="202" '
          'src="https://www.youtube.com/embed/x" frameborder="0" allowfullscreen></iframe></div>')


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in markup_spans(text, 0, len(text))]


def test_an_embeds_markup_inside_a_flat_article_is_one_finding_and_the_prose_stays() -> None:
    text = f"{PROSE} {INSTAGRAM}The mayor welcomed the vote in a post shortly after the meeting ended."
    assert flagged(article(text, "toi")) == [INSTAGRAM]


def test_a_script_glued_into_the_prose_ends_where_its_brackets_close() -> None:
    text = f"{PROSE} Watch the video below:{FB_SDK}The mayor welcomed the vote late in the evening."
    assert spans(text) == [FB_SDK]
    assert flagged(article(text, "isot")) == [FB_SDK]


def test_a_line_of_markup_is_chrome_in_a_text_with_lines() -> None:
    text = "\n".join([PROSE, IFRAME, PROSE.replace("Tuesday", "Friday")])
    assert flagged(article(text, "fnn")) == [IFRAME]


def test_escaped_markup_and_a_comment_forms_tag_list_are_code() -> None:
    escaped = '&lt;a href="http://www.example.com/live?id=7"&gt;Election 2012&lt;/a&gt;'
    tags = '<a href="" title=""> <abbr title=""> <b> <blockquote cite=""> <cite> <code> <em> <i> <strong>'
    assert spans(f"Live Blog {escaped} Posted at 5:32 PM") == [escaped]
    assert spans(f"You may use these HTML tags and attributes: {tags}") == [tags]


def test_the_articles_own_formatting_and_angle_brackets_that_are_no_html_are_not_code() -> None:
    text = ('As <a href="http://www.example.com/2010/report.html">the fund reported</a>, prices rose; '
            'everyone <i>loves</i> them. File "<stdin>", line 3, in <module>. The branch is named '
            '<year>.<month>, as in <path>. He opened the window. Then he left; the function of it was clear.')
    assert spans(text) == []
    assert flagged(article(f"{PROSE}\n{text}", "own")) == []


def test_an_api_named_in_the_prose_is_no_script() -> None:
    """InfoQ's Japanese article on a browser mode lists what it turns off: "document.write()の
    無効化" (Postlight's fixtures); a page's call has arguments, or is assigned."""
    for text in ("このモードは document.write()の無効化、同期XHRの上書きを実施している。",
                 "The mode disables document.write() and synchronous requests in every page."):
        assert spans(text) == [], text
    call = "document.write('<p>Subscribe now</p>');"
    assert spans(f"The mode disables it. {call} Then the page loads.") == [call]


def test_a_script_the_flat_texts_units_cut_is_still_one_finding_whole() -> None:
    # a recipe page of htmldate's evaluation set: "PandoSites.RegisterControlInstance" reads as
    # a sentence's end glued onto the next, so the script spans two of the text's units
    script = ("(function() { document.addEventListener('DOMContentLoaded', function() { var meta = "
              "JSON.parse('{}'); window.PandoSites.RegisterControlInstance(name, meta, isVueModule) }); })();")
    text = f"Easy Pineapple Upside-Down Cake {script} Updated June 13, 2019. {PROSE}"
    assert spans(text) == [script]
    assert flagged(article(text, "recipe")) == [script]


def test_a_quoted_tweets_embed_code_is_code_though_its_words_are_quoted() -> None:
    # ISOT's Fake.csv: tweets quoted in the text, then one left as its embed's markup
    tweet = ('<blockquote class="twitter-tweet" data-lang="en"> <p lang="en" dir="ltr">')
    text = (f"{PROSE} The president wrote that the stories were false. Sad!  Jane Q. Mayor (@janeqmayor) "
            f"June 13, 2017Where is their apology to me for all of the incorrect stories???  Jane Q. Mayor "
            f"(@janeqmayor) June 13, 2017< /script></p> {tweet}Heading to the state to talk about JOBS, JOBS, "
            f"JOBS! Big progress being made.</p> <p>Yep, the mayor demanded an apology from the media. {PROSE}")
    assert tweet.strip() in " ".join(flagged(article(text, "isot-1153")))


def test_a_script_dump_that_never_closes_is_read_once_and_a_loader_after_it_still_found() -> None:
    # each opening of the dump gives up at SCRIPT_MAX_CHARS, and the search goes on from there
    dump = "var x = function(a) { y(" * 2000  # 48,000 characters, an opening every 24
    text = f"{PROSE} {dump} {PROSE} Watch below:{FB_SDK}{PROSE}"
    assert spans(text) == [FB_SDK]


def test_a_paragraph_between_two_images_stays_the_articles() -> None:
    image = '<div class="photo"><img src="https://example.com/a.jpg"></div>'
    text = f"{image} {PROSE[:95]} {image} {PROSE}"
    assert spans(text) == [image, image]
