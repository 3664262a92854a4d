"""What a reveal shows, on the projector and on every phone alike: the distribution as a bar chart,
the right answer, the explanation, and the evidence paragraph with its quote highlighted. The same
for everyone, so it is built once per session, question and version in each process."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup

from lectern.core.article_markup import Piece, paragraph_pieces
from lectern.core.charts import bar_chart
from lectern.core.questions import QuestionDefinition
from lectern.models import LiveSession
from lectern.render_cache import RenderCache
from lectern.services import live_results, live_sessions
from lectern.student.forms import field_name

_cache = RenderCache(256)


@dataclass(frozen=True)
class Evidence:
    paragraph: int
    pieces: list[Piece]


def current_definition(session: LiveSession) -> QuestionDefinition | None:
    if not 1 <= session.position <= session.total:
        return None
    return live_sessions.definitions(session)[session.position - 1]


def reveal_html(session: LiveSession, definition: QuestionDefinition) -> Markup:
    """The reveal of the current question (cached under the session's version: answers stop at close)."""
    def make() -> Markup:
        bars = live_results.distribution(session, definition)
        chart = bar_chart(bars, chart_id=f"live-{session.id}-{session.position}", title="How the class answered",
                          description=", ".join(f"{label}: {count}" for label, count in bars),
                          y_label="Answers", empty="Nobody answered this question.")
        paragraphs = session.quiz.bank.paragraphs or []
        evidence = [Evidence(e.paragraph, paragraph_pieces(paragraphs[e.paragraph - 1], e.quote))
                    for e in definition.evidence if 0 < e.paragraph <= len(paragraphs)]
        template = current_app.jinja_env.get_template("live/_reveal.html")
        return Markup(template.render(q=definition, chart=chart, evidence=evidence))  # nosec B704  (autoescaped)

    return _cache.get(("reveal", *_moment_key(session)), make)


def question_html(session: LiveSession, definition: QuestionDefinition, form) -> Markup:
    """The open question's fieldset, the same for every phone that has not answered (cached by version)."""
    def make() -> Markup:
        template = current_app.jinja_env.get_template("live/_question.html")
        return Markup(template.render(q=definition, position=session.position,  # nosec B704  (autoescaped)
                                      field=form[field_name(session.position)]))

    return _cache.get(("question", *_moment_key(session)), make)


def _moment_key(session: LiveSession) -> tuple:
    # The join code as well as the id: an id comes again in a database made afresh (a test run, a
    # restored backup) while this process still holds the old session's pages; a code with it does not.
    return session.id, session.join_code, session.version, session.position
