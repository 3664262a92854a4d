"""Study: practice sessions, cards with their FSRS state, every review; practice switch on quizzes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 23:50:49.812455

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('card',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('bank_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('term', sa.String(length=200), nullable=True),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=True),
    sa.Column('stability', sa.Float(), nullable=True),
    sa.Column('difficulty', sa.Float(), nullable=True),
    sa.Column('due', sa.DateTime(), nullable=False),
    sa.Column('last_review', sa.DateTime(), nullable=True),
    sa.Column('reviews', sa.Integer(), nullable=False),
    sa.Column('lapses', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['bank_id'], ['bank.id'], name=op.f('fk_card_bank_id_bank'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_card_question_id_question'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_card_student_id_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card')),
    sa.UniqueConstraint('student_id', 'bank_id', 'term', name='uq_card_student_term'),
    sa.UniqueConstraint('student_id', 'question_id', name='uq_card_student_question')
    )
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_bank_id'), ['bank_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_question_id'), ['question_id'], unique=False)
        batch_op.create_index('ix_card_student_due', ['student_id', 'due'], unique=False)

    op.create_table('study_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('bank_id', sa.Integer(), nullable=True),
    sa.Column('quiz_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['bank_id'], ['bank.id'], name=op.f('fk_study_run_bank_id_bank'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['quiz_id'], ['quiz.id'], name=op.f('fk_study_run_quiz_id_quiz'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_study_run_student_id_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_study_run'))
    )
    with op.batch_alter_table('study_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_study_run_bank_id'), ['bank_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_study_run_quiz_id'), ['quiz_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_study_run_student_id'), ['student_id'], unique=False)

    op.create_table('study_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('bank_id', sa.Integer(), nullable=False),
    sa.Column('question_version_id', sa.Integer(), nullable=True),
    sa.Column('term', sa.String(length=200), nullable=True),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.Column('hinted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('answer', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('first_fraction', sa.Float(), nullable=True),
    sa.Column('fraction', sa.Float(), nullable=True),
    sa.Column('credit', sa.Float(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('seconds', sa.Float(), nullable=True),
    sa.Column('face', sa.String(length=10), nullable=True),
    sa.Column('checked_at', sa.DateTime(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['bank_id'], ['bank.id'], name=op.f('fk_study_item_bank_id_bank'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['card_id'], ['card.id'], name=op.f('fk_study_item_card_id_card'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_version_id'], ['question_version.id'], name=op.f('fk_study_item_question_version_id_question_version')),
    sa.ForeignKeyConstraint(['run_id'], ['study_run.id'], name=op.f('fk_study_item_run_id_study_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_study_item')),
    sa.UniqueConstraint('run_id', 'position', name=op.f('uq_study_item_run_id'))
    )
    with op.batch_alter_table('study_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_study_item_bank_id'), ['bank_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_study_item_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_study_item_question_version_id'), ['question_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_study_item_run_id'), ['run_id'], unique=False)

    op.create_table('card_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('response_id', sa.Integer(), nullable=True),
    sa.Column('state_before', sa.JSON(), nullable=False),
    sa.Column('state_after', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['card.id'], name=op.f('fk_card_review_card_id_card'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['study_item.id'], name=op.f('fk_card_review_item_id_study_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_card_review_response_id_response'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_card_review_student_id_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_review'))
    )
    with op.batch_alter_table('card_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_review_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_review_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_review_response_id'), ['response_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_review_student_id'), ['student_id'], unique=False)

    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.add_column(sa.Column('practice_allowed', sa.Boolean(), server_default=sa.true(), nullable=False))



def downgrade():
    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.drop_column('practice_allowed')

    with op.batch_alter_table('card_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_review_student_id'))
        batch_op.drop_index(batch_op.f('ix_card_review_response_id'))
        batch_op.drop_index(batch_op.f('ix_card_review_item_id'))
        batch_op.drop_index(batch_op.f('ix_card_review_card_id'))

    op.drop_table('card_review')
    with op.batch_alter_table('study_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_study_item_run_id'))
        batch_op.drop_index(batch_op.f('ix_study_item_question_version_id'))
        batch_op.drop_index(batch_op.f('ix_study_item_card_id'))
        batch_op.drop_index(batch_op.f('ix_study_item_bank_id'))

    op.drop_table('study_item')
    with op.batch_alter_table('study_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_study_run_student_id'))
        batch_op.drop_index(batch_op.f('ix_study_run_quiz_id'))
        batch_op.drop_index(batch_op.f('ix_study_run_bank_id'))

    op.drop_table('study_run')
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_index('ix_card_student_due')
        batch_op.drop_index(batch_op.f('ix_card_question_id'))
        batch_op.drop_index(batch_op.f('ix_card_bank_id'))

    op.drop_table('card')
