"""Article reading figures: each bank stores its word count and Flesch–Kincaid grade

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 10:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from lectern.core.reading_figures import reading_figures

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('bank', schema=None) as batch_op:
        batch_op.add_column(sa.Column('word_count', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reading_grade', sa.Float(), nullable=True))

    # The article page now reads these instead of computing them, so every existing bank
    # gets them here, computed as the app computes them when it writes an article. The
    # table is described in place (not the app's model), so this keeps working as the model changes.
    bank = sa.table('bank', sa.column('id', sa.Integer()), sa.column('paragraphs', sa.JSON()),
                    sa.column('word_count', sa.Integer()), sa.column('reading_grade', sa.Float()))
    connection = op.get_bind()
    for bank_id, paragraphs in connection.execute(sa.select(bank.c.id, bank.c.paragraphs)).all():
        figures = reading_figures(paragraphs or [])
        connection.execute(bank.update().where(bank.c.id == bank_id)
                           .values(word_count=figures.words, reading_grade=figures.grade))


def downgrade():
    with op.batch_alter_table('bank', schema=None) as batch_op:
        batch_op.drop_column('reading_grade')
        batch_op.drop_column('word_count')
