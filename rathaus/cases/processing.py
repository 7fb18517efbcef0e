"""Cases process submissions: the implementation ``submissions.processing`` asks for."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from rathaus.cases import services
from rathaus.cases.models import Case
from rathaus.cases.workflow import workflow_of
from rathaus.submissions.models import Submission
from rathaus.submissions.processing import Status, Step

__all__ = ["CaseProcessing"]


def _case(submission: Submission) -> Case | None:
    return getattr(submission, "case", None)  # select_related("case") saves the query


class CaseProcessing:
    def start(self, submission: Submission) -> None:
        services.open_case(submission, submission.authority)

    def status(self, submission: Submission) -> Status | None:
        case = _case(submission)
        if case is None:
            return None
        state = workflow_of(case).state(case.state)
        return Status(case.state, services.state_label(case), state.waiting_for_applicant,
                      services.may_withdraw(case), case.version)  # fmt: skip

    def history(self, submission: Submission) -> list[Step]:
        case = _case(submission)
        if case is None:
            return []
        return [Step(e.at, e.state, services.state_label(case, e.state))
                for e in services.citizen_history(case)]  # fmt: skip

    def withdraw(self, submission: Submission, actor: Any, version: int) -> None:
        case = _case(submission)
        if case is None:
            raise Http404
        services.withdraw(case, actor, version)

    def forget(self, submission: Submission) -> None:
        Case.objects.filter(submission=submission).delete()
