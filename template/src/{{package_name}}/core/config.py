"""Typed settings: `config/settings.yaml` < `.env` < environment < explicit overrides.

Every knob is validated here, once, so a misconfigured deployment stops at start
with one clear line instead of failing on its first request.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from .database_url import DatabaseUrlError, parse_database_url

Environment = Literal["development", "test", "production"]
PLACEHOLDER_SECRETS = frozenset({"change-me", "changeme", "secret", "please-change-this-secret"})
MIN_SECRET_LENGTH = 32
DEVELOPMENT_SECRET = "development-only-signing-key-never-use-in-production"  # noqa: S105


class DatabaseSettings(BaseModel):
    pool_size: int = Field(default=10, ge=1, le=200)
    max_overflow: int = Field(default=10, ge=0, le=200)
    pool_timeout: float = Field(default=10.0, gt=0, le=120)
    pool_recycle: int = Field(default=1800, ge=-1)
    pool_pre_ping: bool = True
    echo: bool = False
    auto_migrate: bool = Field(default=True, description="Apply migrations on start (dev only)")


class SecuritySettings(BaseModel):
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    jwt_issuer: str = Field(default="backend", min_length=1)
    jwt_audience: str = Field(default="backend-api", min_length=1)
    access_token_minutes: int = Field(default=15, ge=1, le=1440)
    refresh_token_days: int = Field(default=14, ge=1, le=365)
    argon2_time_cost: int = Field(default=3, ge=1, le=10)
    argon2_memory_kib: int = Field(default=65536, ge=8, le=1_048_576)
    argon2_parallelism: int = Field(default=4, ge=1, le=16)
    login_max_failures: int = Field(default=10, ge=1, le=1000)
    login_window_seconds: int = Field(default=60, ge=1, le=86400)


class ApiSettings(BaseModel):
    title: str = "Backend API"
    description: str = ""
    docs_enabled: bool | None = Field(default=None, description="None: on outside production")
    max_body_bytes: int = Field(default=1_048_576, ge=1024, le=104_857_600)
    default_page_size: int = Field(default=20, ge=1, le=100)
    max_page_size: int = Field(default=100, ge=1, le=100)


class ServerSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    forwarded_allow_ips: str = "127.0.0.1"


class LoggingSettings(BaseModel):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["json", "console"] | None = Field(default=None, description="None: by env")
    config_file: Path = Path("config/logging.yaml")


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

    @property
    def log_format(self) -> str:
        return self.logging.format or ("json" if self.environment == "production" else "console")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once; tests build their own `Settings` instead."""
    return Settings()
