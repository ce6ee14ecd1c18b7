"""Failed login attempts, shared by every worker and replica of the app.

Revision ID: 0002_login_failures
Revises: 0001
Create Date: 2026-12-03

A template release adds its migrations under names of their own, so they never collide
with a team's (`0002`, `0003`...); a team that wrote migrations since 0001 joins the two
heads with `alembic merge heads` (README, "Updating from the template").
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0002_login_failures"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigIntId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Timestamp = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", BigIntId, nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("attempted_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(
        "ix_login_failures_key_hash_attempted_at", "login_failures", ["key_hash", "attempted_at"]
    )
    op.create_index("ix_login_failures_attempted_at", "login_failures", ["attempted_at"])


def downgrade() -> None:
    op.drop_table("login_failures")
