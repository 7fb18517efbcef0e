"""Looking things up in an imported document and its report."""

from __future__ import annotations

from typing import Any

from rathaus.definitions.fim import FimImport, ReportLine


def fields_with_fim_id(document: dict[str, Any], fim_id: str) -> list[dict[str, Any]]:
    return [f for f in all_fields(document) if (f.get("fim") or {}).get("id") == fim_id]


def all_fields(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for step in document["steps"]:
        for field in step["fields"]:
            found.append(field)
            found.extend(field.get("fields", []) if field["type"] == "group" else [])
    return found


def one_field(document: dict[str, Any], fim_id: str) -> dict[str, Any]:
    found = fields_with_fim_id(document, fim_id)
    assert len(found) == 1, f"{fim_id}: {len(found)} fields"
    return found[0]


def lines(result: FimImport, kind: str, fim_id: str | None = None) -> list[ReportLine]:
    return [
        line
        for line in result.report
        if line.kind == kind and (fim_id is None or line.fim_id == fim_id)
    ]


def step_of(document: dict[str, Any], field_id: str) -> dict[str, Any]:
    return next(
        step for step in document["steps"] if any(f["id"] == field_id for f in step["fields"])
    )
