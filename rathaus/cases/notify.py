"""What the citizen is told when a case moves: a request for documents, a decision with
its document (PDF, with the fee notice where the service has fees), or news."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rathaus.cases.decisions import OUTCOME_LABELS, decision_text
from rathaus.cases.models import Case
from rathaus.core import pdf
from rathaus.core.mail import send_mail_after_commit
from rathaus.postbox.services import FileContent, deliver
from rathaus.workflow.services import Transition


def decision_pdf(case: Case, outcome: str, reasons: str) -> bytes:
    submission = case.submission
    rows = [
        (_("Vorgangsnummer"), submission.reference),
        (_("Leistung"), submission.service.name),
        (_("Datum"), timezone.localdate().strftime("%d.%m.%Y")),
        (_("Ergebnis"), _(OUTCOME_LABELS.get(outcome, outcome))),
    ]
    story = [pdf.paragraph(_("Bescheid"), "Title"), pdf.paragraph(case.authority.name, "Heading2"),
             pdf.table(rows), pdf.gap()]  # fmt: skip
    text = decision_text(case, outcome, submission.language)
    if text:
        story += [pdf.paragraph(text), pdf.gap()]
    story += [pdf.paragraph(_("Begründung"), "Heading3"), pdf.paragraph(reasons)]
    total = submission.fees.get("total") if isinstance(submission.fees, dict) else None
    if total and total != "0.00":
        lines = [(line["label"], f"{line['total']} €") for line in submission.fees["lines"]]
        lines.append((_("Summe"), f"{total} €"))
        story += [pdf.gap(), pdf.paragraph(_("Gebührenfestsetzung"), "Heading3"), pdf.table(lines)]
    return pdf.render(f"{_('Bescheid')} {submission.reference}", case.authority.name, story)


def tell_citizen(case: Case, step: Transition, message: str, outcome: str, reasons: str) -> None:
    """Deliver what the transition tells the citizen (nothing for transitions that don't)."""
    submission = case.submission
    with translation.override(submission.language):
        subject, body, files = _content(case, step, message, outcome, reasons)
        if not subject:
            return
        owner = submission.user
        # An organisation's application is answered in its postbox even when the member
        # who filed it has left or closed her account.
        if owner is not None and (owner.is_active or submission.organisation_id is not None):
            deliver(owner, sender_name=case.authority.name, subject=subject, body=body,
                    submission=submission, files=files)  # fmt: skip
            body = _("Sie haben eine neue Nachricht im Postfach Ihres Servicekontos.")
        if submission.contact_email:
            send_mail_after_commit(subject, body, [submission.contact_email])


def _content(case: Case, step: Transition, message: str, outcome: str, reasons: str) -> Any:
    reference = case.submission.reference
    if "document" in step.needs:
        document = decision_pdf(case, outcome, reasons)
        name = f"Bescheid-{reference}.pdf"
        label = _(OUTCOME_LABELS.get(outcome, outcome))
        body = (
            _("Über Ihren Antrag %(reference)s ist entschieden: %(outcome)s.")
            % {"reference": reference, "outcome": label}
            + f"\n\n{reasons}"
        )
        return (
            _("Bescheid zu Ihrem Antrag %(r)s") % {"r": reference},
            body,
            [FileContent(name, "application/pdf", document)],
        )
    if "message" in step.needs and "clerk" in step.roles:
        return _("Rückfrage zu Ihrem Antrag %(r)s") % {"r": reference}, message, []
    if step.citizen_message:
        return (
            _("Neuigkeiten zu Ihrem Antrag %(r)s") % {"r": reference},
            _(step.citizen_message),
            [],
        )
    return "", "", []
