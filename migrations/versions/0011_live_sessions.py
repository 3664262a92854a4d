"""Live sessions: the session (its state and version), its participants and their answers

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-20 10:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'live_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.Column('quiz_id', sa.Integer(), nullable=False),
        sa.Column('classroom_id', sa.Integer(), nullable=True),
        sa.Column('join_code', sa.String(length=12), nullable=False),
        sa.Column('question_version_ids', sa.JSON(), nullable=False),
        sa.Column('state', sa.String(length=10), server_default='lobby', nullable=False),
        sa.Column('position', sa.Integer(), server_default='0', nullable=False),
        sa.Column('opened_at', sa.DateTime(), nullable=True),
        sa.Column('closes_at', sa.DateTime(), nullable=True),
        sa.Column('seconds_per_question', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('leaderboard', sa.String(length=10), server_default='off', nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['owner_id'], ['teacher.id'], name=op.f('fk_live_session_owner_id_teacher'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['quiz_id'], ['quiz.id'], name=op.f('fk_live_session_quiz_id_quiz'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_live_session_classroom_id_classroom'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_live_session')),
        sa.UniqueConstraint('join_code', name=op.f('uq_live_session_join_code')),
    )
    for column in ('owner_id', 'quiz_id', 'classroom_id'):
        op.create_index(op.f(f'ix_live_session_{column}'), 'live_session', [column], unique=False)

    op.create_table(
        'live_participant',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('student_id', sa.Integer(), nullable=False),
        sa.Column('display_name', sa.String(length=80), nullable=False),
        sa.Column('joined_at', sa.DateTime(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['session_id'], ['live_session.id'],
                                name=op.f('fk_live_participant_session_id_live_session'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_live_participant_student_id_student'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_live_participant_attempt_id_attempt'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_live_participant')),
        sa.UniqueConstraint('session_id', 'student_id', name=op.f('uq_live_participant_session_id')),
    )
    for column in ('session_id', 'student_id'):
        op.create_index(op.f(f'ix_live_participant_{column}'), 'live_participant', [column], unique=False)

    op.create_table(
        'live_answer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('answer', sa.JSON(), nullable=True),
        sa.Column('fraction', sa.Float(), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['live_session.id'],
                                name=op.f('fk_live_answer_session_id_live_session'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['participant_id'], ['live_participant.id'],
                                name=op.f('fk_live_answer_participant_id_live_participant'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_live_answer')),
        sa.UniqueConstraint('participant_id', 'position', name=op.f('uq_live_answer_participant_id')),
    )
    op.create_index('ix_live_answer_session_position', 'live_answer', ['session_id', 'position'], unique=False)


def downgrade():
    op.drop_index('ix_live_answer_session_position', table_name='live_answer')
    op.drop_table('live_answer')
    for column in ('session_id', 'student_id'):
        op.drop_index(op.f(f'ix_live_participant_{column}'), table_name='live_participant')
    op.drop_table('live_participant')
    for column in ('owner_id', 'quiz_id', 'classroom_id'):
        op.drop_index(op.f(f'ix_live_session_{column}'), table_name='live_session')
    op.drop_table('live_session')
