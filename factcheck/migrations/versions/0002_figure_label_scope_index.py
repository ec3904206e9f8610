"""index figures by label and scope (incremental cross-referencing)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 20:45:00
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("figure", schema=None) as batch_op:
        batch_op.create_index("ix_figure_label_scope", ["label", "scope"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("figure", schema=None) as batch_op:
        batch_op.drop_index("ix_figure_label_scope")
