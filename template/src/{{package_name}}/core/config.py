"""Typed settings: `config/settings.yaml` < `.env` < environment < explicit overrides.

Every knob is validated here, once, so a misconfigured deployment stops at start
with one clear line instead of failing on its first request.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from .config_sections import (
    ApiSettings,
    DatabaseSettings,
    LoggingSettings,
    MetricsSettings,
    RateLimitSettings,
    SecuritySettings,
    ServerSettings,
)
from .database_url import DatabaseUrlError, parse_database_url

__all__ = [
    "ApiSettings",
    "DatabaseSettings",
    "LoggingSettings",
    "MetricsSettings",
    "RateLimitSettings",
    "SecuritySettings",
    "ServerSettings",
    "Settings",
    "get_settings",
]

Environment = Literal["development", "test", "production"]
PLACEHOLDER_SECRETS = frozenset({"change-me", "changeme", "secret", "please-change-this-secret"})
MIN_SECRET_LENGTH = 32
DEVELOPMENT_SECRET = "development-only-signing-key-never-use-in-production"  # noqa: S105


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_nested_delimiter="__", extra="ignore", validate_default=True
    )

    environment: Environment = "development"
    database_url: str = "sqlite:///./var/app.db"
    secret_key: SecretStr | None = None
    allowed_hosts: Annotated[list[str], NoDecode] = ["localhost", "127.0.0.1", "[::1]"]
    cors_origins: Annotated[list[str], NoDecode] = []
    database: DatabaseSettings = DatabaseSettings()
    security: SecuritySettings = SecuritySettings()
    api: ApiSettings = ApiSettings()
    server: ServerSettings = ServerSettings()
    logging: LoggingSettings = LoggingSettings()
    metrics: MetricsSettings = MetricsSettings()
    rate_limit: RateLimitSettings = RateLimitSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        yaml_file = os.environ.get("SETTINGS_FILE", "config/settings.yaml")
        yaml_settings = YamlConfigSettingsSource(settings_cls, yaml_file=yaml_file)
        return init_settings, env_settings, dotenv_settings, yaml_settings, file_secret_settings

    @field_validator("allowed_hosts", "cors_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        try:
            parse_database_url(value)
        except DatabaseUrlError as exc:
            raise ValueError(str(exc)) from None
        return value

    @model_validator(mode="after")
    def _refuse_weak_production_secret(self) -> Settings:
        if self.environment != "production":
            return self
        secret = self.secret_key.get_secret_value() if self.secret_key else ""
        if len(secret) < MIN_SECRET_LENGTH or secret.lower() in PLACEHOLDER_SECRETS:
            raise ValueError(
                "SECRET_KEY must be set to a random value of at least "
                f"{MIN_SECRET_LENGTH} characters in production"
            )
        # what the auth style cannot run without (oidc: its provider); the others need nothing
        unset: list[str] = getattr(self.security, "unset_in_production", list)()
        if unset:
            raise ValueError(f"security.{', security.'.join(unset)} must be set in production")
        return self

    @property
    def signing_key(self) -> str:
        """The JWT key; outside production a missing secret falls back to a fixed dev key."""
        return self.secret_key.get_secret_value() if self.secret_key else DEVELOPMENT_SECRET

    @property
    def docs_enabled(self) -> bool:
        if self.api.docs_enabled is None:
            return self.environment != "production"
        return self.api.docs_enabled

    def with_docs(self) -> Settings:
        """A copy that serves the OpenAPI document, as `openapi` and the docs test need."""
        return self.model_copy(update={"api": self.api.model_copy(update={"docs_enabled": True})})

    @property
    def log_format(self) -> str:
        return self.logging.format or ("json" if self.environment == "production" else "console")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once; tests build their own `Settings` instead."""
    return Settings()
