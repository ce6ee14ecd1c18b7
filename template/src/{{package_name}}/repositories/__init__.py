"""Thin SQLAlchemy repositories: they hide queries and nothing else."""

from .unit_of_work import SqlUnitOfWork

__all__ = ["SqlUnitOfWork"]
