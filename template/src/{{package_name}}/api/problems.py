"""RFC 9457 problem details, shared by error handlers and middleware."""

from __future__ import annotations

import json
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from .asgi import Send

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


async def send_problem(
    send: Send,
    status: int,
    code: str,
    detail: str,
    headers: Iterable[tuple[bytes, bytes]] = (),
) -> None:
    """Answer from middleware, before the application has seen the request."""
    body = problem_bytes(status, code, detail)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
