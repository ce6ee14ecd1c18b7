"""Domain errors with fixed, client-safe messages and machine-readable codes.

Services raise these; only the API layer decides which HTTP status each family
becomes. Messages are constants so that nothing internal ever reaches a client.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a client may be told about."""

    code = "domain_error"
    message = "The request could not be completed."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        self.detail = message or self.message


class NotFoundError(DomainError):
    code = "not_found"
    message = "The resource does not exist."


class ConflictError(DomainError):
    code = "conflict"
    message = "The resource conflicts with an existing one."


class AuthenticationError(DomainError):
    code = "not_authenticated"
    message = "Authentication is required."


class PermissionDeniedError(DomainError):
    code = "permission_denied"
    message = "You are not allowed to do this."


class RateLimitedError(DomainError):
    code = "rate_limited"
    message = "Too many requests; try again later."

    def __init__(self, retry_after: int, message: str | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServiceUnavailableError(DomainError):
    code = "service_unavailable"
    message = "A dependency of the service is unavailable."
    retry_after = 1  # seconds: pool waits and outages are short, or the probes take over


class UserNotFoundError(NotFoundError):
    code = "user_not_found"
    message = "The user does not exist."


class ItemNotFoundError(NotFoundError):
    code = "item_not_found"
    message = "The item does not exist."


class EmailTakenError(ConflictError):
    code = "email_taken"
    message = "An account with this e-mail address already exists."


class InvalidCredentialsError(AuthenticationError):
    code = "invalid_credentials"
    message = "The e-mail address or password is incorrect."


class InvalidTokenError(AuthenticationError):
    code = "invalid_token"
    message = "The token is invalid or has expired."


class TokenReuseError(AuthenticationError):
    code = "token_reused"
    message = "The refresh token was already used; the session has been revoked."


class WrongPasswordError(PermissionDeniedError):
    code = "wrong_password"
    message = "The current password is not correct."


class AdminRequiredError(PermissionDeniedError):
    code = "admin_required"
    message = "This action requires the admin role."


class OwnAccountError(PermissionDeniedError):
    code = "own_account"
    message = "Admins cannot change their own role or deactivate themselves."


class TooManyLoginAttemptsError(RateLimitedError):
    code = "too_many_login_attempts"
    message = "Too many failed login attempts; try again later."
