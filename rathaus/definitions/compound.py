"""Field types made of several inputs: the address (with its Gemeinde) and file uploads."""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from rathaus.core.municipalities import lookup_error, resolve_municipality
from rathaus.definitions.fieldtypes import (
    ADDRESS_PARTS,
    FieldType,
    Parsed,
    RawData,
    postal_code_ok,
    register,
    text_of,
    typed_text,
)

REQUIRED_PARTS = ("street", "house_number", "postal_code", "city")


def part_name(name: str, part: str) -> str:
    return f"{name}__{part}"


class AddressType(FieldType):
    """Street, house number, postal code, place and the Gemeinde from the territory."""

    def parse(self, field: Any, data: RawData, name: str) -> Parsed:
        texts = {part: text_of(data, part_name(name, part))[:120] for part in ADDRESS_PARTS}
        if not any(texts.values()):
            return Parsed()
        errors = {
            part_name(name, part): _("Bitte füllen Sie dieses Feld aus.")
            for part in REQUIRED_PARTS
            if not texts[part]
        }
        if texts["postal_code"] and not postal_code_ok(texts["postal_code"]):
            errors[part_name(name, "postal_code")] = _("Die Postleitzahl hat fünf Ziffern.")
        value = {**texts, "municipality_key": ""}
        errors.update(self._municipality(field, texts["municipality"], name, value))
        return Parsed(value, errors=errors or None)

    def echo(self, field: Any, data: RawData, name: str) -> dict[str, Any]:
        return {part_name(name, p): typed_text(data, part_name(name, p)) for p in ADDRESS_PARTS}

    def _municipality(self, field: Any, text: str, name: str, value: dict) -> dict[str, str]:
        key = part_name(name, "municipality")
        if not text:
            return {key: _("Bitte geben Sie die Gemeinde an.")} if field.require_gemeinde else {}
        lookup = resolve_municipality(text, parents=False)  # its name and key are kept
        if lookup.territory is not None:
            value["municipality"] = lookup.territory.short_name
            value["municipality_key"] = lookup.territory.key
            return {}
        if field.require_gemeinde or lookup.ambiguous:
            return {key: lookup_error(text, lookup)}
        return {}

    def raw(self, field: Any, value: Any, name: str) -> dict[str, Any]:
        value = value if isinstance(value, dict) else {}
        raw = {part_name(name, part): str(value.get(part, "")) for part in ADDRESS_PARTS}
        if value.get("municipality_key"):
            raw[part_name(name, "municipality")] = (
                f"{value.get('municipality', '')} ({value['municipality_key']})"
            )
        return raw

    def display(self, field: Any, value: Any, language: str) -> str:
        if not isinstance(value, dict):
            return ""
        line1 = f"{value.get('street', '')} {value.get('house_number', '')}".strip()
        line2 = f"{value.get('postal_code', '')} {value.get('city', '')}".strip()
        gemeinde = value.get("municipality", "")
        parts = [line1, line2] + ([_("Gemeinde %(g)s") % {"g": gemeinde}] if gemeinde else [])
        return ", ".join(part for part in parts if part)

    def typed(self, field: Any, value: Any) -> Any:
        return value if isinstance(value, dict) else None


class FileType(FieldType):
    """Uploads are checked and stored by the submissions app before the step is read;
    the field then holds the list of stored files ({id, name, type, size})."""

    def echo(self, field: Any, data: RawData, name: str) -> dict[str, Any]:
        return {name: [f for f in data.getlist(name) if isinstance(f, dict) and "id" in f]}

    def parse(self, field: Any, data: RawData, name: str) -> Parsed:
        files = self.echo(field, data, name)[name]
        if len(files) > field.max_files:
            return Parsed(
                files, _("Bitte laden Sie höchstens %(n)d Dateien hoch.") % {"n": field.max_files}
            )
        return Parsed(files or None)

    def raw(self, field: Any, value: Any, name: str) -> dict[str, Any]:
        return {name: list(value) if isinstance(value, list) else []}

    def display(self, field: Any, value: Any, language: str) -> str:
        if not isinstance(value, list):
            return ""
        return ", ".join(
            f"{f.get('name', '')} ({filesizeformat(f.get('size', 0))})"
            for f in value
            if isinstance(f, dict)
        )

    def typed(self, field: Any, value: Any) -> Any:
        return value if isinstance(value, list) else None


register("address", AddressType())
register("file", FileType())
