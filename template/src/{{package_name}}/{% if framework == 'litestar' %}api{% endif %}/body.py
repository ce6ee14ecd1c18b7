"""Request bodies read as JSON the way every adapter reads them.

Litestar decodes with msgspec, which refuses text the JSON grammar allows (a lone
surrogate escape); the standard parser accepts it and validation then answers 422,
so the same body gets the same answer whichever framework serves it.
"""

from __future__ import annotations

import json
from typing import Any

from litestar import Request
from litestar.exceptions import ClientException

from .error_rules import MALFORMED_JSON_DETAIL


class MalformedJsonError(ClientException):
    """The body is not JSON at all: a 400 `malformed_json` problem."""


class JsonRequest(Request[Any, Any, Any]):
    """Read once per request, by the body extractor: nothing to cache."""

    async def json(self) -> Any:
        try:
            return json.loads(await self.body() or b"null")
        except (ValueError, RecursionError):  # nested past the parser's depth: not for us
            raise MalformedJsonError(detail=MALFORMED_JSON_DETAIL) from None
