"""Routes declared once, for Flask and for the OpenAPI document: what each operation takes
(path ids, a query model, a JSON body model), what it answers, who may call it.

Validation follows the contract every adapter keeps: all of a request's field errors in one
422 (path, query and body together), malformed JSON a 400, an unknown query name a 422, and
the caller authenticated before any of it. Each model is validated once, by pydantic.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Literal

from flask import Blueprint, Response, request
from pydantic import BaseModel, TypeAdapter, ValidationError

from .dependencies import ResourceId, authenticate, container, read_only
from .errors import InvalidRequestError, MalformedJsonError

Access = Literal["public", "user", "admin"]
UNKNOWN_QUERY = "This query parameter is not part of the operation."
RESOURCE_ID: TypeAdapter[int] = TypeAdapter(ResourceId)


@dataclass(frozen=True)
class Operation:
    """One method on one path, as the OpenAPI document describes it."""

    method: str
    path: str  # OpenAPI style: /items/{item_id}
    name: str
    tag: str
    summary: str
    status: int = 200
    access: Access = "public"
    response: Any = None
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    ids: tuple[str, ...] = ()
    problems: tuple[int, ...] = ()


@dataclass
class Router:
    """A blueprint that records its operations for the document."""

    prefix: str
    tag: str
    scoped: bool = True  # one database session around the request (all of /api/v1)
    operations: list[Operation] = field(default_factory=list)
    name: str = ""  # the blueprint's, when two routers share a tag; the tag otherwise

    def __post_init__(self) -> None:
        self.blueprint = Blueprint(self.name or self.tag, __name__, url_prefix=self.prefix)

    def route(self, method: str, path: str, **options: Any) -> Callable[[Callable[..., Any]], Any]:
        def register(view: Callable[..., Any]) -> Callable[..., Any]:
            ids = tuple(part[1:-1] for part in path.split("/") if part.startswith("{"))
            summary = view.__name__.replace("_", " ").title()
            operation = Operation(
                method, self.prefix + path, view.__name__, self.tag, summary, ids=ids, **options
            )
            self.operations.append(operation)
            rule = path.replace("{", "<").replace("}", ">")
            endpoint = handler(operation, view, self.scoped)
            self.blueprint.add_url_rule(rule, view.__name__, endpoint, methods=[method])
            return view

        return register


def handler(
    operation: Operation, view: Callable[..., Any], scoped: bool
) -> Callable[..., Response]:
    """The view behind Flask's routing: authenticate, validate, call, serialize once."""

    def serve(path: dict[str, str]) -> Response:
        arguments: dict[str, Any] = {}
        if operation.access != "public":
            arguments["user"] = authenticate(admin=operation.access == "admin")
        arguments.update(parse(operation, path))
        return render(operation, view(**arguments))

    @wraps(view)
    def endpoint(**path: str) -> Response:
        if not scoped:
            return serve(path)
        with container().request_scope(read_only()):
            return serve(path)

    return endpoint


def parse(operation: Operation, path: dict[str, str]) -> dict[str, Any]:
    """Every part of the request validated; their field errors reported together."""
    values: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    for name in operation.ids:
        values[name] = _validated(RESOURCE_ID.validate_python, path[name], ("path", name), errors)
    if operation.query is not None:
        query = request.args.to_dict()
        values["query"] = _validated(operation.query.model_validate, query, ("query",), errors)
    else:
        errors += _unknown(request.args.keys())
    if operation.body is not None and (raw := request.get_data(cache=False)):
        values["body"] = _validated(operation.body.model_validate, _json(raw), ("body",), errors)
    elif operation.body is not None:
        errors.append({"loc": ("body",), "msg": "Field required"})
    if errors:
        raise InvalidRequestError(errors)
    return values


def _validated(
    validate: Callable[[Any], Any], value: Any, loc: tuple[str, ...], errors: list[dict[str, Any]]
) -> Any:
    try:
        return validate(value)
    except ValidationError as exc:
        for error in exc.errors(include_url=False, include_input=False):
            unknown = error["type"] == "extra_forbidden" and loc == ("query",)
            message = UNKNOWN_QUERY if unknown else error["msg"]
            errors.append({"loc": (*loc, *error["loc"]), "msg": message})
        return None


def _unknown(names: Any) -> list[dict[str, Any]]:
    return [{"loc": ("query", name), "msg": UNKNOWN_QUERY} for name in names]


def _json(raw: bytes) -> Any:
    """The body as JSON, read by the standard library as the other adapters read it (a lone
    surrogate is text the schema then refuses, 422); not JSON at all is a 400."""
    try:
        return json.loads(raw)
    except ValueError:
        raise MalformedJsonError from None


def render(operation: Operation, result: Any) -> Response:
    if isinstance(result, Response):
        return result
    if result is None:
        return Response(status=operation.status)
    body = result.model_dump_json() if isinstance(result, BaseModel) else json.dumps(result)
    return Response(body, status=operation.status, mimetype="application/json")
