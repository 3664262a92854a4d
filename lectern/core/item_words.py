"""Words of questions for the item-writing checks: tokens, stop words, rough stems, keys and shown texts."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lectern.core.article import fold_typography
from lectern.core.images import without_images
from lectern.core.questions.base import QuestionDefinition
from lectern.core.questions.cloze_syntax import PLACEHOLDER

_FUNCTION = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each either else ever few for
from further had has have having he her here hers him his how i if in into is it its itself just
least less many may me might more most much must my neither no nor not now of off on once one only
or other ought our ours out over own per same shall she should so some such than that the their
another theirs them then there these they this those through to too under until up upon us very was we
were what when where which while who whom whose why will with within without would yet you your
"""
FUNCTION_WORDS = frozenset(_FUNCTION.split())
# Words every question of a reading quiz uses: never what makes an answer distinctive.
QUIZ_WORDS = frozenset({"true", "false", "according", "article", "question", "text", "writer", "author",
                        "paragraph", "say", "says", "said"})
STOP_WORDS = FUNCTION_WORDS | QUIZ_WORDS

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_][\w'-]*")


def tokens(text: str) -> list[str]:
    """The words and numbers of a text as written ("800,000" and "NATO's" stay one token each);
    a picture counts as the words of its alt text, not its media: address."""
    return _TOKEN.findall(fold_typography(without_images(text)))


def stem(token: str) -> str:
    """A rough common form of a word, so "discourages" meets "discourage"; numbers lose their commas."""
    if token[0].isdigit():
        return token.replace(",", "")
    word = token.lower().removesuffix("'s").removesuffix("'").strip("-")
    for suffix, keep in (("ing", 5), ("ed", 4), ("es", 4), ("s", 3), ("e", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


def is_stop(token: str) -> bool:
    return token.lower().removesuffix("'s") in STOP_WORDS


_PARAGRAPH_REFERENCE = re.compile(r"\bparagraphs?\s+\d+(?:\s*(?:,|and|to|-|–)\s*\d+)*", re.IGNORECASE)


def stems(text: str) -> list[str]:
    """The stems of every token, stop words included, in order (for matching phrases).

    References such as "(paragraph 2)" are left out: their numbers are not the article's facts.
    """
    return [stem(t) for t in tokens(_PARAGRAPH_REFERENCE.sub(" ", text))]


def content_stems(text: str) -> set[str]:
    """The stems of the words that carry meaning (stop words left out)."""
    return {stem(t) for t in tokens(text) if not is_stop(t)}


def contains_phrase(haystack: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(haystack[i:i + n]) == phrase for i in range(len(haystack) - n + 1))


def is_quotation(text: str) -> bool:
    """Whether a text is a quotation in quotation marks (an option that offers the article's own words)."""
    text = fold_typography(text).strip().rstrip(".")
    return len(text) > 2 and text[0] == text[-1] == '"'


def key_texts(question: QuestionDefinition) -> list[str]:
    """The texts of the answers that earn full credit, for the types whose answer is words or a number."""
    kind = question.type
    if kind == "single_choice":
        return [o.text for o in question.options if o.correct]
    if kind == "multiple_response":
        return list(question.right_answer_parts())
    if kind == "short_answer":
        return [a.text for a in question.answers if a.credit == 100]
    if kind == "numeric":
        return [_number(a.value) for a in question.answers if a.credit == 100]
    if kind == "cloze":  # each gap's fully right answers (a catch-all * is no answer)
        return [a.text for g in question.gaps for a in g.answers if a.credit == 100 and a.text != "*"]
    return []


def distractor_texts(question: QuestionDefinition) -> list[str]:
    """The wrong options of a choice question (other types have none a student sees)."""
    keys = set(key_texts(question))
    return [o.text for o in getattr(question, "options", []) if o.text not in keys]


def shown_texts(question: QuestionDefinition) -> list[tuple[str, str]]:
    """What a student sees while answering, as (where, text): the prompt and any options or items."""
    shown = [("the prompt", question.prompt)]
    shown += [(f"option {o.id!r}", o.text) for o in getattr(question, "options", [])]
    if question.type == "cloze":  # the text around the gaps (never the {#n} marks) and the gaps' options
        shown = [("the prompt", PLACEHOLDER.sub(" ", question.prompt))]
        shown += [(f"gap {n}", a.text) for n, gap in enumerate(question.gaps, start=1)
                  if gap.kind in ("single_choice", "multiple_response") for a in gap.answers]
    if question.type == "matching":
        shown += [("the items to match", p.item) for p in question.pairs]
        shown += [("the matches", m) for m in [p.match for p in question.pairs] + list(question.distractors)]
    if question.type == "ordering":
        shown += [("the items to order", item) for item in question.items]
    return shown


def fact_stems(question: QuestionDefinition) -> set[str]:
    """The meaning-words of what a question keys as right (a true statement counts as its own key)."""
    if question.type == "true_false":
        return content_stems(question.prompt) if question.answer else set()
    return set().union(*(content_stems(t) for t in key_texts(question)))


def sentence_around(paragraph: str, start: int, end: int) -> str:
    """The sentence(s) of a paragraph that hold the span start..end."""
    before = max((m.end() for m in re.finditer(r"[.!?][\"')\]]*\s", paragraph[:start])), default=0)
    after = re.search(r"[.!?](?=[\"')\]]*(\s|$))", paragraph[end:])
    return paragraph[before: end + after.end() if after else len(paragraph)]


def longest_common_run(a: Iterable[str], b: Iterable[str]) -> int:
    """The length of the longest run of words that a and b share in the same order."""
    a, b = [w.lower() for w in a], [w.lower() for w in b]
    best, prev = 0, [0] * (len(b) + 1)
    for x in a:
        row = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                row[j] = prev[j - 1] + 1
                best = max(best, row[j])
        prev = row
    return best


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else repr(value)
