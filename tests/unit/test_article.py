"""Articles: paragraphs, finding quotes, highlighting pieces and key terms."""

from __future__ import annotations

import pytest

from lectern.core.article import Article, find_quote, fold_typography, split_paragraphs
from lectern.core.article_markup import Piece, first_occurrences, paragraph_pieces
from lectern.core.key_terms import KeyTerm

# --- split_paragraphs --------------------------------------------------------------


@pytest.mark.parametrize("text, paragraphs", [
    ("One.\n\nTwo.", ("One.", "Two.")),
    ("One.\r\n\r\nTwo.\r\n", ("One.", "Two.")),                    # Windows line ends
    ("One.\r\rTwo.", ("One.", "Two.")),                            # old Mac line ends
    ("First line\nsecond line.\n\nTwo.", ("First line second line.", "Two.")),
    ("  indented\n   lines  \n\nTwo", ("indented lines", "Two")),
    ("One.\n   \t \nTwo.", ("One.", "Two.")),                     # a blank line of spaces
    ("\n\n\nOne.\n\n\n\n\nTwo.\n\n\n", ("One.", "Two.")),
    ("Only one.", ("Only one.",)),
    ("", ()),
    ("\n \n\t\n", ()),
    ("Caf\u0065\u0301.", ("Caf\u00e9.",)),                          # NFC: é is one character
])
def test_split_paragraphs(text, paragraphs):
    assert split_paragraphs(text) == paragraphs


def test_article_paragraphs_are_numbered_from_one():
    article = Article("T", "S", None, ("One two.", "Three four five."))
    assert article.paragraph(1) == "One two."
    assert article.paragraph(2) == "Three four five."
    assert [article.paragraph(n) for n in (0, 3, -1)] == [None, None, None]
    assert article.word_count == 5


# --- find_quote --------------------------------------------------------------------

PARA = "Ukraine’s army will grow to “800,000 personnel” — a big step\u00a0forward."


@pytest.mark.parametrize("quote, found", [
    ("Ukraine’s army", "Ukraine’s army"),
    ("Ukraine's army", "Ukraine’s army"),                  # straight for curly
    ('"800,000 personnel"', "“800,000 personnel”"),
    ("personnel” - a", "personnel” — a"),                  # hyphen for an em dash
    ("personnel\" – a", "personnel” — a"),                 # en dash and straight quote
    ("big step forward", "big step\u00a0forward"),        # space for a non-breaking one
    ("forward.", "forward."),
])
def test_find_quote_folds_typography_and_gives_positions_in_the_original(quote, found):
    span = find_quote(PARA, quote)
    assert span is not None
    start, end = span
    assert PARA[start:end] == found
    assert start == PARA.index(found)


@pytest.mark.parametrize("quote", [
    "ukraine’s army",          # case matters
    "Ukraine’s  army",          # so do doubled spaces
    "800000 personnel",
    "",
    "   ",
    "Ukraine’s navy",
])
def test_find_quote_not_found(quote):
    assert find_quote(PARA, quote) is None


def test_find_quote_decomposed_accents_match_the_article():
    paragraph = split_paragraphs("The caf\u00e9 opened.")[0]
    assert find_quote(paragraph, "cafe\u0301") == find_quote(paragraph, "caf\u00e9") == (4, 8)


def test_find_quote_gives_the_first_occurrence():
    assert find_quote("a cat and a cat", "a cat") == (0, 5)
    assert find_quote("the cat and a cat", "a cat") == (12, 17)


def test_fold_typography_keeps_length():
    assert len(fold_typography(PARA)) == len(PARA)
    assert fold_typography("‘a’ “b” – — − \u00a0\u202f\u2009") == "'a' \"b\" - - -    "


# --- paragraph_pieces --------------------------------------------------------------

TEXT = "The first document mirrors NATO’s Article 5 in its general principles."
ARTICLE_5 = KeyTerm(term="Article 5", definition="Collective defence.")
NATO = KeyTerm(term="NATO", definition="The alliance.")


def span(term: KeyTerm, text: str = TEXT) -> tuple[int, int, KeyTerm]:
    ((_, start, end),) = term.occurrences([text])[:1]
    return start, end, term


def joined(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces)


def test_pieces_without_quote_or_terms_are_the_text():
    assert paragraph_pieces(TEXT) == [Piece(TEXT)]
    assert paragraph_pieces(TEXT, "not in the text") == [Piece(TEXT)]


def test_pieces_mark_the_quote_keeping_its_printed_typography():
    pieces = paragraph_pieces(TEXT, "NATO's Article 5")
    assert pieces == [Piece("The first document mirrors "), Piece("NATO’s Article 5", True),
                      Piece(" in its general principles.")]


def test_pieces_mark_a_quote_at_the_edges():
    assert paragraph_pieces(TEXT, "The first") == [
        Piece("The first", True), Piece(TEXT[len("The first"):])]
    assert paragraph_pieces(TEXT, "principles.")[-1] == Piece("principles.", True)


def test_pieces_term_outside_the_quote():
    pieces = paragraph_pieces(TEXT, "general principles", [span(ARTICLE_5)])
    assert joined(pieces) == TEXT
    assert [(p.text, p.marked, p.term) for p in pieces if p.marked or p.term] == [
        ("Article 5", False, ARTICLE_5), ("general principles", True, None)]


def test_pieces_term_inside_the_quote_nests_in_the_mark():
    pieces = paragraph_pieces(TEXT, "mirrors NATO’s Article 5 in", [span(ARTICLE_5)])
    assert joined(pieces) == TEXT
    assert pieces[1:4] == [Piece("mirrors NATO’s ", True), Piece("Article 5", True, ARTICLE_5),
                           Piece(" in", True)]


def test_pieces_term_straddling_the_quote_is_left_plain():
    pieces = paragraph_pieces(TEXT, "mirrors NATO’s Article", [span(ARTICLE_5)])
    assert joined(pieces) == TEXT
    assert all(p.term is None for p in pieces)
    assert [p.text for p in pieces if p.marked] == ["mirrors NATO’s Article"]


def test_pieces_two_terms_side_by_side():
    pieces = paragraph_pieces(TEXT, None, [span(ARTICLE_5), span(NATO)])
    assert joined(pieces) == TEXT
    assert [(p.text, p.term) for p in pieces if p.term] == [("NATO", NATO),
                                                           ("Article 5", ARTICLE_5)]


# --- key terms ---------------------------------------------------------------------


@pytest.mark.parametrize("text, hits", [
    ("NATO’s Article 5 applies.", ["Article 5"]),
    ("under article 5 of the treaty", ["article 5"]),            # case-insensitive
    ("ARTICLE 5.", ["ARTICLE 5"]),
    ("Article 50 was triggered.", []),                          # whole words only
    ("SubArticle 5 applies.", []),
    ("Article 5_b", []),
    ("Article 5, then Article 5 again.", ["Article 5", "Article 5"]),
    ("(Article 5)", ["Article 5"]),
])
def test_key_term_matches_whole_words_ignoring_case(text, hits):
    found = [text[s:e] for _, s, e in ARTICLE_5.occurrences([text])]
    assert found == hits


def test_key_term_other_forms_and_longest_first():
    term = KeyTerm(term="security guarantee", definition="d", matches=["security guarantees"])
    text = "Two security guarantees; one security guarantee."
    assert [text[s:e] for _, s, e in term.occurrences([text])] == [
        "security guarantees", "security guarantee"]


def test_key_term_typography_and_special_characters():
    term = KeyTerm(term="NATO's", definition="d")
    assert [(n, s) for n, s, _ in term.occurrences(["x", "the NATO’s role"])] == [(2, 4)]
    us = KeyTerm(term="U.S.", definition="d")
    assert len(us.occurrences(["The U.S. and UXSX"])) == 1


def test_key_term_occurrences_are_numbered_by_paragraph():
    assert [(n, s) for n, s, _ in ARTICLE_5.occurrences(("None here.", "Article 5", "x Article 5"))
            ] == [(2, 0), (3, 2)]


def test_first_occurrences_marks_each_term_once():
    paragraphs = ["Nothing.", "NATO’s Article 5.", "Article 5 and NATO again."]
    taken = first_occurrences([ARTICLE_5, NATO], paragraphs)
    assert taken == {2: [(7, 16, ARTICLE_5), (0, 4, NATO)]}


def test_first_occurrences_skips_a_spot_another_term_took():
    wide = KeyTerm(term="security guarantees", definition="d")
    narrow = KeyTerm(term="guarantees", definition="d")
    paragraphs = ["Two security guarantees.", "The guarantees hold."]
    taken = first_occurrences([wide, narrow], paragraphs)
    assert taken == {1: [(4, 23, wide)], 2: [(4, 14, narrow)]}


def test_first_occurrences_term_absent():
    assert first_occurrences([NATO], ["No alliance here."]) == {}
