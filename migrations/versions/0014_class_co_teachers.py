"""Class co-teachers: another teacher who sees and runs a class with its owner (an LMS course's second instructor)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 13:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'class_co_teacher',
        sa.Column('classroom_id', sa.Integer(), nullable=False),
        sa.Column('teacher_id', sa.Integer(), nullable=False),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'],
                                name=op.f('fk_class_co_teacher_classroom_id_classroom'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'],
                                name=op.f('fk_class_co_teacher_teacher_id_teacher'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('classroom_id', 'teacher_id', name=op.f('pk_class_co_teacher')),
    )
    op.create_index(op.f('ix_class_co_teacher_teacher_id'), 'class_co_teacher', ['teacher_id'])


def downgrade():
    op.drop_index(op.f('ix_class_co_teacher_teacher_id'), table_name='class_co_teacher')
    op.drop_table('class_co_teacher')
