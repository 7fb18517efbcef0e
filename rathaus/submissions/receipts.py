"""The receipt (Eingangsbestätigung) as PDF: every answer, as the definition shows it."""

from __future__ import annotations

import logging

from django.core.files import File
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rathaus.core import pdf
from rathaus.definitions import engine
from rathaus.definitions.schema import localize
from rathaus.definitions.services import definition_of
from rathaus.submissions.models import Submission

logger = logging.getLogger(__name__)


def render_receipt(submission: Submission) -> bytes:
    with translation.override(submission.language):
        return _render(submission)


def _render(submission: Submission) -> bytes:
    definition = definition_of(submission.version)
    language = submission.language
    submitted = timezone.localtime(submission.submitted_at)
    story = [
        pdf.paragraph(_("Eingangsbestätigung"), "Title"),
        pdf.paragraph(localize(definition.title, language), "Heading2"),
        pdf.table(
            [
                (_("Vorgangsnummer"), submission.reference),
                (_("Eingegangen am"), submitted.strftime("%d.%m.%Y, %H:%M Uhr")),
                (_("Zuständige Stelle"), submission.authority.name),
                (_("Version des Antrags"), str(submission.version.number)),
            ]
        ),
    ]
    for step in engine.visible_steps(definition, submission.answers):
        rows = engine.answer_rows(step, submission.answers, language)
        if rows:
            story += [pdf.gap(), pdf.paragraph(localize(step.title, language), "Heading3")]
            story.append(pdf.table([(row.label, row.text) for row in rows]))
    story += _fee_part(submission)
    title = f"{_('Eingangsbestätigung')} {submission.reference}"
    return pdf.render(title, submission.authority.name, story)


def _fee_part(submission: Submission) -> list:
    lines = submission.fees.get("lines", []) if isinstance(submission.fees, dict) else []
    if not lines:
        return []
    rows = [(f"{line['label']} × {line['quantity']}", f"{line['total']} €") for line in lines]
    rows.append((_("Summe"), f"{submission.fees.get('total', '0.00')} €"))
    return [pdf.gap(), pdf.paragraph(_("Gebühren"), "Heading3"), pdf.table(rows)]


def ensure_receipt(submission: Submission) -> Submission:
    """Render and store the receipt once; later calls return the stored one.

    Only the after-submission task calls this: a GET never writes (see ``open_receipt``).
    Call it outside any row lock (rendering and storing take time). If two runs race,
    the first stored receipt wins and the other file is removed again.
    """
    if submission.receipt:
        return submission
    content = ContentFile(render_receipt(submission))
    submission.receipt.save(f"{submission.reference}.pdf", content, save=False)
    pending = Submission.objects.filter(pk=submission.pk, receipt="")
    if not pending.update(receipt=submission.receipt.name):
        submission.receipt.delete(save=False)
        stored = Submission.objects.values_list("receipt", flat=True).get(pk=submission.pk)
        submission.receipt.name = stored
    return submission


def open_receipt(submission: Submission) -> File | None:
    """The stored receipt, opened for reading; None while the task has not made it yet.
    Reads only: never renders or stores anything."""
    if not submission.receipt:
        return None
    try:
        return submission.receipt.open("rb")
    except FileNotFoundError:
        logger.error("The receipt file of %s is missing: %s", submission.pk, submission.receipt)
        return None
