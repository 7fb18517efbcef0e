"""One FIM Datenfeld as one field of the document (or none, with a report line why).

``feldart`` decides first: ``label`` and ``locked`` become info texts, ``hidden`` has no
counterpart, ``select`` becomes a choice from its code list, ``input`` the nearest type for
its ``datentyp`` (``inputs``). A field is required when it and every group around it (in
its step) are required in FIM. A field that may occur more than once becomes checkboxes
(a choice), a file field with several files, or a repeating group of its own.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rathaus.definitions.fim.choices import choice_type, options_of
from rathaus.definitions.fim.context import Context
from rathaus.definitions.fim.inputs import Spec, input_spec, text_spec
from rathaus.definitions.fim.model import DataField, Multiplicity
from rathaus.definitions.fim.texts import add_note, multi_line, one_line, reference

MAX_ITEMS = 50  # the engine's limit for repeating groups
REPEATABLE = frozenset({"checkboxes", "file", "info"})


def map_field(
    ctx: Context, field: DataField, multiplicity: Multiplicity, *, chain: bool, in_group: bool
) -> dict[str, Any] | None:
    """The document field for ``field`` at a position with ``multiplicity``; ``chain``:
    every group around it is required; ``in_group``: it is a member of a repeating group."""
    mark = ctx.report.mark()
    spec = _spec(ctx, field, multiplicity, chain)
    if spec is None:
        return None
    document = _common(ctx, field, spec, multiplicity, chain)
    ctx.report.claim(mark, document)
    ctx.attach_rules(field.rules, document, field.title)
    if multiplicity.repeats and spec["type"] not in REPEATABLE:
        if in_group:
            _cannot_repeat(ctx, field, multiplicity, document)
        else:
            return _repeating(ctx, field, multiplicity, chain, document)
    _mapped(ctx, field, document)
    return document


def _spec(ctx: Context, field: DataField, multiplicity: Multiplicity, chain: bool) -> Spec | None:
    feldart = (field.feldart or "input").lower()
    if feldart == "hidden":
        ctx.report.decision(
            field.fim_id,
            None,
            _(
                "Das versteckte Datenfeld „%(label)s“ (feldart „hidden“) wurde nicht "
                "übernommen. Bitte entscheiden Sie, ob und wie der Wert erfasst werden soll."
            )
            % {"label": field.title},
        )
        return None
    if feldart in ("label", "locked"):
        return _info_spec(ctx, field, feldart)
    if feldart == "select" or field.values:
        return _choice_spec(ctx, field, multiplicity, chain)
    if feldart != "input":
        ctx.report.note(
            field.fim_id,
            None,
            _(
                "Die Feldart „%(kind)s“ von „%(label)s“ ist unbekannt; es wurde als Eingabe "
                "übernommen."
            )
            % {"kind": feldart, "label": field.title},
        )
    return input_spec(ctx, field, multiplicity)


def _info_spec(ctx: Context, field: DataField, feldart: str) -> Spec:
    if feldart == "locked":
        ctx.report.note(
            field.fim_id,
            None,
            _("Das gesperrte Datenfeld „%(label)s“ wurde als Hinweistext übernommen.")
            % {"label": field.title},
        )
    body = field.content or field.help or field.title
    return {"type": "info", "text": multi_line(body)}


def _choice_spec(ctx: Context, field: DataField, multiplicity: Multiplicity, chain: bool) -> Spec:
    options, code_list = options_of(ctx, field)
    if not options:
        ctx.report.decision(
            field.fim_id,
            None,
            _(
                "Das Auswahlfeld „%(label)s“ hat keine Werte; es wurde als Textfeld "
                "übernommen. Bitte ergänzen Sie die Optionen."
            )
            % {"label": field.title},
        )
        return text_spec(ctx, field, multiplicity)
    spec: Spec = {"type": choice_type(len(options), multiplicity.repeats), "options": options}
    if code_list:
        spec["code_list"] = code_list
    if spec["type"] == "checkboxes":
        if multiplicity.upper is not None:
            spec["max_selected"] = min(multiplicity.upper, len(options))
        if chain and multiplicity.lower > 1:
            spec["min_selected"] = min(multiplicity.lower, spec.get("max_selected", len(options)))
    return spec


def _common(
    ctx: Context, field: DataField, spec: Spec, multiplicity: Multiplicity, chain: bool
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": ctx.field_ids.new(field.name or field.title),
        "label": one_line(field.title),
        **spec,
    }
    if field.help and multi_line(field.help) != spec.get("text"):
        document["help"] = multi_line(field.help)
    document["fim"] = reference(field)
    if spec["type"] != "info":
        if multiplicity.required and chain:
            document["required"] = True
        elif multiplicity.required:
            add_note(
                document, _("In FIM eine Pflichtangabe, sobald die Gruppe darüber ausgefüllt wird.")
            )
    _notes(ctx, field, multiplicity, document)
    return document


def _notes(
    ctx: Context, field: DataField, multiplicity: Multiplicity, document: dict[str, Any]
) -> None:
    label = {"label": field.title}
    ctx.element_notes(field, multiplicity, document)
    if field.constraints.unreadable:
        ctx.report.note(
            field.fim_id,
            document,
            _("Die Präzisierung von „%(label)s“ ist nicht lesbar und wurde nicht übernommen.")
            % label,
        )
    if field.content and document["type"] != "info":
        ctx.report.note(
            field.fim_id,
            document,
            _("Die Vorbelegung „%(value)s“ von „%(label)s“ wurde nicht übernommen.")
            % {"value": field.content, **label},
        )
    if field.prefill and field.prefill != "keine":
        ctx.report.note(
            field.fim_id,
            document,
            _(
                "„%(label)s“ soll laut FIM vorbefüllt werden (%(mode)s). Bitte prüfen Sie, ob "
                "eine Vorbefüllung aus dem Servicekonto passt."
            )
            % {"mode": field.prefill, **label},
        )


def set_repeat_bounds(
    ctx: Context, fim_id: str, multiplicity: Multiplicity, chain: bool, group: dict[str, Any]
) -> None:
    """max_items, min_items and required of a repeating group at this position."""
    upper = multiplicity.upper
    maximum = MAX_ITEMS if upper is None or upper > MAX_ITEMS else upper
    values = {"multiplicity": multiplicity, "label": group["label"], "max": maximum}
    if upper is None or upper > MAX_ITEMS:
        ctx.report.note(
            fim_id,
            group,
            _(
                "Die Obergrenze %(multiplicity)s von „%(label)s“ wurde auf %(max)s Einträge "
                "begrenzt."
            )
            % values,
        )
    group["max_items"] = maximum
    if chain and multiplicity.lower:
        group["min_items"] = min(multiplicity.lower, maximum)
        group["required"] = True
    elif multiplicity.lower:
        add_note(
            group,
            _("In FIM mindestens %(n)s Einträge, sobald die Gruppe darüber ausgefüllt wird.")
            % {"n": multiplicity.lower},
        )


def _repeating(
    ctx: Context,
    field: DataField,
    multiplicity: Multiplicity,
    chain: bool,
    member: dict[str, Any],
) -> dict[str, Any]:
    """A field that repeats on its own: a repeating group with the field as its member."""
    member["required"] = True
    member.pop("notes", None)
    group = {
        "type": "group",
        "id": ctx.field_ids.new(f"{field.name or field.title} Liste"),
        "label": member["label"],
        "item_label": member["label"],
        "fields": [member],
    }
    set_repeat_bounds(ctx, field.fim_id, multiplicity, chain, group)
    ctx.report.mapped(
        field.fim_id,
        group,
        _(
            "Das mehrfach erlaubte Datenfeld „%(label)s“ (%(multiplicity)s) wurde als "
            "wiederholbare Gruppe übernommen."
        )
        % {"label": field.title, "multiplicity": multiplicity},
    )
    return group


def _cannot_repeat(
    ctx: Context, field: DataField, multiplicity: Multiplicity, document: dict[str, Any]
) -> None:
    ctx.report.decision(
        field.fim_id,
        document,
        _(
            "„%(label)s“ darf in FIM mehrfach vorkommen (%(multiplicity)s), kann innerhalb "
            "einer wiederholbaren Gruppe aber nur einmal erfasst werden. Bitte entscheiden "
            "Sie, wie mehrere Angaben erfasst werden sollen."
        )
        % {"label": field.title, "multiplicity": multiplicity},
    )


def _mapped(ctx: Context, field: DataField, document: dict[str, Any]) -> None:
    label: dict[str, Any] = {"label": field.title, "type": document["type"]}
    code_list = document.get("code_list")
    count = len(document.get("options", []))
    label.update(count=count)
    if code_list:
        message = ngettext(
            "Datenfeld „%(label)s“ übernommen als „%(type)s“ mit %(count)s Option aus der "
            "Codeliste „%(list)s“.",
            "Datenfeld „%(label)s“ übernommen als „%(type)s“ mit %(count)s Optionen aus der "
            "Codeliste „%(list)s“.",
            count,
        )
        label.update(list=code_list["urn"])
    elif "options" in document:
        message = ngettext(
            "Datenfeld „%(label)s“ übernommen als „%(type)s“ mit %(count)s Option aus der "
            "Werteliste des Schemas.",
            "Datenfeld „%(label)s“ übernommen als „%(type)s“ mit %(count)s Optionen aus der "
            "Werteliste des Schemas.",
            count,
        )
    else:
        message = _("Datenfeld „%(label)s“ übernommen als „%(type)s“.")
    ctx.report.mapped(field.fim_id, document, message % label)
