"""ORM models; importing this package registers every table on `Base.metadata`."""

from .base import Base
from .item import Item
from .refresh_token import RefreshToken
from .user import Role, User

__all__ = ["Base", "Item", "RefreshToken", "Role", "User"]
