"""What a draft question still lacks before students may see it.

A draft may be as loose as an imported GIFT question (no explanation, no evidence).
Publishing holds it to the rules of a finished question: the strict parse a bank
file gets, and every evidence quote found in the bank's article. The messages are
for the teacher fixing the question, so they say what to do, not which field failed.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from lectern.core.article import Article
from lectern.core.banks import describe_error, evidence_problems
from lectern.core.questions import UnknownType, parse_question

# The usual gaps of an imported question, in the words of the editor.
MISSING_EXPLANATION = "Write an explanation that says why the right answer is right."
MISSING_EVIDENCE = ("Add at least one piece of evidence: the number of the paragraph that proves "
                    "the answer and the words quoted exactly from it.")
NO_ARTICLE = ("The bank has no article yet, so its evidence cannot be checked. "
              "Add the article to the bank first.")


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _plain(err: Any) -> str:
    where = tuple(str(p) for p in err["loc"])
    if where[:1] == ("explanation",) and err["type"] in ("missing", "string_too_short"):
        return MISSING_EXPLANATION
    if where[:1] == ("evidence",) and err["type"] in ("missing", "too_short"):
        return MISSING_EVIDENCE
    return _sentence(describe_error(err))


def publish_problems(data: dict[str, Any], article: Article) -> list[str]:
    """Everything to fix before the question (as stored data) may be published; [] when it may."""
    try:
        definition = parse_question(data, imported=False)
    except UnknownType as e:
        return [_sentence(str(e))]
    except ValidationError as e:
        # One message per gap, in the order found, without repeats.
        return list(dict.fromkeys(_plain(err) for err in e.errors()))
    if not article.paragraphs:
        return [NO_ARTICLE]
    return [_sentence(message) for _, message in evidence_problems(definition.evidence, article)]
