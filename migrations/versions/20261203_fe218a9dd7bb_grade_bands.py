"""grade bands

Revision ID: fe218a9dd7bb
Revises: 9217e6ab2cdd
Create Date: 2026-12-03 12:24:21.916256

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'fe218a9dd7bb'
down_revision: Union[str, Sequence[str], None] = '9217e6ab2cdd'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Grade bands: their own table, a band on required modules, learners and records."""
    op.create_table(
        "group_band",
        sa.Column("group_code", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("target_level", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_code"], ["target_group.code"],
            name=op.f("fk_group_band_group_code_target_group"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_code", "code", name=op.f("pk_group_band")),
    )
    with op.batch_alter_table("completion_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("band_code", sa.String(length=8), nullable=False, server_default=""))
        batch_op.drop_index("uq_completion_record_issued")
        batch_op.create_index(
            "uq_completion_record_issued", ["user_id", "group_code", "band_code"], unique=True,
            sqlite_where=sa.text("status = 'issued'"), postgresql_where=sa.text("status = 'issued'"),
        )
    # The band becomes part of the key of a required module.
    with op.batch_alter_table("group_module", schema=None) as batch_op:
        batch_op.add_column(sa.Column("band_code", sa.String(length=8), nullable=False, server_default=""))
        batch_op.drop_constraint("pk_group_module", type_="primary")
        batch_op.create_primary_key("pk_group_module", ["group_code", "band_code", "course_id"])
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("band_code", sa.String(length=8), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("band_code")
    op.execute("DELETE FROM group_module WHERE band_code <> ''")
    with op.batch_alter_table("group_module", schema=None) as batch_op:
        batch_op.drop_constraint("pk_group_module", type_="primary")
        batch_op.create_primary_key("pk_group_module", ["group_code", "course_id"])
        batch_op.drop_column("band_code")
    with op.batch_alter_table("completion_record", schema=None) as batch_op:
        batch_op.drop_index("uq_completion_record_issued")
        batch_op.create_index(
            "uq_completion_record_issued", ["user_id", "group_code"], unique=True,
            sqlite_where=sa.text("status = 'issued'"), postgresql_where=sa.text("status = 'issued'"),
        )
        batch_op.drop_column("band_code")
    op.drop_table("group_band")
