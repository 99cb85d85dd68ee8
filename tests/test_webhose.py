"""Chrome read left in on Webz.io's news set (twenty-third session), in five languages, now found.

The labels and prompts are the pages' (komu.com, estadao, eluniversal, dallasnews, firstsportz,
globalnews, ambito); the stories around them are made up.
"""

from __future__ import annotations

from test_boilerplate_gj import article, flagged

from audit.detect.leakage.paywall import find_paywall_blocks

STORY = [
    "The council voted on Tuesday to extend the curfew on the old town until the end of the month.",
    "Opposition members said the curfew punished residents for the actions of a few people.",
    "Shop owners on the main avenue said takings had fallen by half since the protests started.",
]
LABELS = [
    "Facebook Twitter WhatsApp SMS Email Print Copy article link Save",
    "To report an error or typo, email news@example.com .",
    "In case you missed:",
    "SIGN UP Or with:",
    "Top Articles",
    "Leia também",
    "Encontrou algum erro? Entre em contato Compartilhe",
    "Lee también:",
    "Sur le même sujet",
]


def test_share_bars_related_labels_and_prompts_of_five_languages_are_chrome() -> None:
    for label in LABELS:
        text = "\n".join([*STORY[:2], label, STORY[2]])
        assert flagged(article(text, "wh", publisher="example.com")) == [label], label


def test_a_spanish_paywall_notice_is_a_paywall() -> None:
    notice = "El contenido al que quiere acceder es exclusivo para suscriptores."
    a = article("\n".join([*STORY, notice]), "ambito", publisher="ambito.com")
    assert [f.excerpt for f in find_paywall_blocks([a], {})] == [notice]
