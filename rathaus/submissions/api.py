"""The signed-in citizen's own submissions (session login). Nobody else's, ever."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Router, Schema
from ninja.security import django_auth

from rathaus.core.apierrors import Error, ValidationError
from rathaus.submissions import processing
from rathaus.submissions.models import Submission

router = Router(tags=["Meine Anträge"], auth=django_auth)


class EventOut(Schema):
    at: str
    state: str
    label: str


class SubmissionOut(Schema):
    reference: str
    service: str
    authority: str
    submitted_at: str
    state: str
    definition_version: int


class SubmissionDetailOut(SubmissionOut):
    answers: dict[str, Any]
    fees: dict[str, Any]
    history: list[EventOut]


def _mine(request):
    return Submission.objects.filter(user_id=request.user.pk).select_related(
        "service", "authority", "version", "case"
    )


def _out(submission: Submission) -> dict[str, Any]:
    status = processing.status_of(submission)
    return {
        "reference": submission.reference,
        "service": submission.service.slug,
        "authority": submission.authority.name,
        "submitted_at": submission.submitted_at.isoformat(),
        "state": status.state if status else "",
        "definition_version": submission.version.number,
    }


@router.get("", response={200: list[SubmissionOut], 401: Error})
def my_submissions(request):
    return [_out(s) for s in _mine(request)]


@router.get(
    "/{reference}",
    response={200: SubmissionDetailOut, 401: Error, 404: Error, 422: ValidationError},
)
def my_submission(request, reference: str):
    submission = _mine(request).filter(reference=reference).first()
    if submission is None:
        raise Http404
    return {
        **_out(submission),
        "answers": submission.answers,
        "fees": submission.fees,
        "history": [
            {"at": s.at.isoformat(), "state": s.state, "label": s.label}
            for s in processing.history_of(submission)
        ],
    }
