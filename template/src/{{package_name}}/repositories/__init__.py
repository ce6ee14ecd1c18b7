"""Thin SQLAlchemy repositories: they hide queries and nothing else."""

from .request_scope import shared_session
from .unit_of_work import SqlUnitOfWork

__all__ = ["SqlUnitOfWork", "shared_session"]
