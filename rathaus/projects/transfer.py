"""Transfer requests: a municipality's interest in adopting a published project.

Visible to the interested municipality's staff, to the project's own municipalities (its
contact side) and to the Smart Region office. Marking a request "übernommen" lists the
adopting municipality on the project; leaving that status removes it again.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.mail import absolute_link, send_mail_after_commit
from rathaus.core.models import Territory
from rathaus.projects.access import can_edit, editable_projects, is_office, municipal_territory_ids
from rathaus.projects.models import Project, TransferMessage, TransferRequest

__all__ = [
    "TransferError",
    "can_request_transfer",
    "request_transfer",
    "visible_requests",
    "can_see",
    "can_set_status",
    "post_message",
    "set_status",
]

Status = TransferRequest.Status


class TransferError(Exception):
    pass


def _project_territory_ids(project: Project) -> set[int]:
    if project.published is None:
        return set()
    return set(project.published.territories.values_list("pk", flat=True))


def can_request_transfer(user: User, project: Project) -> list[Territory]:
    """The user's municipalities that could ask to adopt the project (not its own ones)."""
    own = municipal_territory_ids(user) - _project_territory_ids(project)
    return list(Territory.objects.filter(pk__in=own).order_by("name"))


def _notify(request: TransferRequest, to_project_side: bool, text: str, base_url: str) -> None:
    project = request.project
    revision = project.published
    if to_project_side:
        recipient = (revision.contact_email if revision else "") or project.authority.email
    else:
        recipient = request.requester.email if request.requester else ""
    if not recipient:
        return
    title = revision.title if revision else project.slug
    link = absolute_link(base_url, "projects:transfer", pk=request.pk)
    subject = _("Übernahme von „%(title)s“") % {"title": title}
    send_mail_after_commit(subject, f"{text}\n\n{link}\n", [recipient])


@transaction.atomic
def request_transfer(
    user: User, project: Project, municipality: Territory, message: str, *, base_url: str
):
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
    _notify(request, True, _("%(name)s interessiert sich für die Übernahme Ihres Projekts.")
            % {"name": municipality.short_name}, base_url)  # fmt: skip
    return request


def visible_requests(user: User) -> QuerySet[TransferRequest]:
    requests = TransferRequest.objects.select_related(
        "project__published", "municipality", "requester"
    )
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


@transaction.atomic
def post_message(user: User, request: TransferRequest, text: str, *, base_url: str) -> None:
    if not can_see(user, request):
        raise TransferError(_("Dazu fehlt Ihnen die Berechtigung."))
    if not text.strip():
        raise TransferError(_("Bitte schreiben Sie eine Nachricht."))
    TransferMessage.objects.create(request=request, author=user, text=text.strip())
    from_project_side = _on_project_side(user, request) and request.requester_id != user.pk
    if from_project_side and request.status == Status.OPEN:
        request.status = Status.IN_EXCHANGE
    request.save()
    log_action(user, "projects.transfer_message", request, {})
    _notify(request, not from_project_side, _("Neue Nachricht zur Übernahme."), base_url)


@transaction.atomic
def set_status(user: User, request: TransferRequest, status: str, *, base_url: str) -> None:
    if not can_set_status(user, request):
        raise TransferError(_("Dazu fehlt Ihnen die Berechtigung."))
    if status not in Status.values:
        raise TransferError(_("Bitte wählen Sie einen Status."))
    locked = TransferRequest.objects.select_for_update().get(pk=request.pk)
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    if status == Status.ADOPTED:
        locked.project.adopted_by.add(locked.municipality)
    else:
        locked.project.adopted_by.remove(locked.municipality)
    log_action(user, "projects.transfer_status", locked, {"status": status})
    text = _("Neuer Status: %(status)s") % {"status": locked.get_status_display()}
    _notify(locked, False, text, base_url)
