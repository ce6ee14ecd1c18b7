"""OpenAPI that tells the truth: every error is documented as problem+json.

Works on the document as a plain dict, so each adapter runs the same rules over what its
framework generated, and both documents promise the same statuses.
"""

from __future__ import annotations

from typing import Any

from ..schemas.common import ProblemDetail
from .problems import PROBLEM_MEDIA_TYPE

PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetail"}
PROBLEM_DESCRIPTION = "Problem details (RFC 9457)"
API_PREFIX = "/api/"


def with_problem_details(
    schema: dict[str, Any], drop_schemas: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Add the implied error statuses and make every error response a problem."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in drop_schemas:
        components.pop(name, None)
    components["ProblemDetail"] = ProblemDetail.model_json_schema()
    for path, path_item in schema.get("paths", {}).items():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for status in sorted(implied_statuses(path, operation)):
                responses.setdefault(str(status), {"description": PROBLEM_DESCRIPTION})
            for status, response in responses.items():
                if int(status) >= 400:
                    response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}
    return schema


def implied_statuses(path: str, operation: dict[str, Any]) -> set[int]:
    """What the middleware and the validation layer may answer on this operation.

    Routes declare their own outcomes (403, 404, 409, 429); these come from elsewhere: any
    request can name a Host that is not allowed (400), a body can be malformed JSON (400),
    too large (413), not JSON (415) or invalid (422), a parameter invalid (422), a secured
    operation needs credentials (401), and an API request may exceed the rate limit (429) or
    wait for a database slot in vain (503).
    """
    statuses = {400, 500}
    if "requestBody" in operation:
        statuses |= {413, 415, 422}
    if operation.get("parameters"):
        statuses.add(422)
    if operation.get("security"):
        statuses.add(401)
    if path.startswith(API_PREFIX):
        statuses |= {429, 503}
    return statuses
