"""Printable PDFs for the check-in desk: an A4 sheet of name badges (eight per page: name,
organisation, municipality) and a name list with a column for signatures.

ReportLab's built-in fonts cover German (cp1252); other characters are written in their
closest Latin form, as ``core.pdf`` does.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

from rathaus.core import pdf
from rathaus.events.models import Event, Registration

__all__ = ["badge_sheet", "name_list"]

BADGE_WIDTH, BADGE_HEIGHT = 90 * mm, 60 * mm
COLUMNS, ROWS = 2, 4
LEFT = (A4[0] - COLUMNS * BADGE_WIDTH) / 2
TOP = A4[1] - (A4[1] - ROWS * BADGE_HEIGHT) / 2
PADDING = 6 * mm
# Letters that do not decompose into a Latin letter and a mark (NFKD leaves them whole).
LATIN = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h",
                       "ı": "i", "ĸ": "k", "Ŧ": "T", "ŧ": "t"})  # fmt: skip


def plain(text: str) -> str:
    """Text the built-in fonts can draw (no markup on a canvas)."""
    out = []
    for char in (text or "").translate(LATIN):
        try:
            char.encode("cp1252")
            out.append(char)
        except UnicodeEncodeError:
            latin = unicodedata.normalize("NFKD", char).encode("cp1252", "ignore")
            out.append(latin.decode("cp1252") or "?")
    return "".join(out)


def _fitted(canvas: Canvas, text: str, font: str, size: float, y: float, x: float) -> None:
    """Draw ``text`` centred in the badge, smaller (down to 60 %) or cut when too long."""
    text, width = plain(text), BADGE_WIDTH - 2 * PADDING
    smallest = size * 0.6
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    while text and stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    canvas.setFont(font, size)
    canvas.drawCentredString(x + BADGE_WIDTH / 2, y, text)


def _badge(canvas: Canvas, event: Event, person: Registration, index: int) -> None:
    column, row = index % COLUMNS, (index // COLUMNS) % ROWS
    x, y = LEFT + column * BADGE_WIDTH, TOP - (row + 1) * BADGE_HEIGHT
    canvas.setStrokeColor(colors.lightgrey)
    canvas.rect(x, y, BADGE_WIDTH, BADGE_HEIGHT)
    canvas.setFillColor(colors.HexColor("#1f5a9e"))
    _fitted(canvas, event.title, "Helvetica", 9, y + BADGE_HEIGHT - PADDING - 3 * mm, x)
    canvas.setFillColor(colors.black)
    name = f"{person.given_name} {person.family_name}"
    _fitted(canvas, name, "Helvetica-Bold", 20, y + BADGE_HEIGHT / 2 + 2 * mm, x)
    _fitted(canvas, person.organisation, "Helvetica", 12, y + BADGE_HEIGHT / 2 - 7 * mm, x)
    town = person.municipality.short_name if person.municipality else ""
    _fitted(canvas, town, "Helvetica", 11, y + PADDING + 2 * mm, x)


def badge_sheet(event: Event, people: Sequence[Registration]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(plain(_("Namensschilder: %(event)s") % {"event": event.title}))
    canvas.setAuthor(plain(event.organiser.name))
    for index, person in enumerate(people):
        if index and index % (COLUMNS * ROWS) == 0:
            canvas.showPage()
        _badge(canvas, event, person, index)
    if not people:
        canvas.setFont("Helvetica", 12)
        canvas.drawString(20 * mm, A4[1] - 30 * mm, plain(_("Keine bestätigten Teilnehmenden.")))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _list_table(people: Sequence[Registration]) -> Table:
    header = ["#", _("Name"), _("Organisation"), _("Kommune"), _("Unterschrift")]
    rows = [[pdf.paragraph(text) for text in header]]
    for number, person in enumerate(people, start=1):
        town = person.municipality.short_name if person.municipality else ""
        name = f"{person.family_name}, {person.given_name}"
        rows.append([pdf.paragraph(text) for text in (str(number), name, person.organisation,
                                                      town)] + [""])  # fmt: skip
    widths = [10 * mm, 45 * mm, 45 * mm, 35 * mm, 35 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1, rowHeights=[None] + [11 * mm] * len(people))
    table.setStyle(
        TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
        ])
    )  # fmt: skip
    return table


def name_list(event: Event, people: Sequence[Registration]) -> bytes:
    when = formats.date_format(timezone.localtime(event.starts_at), "DATE_FORMAT")
    story = [
        pdf.paragraph(_("Teilnehmendenliste"), "Title"),
        pdf.paragraph(f"{event.title} – {when}", "Heading2"),
        pdf.paragraph(
            ngettext(
                "%(count)s bestätigte Person", "%(count)s bestätigte Teilnehmende", len(people)
            )
            % {"count": len(people)}
        ),  # fmt: skip
        pdf.gap(),
        _list_table(people),
    ]
    return pdf.render(_("Teilnehmendenliste: %(event)s") % {"event": event.title},
                      event.organiser.name, story)  # fmt: skip
