"""Cues inside a choice question that point to the right option without reading the article."""

from __future__ import annotations

import re
from statistics import mean

from lectern.core.images import without_images
from lectern.core.item_rules import Finding
from lectern.core.questions import QuestionDefinition

LONGER_RATIO = 1.5       # the right option is suspect when longer than this times the wrong ones' mean
LONGER_BY = 20           # and longer by at least this many characters
ABSOLUTE_WORDS = ("only", "always", "never", "certain", "certainly", "all", "none")
NEGATIVE_WORDS = ("not", "except", "least")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")  # Markdown bold or italic
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_ABOVE = re.compile(r"\b(all|none|both|neither) of the (above|options|answers)\b", re.IGNORECASE)
# Words whose first letter misleads: "an hour", "a European", "a one-off", "a university".
_VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")
_CONSONANT_SOUND = ("eu", "uni", "use", "usu", "uti", "one", "once", "ubiq")


def choice_cues(question: QuestionDefinition) -> list[Finding]:
    """The cue warnings of one single choice or multiple response question (none for other types)."""
    if question.type not in ("single_choice", "multiple_response"):
        return []
    checks = (_longest_option, _absolute_words, _above, _article_agreement, _duplicates, _negative_stem)
    return [Finding(question.id, rule, message) for check in checks for rule, message in check(question)]


def _right_and_wrong(question: QuestionDefinition) -> tuple[list, list]:
    if question.type == "multiple_response":
        fractions = question.fractions()
        right = [o for o in question.options if fractions[o.id] > 0]
    else:
        right = [o for o in question.options if o.correct]
    return right, [o for o in question.options if o not in right]


def _longest_option(question: QuestionDefinition) -> list[tuple[str, str]]:
    right, wrong = _right_and_wrong(question)
    if not wrong:
        return []
    length = {o.id: len(without_images(o.text)) for o in question.options}  # a picture: its alt text
    average = mean(length[o.id] for o in wrong)
    long = [o for o in right if length[o.id] > LONGER_RATIO * average and length[o.id] - average >= LONGER_BY]
    return [("longest-option",
             (f"the right option {o.id!r} has {length[o.id]} characters, the wrong ones {average:.0f} on average; "
             "students learn to pick the longest option: shorten it, or give the wrong options as much detail"))
            for o in long]


def _words(text: str, words: tuple[str, ...]) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)} & set(words)


def _absolute_words(question: QuestionDefinition) -> list[tuple[str, str]]:
    right, wrong = _right_and_wrong(question)
    in_right = set().union(*(_words(o.text, ABSOLUTE_WORDS) for o in right))
    cued = sorted(set().union(*(_words(o.text, ABSOLUTE_WORDS) for o in wrong)) - in_right)
    if not cued:
        return []
    options = [o.id for o in wrong if _words(o.text, tuple(cued))]
    return [("absolute-words",
             (f"only wrong options ({', '.join(map(repr, options))}) say {', '.join(map(repr, cued))}; "
             "students learn that such sweeping words mark a wrong answer: word those options less absolutely, "
             "or use such a word in the right option too"))]


def _above(question: QuestionDefinition) -> list[tuple[str, str]]:
    return [("all-none-of-above",
             (f"option {o.id!r} says {_ABOVE.search(o.text).group(0)!r}; it depends on the order of the options "
             "(which may be shuffled) and can be answered from two options alone: write a real option instead"))
            for o in question.options if _ABOVE.search(o.text)]


def _article(word: str) -> str | None:
    """The article ('a' or 'an') a word takes, or None when unsure (an abbreviation, a number)."""
    if not word or not word[0].isalpha() or (word.isupper() and len(word) > 1):
        return None
    lower = word.lower()
    if lower.startswith(_VOWEL_SOUND):
        return "an"
    if lower.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def _article_agreement(question: QuestionDefinition) -> list[tuple[str, str]]:
    match = re.search(r"\b(a|an)\s*[_.…:\s-]*$", question.prompt, re.IGNORECASE)
    if not match:
        return []
    ending = match.group(1).lower()
    firsts = [(o, re.match(r"\W*([\w'-]*)", o.text).group(1)) for o in question.options]
    fitting = [o for o, word in firsts if _article(word) in (ending, None)]
    if len(fitting) != 1 or len(question.options) < 2:
        return []
    return [("a-an-agreement",
             (f"the prompt ends with '{ending}', and only option {fitting[0].id!r} reads on from it; end the prompt "
             "before the article, or begin every option with its own 'a' or 'an'"))]


def _duplicates(question: QuestionDefinition) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    out = []
    for o in question.options:
        key = " ".join(o.text.casefold().split())
        if key in seen:
            out.append(("duplicate-options",
                        f"options {seen[key]!r} and {o.id!r} say the same thing; replace one of them"))
        seen.setdefault(key, o.id)
    return out


def _negative_stem(question: QuestionDefinition) -> list[tuple[str, str]]:
    out = []
    # Emphasised words are fine, and so is a negative inside a quotation of the article.
    stressed = [m.span(2) for m in _EMPHASIS.finditer(question.prompt)]
    stressed += [m.span() for m in _QUOTED.finditer(question.prompt)]
    for match in re.finditer(rf"\b({'|'.join(NEGATIVE_WORDS)})\b", question.prompt, re.IGNORECASE):
        word = match.group(1)
        emphasised = word.isupper() or any(s <= match.start() and match.end() <= e for s, e in stressed)
        if not emphasised:
            out.append(("negative-stem",
                        (f"the prompt asks with '{word}', which students easily overlook; write it in capitals "
                        f"({word.upper()}) or in bold (**{word}**)")))
            break
    return out
