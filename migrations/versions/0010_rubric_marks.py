"""An essay graded by its rubric keeps the points picked for each criterion

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-12 10:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    # Nullable: essays graded before, and every answer that is not an essay, have no rubric marks.
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rubric_marks', sa.JSON(none_as_null=True), nullable=True))


def downgrade():
    # SQLite rebuilds the table to drop a column; resolve_fks=False keeps it from reflecting the
    # attempt table too, whose expression index (one_unfinished_attempt) reflection cannot read.
    with op.batch_alter_table('response', schema=None, reflect_kwargs={'resolve_fks': False}) as batch_op:
        batch_op.drop_column('rubric_marks')
