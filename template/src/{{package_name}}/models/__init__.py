"""ORM models; importing this package registers every table on `Base.metadata`."""

from .base import Base
from .item import Item
from .login_failure import LoginFailure
from .refresh_token import RefreshToken
from .user import Role, User

__all__ = ["Base", "Item", "LoginFailure", "RefreshToken", "Role", "User"]
