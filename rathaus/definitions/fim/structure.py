"""Datenfeldgruppen as steps, section headings and repeating groups.

Top-level groups become steps; runs of top-level fields outside any group become steps of
their own ("Allgemeine Angaben"). Inside a step, a nested group is flattened: an info field
with the group's label opens it as a visible section, its fields follow. A repeating group
whose members are all simple fields becomes a ``group`` field; other repeating groups are
flattened and reported, since the engine cannot repeat them. An optional group makes the
required fields inside it optional (the engine cannot know when the group is "filled"),
with a decision line for the designer.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rathaus.definitions.fim.context import Context
from rathaus.definitions.fim.fields import map_field, set_repeat_bounds
from rathaus.definitions.fim.model import Child, DataField, Group, Multiplicity, Schema
from rathaus.definitions.fim.texts import multi_line, one_line, reference

Fields = list[dict[str, Any]]


def build_steps(ctx: Context, schema: Schema) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    runs = _runs(schema.children)
    loose = sum(1 for run in runs if isinstance(run, list))
    number = 0
    for run in runs:
        if isinstance(run, list):
            number += 1
            step = _loose_step(ctx, run, number, loose)
        else:
            step = _group_step(ctx, *run)
        if step is not None:
            steps.append(step)
    return steps


def _runs(children: list[Child]) -> list[tuple[Group, Multiplicity] | list[Child]]:
    """Top-level groups one by one, consecutive top-level fields together."""
    runs: list[tuple[Group, Multiplicity] | list[Child]] = []
    for child in children:
        if isinstance(child.element, Group):
            runs.append((child.element, child.multiplicity))
        elif runs and isinstance(runs[-1], list):
            runs[-1].append(child)
        else:
            runs.append([child])
    return runs


def _loose_step(ctx: Context, run: list[Child], number: int, total: int) -> dict[str, Any] | None:
    if total == 1:
        title = _("Allgemeine Angaben")
    else:
        title = _("Allgemeine Angaben (Teil %(number)s)") % {"number": number}
    fields: Fields = []
    for child in run:
        _add_child(ctx, child, fields, chain=True, in_group=False)
    if not fields:
        return None
    step = {"id": ctx.step_ids.new(title, "schritt"), "title": title, "fields": fields}
    ctx.report.mapped(
        "",
        step,
        _("Datenfelder ohne Gruppe übernommen in den Schritt „%(title)s“.") % {"title": title},
    )
    return step


def _group_step(ctx: Context, group: Group, multiplicity: Multiplicity) -> dict[str, Any] | None:
    title = one_line(group.title)
    step: dict[str, Any] = {"id": ctx.step_ids.new(group.name or title, "schritt"), "title": title}
    simple_repeat = multiplicity.repeats and _simple(group)
    if group.help and not simple_repeat:  # else the help belongs to the repeating group
        step["intro"] = multi_line(group.help)
    step["fim"] = reference(group)
    _group_notes(ctx, group, multiplicity, step)
    fields: Fields = []
    if simple_repeat:
        fields.append(_repeating_group(ctx, group, multiplicity, chain=True))
    else:
        if multiplicity.repeats:
            _cannot_repeat(ctx, group, multiplicity, step)
        _optional(ctx, group, multiplicity, step, chain=True)
        _add_members(ctx, group, fields, chain=multiplicity.required)
    if not fields:
        ctx.report.decision(
            group.fim_id,
            None,
            _(
                "Aus der Datenfeldgruppe „%(label)s“ konnte kein Feld übernommen werden; es "
                "wurde kein Schritt angelegt."
            )
            % {"label": group.title},
        )
        return None
    step["fields"] = fields
    ctx.attach_rules(group.rules, step, group.title)
    ctx.report.mapped(
        group.fim_id,
        step,
        _("Datenfeldgruppe „%(label)s“ übernommen als Schritt „%(title)s“.")
        % {"label": group.title, "title": title},
    )
    return step


def _add_members(ctx: Context, group: Group, fields: Fields, *, chain: bool) -> None:
    for child in group.children:
        _add_child(ctx, child, fields, chain=chain, in_group=False)


def _add_child(ctx: Context, child: Child, fields: Fields, *, chain: bool, in_group: bool) -> None:
    element = child.element
    if isinstance(element, DataField):
        document = map_field(ctx, element, child.multiplicity, chain=chain, in_group=in_group)
        if document is not None:
            fields.append(document)
    else:
        _add_nested(ctx, element, child.multiplicity, fields, chain=chain)


def _add_nested(
    ctx: Context, group: Group, multiplicity: Multiplicity, fields: Fields, *, chain: bool
) -> None:
    if multiplicity.repeats and _simple(group):
        fields.append(_repeating_group(ctx, group, multiplicity, chain=chain))
        return
    heading = _heading(ctx, group)
    fields.append(heading)
    _group_notes(ctx, group, multiplicity, heading)
    if multiplicity.repeats:
        _cannot_repeat(ctx, group, multiplicity, heading)
    _optional(ctx, group, multiplicity, heading, chain=chain)
    before = len(fields)
    _add_members(ctx, group, fields, chain=chain and multiplicity.required)
    ctx.attach_rules(group.rules, heading, group.title)
    count = len(fields) - before
    ctx.report.mapped(
        group.fim_id,
        heading,
        ngettext(
            "Datenfeldgruppe „%(label)s“ übernommen als Zwischenüberschrift mit %(count)s "
            "folgenden Feld.",
            "Datenfeldgruppe „%(label)s“ übernommen als Zwischenüberschrift mit %(count)s "
            "folgenden Feldern.",
            count,
        )
        % {"label": group.title, "count": count},
    )


def _heading(ctx: Context, group: Group) -> dict[str, Any]:
    label = one_line(group.title)
    return {
        "id": ctx.field_ids.new(group.name or label, "abschnitt"),
        "type": "info",
        "label": label,
        "text": multi_line(group.help) if group.help else label,
        "fim": reference(group),
    }


def _simple(group: Group) -> bool:
    """Only fields that can repeat inside a group item: no nested groups, no files."""
    return bool(group.children) and all(
        isinstance(child.element, DataField) and (child.element.datentyp or "").lower() != "file"
        for child in group.children
    )


def _repeating_group(
    ctx: Context, group: Group, multiplicity: Multiplicity, *, chain: bool
) -> dict[str, Any]:
    label = one_line(group.title)
    document: dict[str, Any] = {
        "id": ctx.field_ids.new(group.name or label, "gruppe"),
        "type": "group",
        "label": label,
    }
    if group.help:
        document["help"] = multi_line(group.help)
    document["fim"] = reference(group)
    document["item_label"] = one_line(group.name or label)
    set_repeat_bounds(ctx, group.fim_id, multiplicity, chain, document)
    ctx.report.mapped(
        group.fim_id,
        document,
        ngettext(
            "Wiederholbare Datenfeldgruppe „%(label)s“ (%(multiplicity)s) übernommen als "
            "wiederholbare Gruppe mit höchstens %(max)s Eintrag.",
            "Wiederholbare Datenfeldgruppe „%(label)s“ (%(multiplicity)s) übernommen als "
            "wiederholbare Gruppe mit höchstens %(max)s Einträgen.",
            document["max_items"],
        )
        % {"label": group.title, "multiplicity": multiplicity, "max": document["max_items"]},
    )
    _group_notes(ctx, group, multiplicity, document)
    members: Fields = []
    for child in group.children:
        _add_child(ctx, child, members, chain=True, in_group=True)
    if not members:
        members.append(_heading(ctx, group))
    document["fields"] = members
    ctx.attach_rules(group.rules, document, group.title)
    return document


def _group_notes(
    ctx: Context, group: Group, multiplicity: Multiplicity, target: dict[str, Any]
) -> None:
    label = {"label": group.title}
    ctx.element_notes(group, multiplicity, target)
    if group.kind:
        ctx.report.decision(
            group.fim_id,
            target,
            _(
                "Die Datenfeldgruppe „%(label)s“ hat die Gruppenart „%(kind)s“, die nicht "
                "abgebildet wird. Bitte prüfen Sie, welche ihrer Angaben nötig sind."
            )
            % {"kind": group.kind, **label},
        )


def _cannot_repeat(
    ctx: Context, group: Group, multiplicity: Multiplicity, target: dict[str, Any]
) -> None:
    ctx.report.decision(
        group.fim_id,
        target,
        _(
            "Die Datenfeldgruppe „%(label)s“ ist in FIM wiederholbar (%(multiplicity)s), "
            "enthält aber Untergruppen oder Dateien; sie wurde einmal übernommen, da das "
            "Formular sie noch nicht wiederholen kann. Bitte entscheiden Sie, wie mehrere "
            "Einträge erfasst werden sollen."
        )
        % {"label": group.title, "multiplicity": multiplicity},
    )


def _optional(
    ctx: Context, group: Group, multiplicity: Multiplicity, target: dict[str, Any], *, chain: bool
) -> None:
    """An optional group inside required ones: its required fields were made optional."""
    if not chain or multiplicity.required or not _has_required(group):
        return
    ctx.report.decision(
        group.fim_id,
        target,
        _(
            "Die Datenfeldgruppe „%(label)s“ ist optional (%(multiplicity)s), enthält aber "
            "Pflichtangaben; diese wurden als freiwillig übernommen. Bitte legen Sie mit "
            "Bedingungen (visible_if, required_if) fest, wann sie gezeigt werden und Pflicht "
            "sind."
        )
        % {"label": group.title, "multiplicity": multiplicity},
    )


def _has_required(group: Group) -> bool:
    """Whether anything inside ``group`` (at any depth) is required where it stands."""
    return any(
        child.multiplicity.required
        or (isinstance(child.element, Group) and _has_required(child.element))
        for child in group.children
    )
