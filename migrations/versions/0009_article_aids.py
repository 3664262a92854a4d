"""Article aids per quiz and per class assignment: all, text (no key-term definitions), none

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-10 10:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    # Existing quizzes and assignments keep today's attempt page: the article with its definitions.
    for table in ('quiz', 'assignment'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('article_aids', sa.String(length=10), server_default='all', nullable=False))


def downgrade():
    for table in ('assignment', 'quiz'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('article_aids')
