"""Item-writing checks over a whole bank: answers given away, facts tested twice, keys that copy the text.

Each finding is a warning naming the question, the rule (lectern.core.item_rules) and what
to change; a question's `accept_warnings:` list marks the ones its author keeps on purpose.
The cues inside a single choice question are in lectern.core.choice_cues.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from itertools import pairwise

from lectern.core.article import find_quote
from lectern.core.banks import Bank
from lectern.core.choice_cues import choice_cues
from lectern.core.item_rules import Finding
from lectern.core.item_words import (
    FUNCTION_WORDS,
    contains_phrase,
    content_stems,
    distractor_texts,
    fact_stems,
    is_quotation,
    is_stop,
    key_texts,
    longest_common_run,
    sentence_around,
    shown_texts,
    stem,
    stems,
    tokens,
)
from lectern.core.questions import QuestionDefinition

DEFINITION_SHARE = 0.7     # a definition that holds this share of an answer's meaning-words (at least 2) states it
COPY_RUN = 6               # an answer sharing this many words in a row with its evidence sentence copies it,
COPY_RUN_SHORT = 4         # and so does one sharing at least this many
COPY_SHARE = 0.6           # when they are this share of the answer's words
COPY_SKILLS = ("understand", "evaluate")
LISTED_AT_MOST = 3         # questions named in one finding before "and N more"

Unit = tuple[str, tuple[str, ...]]   # an answer's distinctive words as written, and their stems


def check_bank(bank: Bank) -> list[Finding]:
    """Every item-writing warning about the bank's questions, in bank order, accepted ones marked."""
    proper = proper_nouns(bank)
    findings = (answer_leaks(bank, proper) + definition_leaks(bank) + same_facts(bank)
                + copied_keys(bank) + [f for q in bank.questions for f in choice_cues(q)])
    order = {q.id: n for n, q in enumerate(bank.questions)}
    accepted = {q.id: set(q.accept_warnings) for q in bank.questions}
    findings = [replace(f, accepted=f.rule in accepted[f.question_id], where=_where(bank, f.question_id))
                for f in findings]
    return sorted(findings, key=lambda f: order[f.question_id])


def _where(bank: Bank, question_id: str) -> str | None:
    line = bank.question_lines.get(question_id)
    return f"{bank.questions_file}:{line}" if bank.questions_file and line else None


def unused_accepts(bank: Bank, findings: list[Finding]) -> list[str]:
    """Each accepted warning that no longer occurs, so its `accept_warnings:` entry can go."""
    found = {(f.question_id, f.rule) for f in findings}
    return [f"question {q.id!r} accepts {rule!r}, but that warning no longer occurs; remove it from accept_warnings"
            for q in bank.questions for rule in q.accept_warnings if (q.id, rule) not in found]


def count_by_rule(findings: list[Finding]) -> Counter:
    return Counter(f.rule for f in findings)


# --- answer leaks --------------------------------------------------------------------------

def proper_nouns(bank: Bank) -> set[str]:
    """Words the article or the questions capitalise in mid-sentence: names, like "Berlin"."""
    texts = list(bank.article.paragraphs) + [text for q in bank.questions for _, text in shown_texts(q)]
    found = set()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?:])\s+", text):
            found |= {t.lower() for t in tokens(sentence)[1:] if t[0].isupper()}
    return found


def leak_units(text: str, proper: set[str]) -> list[Unit]:
    """The distinctive words of an answer: names and numbers, pairs of meaning-words, or its one meaning-word."""
    toks = tokens(text)
    units: list[Unit] = []
    run: list[str] = []

    def flush() -> None:
        # One name alone ("NATO", "European") is the article's subject more often than an answer,
        # unless it is the whole answer (below); a long number ("800,000") is always telling.
        if len(run) > 1 or (run and run[0][0].isdigit() and len(run[0]) > 1):
            units.append((" ".join(run), tuple(stem(t) for t in run)))
        run.clear()

    for i, t in enumerate(toks):
        name = (t[0].isupper() and t.lower().removesuffix("'s") not in FUNCTION_WORDS
                and (i > 0 or t.lower().removesuffix("'s") in proper))
        if t[0].isdigit() or name:
            run.append(t)
        else:
            flush()
    flush()
    plain = [t if not (t[0].isupper() or t[0].isdigit()) and not is_stop(t) else None for t in toks]
    units += [(f"{a} {b}", (stem(a), stem(b))) for a, b in pairwise(plain) if a and b]
    meaning = [t for t in toks if not is_stop(t)]
    if len(meaning) == 1 and not any(meaning[0] in u[0].split() for u in units):
        units.append((meaning[0], (stem(meaning[0]),)))
    return units


def distinctive_units(question: QuestionDefinition, proper: set[str]) -> list[Unit]:
    """The leak units of a question's answers, less those its own prompt or its wrong options already show
    and those inside a longer unit of the same answer."""
    own = content_stems(question.prompt)
    wrong = [stems(t) for t in distractor_texts(question)]
    units: dict[tuple[str, ...], Unit] = {}
    for text in key_texts(question):
        found = leak_units(text, proper)
        for unit in found:
            if (own & set(unit[1]) or any(contains_phrase(w, unit[1]) for w in wrong)
                    or any(len(v[1]) > len(unit[1]) and contains_phrase(list(v[1]), unit[1]) for v in found)):
                continue
            units.setdefault(unit[1], unit)
    return list(units.values())


def answer_leaks(bank: Bank, proper: set[str]) -> list[Finding]:
    """A question whose answer another question of the same quiz shows in its prompt or options."""
    pools = [(quiz.id, {q.id for q in quiz.pool(bank.questions)}) for quiz in bank.quizzes]
    shown = {q.id: [(where, stems(text)) for where, text in shown_texts(q)] for q in bank.questions}
    findings = []
    for q in bank.questions:
        companions = {}  # other question id -> the first quiz that can ask both
        for quiz_id, pool in pools:
            if q.id in pool:
                for other in pool - {q.id} - set(companions):
                    companions[other] = quiz_id
        for text, unit in distinctive_units(q, proper):
            hits = [(other.id, where) for other in bank.questions if other.id in companions
                    for where, words in shown[other.id] if contains_phrase(words, unit)]
            if not hits:
                continue
            first_id, where = hits[0]
            others = sorted({h[0] for h in hits} - {first_id})
            more = (f" (also in {_names(others)})" if others else "")
            findings.append(Finding(q.id, "answer-leak",
                                    f"the answer's words '{text}' are shown in {where} of question {first_id!r}{more}, "
                                    f"which quiz {companions[first_id]!r} can ask too: a student can find this "
                                    "answer there; reword one of the questions, or keep them in different quizzes",
                                    others=(first_id, *others)))
    return findings


def definition_leaks(bank: Bank) -> list[Finding]:
    """A question whose answer a key term's definition (shown beside the article) states."""
    definitions = [(term, content_stems(term.definition)) for term in bank.key_terms]
    findings = []
    for q in bank.questions:
        own = content_stems(q.prompt)
        for text in key_texts(q):
            meaning = content_stems(text) - own
            if len(meaning) < 2 or not definitions:
                continue
            term, definition = max(definitions, key=lambda d: len(meaning & d[1]))
            if len(meaning & definition) >= DEFINITION_SHARE * len(meaning):
                findings.append(Finding(q.id, "definition-leak",
                                        f"the definition of the key term '{term.term}', which students see with "
                                        f"the article, states the answer '{_short(text)}'; ask about something "
                                        "the definition does not say, or word the definition differently"))
                break
    return findings


# --- the same fact twice -------------------------------------------------------------------

def _spans(bank: Bank, q: QuestionDefinition) -> list[tuple[int, int, int]]:
    out = []
    for ev in q.evidence:
        paragraph = bank.article.paragraph(ev.paragraph)
        span = find_quote(paragraph, ev.quote) if paragraph else None
        if span:
            out.append((ev.paragraph, *span))
    return out


def same_facts(bank: Bank) -> list[Finding]:
    """A question that shares a passage and its answer with an earlier question."""
    facts = [(q, _spans(bank, q), fact_stems(q)) for q in bank.questions]
    findings = []
    for n, (q, spans, fact) in enumerate(facts):
        for earlier, earlier_spans, earlier_fact in facts[:n]:
            if not fact or not earlier_fact or not (fact <= earlier_fact or earlier_fact <= fact):
                continue
            shared = next((p for p, s, e in spans for p2, s2, e2 in earlier_spans if p == p2 and s < e2 and s2 < e), None)
            if shared is not None:
                findings.append(Finding(q.id, "same-fact",
                                        f"it tests the same fact as question {earlier.id!r}: the same passage of "
                                        f"paragraph {shared} and the same answer; drop one of them, or ask about "
                                        "another part of the paragraph", others=(earlier.id,)))
                break
    return findings


# --- keys that copy the text ---------------------------------------------------------------

def copied_keys(bank: Bank) -> list[Finding]:
    """An understand or evaluate question whose right answer repeats its evidence sentence word for word."""
    findings = []
    for q in bank.questions:
        if q.skill not in COPY_SKILLS or q.type not in ("single_choice", "multiple_response", "short_answer"):
            continue
        sentences = [sentence_around(bank.article.paragraph(p) or "", s, e) for p, s, e in _spans(bank, q)]
        # An option in quotation marks offers the article's words on purpose ("which phrase…?").
        for text in (t for t in key_texts(q) if not is_quotation(t)):
            words = tokens(text)
            run = max((longest_common_run(words, tokens(s)) for s in sentences), default=0)
            if run >= COPY_RUN or (run >= COPY_RUN_SHORT and run >= COPY_SHARE * len(words)):
                findings.append(Finding(q.id, "key-copies-evidence",
                                        f"the right answer '{_short(text)}' repeats {run} words in a row from the "
                                        f"article, so a student can match it without understanding it (the skill "
                                        f"is '{q.skill}'); say it in other words, or mark the skill 'locate'"))
                break
    return findings


def _names(ids: list[str]) -> str:
    shown = ", ".join(repr(i) for i in ids[:LISTED_AT_MOST])
    return shown + (f" and {len(ids) - LISTED_AT_MOST} more" if len(ids) > LISTED_AT_MOST else "")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
