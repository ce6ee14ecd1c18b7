"""The nested groups of settings, each with bounds that refuse nonsense at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator


class DatabaseSettings(BaseModel):
    pool_size: int = Field(default=10, ge=1, le=200)
    max_overflow: int = Field(default=10, ge=0, le=200)
    pool_timeout: float = Field(
        default=10.0, gt=0, le=120, description="Wait (s) for a connection, or to open one; 503"
    )
    pool_recycle: int = Field(default=1800, ge=-1)
    pool_pre_ping: bool = True
    pool_ping_after: float = Field(
        default=5.0, ge=0, le=3600, description="Ping only connections idle this long (s); 0: all"
    )
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
    # API keys (auth=api_key): how stale `last_used_at` may get before a request writes it
    api_key_touch_seconds: int = Field(default=60, ge=1, le=86400)

    @model_validator(mode="after")
    def _argon2_memory_covers_every_lane(self) -> SecuritySettings:
        # argon2 refuses this too, but only when the first password is hashed
        if self.argon2_memory_kib < 8 * self.argon2_parallelism:
            raise ValueError("argon2_memory_kib must be at least 8 x argon2_parallelism")
        return self


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
    graceful_timeout: int = Field(
        default=7, ge=1, le=3600, description="On SIGTERM, time (s) left to requests in flight"
    )


class LoggingSettings(BaseModel):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["json", "console"] | None = Field(default=None, description="None: by env")
    config_file: Path = Path("config/logging.yaml")
