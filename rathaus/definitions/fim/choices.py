"""Options of a choice field, from a genericode code list or a 3.0 inline value list."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions.fim.context import Context
from rathaus.definitions.fim.errors import FimError
from rathaus.definitions.fim.genericode import CodeList, find
from rathaus.definitions.fim.idents import option_values
from rathaus.definitions.fim.model import CodeListRef, DataField
from rathaus.definitions.fim.texts import one_line, shorten

RADIO_LIMIT = 5


def choice_type(count: int, repeats: bool) -> str:
    if repeats:
        return "checkboxes"
    return "radio" if count <= RADIO_LIMIT else "select"


def options_of(
    ctx: Context, field: DataField
) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
    """The options and the code list reference (None for inline values); no options
    when the field has neither."""
    reference: dict[str, str] | None = None
    if field.values:
        entries = field.values
    elif field.code_list is not None:
        code_list = _code_list(ctx, field, field.code_list)
        entries = code_list.entries(field.code_key, field.name_key)
        reference = _reference(code_list, field.code_list)
    else:
        return [], None
    values = option_values([code for code, _name in entries])
    if any(value != code for value, (code, _name) in zip(values, entries, strict=True)):
        ctx.report.note(
            field.fim_id,
            None,
            _(
                "Einige Codes von „%(label)s“ wurden an das erlaubte Format für "
                "Optionswerte angepasst."
            )
            % {"label": field.title},
        )
    options = [
        {"value": value, "label": one_line(name) or value}
        for value, (_code, name) in zip(values, entries, strict=True)
    ]
    return options, reference


def _code_list(ctx: Context, field: DataField, reference: CodeListRef) -> CodeList:
    code_list, exact = find(ctx.code_lists, reference)
    wanted = reference.urn or reference.version_uri or reference.fim_id or "–"
    if code_list is None:
        raise FimError(
            _(
                "Die Codeliste „%(urn)s“ (Version %(version)s) für „%(label)s“ fehlt unter "
                "den hochgeladenen Dateien."
            )
            % {"urn": wanted, "version": reference.version or "–", "label": field.title}
        )
    if not exact:
        ctx.report.decision(
            field.fim_id,
            None,
            _(
                "Die Codeliste „%(urn)s“ liegt in Version %(found)s vor, das Schema verweist "
                "auf Version %(wanted)s. Bitte prüfen Sie die Optionen von „%(label)s“."
            )
            % {
                "urn": wanted,
                "found": code_list.version or "–",
                "wanted": reference.version or "–",
                "label": field.title,
            },
        )
    return code_list


def _reference(code_list: CodeList, reference: CodeListRef) -> dict[str, str] | None:
    urn = code_list.urn or reference.urn
    if not urn or len(urn) < 3:
        return None
    found = {"urn": shorten(urn, 300)}
    version = code_list.version or reference.version
    if version:
        found["version"] = version[:40]
    if code_list.label:
        found["name"] = shorten(one_line(code_list.label), 300)
    return found
