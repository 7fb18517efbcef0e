"""The plain-language page: every citizen-facing text of a service, the hardest first."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from rathaus.authentication.decorators import staff_required
from rathaus.definitions.vocabulary import attribute_label
from rathaus.designer.texts import Text, citizen_texts
from rathaus.designer.views.common import opened
from rathaus.plainlanguage.services import Assessment, assess_many, target

DETAILED = 100  # the hardest texts with their hints; the others in a short table
URLS = {"step": "designer:step", "field": "designer:field", "fee": "designer:fee",
        "decision_text": "designer:decision"}  # fmt: skip


def edit_url(slug: str, text: Text) -> str:
    name = URLS.get(text.area)
    if name is None:
        return reverse("designer:meta", args=[slug]) + f"#id_{text.attribute}_de"
    key: str | int = int(text.key) if text.area == "decision_text" else text.key
    return reverse(name, args=[slug, key]) + f"#id_{text.attribute}_de"


@dataclass(frozen=True)
class Row:
    text: Text
    assessment: Assessment
    url: str
    attribute: str


def _hardest_first(row: Row) -> tuple[bool, int, float]:
    """Texts long enough for the formula by score, then the short ones (their score says
    little), those with hints first."""
    assessment = row.assessment
    score = assessment.score if assessment.score is not None else 0.0
    if assessment.too_short:
        return (True, -len(assessment.hints), -score)
    return (False, 0, -score)


@staff_required
def plain_language(request: HttpRequest, slug: str) -> HttpResponse:
    page = opened(request, slug)
    texts = citizen_texts(page.document)
    rows = [
        Row(text, assessment, edit_url(slug, text), attribute_label(text.attribute))
        for text, assessment in zip(texts, assess_many(t.text for t in texts), strict=True)
    ]
    rows.sort(key=_hardest_first)
    missing = sum(1 for row in rows if not row.assessment.passes)
    context = {
        "page": page, "rows": rows[:DETAILED], "more": rows[DETAILED:], "target": target(),
        "missing": missing,
    }  # fmt: skip
    return render(request, "designer/language.html", context)
