"""The editorial workflow: draft → submitted → returned or published; changes to a published
project start a new draft. Every step is one transaction with its audit entry."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.models import Authority
from rathaus.core.once import create_once
from rathaus.projects import indexing
from rathaus.projects.access import can_edit, is_office
from rathaus.projects.models import Project, ProjectRevision

__all__ = [
    "WorkflowError",
    "M2M_FIELDS",
    "create_project",
    "update_draft",
    "submit",
    "return_for_revision",
    "publish",
    "start_change",
    "withdraw",
    "take_step",
    "can_change_content",
]

State = Project.State
M2M_FIELDS = ("territories", "fields", "technologies")


class WorkflowError(Exception):
    """A step the project's state or the user's role does not allow; the message says why."""


def can_change_content(user: User, project: Project) -> bool:
    if not can_edit(user, project) or project.draft_id is None:
        return False
    editable = {State.DRAFT, State.RETURNED}
    if is_office(user):
        editable.add(State.SUBMITTED)
    return project.state in editable


# First path segments the project URLs use themselves (a project may not shadow them).
RESERVED_SLUGS = {"verwaltung", "uebernahmen", "medien", "modellprojekte-smart-cities",
                  "feed-atom", "export-csv", "export-json"}  # fmt: skip


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "projekt"
    if base in RESERVED_SLUGS:
        base = f"projekt-{base}"
    slug, counter = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _write(revision: ProjectRevision, data: dict[str, Any]) -> None:
    for name, value in data.items():
        if name not in M2M_FIELDS:
            setattr(revision, name, value)
    revision.save()
    for name in M2M_FIELDS:
        if name in data:
            getattr(revision, name).set(data[name])


@transaction.atomic
def create_project(
    user: User,
    authority: Authority,
    data: dict[str, Any],
    *,
    is_example: bool = False,
    submit_token: UUID | None = None,
) -> Project:
    """A new draft; the same ``submit_token`` again returns the draft made the first time."""

    def create() -> Project:
        return _create(user, authority, data, is_example, submit_token)

    return create_once(Project, submit_token, create)[0]


def _create(user, authority, data, is_example: bool, submit_token: UUID | None) -> Project:
    project = Project.objects.create(
        slug=_unique_slug(data["title"]),
        authority=authority,
        state=State.DRAFT,
        is_example=is_example,
        submit_token=submit_token,
    )
    revision = ProjectRevision(project=project, number=1, created_by=user)
    _write(revision, data)
    project.draft = revision
    project.save(update_fields=["draft"])
    log_action(user, "projects.created", project, {"title": revision.title})
    return project


@transaction.atomic
def update_draft(user: User, project: Project, data: dict[str, Any]) -> None:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not can_change_content(user, project):
        raise WorkflowError(_("Dieses Projekt kann gerade nicht bearbeitet werden."))
    assert project.draft is not None
    _write(project.draft, data)
    log_action(user, "projects.draft_updated", project, {"revision": project.draft.number})


def _locked(project: Project, allowed: set[str], user: User, office_only: bool) -> Project:
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if not can_edit(user, locked) or (office_only and not is_office(user)):
        raise WorkflowError(_("Dazu fehlt Ihnen die Berechtigung."))
    if locked.state not in allowed:
        raise WorkflowError(
            _("Das geht im Status „%(state)s“ nicht.") % {"state": locked.get_state_display()}
        )
    return locked


@transaction.atomic
def submit(user: User, project: Project) -> None:
    locked = _locked(project, {State.DRAFT, State.RETURNED}, user, office_only=False)
    locked.state = State.SUBMITTED
    locked.save(update_fields=["state"])
    log_action(user, "projects.submitted", locked, {})


@transaction.atomic
def return_for_revision(user: User, project: Project, comment: str) -> None:
    if not comment.strip():
        raise WorkflowError(_("Bitte schreiben Sie, was überarbeitet werden soll."))
    locked = _locked(project, {State.SUBMITTED}, user, office_only=True)
    locked.state = State.RETURNED
    locked.review_comment = comment.strip()
    locked.save(update_fields=["state", "review_comment"])
    log_action(user, "projects.returned", locked, {"comment": locked.review_comment})


@transaction.atomic
def publish(user: User, project: Project) -> None:
    locked = _locked(project, {State.SUBMITTED}, user, office_only=True)
    revision = locked.draft
    assert revision is not None
    now = timezone.now()
    revision.published_at, revision.published_by = now, user
    revision.save(update_fields=["published_at", "published_by"])
    # Earlier versions keep their content for the history, not the contact person.
    locked.revisions.exclude(pk=revision.pk).update(
        contact_name="", contact_email="", contact_phone="", contact_consent=False
    )
    locked.published, locked.draft = revision, None
    locked.state, locked.review_comment = State.PUBLISHED, ""
    locked.first_published_at = locked.first_published_at or now
    locked.last_published_at = now
    locked.save()
    indexing.project_changed(locked)
    log_action(user, "projects.published", locked, {"revision": revision.number})


@transaction.atomic
def start_change(user: User, project: Project) -> None:
    """A new draft copied from the published (or last) revision, media rows included."""
    locked = _locked(project, {State.PUBLISHED, State.WITHDRAWN}, user, office_only=False)
    source = locked.published or locked.revisions.order_by("-number").first()
    assert source is not None
    number = (locked.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    copy = ProjectRevision.objects.get(pk=source.pk)
    copy.pk, copy.id, copy.number = None, None, number
    copy.created_by, copy.published_at, copy.published_by = user, None, None
    copy.save()
    for name in M2M_FIELDS:
        getattr(copy, name).set(getattr(source, name).all())
    for image in source.images.all():
        image.pk, image.id, image.revision = None, None, copy
        image.save()
    for document in source.documents.all():
        document.pk, document.id, document.revision = None, None, copy
        document.save()
    locked.draft, locked.state = copy, State.DRAFT
    locked.save(update_fields=["draft", "state"])
    log_action(user, "projects.change_started", locked, {"revision": number})


@transaction.atomic
def withdraw(user: User, project: Project, reason: str) -> None:
    locked = _locked(project, set(State), user, office_only=True)
    if locked.published is None:
        raise WorkflowError(_("Dieses Projekt ist nicht veröffentlicht."))
    locked.published = None
    if locked.draft is None:
        locked.state = State.WITHDRAWN
    locked.review_comment = reason.strip()
    locked.save(update_fields=["published", "state", "review_comment"])
    indexing.project_changed(locked)
    log_action(user, "projects.withdrawn", locked, {"reason": locked.review_comment})


_STEPS = {
    "submit": (submit, gettext_lazy("Das Projekt ist zur Prüfung eingereicht.")),
    "publish": (publish, gettext_lazy("Das Projekt ist veröffentlicht.")),
    "change": (start_change, gettext_lazy("Sie bearbeiten jetzt eine neue Fassung.")),
}


def take_step(user: User, project: Project, action: str, comment: str = "") -> str:
    """One step of the workflow chosen on the manage page; returns the notice to show."""
    if action in _STEPS:
        step, notice = _STEPS[action]
        step(user, project)
        return str(notice)
    if action == "return":
        return_for_revision(user, project, comment)
        return _("Das Projekt ist an die Kommune zurückgegeben.")
    if action == "withdraw":
        withdraw(user, project, comment)
        return _("Das Projekt ist nicht mehr öffentlich.")
    raise WorkflowError(_("Unbekannte Aktion."))
