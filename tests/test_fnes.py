"""Chrome and credits read left in on the Spanish Fake News Corpus (twenty-eighth session), now found.

The labels, prompts and credits are the records' (Mexican and Spanish sites, 2018-2021); the
stories around them are made up.
"""

from __future__ import annotations

import pytest
from test_boilerplate_gj import article, flagged

from audit.detect.leakage.metadata_leak import find_metadata_leaks

STORY = [
    "El cabildo aprobó el martes ampliar el horario del mercado municipal hasta el final del mes.",
    "Los comerciantes de la avenida principal dijeron que las ventas cayeron a la mitad desde marzo.",
    "La alcaldesa prometió revisar la medida con los vecinos antes de la próxima sesión del cabildo.",
]


@pytest.mark.parametrize("label", [
    "Lee también Félix Salgado Macedonio y el 8M",  # El Universal's teaser, no colon
    "Te puede interesar Lolita de la Vega gana demanda para evitar que TV Azteca vuelva a retrasmitir Sailor Moon",
    "SÍGUENOS EN TELEGRAM",
    "Publicidad",  # an ad slot's label
])
def test_spanish_teasers_follow_prompts_and_ad_labels_on_their_own_line_are_chrome(label: str) -> None:
    text = "\n".join([*STORY[:2], label, STORY[2]])
    assert flagged(article(text, "mx", publisher="example.com.mx")) == [label]


def test_advice_that_opens_with_te_recomendamos_is_article_text() -> None:
    advice = "Te recomendamos congelar hierbas y especias naturales sumergidos en aceite de oliva."
    assert flagged(article("\n".join([*STORY[:2], advice, STORY[2]]), "mx2", publisher="example.com.mx")) == []


@pytest.mark.parametrize(("text", "credit"), [
    ("\n".join([*STORY, "Con información de El Financiero"]), "Con información de El Financiero"),
    (" ".join(STORY) + ' Dijo: "Valemos mucho" Con información de el despertar', "Con información de el despertar"),
])
def test_a_closing_wire_credit_in_spanish_is_a_contributors_credit(text: str, credit: str) -> None:
    found = list(find_metadata_leaks([article(text, "es")], {}))
    assert [(f.excerpt, f.data["kind"]) for f in found] == [(credit, "contributor")]


def test_con_informacion_de_inside_a_sentence_is_article_text() -> None:
    text = " ".join([STORY[0], "El instituto publicó un mapa con información de espacios en guarderías del IMSS en Juárez.",
                     STORY[1]])
    assert list(find_metadata_leaks([article(text, "es2")], {})) == []


def test_a_spanish_run_on_paragraph_above_an_ad_label_stays_article_text() -> None:
    """A full stop lost between two Spanish sentences made one unit of 86 words: read with
    English function words only, a fifth of its words were none, so it was link text, and the
    label after it made it tail chrome (multilingual pages mc-0880; the Spanish Fake News Corpus:
    a paragraph above an "Advertisement" line, read false)."""
    run_on = ("Esta acción se suma a la detección del pasado martes 30 de marzo en la cual se detectaron más "
              "de 100,000 dólares, lo que sumado dan que en menos de 24 horas la aduana de Tijuana detectó más "
              "de 730,000 usd que se pretendían ingresar de manera ilícita a territorio nacional Es importante "
              "resaltar que a simple vista no se observa numerario alguno, ya que derivado de la revisión "
              "invasiva en la cajuela y con apoyo se instrumentos especiales para lugares ocultos se logró el "
              "hallazgo.")
    follow = "Síguenos en Facebook: La Prensa Oficial y en Twitter: @laprensaoem"
    for label in ("Advertisement", follow):
        for text in (" ".join([*STORY, run_on, label]), "\n".join([*STORY, run_on, label])):
            assert flagged(article(text, "tj", publisher="example.com.mx")) == [label]
