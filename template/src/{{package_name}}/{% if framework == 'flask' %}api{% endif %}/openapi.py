"""The OpenAPI 3.1 document, built from the routes' own declarations and pydantic's schemas.

Every operation's parameters, body and answers come from the models the route validates
with, so the document cannot promise what the server does not check; the shared rules of
`problem_docs` then add the implied errors and make every error a problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from .challenge import SCHEME_NAME, SECURITY_SCHEME
from .dependencies import ResourceId
from .endpoints import Operation
from .problem_docs import PROBLEM_DESCRIPTION, with_problem_details

REF = "#/components/schemas/{model}"
ID_SCHEMA = TypeAdapter(ResourceId).json_schema()


def openapi_document(
    operations: Iterable[Operation], *, title: str, version: str, description: str
) -> dict[str, Any]:
    operations = list(operations)
    refs, schemas = _schemas(operations)
    paths: dict[str, dict[str, Any]] = {}
    for operation in operations:
        paths.setdefault(operation.path, {})[operation.method.lower()] = _operation(operation, refs)
    schemes = {SCHEME_NAME: SECURITY_SCHEME} if SECURITY_SCHEME else {}  # auth=none: none
    document = {
        "openapi": "3.1.0",
        "info": {"title": title, "description": description, "version": version},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": schemes},
    }
    return with_problem_details(document)


def _schemas(operations: list[Operation]) -> tuple[dict[Any, dict[str, Any]], dict[str, Any]]:
    """One component per model: bodies as validated, answers as serialized."""
    wanted: set[tuple[type[BaseModel], JsonSchemaMode]]
    wanted = {(op.body, "validation") for op in operations if op.body}
    wanted |= {(op.response, "serialization") for op in operations if _is_model(op.response)}
    refs, top = models_json_schema(sorted(wanted, key=lambda w: w[0].__name__), ref_template=REF)
    return refs, top.get("$defs", {})


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _operation(operation: Operation, refs: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    described: dict[str, Any] = {
        "tags": [operation.tag],
        "summary": operation.summary,
        "operationId": f"{operation.name}_{operation.method.lower()}",
        "responses": {str(operation.status): _answer(operation, refs)},
    }
    parameters = [_path_parameter(name) for name in operation.ids]
    if operation.query is not None:
        parameters += _query_parameters(operation.query)
    if parameters:
        described["parameters"] = parameters
    if operation.body is not None:
        schema = refs[(operation.body, "validation")]
        described["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }
    if operation.access != "public":
        described["security"] = [{SCHEME_NAME: []}]
    for status in operation.problems:
        described["responses"][str(status)] = {"description": PROBLEM_DESCRIPTION}
    return described


def _answer(operation: Operation, refs: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    if operation.response is None:
        return {"description": "Successful Response"}
    schema = refs[(operation.response, "serialization")]
    return {
        "description": "Successful Response",
        "content": {"application/json": {"schema": schema}},
    }


def _path_parameter(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": ID_SCHEMA}


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": field}
        for name, field in schema.get("properties", {}).items()
    ]
