"""Failed login attempts, kept in the database so every worker and replica counts them.

A per-process counter lets `serve --workers 4` allow four times the limit, and two
replicas twice that. The key (client address or e-mail) is stored as a SHA-256 hash:
the table needs equality only, and then holds no personal data.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, BigIntId, UTCDateTime


class LoginFailure(Base):
    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_hash_attempted_at", "key_hash", "attempted_at"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
