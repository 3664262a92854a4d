"""One unfinished attempt per student, quiz and run: a partial unique index

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-09 10:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from lectern.core.questions import parse_question

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

attempt = sa.table(
    'attempt', sa.column('id', sa.Integer()), sa.column('student_id', sa.Integer()),
    sa.column('quiz_id', sa.Integer()), sa.column('assignment_id', sa.Integer()),
    sa.column('started_at', sa.DateTime()), sa.column('last_saved_at', sa.DateTime()),
    sa.column('submitted_at', sa.DateTime()), sa.column('submitted_by', sa.String(20)),
    sa.column('points', sa.Float()), sa.column('needs_grading', sa.Boolean()))
response = sa.table(
    'response', sa.column('id', sa.Integer()), sa.column('attempt_id', sa.Integer()),
    sa.column('question_version_id', sa.Integer()), sa.column('answer', sa.JSON(none_as_null=True)),
    sa.column('fraction', sa.Float()), sa.column('max_points', sa.Float()))
question_version = sa.table('question_version', sa.column('id', sa.Integer()), sa.column('definition', sa.JSON()))


def upgrade():
    # Two starts at once could make two unfinished attempts before this index existed. The one
    # the student went on with (saved last) stays open; of the others, one with no answer holds
    # nothing and is removed (so it does not count against the attempts allowed), and one with
    # answers is submitted with them, graded as the app grades, marked as a duplicate.
    connection = op.get_bind()
    run = sa.func.coalesce(attempt.c.assignment_id, 0)
    groups = connection.execute(
        sa.select(attempt.c.student_id, attempt.c.quiz_id, run.label('run'))
        .where(attempt.c.submitted_at.is_(None))
        .group_by(attempt.c.student_id, attempt.c.quiz_id, run).having(sa.func.count() > 1)).all()
    for student_id, quiz_id, run_id in groups:
        rows = connection.execute(
            sa.select(attempt.c.id, attempt.c.started_at, attempt.c.last_saved_at)
            .where(attempt.c.student_id == student_id, attempt.c.quiz_id == quiz_id, run == run_id,
                   attempt.c.submitted_at.is_(None))).all()
        rows.sort(key=lambda r: (r.last_saved_at or r.started_at, r.started_at, r.id), reverse=True)
        for duplicate in rows[1:]:
            _close_duplicate(connection, duplicate)
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index(
            'one_unfinished_attempt', ['student_id', 'quiz_id', sa.text('coalesce(assignment_id, 0)')], unique=True,
            sqlite_where=sa.text('submitted_at IS NULL'), postgresql_where=sa.text('submitted_at IS NULL'))


def _close_duplicate(connection, duplicate) -> None:
    slots = connection.execute(
        sa.select(response.c.id, response.c.answer, response.c.max_points, question_version.c.definition)
        .join(question_version, question_version.c.id == response.c.question_version_id)
        .where(response.c.attempt_id == duplicate.id)).all()
    if all(slot.answer is None for slot in slots):
        connection.execute(response.delete().where(response.c.attempt_id == duplicate.id))
        connection.execute(attempt.delete().where(attempt.c.id == duplicate.id))
        return
    points, pending = 0.0, False
    for slot in slots:
        fraction = parse_question(slot.definition, imported=True).grade_or_unanswered(slot.answer).fraction
        connection.execute(response.update().where(response.c.id == slot.id).values(fraction=fraction))
        pending = pending or fraction is None
        points += (fraction or 0.0) * slot.max_points
    connection.execute(attempt.update().where(attempt.c.id == duplicate.id).values(
        submitted_at=duplicate.last_saved_at or duplicate.started_at, submitted_by='duplicate',
        points=round(points, 6), needs_grading=pending))


def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index('one_unfinished_attempt')
