"""FIM rules (Regeln) as designer notes.

Rules in FIM are free text ("Wenn das Feld F00000463 ... dann ...") with an optional script;
turning them into expressions would mean guessing, so each becomes a note on the element
it belongs to and on the definition, with the document ids of the FIM elements it names,
and a decision line asks the designer to express it as a condition.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions.fim.context import Attachment, Context
from rathaus.definitions.fim.model import Rule
from rathaus.definitions.fim.texts import add_note

MENTION = re.compile(r"\b[FG][0-9]{6,}\b")


def write_rule_notes(ctx: Context, document: dict[str, Any]) -> None:
    index = _ids_by_fim_id(document)
    for attachment in _unique(ctx.attachments):
        note = rule_note(attachment.rule, index)
        kept = add_note(attachment.target, note)
        kept_too = attachment.target is document or add_note(document, note)
        ctx.report.decision(
            attachment.rule.fim_id,
            attachment.target,
            _(
                "Die FIM-Regel %(id)s „%(name)s“ zu „%(owner)s“ ist Freitext und wurde als "
                "Notiz übernommen. Bitte setzen Sie sie als Bedingung um (visible_if, "
                "required_if) oder prüfen Sie sie fachlich."
            )
            % {
                "id": attachment.rule.fim_id,
                "name": _name(attachment.rule),
                "owner": attachment.owner,
            },  # noqa: E501
        )
        if not (kept and kept_too):
            ctx.report.note(
                attachment.rule.fim_id,
                attachment.target,
                _("Es gibt zu viele Notizen; die Regel steht nur hier: %(note)s") % {"note": note},
            )


def _unique(attachments: list[Attachment]) -> list[Attachment]:
    """One attachment per rule and element (a rule can be repeated in an export)."""
    seen: set[tuple[str, int]] = set()
    found = []
    for attachment in attachments:
        key = (attachment.rule.fim_id, id(attachment.target))
        if key not in seen:
            seen.add(key)
            found.append(attachment)
    return found


def rule_note(rule: Rule, index: dict[str, list[str]]) -> str:
    parts = [
        _("FIM-Regel %(id)s „%(name)s“: %(text)s")
        % {"id": rule.fim_id, "name": _name(rule), "text": rule.text or "–"}
    ]
    if rule.script:
        parts.append(_("Skript: %(script)s") % {"script": rule.script})
    mentioned = list(dict.fromkeys(MENTION.findall(f"{rule.text or ''} {rule.script or ''}")))
    if mentioned:
        pairs = ", ".join(f"{m} = {' / '.join(index.get(m, ['–']))}" for m in mentioned)
        parts.append(_("Genannte Elemente im Dokument: %(pairs)s") % {"pairs": pairs})
    return "\n".join(parts)


def _name(rule: Rule) -> str:
    return rule.name or rule.fim_id


def _ids_by_fim_id(document: dict[str, Any]) -> dict[str, list[str]]:
    """FIM id -> the ids of the steps and fields that came from it, in document order."""
    index: dict[str, list[str]] = {}
    for step in document.get("steps", []):
        _remember(index, step)
        for field in step.get("fields", []):
            _remember(index, field)
            for member in field.get("fields", []):
                _remember(index, member)
    return index


def _remember(index: dict[str, list[str]], element: dict[str, Any]) -> None:
    fim = element.get("fim")
    if fim:
        index.setdefault(fim["id"], []).append(element["id"])
