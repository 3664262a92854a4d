"""Key-term cards: the term's own sentence, the choices of meaning, and typed answers."""

from __future__ import annotations

import random

from lectern.core.key_terms import KeyTerm
from lectern.core.questions.base import stable_id
from lectern.core.term_cards import (
    BLANK,
    chose_right,
    definition_choices,
    face,
    in_context,
    typed_right,
)

PARAGRAPHS = (
    "In a pivotal meeting held in Berlin, officials met. They agreed on two texts.",
    ("The first document outlines what officials describe as ‘general principles’ that mirror the collective "
     "defense mechanisms enshrined in NATO’s Article 5. It is short."),
    "Ukrainian officials said such guarantees could deter further aggression. Nothing else was said.",
)
ARTICLE_5 = KeyTerm(term="NATO's Article 5", matches=["Article 5"], definition="A rule of NATO on mutual defence.")
DETER = KeyTerm(term="deterrent", matches=["deter"], definition="Something that discourages an attack.")
ENSHRINED = KeyTerm(term="enshrined", definition="Formally written down in an important document.")
CEASEFIRE = KeyTerm(term="ceasefire", definition="An agreement to stop fighting.")
TRANSATLANTIC = KeyTerm(term="transatlantic", definition="On both sides of the Atlantic.")


def test_the_front_is_the_terms_own_sentence():
    found = in_context(ENSHRINED, PARAGRAPHS)
    assert found.paragraph == 2 and found.form == "enshrined"
    assert found.sentence.startswith("The first document") and found.sentence.endswith("NATO’s Article 5.")
    assert "It is short" not in found.sentence
    assert found.blanked.count(BLANK) == 1 and "enshrined" not in found.blanked


def test_a_match_form_is_found_as_the_article_writes_it():
    found = in_context(DETER, PARAGRAPHS)
    assert (found.paragraph, found.form) == (3, "deter")
    assert found.sentence == "Ukrainian officials said such guarantees could deter further aggression."
    assert in_context(CEASEFIRE, PARAGRAPHS) is None  # the article never uses it


def test_choices_hold_the_right_meaning_among_up_to_three_others():
    terms = [ARTICLE_5, DETER, ENSHRINED, CEASEFIRE, TRANSATLANTIC]
    choices = definition_choices(ENSHRINED, terms, random.Random(1))
    texts = [text for _, text in choices]
    assert len(choices) == 4 and ENSHRINED.definition in texts and len(set(texts)) == 4
    assert all(choice_id == stable_id(text) for choice_id, text in choices)  # ids say nothing of rightness
    assert choices == definition_choices(ENSHRINED, terms, random.Random(1))  # the same seed, the same page
    right = next(i for i, t in choices if t == ENSHRINED.definition)
    wrong = next(i for i, t in choices if t != ENSHRINED.definition)
    assert chose_right(ENSHRINED, right) and not chose_right(ENSHRINED, wrong)


def test_typing_forgives_case_spaces_and_punctuation_but_not_other_words():
    found = in_context(ARTICLE_5, PARAGRAPHS)
    for typed in ("Article 5", "article 5.", "  NATO's   Article 5 ", "NATO’s Article 5"):
        assert typed_right(ARTICLE_5, typed, found), typed
    for typed in ("Article 6", "NATO", "article"):
        assert not typed_right(ARTICLE_5, typed, found), typed


def test_known_cards_are_typed_new_ones_chosen():
    assert face(stage_is_review=True, other_definitions=3) == "type"
    assert face(stage_is_review=False, other_definitions=3) == "choose"
    assert face(stage_is_review=False, other_definitions=0) == "type"  # nothing to choose between
