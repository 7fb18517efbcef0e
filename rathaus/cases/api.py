"""REST API for specialist systems (Fachverfahren): one token per authority, scoped to
that authority's cases. Status changes go through the same workflow checks as clerks
(role ``api``)."""

from __future__ import annotations

import base64
from typing import Any, cast

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import HttpBearer

from rathaus.cases import services
from rathaus.cases.models import Case
from rathaus.cases.tokens import authority_for
from rathaus.core.apierrors import Error, ValidationError
from rathaus.deliveries.services import acknowledge
from rathaus.submissions.services import applicant_of


class AuthorityToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return authority_for(token)


router = Router(tags=["Fachverfahren"], auth=AuthorityToken())


class CaseOut(Schema):
    reference: str
    service: str
    state: str
    version: int
    received_at: str


class AttachmentOut(Schema):
    id: str
    name: str
    type: str
    content_base64: str


class CaseDetailOut(CaseOut):
    applicant: dict[str, Any] = Field(
        description="kind 'person', or kind 'organisation' with the organisation's details"
    )
    definition: str
    definition_version: int
    answers: dict[str, Any]
    fees: dict[str, Any]
    attachments: list[AttachmentOut]


class TransitionIn(Schema):
    transition: str
    version: int
    message: str = ""
    outcome: str = ""
    reasons: str = ""


class TransitionError(Error):
    """A transition that did not happen: ``error`` is ``conflict`` (409: the case changed,
    send its current ``version``) or why the workflow refused it (422: ``unknown``,
    ``state``, ``role``, ``missing:<fields>``); ``state`` and ``version`` are the case's now."""

    error: str
    state: str
    version: int


CONFLICT = "The case was changed in the meantime; this is its current state and version."


def _cases(request: HttpRequest):
    return Case.objects.filter(authority=cast(Any, request).auth).select_related(
        "submission__service", "submission__version__definition"
    )


def _case(request: HttpRequest, reference: str) -> Case:
    case = _cases(request).filter(submission__reference=reference).first()
    if case is None:
        raise Http404
    return case


def _out(case: Case) -> dict[str, Any]:
    return {
        "reference": case.submission.reference,
        "service": case.submission.service.slug,
        "state": case.state,
        "version": case.version,
        "received_at": case.created_at.isoformat(),
    }


@router.get("/cases", response={200: list[CaseOut], 401: Error, 422: ValidationError})
def case_list(request, state: str = "", limit: int = 100):
    """The authority's cases, oldest first (``state=eingegangen`` lists the new ones)."""
    cases = _cases(request).order_by("created_at", "pk")
    if state:
        cases = cases.filter(state=state)
    return [_out(c) for c in cases[: max(1, min(limit, 500))]]


@router.get(
    "/cases/{reference}",
    response={200: CaseDetailOut, 401: Error, 404: Error, 422: ValidationError},
)
def case_detail(request, reference: str):
    case = _case(request, reference)
    submission = case.submission
    attachments = []
    for attachment in submission.attachments.all():
        with attachment.file.open("rb") as handle:
            content = base64.b64encode(handle.read()).decode()
        attachments.append(
            {"id": str(attachment.pk), "name": attachment.original_name,
             "type": attachment.content_type, "content_base64": content}
        )  # fmt: skip
    return {
        **_out(case),
        "applicant": applicant_of(submission),
        "definition": submission.version.definition.slug,
        "definition_version": submission.version.number,
        "answers": submission.answers,
        "fees": submission.fees,
        "attachments": attachments,
    }


@router.post(
    "/cases/{reference}/transitions",
    response={
        200: CaseOut,
        400: Error,
        401: Error,
        404: Error,
        409: TransitionError,
        422: TransitionError | ValidationError,
    },
)
def case_transition(request, reference: str, body: TransitionIn):
    """Fire a workflow transition (same checks as for clerks, role ``api``)."""
    case = _case(request, reference)
    change = services.Change(message=body.message, outcome=body.outcome, reasons=body.reasons,
                             document=bool(body.outcome and body.reasons.strip()))  # fmt: skip
    try:
        case, _step = services.transition(case, body.transition, None, "api", body.version, change)
    except services.Conflict as conflict:
        current = conflict.current
        return Status(
            409,
            {
                "detail": CONFLICT,
                "error": "conflict",
                "state": current.state,
                "version": current.version,
            },
        )
    except services.TransitionRefused as refused:
        return Status(
            422,
            {
                "detail": f"Transition refused: {refused.reason}",
                "error": refused.reason,
                "state": case.state,
                "version": case.version,
            },
        )
    return Status(200, _out(case))


@router.post(
    "/cases/{reference}/ack",
    response={200: CaseOut, 401: Error, 404: Error, 422: ValidationError},
)
def case_acknowledge(request, reference: str):
    """The specialist system confirms it has the submission."""
    case = _case(request, reference)
    acknowledge(case.submission)
    services.record_event(case, "acknowledged", {"by": "api"})
    return _out(case)
