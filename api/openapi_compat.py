"""Breaking changes between two OpenAPI descriptions: what would break a client generated from
the older one. A breaking change needs a new API version and an entry in docs/api-changelog.md
(`tests/api/test_openapi.py` enforces it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Spec = dict[str, Any]
Schema = dict[str, Any]
METHODS = ("get", "put", "post", "delete", "patch")
REF = "#/components/schemas/"


def breaking(old: Spec, new: Spec) -> list[str]:
    """Each breaking change, in words: removed paths, operations, schemas, fields, enum values
    and success statuses; narrowed types; renamed operation ids; new required inputs."""
    return [*_operations(old, new), *_schemas(old, new)]


def _operations(old: Spec, new: Spec) -> Iterator[str]:
    for path, item in old.get("paths", {}).items():
        if path not in new.get("paths", {}):
            yield f"path removed: {path}"
            continue
        for method in METHODS:
            if method in item:
                yield from _operation(f"{method.upper()} {path}", item[method], new, path, method)


def _operation(name: str, old: Schema, new: Spec, path: str, method: str) -> Iterator[str]:
    now = new["paths"][path].get(method)
    if now is None:
        yield f"operation removed: {name}"
        return
    if old.get("operationId") != now.get("operationId"):
        yield f"operation id changed: {name} ({old.get('operationId')} → {now.get('operationId')})"
    for status in old.get("responses", {}):
        if status.startswith("2") and status not in now.get("responses", {}):
            yield f"success status removed: {name} {status}"
    known = {(p["in"], p["name"]) for p in old.get("parameters", [])}
    for parameter in now.get("parameters", []):
        if parameter.get("required") and (parameter["in"], parameter["name"]) not in known:
            yield f"required parameter added: {name} {parameter['name']}"


def _schemas(old: Spec, new: Spec) -> Iterator[str]:
    before, after = _components(old), _components(new)
    inputs = _request_schemas(new)
    for name, schema in before.items():
        if name not in after:
            yield f"schema removed: {name}"
            continue
        yield from _schema(name, schema, after[name], name in inputs)


def _schema(name: str, old: Schema, new: Schema, is_input: bool) -> Iterator[str]:
    if removed := set(old.get("enum", [])) - set(new.get("enum", [])):
        yield f"enum value removed: {name} {sorted(removed)}"
    yield from _narrowed(name, old, new)
    fields, now = old.get("properties", {}), new.get("properties", {})
    for field, schema in fields.items():
        if field not in now:
            yield f"field removed: {name}.{field}"
        else:
            yield from _narrowed(f"{name}.{field}", schema, now[field])
    if is_input:
        for field in set(new.get("required", [])) - set(old.get("required", [])):
            yield f"required field added: {name}.{field}"


def _narrowed(name: str, old: Schema, new: Schema) -> Iterator[str]:
    lost = _kinds(old) - _kinds(new)
    if lost and _kinds(new):
        yield f"type narrowed: {name} no longer {sorted(lost)}"
    if "const" in old and old.get("const") != new.get("const"):
        yield f"constant changed: {name}"


def _kinds(schema: Schema) -> set[str]:
    """The types a schema admits: JSON types and referenced schema names."""
    kinds: set[str] = set()
    if "$ref" in schema:
        kinds.add(schema["$ref"].removeprefix(REF))
    declared = schema.get("type")
    kinds |= set(declared) if isinstance(declared, list) else {declared} if declared else set()
    for key in ("anyOf", "oneOf"):
        for option in schema.get(key, []):
            kinds |= _kinds(option)
    if "items" in schema:
        kinds |= {f"array of {kind}" for kind in _kinds(schema["items"])}
    return kinds


def _components(spec: Spec) -> dict[str, Schema]:
    schemas: dict[str, Schema] = spec.get("components", {}).get("schemas", {})
    return schemas


def _request_schemas(spec: Spec) -> set[str]:
    found: set[str] = set()
    for item in spec.get("paths", {}).values():
        for method in METHODS:
            body = item.get(method, {}).get("requestBody", {})
            for media in body.get("content", {}).values():
                found |= {_kind for _kind in _kinds(media.get("schema", {})) if _kind[0].isupper()}
    return found


VERSION = re.compile(r"^## (\d+\.\d+\.\d+)\b", re.MULTILINE)


def changelog_versions(path: Path) -> list[str]:
    """The API versions docs/api-changelog.md has an entry for, newest first."""
    return VERSION.findall(path.read_text(encoding="utf-8"))


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
