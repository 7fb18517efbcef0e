"""The signed-in citizen's own submissions (session login). Nobody else's, ever."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Router, Schema
from ninja.security import django_auth

from rathaus.cases.services import citizen_history, state_label
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
    case = getattr(submission, "case", None)
    return {
        "reference": submission.reference,
        "service": submission.service.slug,
        "authority": submission.authority.name,
        "submitted_at": submission.submitted_at.isoformat(),
        "state": case.state if case else "",
        "definition_version": submission.version.number,
    }


@router.get("", response=list[SubmissionOut])
def my_submissions(request):
    return [_out(s) for s in _mine(request)]


@router.get("/{reference}", response=SubmissionDetailOut)
def my_submission(request, reference: str):
    submission = _mine(request).filter(reference=reference).first()
    if submission is None:
        raise Http404
    case = getattr(submission, "case", None)
    history = citizen_history(case) if case else []
    return {
        **_out(submission),
        "answers": submission.answers,
        "fees": submission.fees,
        "history": [
            {"at": e.at.isoformat(), "state": e.state, "label": state_label(case, e.state)}
            for e in history
        ],
    }
