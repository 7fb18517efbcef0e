"""The receipt (Eingangsbestätigung) as PDF: every answer, as the definition shows it.

Rendered with ReportLab's built-in Helvetica, which covers German text (Windows-1252);
characters outside that set are written as their closest Latin form.
"""

from __future__ import annotations

import io
import unicodedata
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from rathaus.definitions import engine
from rathaus.definitions.schema import localize
from rathaus.definitions.services import definition_of
from rathaus.submissions.models import Submission


def pdf_text(text: str) -> str:
    """Text the built-in PDF fonts can show, escaped for ReportLab's markup."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        text = "".join(_latin(char) for char in text)
    return escape(text).replace("\n", "<br/>")


def _latin(char: str) -> str:
    try:
        char.encode("cp1252")
        return char
    except UnicodeEncodeError:
        decomposed = unicodedata.normalize("NFKD", char).encode("cp1252", "ignore").decode("cp1252")
        return decomposed or "?"


def render_receipt(submission: Submission) -> bytes:
    with translation.override(submission.language):
        return _render(submission)


def _render(submission: Submission) -> bytes:
    definition = definition_of(submission.version)
    styles = getSampleStyleSheet()
    language = submission.language
    buffer = io.BytesIO()
    title = localize(definition.title, language)
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=f"{_('Eingangsbestätigung')} {submission.reference}",
        author=submission.authority.name, leftMargin=20 * mm, rightMargin=20 * mm,
    )  # fmt: skip
    submitted = timezone.localtime(submission.submitted_at)
    story = [
        Paragraph(pdf_text(_("Eingangsbestätigung")), styles["Title"]),
        Paragraph(pdf_text(title), styles["Heading2"]),
        _table(
            [
                (_("Vorgangsnummer"), submission.reference),
                (_("Eingegangen am"), submitted.strftime("%d.%m.%Y, %H:%M Uhr")),
                (_("Zuständige Stelle"), submission.authority.name),
                (_("Version des Antrags"), str(submission.version.number)),
            ],
            styles,
        ),
    ]
    for step in engine.visible_steps(definition, submission.answers):
        rows = engine.answer_rows(step, submission.answers, language)
        if rows:
            story += [
                Spacer(1, 4 * mm),
                Paragraph(pdf_text(localize(step.title, language)), styles["Heading3"]),
            ]
            story.append(_table([(row.label, row.text) for row in rows], styles))
    story += _fee_part(submission, styles)
    document.build(story)
    return buffer.getvalue()


def _table(rows: list[tuple[str, str]], styles) -> Table:
    body = styles["BodyText"]
    data = [
        [Paragraph(pdf_text(str(label)), body), Paragraph(pdf_text(str(text)), body)]
        for label, text in rows
    ]
    table = Table(data, colWidths=[65 * mm, 105 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    return table


def _fee_part(submission: Submission, styles) -> list:
    lines = submission.fees.get("lines", []) if isinstance(submission.fees, dict) else []
    if not lines:
        return []
    rows = [(f"{line['label']} × {line['quantity']}", f"{line['total']} €") for line in lines]
    rows.append((_("Summe"), f"{submission.fees.get('total', '0.00')} €"))
    return [
        Spacer(1, 4 * mm),
        Paragraph(pdf_text(_("Gebühren")), styles["Heading3"]),
        _table(rows, styles),
    ]


def ensure_receipt(submission: Submission) -> Submission:
    """Render and store the receipt once; later calls return the stored one."""
    if not submission.receipt:
        content = ContentFile(render_receipt(submission))
        submission.receipt.save(f"{submission.reference}.pdf", content, save=False)
        Submission.objects.filter(pk=submission.pk).update(receipt=submission.receipt.name)
    return submission
