"""RFC 9457 problem details, shared by the error handlers and middleware of every adapter."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem(status: int, code: str, detail: str, **extensions: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    body.update({key: value for key, value in extensions.items() if value is not None})
    return body


def problem_bytes(status: int, code: str, detail: str, **extensions: Any) -> bytes:
    return json.dumps(problem(status, code, detail, **extensions)).encode()


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem answer before any framework sees it: each adapter only wraps it in its own
    response type, so status, headers and body cannot drift between frameworks."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        status: int,
        code: str,
        detail: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> Problem:
        return cls(status, problem_bytes(status, code, detail, **extra), dict(headers or {}))
