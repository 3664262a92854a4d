"""Steps for the study tests: start practice, check answers through the practice page, count rows."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from lectern.extensions import db
from lectern.models import Card, CardReview, StudyItem, StudyRun
from tests.conftest import csrf_token
from tests.web.helpers import RIGHT

# Wrong answers to the mini bank's first five questions, by field name (practice keeps the quiz's positions).
WRONG = {"q1": "a", "q2": ["c"], "q3": "true", "q4": "Article 6", "q5": "5"}
__all__ = ["RIGHT", "WRONG"]


def practise(client, path: str = "/practice/mini/full", name: str = "Ana", **fields) -> str:
    """Start practice from its start page; returns the practice session's URL."""
    page = client.get(path)
    reply = client.post(path, data={"display_name": name, "csrf_token": csrf_token(page.text), **fields})
    assert reply.status_code == 302, reply.text
    return reply.headers["Location"]


def token(html: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, "the page has no check form"
    return match.group(1)


def shown_field(html: str) -> str:
    """The answer field the practice page shows (q1, q2…, or term_answer)."""
    return re.search(r'name="(q\d+|term_answer)"', html)[1]


def check(client, run_url: str, answer=None, *, reveal: bool = False, page: str | None = None,
          fields: dict | None = None):
    """Press Check (or 'Show me the answer') on the current item, with the page's own tokens.

    `answer` goes in the one answer field shown; `fields` gives several (matching, ordering).
    """
    html = page or client.get(run_url).text
    data = {"csrf_token": csrf_token(html), "token": token(html)}
    if reveal:
        data["reveal"] = "Show me the answer"
    else:
        data["check"] = "Check"
        data.update(fields if fields is not None else {shown_field(html): answer})
    return client.post(run_url, data=data)


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
                for model in (StudyRun, StudyItem, Card, CardReview)}


def reviews(app) -> list[tuple]:
    """Every review row: (card kind, rating, source, stage before, stage after)."""
    with app.app_context():
        return [(r.card.kind, r.rating, r.source, r.state_before["stage"], r.state_after["stage"])
                for r in db.session.scalars(select(CardReview).order_by(CardReview.id))]


# The mini bank's questions that take a typed or chosen answer, by a piece of their prompt: (right, wrong).
ANSWERS = {
    "In which city": ("b", "a"),
    "Who took part": (["a", "b"], ["c"]),
    "will send combat troops to Ukraine": ("false", "true"),
    "Which article of the NATO treaty": ("Article 5", "Article 6"),
    "how many personnel": ("800,000", "5"),
}


def answer_shown(html: str, right: bool = True):
    """The right (or a wrong) answer to the mini-bank question on the page; None for matching and ordering."""
    for prompt, (good, bad) in ANSWERS.items():
        if prompt in html:
            return good if right else bad
    return None


def practise_to_the_end(client, run_url: str, first_right: bool = False) -> int:
    """Work through a practice session: wrong, hint, then right (or the answer shown when the type has
    no simple answer here); returns the number of items done."""
    done = 0
    for _ in range(60):
        html = client.get(run_url).text
        if "how it went" in html:
            return done
        if 'name="term_answer"' in html:
            check(client, run_url, term_answer(html, right=first_right), page=html)
        elif (answer := answer_shown(html, right=first_right)) is None:
            if "Show me the answer" in html:
                check(client, run_url, reveal=True, page=html)
            else:
                check(client, run_url, fields=first_options(html), page=html)
                continue  # the same item, now with its hint
        else:
            reply = check(client, run_url, answer, page=html)
            if reply.headers["Location"].endswith("#hint"):
                check(client, run_url, answer_shown(client.get(run_url).text, right=True))
        done += 1
    raise AssertionError("the practice never ended")


def first_options(html: str) -> dict[str, str]:
    """Each select on the page set to a real option (a try at a matching or ordering question)."""
    selects = re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.DOTALL)
    chosen = {}
    for n, (name, body) in enumerate(selects):  # the n-th option for the n-th select: an order uses each once
        values = re.findall(r'<option[^>]*value="([^"]+)"', body)
        chosen[name] = values[n % len(values)]
    return chosen


def term_answer(html: str, right: bool = True) -> str:
    """An answer to the key-term card on the page (the mini bank's one term is Article 5)."""
    if 'type="radio"' in html:
        values = re.findall(r'name="term_answer" type="radio" value="([^"]+)"', html)
        labels = re.findall(r'<label for="term_answer-\d+">([^<]+)</label>', html)
        pick = [v for v, label in zip(values, labels, strict=True) if ("attack on one" in label) is right]
        return pick[0] if pick else values[0]
    return "Article 5" if right else "Article 9"
