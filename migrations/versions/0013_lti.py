"""LTI 1.3: platforms, Lectern's signing keys, spent nonces, platform users, courses, links and the score outbox

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 12:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def _fk(table, column, target, ondelete):
    return sa.ForeignKeyConstraint([column], [f'{target}.id'], name=op.f(f'fk_{table}_{column}_{target}'),
                                   ondelete=ondelete)


def upgrade():
    op.create_table(
        'lti_platform',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('issuer', sa.String(length=255), nullable=False),
        sa.Column('client_id', sa.String(length=255), nullable=False),
        sa.Column('deployment_ids', sa.JSON(), nullable=False),
        sa.Column('auth_login_url', sa.String(length=500), nullable=False),
        sa.Column('token_url', sa.String(length=500), nullable=False),
        sa.Column('jwks_url', sa.String(length=500), nullable=False),
        sa.Column('frame_origins', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_platform')),
        sa.UniqueConstraint('issuer', 'client_id', name=op.f('uq_lti_platform_issuer')),
    )
    op.create_table(
        'lti_tool_key',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kid', sa.String(length=64), nullable=False),
        sa.Column('private_pem', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('retired_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_tool_key')),
        sa.UniqueConstraint('kid', name=op.f('uq_lti_tool_key_kid')),
    )
    op.create_table(
        'lti_used_nonce',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('nonce', sa.String(length=128), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_used_nonce')),
        sa.UniqueConstraint('nonce', name=op.f('uq_lti_used_nonce_nonce')),
    )
    op.create_index(op.f('ix_lti_used_nonce_expires_at'), 'lti_used_nonce', ['expires_at'])
    op.create_table(
        'lti_user',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform_id', sa.Integer(), nullable=False),
        sa.Column('sub', sa.String(length=255), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('student_id', sa.Integer(), nullable=True),
        sa.Column('teacher_id', sa.Integer(), nullable=True),
        _fk('lti_user', 'platform_id', 'lti_platform', 'CASCADE'),
        _fk('lti_user', 'student_id', 'student', 'SET NULL'),
        _fk('lti_user', 'teacher_id', 'teacher', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_user')),
        sa.UniqueConstraint('platform_id', 'sub', name=op.f('uq_lti_user_platform_id')),
    )
    for column in ('platform_id', 'student_id', 'teacher_id'):
        op.create_index(op.f(f'ix_lti_user_{column}'), 'lti_user', [column])
    op.create_table(
        'lti_context',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform_id', sa.Integer(), nullable=False),
        sa.Column('context_id', sa.String(length=255), nullable=False),
        sa.Column('classroom_id', sa.Integer(), nullable=False),
        sa.Column('memberships_url', sa.String(length=500), nullable=True),
        _fk('lti_context', 'platform_id', 'lti_platform', 'CASCADE'),
        _fk('lti_context', 'classroom_id', 'classroom', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_context')),
        sa.UniqueConstraint('platform_id', 'context_id', name=op.f('uq_lti_context_platform_id')),
    )
    for column in ('platform_id', 'classroom_id'):
        op.create_index(op.f(f'ix_lti_context_{column}'), 'lti_context', [column])
    op.create_table(
        'lti_resource_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform_id', sa.Integer(), nullable=False),
        sa.Column('resource_link_id', sa.String(length=255), nullable=False),
        sa.Column('assignment_id', sa.Integer(), nullable=False),
        sa.Column('lineitem_url', sa.String(length=500), nullable=True),
        sa.Column('can_post_scores', sa.Boolean(), server_default=sa.false(), nullable=False),
        _fk('lti_resource_link', 'platform_id', 'lti_platform', 'CASCADE'),
        _fk('lti_resource_link', 'assignment_id', 'assignment', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_resource_link')),
        sa.UniqueConstraint('platform_id', 'resource_link_id', name=op.f('uq_lti_resource_link_platform_id')),
    )
    for column in ('platform_id', 'assignment_id'):
        op.create_index(op.f(f'ix_lti_resource_link_{column}'), 'lti_resource_link', [column])
    op.create_table(
        'lti_score',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('link_id', sa.Integer(), nullable=False),
        sa.Column('lti_user_id', sa.Integer(), nullable=False),
        sa.Column('score_given', sa.Float(), nullable=True),
        sa.Column('waiting_for_marking', sa.Boolean(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('tries', sa.Integer(), nullable=False),
        sa.Column('next_try_at', sa.DateTime(), nullable=False),
        sa.Column('last_error', sa.String(length=500), nullable=True),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        _fk('lti_score', 'attempt_id', 'attempt', 'CASCADE'),
        _fk('lti_score', 'link_id', 'lti_resource_link', 'CASCADE'),
        _fk('lti_score', 'lti_user_id', 'lti_user', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lti_score')),
        sa.UniqueConstraint('attempt_id', 'version', name=op.f('uq_lti_score_attempt_id')),
    )
    for column in ('attempt_id', 'link_id', 'lti_user_id', 'status'):
        op.create_index(op.f(f'ix_lti_score_{column}'), 'lti_score', [column])


def downgrade():
    for table in ('lti_score', 'lti_resource_link', 'lti_context', 'lti_user', 'lti_used_nonce', 'lti_tool_key',
                  'lti_platform'):
        op.drop_table(table)
