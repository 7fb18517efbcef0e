"""Who may see a submission: its citizen, the members of the organisation it was made
for (by role), or the browser that sent it anonymously."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from rathaus.organisations import services as organisations
from rathaus.organisations.models import MemberRole
from rathaus.submissions.models import Submission

SESSION_SUBMISSIONS = "rathaus_submissions"


def submission_for(
    request: HttpRequest, reference: str, needed: str = MemberRole.READ
) -> Submission:
    """The submission if this visitor may see it (``needed``: the role in its
    organisation, ``apply`` for acting on it); 404 for anyone else (no hint it exists)."""
    submission = (
        Submission.objects.select_related("service", "authority", "version", "case", "organisation")
        .filter(reference=reference)
        .first()
    )
    if submission is None:
        raise Http404
    if submission.organisation_id is not None:
        if organisations.may(request.user, submission.organisation, needed):
            return submission
        raise Http404
    if submission.user_id is not None:
        if request.user.is_authenticated and request.user.pk == submission.user_id:
            return submission
        raise Http404
    if reference in request.session.get(SESSION_SUBMISSIONS, []):
        return submission
    raise Http404
