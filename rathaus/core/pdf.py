"""Small PDF documents (receipts, decisions) with ReportLab's built-in fonts.

Helvetica covers German (Windows-1252); characters outside it are written as their
closest Latin form. See docs/decisions/0002.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

STYLES = getSampleStyleSheet()


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
        decomposed = unicodedata.normalize("NFKD", char).encode("cp1252", "ignore")
        return decomposed.decode("cp1252") or "?"


def paragraph(text: str, style: str = "BodyText") -> Paragraph:
    return Paragraph(pdf_text(str(text)), STYLES[style])


def table(rows: Iterable[tuple[str, str]]) -> Table:
    data = [[paragraph(label), paragraph(value)] for label, value in rows]
    result = Table(data, colWidths=[65 * mm, 105 * mm])
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    return result


def gap() -> Spacer:
    return Spacer(1, 4 * mm)


def render(title: str, author: str, story: list[Flowable]) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author=author, leftMargin=20 * mm, rightMargin=20 * mm
    )
    document.build(story)
    return buffer.getvalue()
