"""The way back: which document field holds the answer to which FIM Datenfeld.

A specialist system that speaks FIM gets, for a definition imported from FIM, the list of
fields with their FIM id and version, so it can map the answers of a submission. Fields a
designer added later have no FIM id (``fim_id`` is None); info texts are left out, since
they hold no answer. Members of a repeating group name their group (``group_id``): their
answers are stored per item under the group's id.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions.fim.errors import FimError
from rathaus.definitions.schema import localize


def fim_field_list(document: dict[str, Any]) -> dict[str, Any]:
    fim = document.get("fim")
    if not isinstance(fim, dict) or not fim.get("id"):
        raise FimError(_("Diese Definition stammt nicht aus FIM."))
    fields: list[dict[str, Any]] = []
    for step in document.get("steps", []):
        for field in step.get("fields", []):
            fields.extend(_entries(field, step["id"], None))
    return {"schema": {"id": fim["id"], "version": fim.get("version")}, "fields": fields}


def _entries(field: dict[str, Any], step_id: str, group_id: str | None) -> list[dict[str, Any]]:
    if field.get("type") == "info":
        return []
    fim = field.get("fim") or {}
    found = [
        {
            "field_id": field["id"],
            "fim_id": fim.get("id"),
            "fim_version": fim.get("version"),
            "step_id": step_id,
            "group_id": group_id,
            "type": field.get("type"),
            "label": localize(field.get("label"), "de"),
        }
    ]
    for member in field.get("fields", []) if field.get("type") == "group" else []:
        found.extend(_entries(member, step_id, field["id"]))
    return found
