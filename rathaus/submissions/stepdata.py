"""What a step page sends: its inputs, its uploads, and which button was pressed.

Buttons besides "Weiter": ``_action=add:<group>`` adds an item to a repeating group,
``_action=remove:<group>:<index>`` removes one, ``_action=save`` keeps the page before
"save and continue later"; the step is then saved but not finished.
File inputs send new files as ``<field>``; already stored files stay unless their
``<field>__remove`` checkbox (value = file id) is ticked.
"""

from __future__ import annotations

from typing import Any

from rathaus.definitions.engine import MAX_GROUP_ITEMS, DictData, item_name
from rathaus.definitions.schema import FileField, GroupField, Step

MAX_UPLOADS_PER_FIELD = 10


class StepInput:
    def __init__(self, post: Any, files: Any = None):
        self.post = post
        self.files = files
        self.data = DictData({key: post.getlist(key) for key in post})
        self.action = str(post.get("_action", ""))[:100]

    def file_fields(self, step: Step) -> list[FileField]:
        return [field for field in step.fields if isinstance(field, FileField)]

    def kept_files(self, field: FileField, stored: Any) -> list[dict]:
        removed = set(self.post.getlist(f"{field.id}__remove"))
        stored = stored if isinstance(stored, list) else []
        return [f for f in stored if isinstance(f, dict) and str(f.get("id")) not in removed]

    def uploads(self, field: FileField) -> list[Any]:
        if self.files is None:
            return []
        return list(self.files.getlist(field.id))[:MAX_UPLOADS_PER_FIELD]

    def set_files(self, field: FileField, files: list[dict]) -> None:
        self.data.values[field.id] = files

    def apply_group_action(self, step: Step) -> None:
        """Add or remove an item of a repeating group in the submitted data."""
        verb, _sep, rest = self.action.partition(":")
        group_id, _sep, index = rest.partition(":")
        group = next(
            (f for f in step.fields if isinstance(f, GroupField) and f.id == group_id), None
        )
        if group is None:
            return
        count = _count(self.data.get(f"{group.id}__count"))
        if verb == "add" and count < min(group.max_items, MAX_GROUP_ITEMS):
            self.data.values[f"{group.id}__count"] = str(count + 1)
        elif verb == "remove" and index.isdigit() and int(index) < count:
            self._remove_item(group, int(index), count)

    def _remove_item(self, group: GroupField, index: int, count: int) -> None:
        values = self.data.values
        for i in range(index, count - 1):
            for member in group.fields:
                values[item_name(group.id, i, member.id)] = values.get(
                    item_name(group.id, i + 1, member.id), ""
                )
        for member in group.fields:
            values.pop(item_name(group.id, count - 1, member.id), None)
        values[f"{group.id}__count"] = str(count - 1)


def _count(value: Any) -> int:
    try:
        return max(0, int(str(value)))
    except ValueError:
        return 0


def profile_sources(user: Any) -> dict[str, Any]:
    """The Servicekonto data a definition may prefill, in stored-answer form."""
    profile = getattr(user, "citizen_profile", None) if user is not None else None
    if profile is None:
        return {"profile.email": getattr(user, "email", "")}
    address = {
        "street": profile.street,
        "house_number": profile.house_number,
        "postal_code": profile.postal_code,
        "city": profile.city,
        "municipality": profile.municipality.short_name if profile.municipality else "",
        "municipality_key": profile.municipality.key if profile.municipality else "",
    }
    return {
        "profile.given_names": profile.given_names,
        "profile.family_name": profile.family_name,
        "profile.birth_date": profile.birth_date.isoformat() if profile.birth_date else None,
        "profile.email": user.email,
        "profile.phone": profile.phone,
        "profile.address": address if profile.street else None,
    }


def organisation_sources(organisation: Any) -> dict[str, Any]:
    """The organisation's details a definition may prefill when a member applies in its
    name (nothing when she applies for herself)."""
    if organisation is None:
        return {}
    address = {
        "street": organisation.street,
        "house_number": organisation.house_number,
        "postal_code": organisation.postal_code,
        "city": organisation.city,
        "municipality": "",
        "municipality_key": "",
    }
    return {
        "organisation.name": organisation.name,
        "organisation.register_entry": organisation.register_entry,
        "organisation.email": organisation.email,
        "organisation.address": address if organisation.street else None,
    }
