"""guardian consent: the parent or guardian who consented with a child

Revision ID: 3c0a5d1e7b42
Revises: e1971b26c901
Create Date: 2026-12-03 14:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "3c0a5d1e7b42"
down_revision: Union[str, Sequence[str], None] = "e1971b26c901"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("guardian_name", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_column("guardian_name")
