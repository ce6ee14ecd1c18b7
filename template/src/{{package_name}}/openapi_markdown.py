"""Render the OpenAPI document as `docs/API.md`, so the docs come from the code."""

from __future__ import annotations

from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def render(spec: dict[str, Any]) -> str:
    info = spec.get("info", {})
    lines = [
        f"# {info.get('title', 'API')} — HTTP API",
        "",
        "Generated from the OpenAPI document by `make docs`; a test fails when it is stale.",
        "Errors are `application/problem+json` (RFC 9457) with a machine-readable `code`.",
        "",
        "| Method | Path | Summary | Auth | Success | Errors |",
        "|---|---|---|---|---|---|",
    ]
    schemes = spec.get("components", {}).get("securitySchemes", {})
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                lines.append(_row(method, path, item[method], schemes))
    lines += ["", "## Schemas", ""]
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        lines += _schema_section(name, schema)
    return "\n".join(lines).rstrip() + "\n"


def _auth(operation: dict[str, Any], schemes: dict[str, Any]) -> str:
    """How the operation authenticates: `bearer`, or the header an API key goes in."""
    names = [name for requirement in operation.get("security", []) for name in requirement]
    labels = []
    for name in names:
        scheme = schemes.get(name, {})
        labels.append(f"`{scheme['name']}`" if scheme.get("type") == "apiKey" else "bearer")
    return ", ".join(labels) or "—"


def _row(method: str, path: str, operation: dict[str, Any], schemes: dict[str, Any]) -> str:
    statuses = sorted(operation.get("responses", {}))
    success = ", ".join(code for code in statuses if code.startswith("2"))
    errors = ", ".join(code for code in statuses if not code.startswith("2"))
    auth = _auth(operation, schemes)
    summary = operation.get("summary", "")
    return f"| {method.upper()} | `{path}` | {summary} | {auth} | {success} | {errors} |"


def _schema_section(name: str, schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    lines = [f"### {name}", "", "| Field | Type | Required |", "|---|---|---|"]
    for field, spec in schema.get("properties", {}).items():
        mark = "yes" if field in required else "no"
        lines.append(f"| `{field}` | {_type_name(spec)} | {mark} |")
    return [*lines, ""]


def _type_name(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in spec:
        return " \\| ".join(_type_name(option) for option in spec["anyOf"])
    if spec.get("type") == "array":
        return f"array of {_type_name(spec.get('items', {}))}"
    if "enum" in spec:
        return " \\| ".join(f"`{value}`" for value in spec["enum"])
    return str(spec.get("format") or spec.get("type") or "any")
