"""Transfer requests: a municipality's interest in adopting a published project.

Visible to the interested municipality's staff, to the project's own municipalities (its
contact side) and to the Smart Region office. The status moves only as
``projects.adoption_flow`` declares it: "übernommen" lists the adopting municipality on
the project, and a closed request (übernommen, nicht weiterverfolgt) stays closed.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.errors import DomainError
from rathaus.core.models import Territory
from rathaus.projects.access import can_edit, editable_projects, is_office, municipal_territory_ids
from rathaus.projects.adoption_flow import (
    ADOPTION,
    ADOPTIONS,
    OFFICE,
    PROJECT_SIDE,
    AdoptionChange,
    notify,
)
from rathaus.projects.models import Project, TransferMessage, TransferRequest
from rathaus.workflow.services import TransitionRefused, fire

__all__ = [
    "TransferError",
    "can_request_transfer",
    "request_transfer",
    "visible_requests",
    "find_request",
    "can_see",
    "can_set_status",
    "post_message",
    "set_status",
    "status_choices",
]

Status = TransferRequest.Status


class TransferError(DomainError):
    pass


def _project_territory_ids(project: Project) -> set[int]:
    if project.published is None:
        return set()
    return set(project.published.territories.values_list("pk", flat=True))


def can_request_transfer(user: User, project: Project) -> list[Territory]:
    """The user's municipalities that could ask to adopt the project (not its own ones)."""
    own = municipal_territory_ids(user) - _project_territory_ids(project)
    return list(Territory.objects.filter(pk__in=own).order_by("name"))


@transaction.atomic
def request_transfer(user: User, project: Project, municipality: Territory, message: str):
    if municipality not in can_request_transfer(user, project):
        raise TransferError(_("Für diese Kommune können Sie keine Übernahme anfragen."))
    if not message.strip():
        raise TransferError(_("Bitte schreiben Sie kurz, was Sie vorhaben."))
    try:
        with transaction.atomic():
            request = TransferRequest.objects.create(
                project=project, municipality=municipality, requester=user
            )
    except IntegrityError:
        earlier = TransferRequest.objects.get(project=project, municipality=municipality)
        if earlier.requester_id == user.pk:
            return earlier  # her own request again (a second click): nothing new to send
        raise TransferError(
            _("%(name)s hat für dieses Projekt schon eine Übernahme angefragt.")
            % {"name": municipality.short_name}
        ) from None
    TransferMessage.objects.create(request=request, author=user, text=message.strip())
    log_action(user, "projects.transfer_requested", request, {"project": project.pk})
    notify(request, True, _("%(name)s interessiert sich für die Übernahme Ihres Projekts.")
            % {"name": municipality.short_name})  # fmt: skip
    return request


def _of_this_tenant() -> QuerySet[TransferRequest]:
    """Transfer requests are not tenant-owned: those of the tenant's projects."""
    return TransferRequest.objects.filter(project__in=Project.objects.all())


def find_request(user: User, pk: int) -> TransferRequest | None:
    """The request ``pk`` if this user may see it, else None."""
    found = (
        _of_this_tenant().select_related("project__published", "municipality").filter(pk=pk).first()
    )
    return found if found is not None and can_see(user, found) else None


def visible_requests(user: User) -> QuerySet[TransferRequest]:
    requests = _of_this_tenant().select_related("project__published", "municipality", "requester")
    if is_office(user):
        return requests
    ids = municipal_territory_ids(user)
    own_projects = editable_projects(user).values("pk")
    return requests.filter(Q(municipality__in=ids) | Q(project__in=own_projects)).distinct()


def _on_project_side(user: User, request: TransferRequest) -> bool:
    return can_edit(user, request.project)


def can_see(user: User, request: TransferRequest) -> bool:
    return (
        is_office(user)
        or request.municipality_id in municipal_territory_ids(user)
        or _on_project_side(user, request)
    )


def can_set_status(user: User, request: TransferRequest) -> bool:
    return is_office(user) or _on_project_side(user, request)


def _role(user: User, request: TransferRequest) -> str:
    return OFFICE if is_office(user) else PROJECT_SIDE


def status_choices(user: User, request: TransferRequest) -> list[tuple[str, str]]:
    """The statuses this user may move the request to now (none once it is closed)."""
    if not can_set_status(user, request):
        return []
    steps = ADOPTION.available(request.status, _role(user, request))
    return [(t.target, str(ADOPTION.state(t.target).label)) for t in steps]


@transaction.atomic
def post_message(user: User, request: TransferRequest, text: str) -> None:
    if not can_see(user, request):
        raise TransferError(_("Dazu fehlt Ihnen die Berechtigung."))
    if not text.strip():
        raise TransferError(_("Bitte schreiben Sie eine Nachricht."))
    TransferMessage.objects.create(request=request, author=user, text=text.strip())
    from_project_side = _on_project_side(user, request) and request.requester_id != user.pk
    step = ADOPTION.leading_to(request.status, Status.IN_EXCHANGE, PROJECT_SIDE)
    if from_project_side and step is not None:
        fire(ADOPTIONS, request, step.id, actor=user, role=PROJECT_SIDE,
             change=AdoptionChange(tell=False))  # fmt: skip
    else:
        request.save(update_fields=["updated_at"])
    log_action(user, "projects.transfer_message", request, {})
    notify(request, not from_project_side, _("Neue Nachricht zur Übernahme."))


def set_status(user: User, request: TransferRequest, status: str) -> None:
    """Move the request to ``status`` if the workflow allows it for this user now."""
    if not can_set_status(user, request):
        raise TransferError(_("Dazu fehlt Ihnen die Berechtigung."))
    current = TransferRequest.objects.values_list("status", flat=True).get(pk=request.pk)
    step = ADOPTION.leading_to(current, status, _role(user, request))
    if step is None:
        raise TransferError(_refusal(current))
    try:
        fire(ADOPTIONS, request, step.id, actor=user, role=_role(user, request),
             change=AdoptionChange())  # fmt: skip
    except TransitionRefused:
        raise TransferError(_refusal(request.status)) from None


def _refusal(current: str) -> str:
    if ADOPTION.state(current).final:
        return _("Diese Übernahmeanfrage ist abgeschlossen; ihr Status kann nicht mehr "
                 "geändert werden.")  # fmt: skip
    return _("Dieser Statuswechsel ist nicht möglich.")
