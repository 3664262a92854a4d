"""Every response a question can be given (or a fair sample), to compare two definitions' grading.

A round trip through a file format must not change what any answer earns: these
helpers list the responses a student could submit and check both definitions
grade each one the same, fraction and feedback alike.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from typing import Any

from lectern.core.questions import QuestionDefinition
from lectern.core.questions.base import stable_id

SUBSET_LIMIT = 8      # options: all 2**n subsets up to this many
SAMPLE = 400          # otherwise this many random responses
WRONG_TEXTS = ("", "zzz", "not the answer", "42", "*", "Berlin, Germany.", "  ")


def responses(q: Any) -> Iterator[Any]:
    """The responses a student could store for q, every one when there are few enough."""
    rng = random.Random(q.id)
    if q.type == "single_choice":
        yield from (o.id for o in q.options)
        yield "no-such-option"
    elif q.type == "multiple_response":
        ids = [o.id for o in q.options]
        if len(ids) <= SUBSET_LIMIT:
            for mask in range(1, 2 ** len(ids)):
                yield [i for n, i in enumerate(ids) if mask >> n & 1]
        else:
            for _ in range(SAMPLE):
                yield [i for i in ids if rng.random() < 0.5] or ids[:1]
    elif q.type == "true_false":
        yield from (True, False)
    elif q.type == "short_answer":
        for a in q.answers:
            yield from (a.text, a.text.upper(), a.text + ".", a.text.replace("*", ""), a.text.replace("*", "xyz"))
        yield from WRONG_TEXTS
    elif q.type == "numeric":
        for a in q.answers:
            for value in (a.value, a.value + a.tolerance, a.value - a.tolerance, a.value + a.tolerance / 2,
                          a.value + 1.5 * a.tolerance + 1, a.value - 1.5 * a.tolerance - 1):
                yield repr(value)
                if q.unit:
                    yield f"{value!r} {q.unit}"
        yield from ("abc", "", "1,5")
    elif q.type == "matching":
        item_ids = q.item_ids()
        choice_ids = [c for c, _ in q.choices()] + [""]
        total = len(choice_ids) ** len(item_ids)
        combos = (itertools.product(choice_ids, repeat=len(item_ids)) if total <= 5000 else
                  (tuple(rng.choice(choice_ids) for _ in item_ids) for _ in range(SAMPLE)))
        for combo in combos:
            answered = {i: c for i, c in zip(item_ids, combo) if c}
            if answered:
                yield answered
    elif q.type == "ordering":
        ids = [stable_id(t) for t in q.items]
        if len(ids) <= 6:
            yield from (list(p) for p in itertools.permutations(ids))
        else:
            for _ in range(SAMPLE):
                yield rng.sample(ids, len(ids))
    elif q.type == "essay":
        yield "An answer a teacher will read."
    elif q.type == "cloze":
        per_gap = [_gap_answers(gap) for gap in q.gaps]
        total = 1
        for answers in per_gap:
            total *= len(answers)
        combos = (itertools.product(*per_gap) if total <= 5000 else
                  (tuple(rng.choice(a) for a in per_gap) for _ in range(SAMPLE)))
        for combo in combos:
            answered = {f"g{n}": a for n, a in enumerate(combo, start=1) if a}
            if answered:
                yield answered
    else:  # pragma: no cover - a new type must be taught to this helper
        raise AssertionError(f"no responses known for {q.type}")


def _gap_answers(gap: Any) -> list[Any]:
    """What a student could give in one cloze gap (None: left empty)."""
    ids = [stable_id(a.text) for a in gap.answers]
    if gap.kind == "single_choice":
        return [None, *ids]
    if gap.kind == "multiple_response":
        return [None] + [[i for n, i in enumerate(ids) if mask >> n & 1] for mask in range(1, 2 ** min(len(ids), 5))]
    typed = [a.text for a in gap.answers if a.text != "*"]
    return [None, "zzz", "3", *typed, *(t.upper() for t in typed)]


def grade_differences(a: QuestionDefinition, b: QuestionDefinition) -> list[tuple[Any, Any, Any]]:
    """(response, a's grade, b's grade) for every response the two grade differently."""
    return [(r, a.grade(r), b.grade(r)) for r in responses(a) if a.grade(r) != b.grade(r)]


def assert_same_grading(a: QuestionDefinition, b: QuestionDefinition) -> int:
    """Fail unless b grades every response as a does; the number of responses checked."""
    assert a.type == b.type, f"{a.id}: type {a.type} came back as {b.type}"
    checked = sum(1 for _ in responses(a))
    differences = grade_differences(a, b)
    assert not differences, f"{a.id}: {len(differences)} of {checked} responses graded differently, e.g. {differences[:3]}"
    return checked
