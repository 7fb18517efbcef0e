"""A read Stammdatenschema as a draft service definition document.

The definition's metadata comes from the schema (title, summary, legal basis as a note);
what FIM does not know (retention period, login level, workflow) gets a safe default and,
where it matters, a decision line. Steps come from ``structure``, rule notes from
``rules``; a schema with more top-level groups than the engine allows steps has the rest
merged into the last step.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions.fim.context import Context
from rathaus.definitions.fim.errors import FimError
from rathaus.definitions.fim.idents import slug
from rathaus.definitions.fim.model import Schema
from rathaus.definitions.fim.rules import write_rule_notes
from rathaus.definitions.fim.structure import build_steps
from rathaus.definitions.fim.texts import add_note, multi_line, one_line, reference, shorten

RETENTION_DAYS = 730
MAX_STEPS = 30
MAX_TITLE = 200
MAX_SUMMARY = 300


def build_document(ctx: Context, schema: Schema) -> dict[str, Any]:
    title = shorten(one_line(schema.title or schema.name or schema.fim_id), MAX_TITLE)
    document: dict[str, Any] = {
        "schema_version": 1,
        "slug": slug(schema.fim_id),
        "title": title,
        "login": "account",
        "retention_days": RETENTION_DAYS,
        "workflow": "default",
        "fim": reference(schema),
    }
    _describe(document, schema)
    _report(ctx, schema, document)
    steps = build_steps(ctx, schema)
    if not steps:
        raise FimError(_("Aus dem Stammdatenschema konnte kein Feld übernommen werden."))
    document["steps"] = _at_most(ctx, steps, MAX_STEPS)
    if schema.help:
        _introduce(document["steps"][0], multi_line(schema.help))
    ctx.attach_rules(schema.rules, document, schema.title or schema.fim_id)
    write_rule_notes(ctx, document)
    return document


def _describe(document: dict[str, Any], schema: Schema) -> None:
    description = schema.description or schema.definition
    if description:
        document["summary"] = shorten(one_line(description), MAX_SUMMARY)
        if len(one_line(description)) > MAX_SUMMARY:
            add_note(document, _("Beschreibung laut FIM: %(text)s") % {"text": description})
    if schema.definition and schema.definition != description:
        add_note(document, _("Definition laut FIM: %(text)s") % {"text": schema.definition})
    if schema.legal_basis:
        add_note(document, _("Rechtsgrundlagen laut FIM: %(text)s") % {"text": schema.legal_basis})


def _introduce(step: dict[str, Any], text: str) -> None:
    step["intro"] = f"{text}\n\n{step['intro']}" if step.get("intro") else text


def _at_most(ctx: Context, steps: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The first ``limit - 1`` steps, and one last step holding all the others."""
    if len(steps) <= limit:
        return steps
    last = steps[limit - 1]
    for extra in steps[limit:]:
        heading: dict[str, Any] = {
            "id": ctx.field_ids.new(extra["id"], "abschnitt"),
            "type": "info",
            "label": extra["title"],
            "text": extra.get("intro") or extra["title"],
        }
        for key in ("fim", "notes"):
            if key in extra:
                heading[key] = extra[key]
        last["fields"].extend([heading, *extra["fields"]])
        for attachment in ctx.attachments:
            if attachment.target is extra:
                attachment.target = heading
        ctx.report.retarget(extra, heading)
    ctx.report.decision(
        "",
        last,
        _(
            "Das Schema ergibt %(count)s Schritte, erlaubt sind %(max)s; die übrigen Gruppen "
            "wurden in den letzten Schritt übernommen. Bitte teilen Sie sie sinnvoll auf."
        )
        % {"count": len(steps), "max": limit},
    )
    return steps[:limit]


def _report(ctx: Context, schema: Schema, document: dict[str, Any]) -> None:
    ctx.report.mapped(
        schema.fim_id,
        None,
        _(
            "Stammdatenschema %(id)s Version %(version)s (%(standard)s) übernommen als Entwurf "
            "„%(slug)s“."
        )
        % {
            "id": schema.fim_id,
            "version": schema.version or "–",
            "standard": schema.standard,
            "slug": document["slug"],
        },
    )
    ctx.report.decision(
        schema.fim_id,
        None,
        _(
            "Die Aufbewahrungsfrist ist vorläufig auf %(days)s Tage gesetzt. Bitte legen Sie "
            "die tatsächliche Frist fest."
        )
        % {"days": RETENTION_DAYS},
    )
