"""Thin SQLAlchemy repositories: they hide queries and nothing else."""

from .unit_of_work import SqlUnitOfWork, shared_session

__all__ = ["SqlUnitOfWork", "shared_session"]
