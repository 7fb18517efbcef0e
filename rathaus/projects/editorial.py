"""Editing projects: create a draft, change it, and take the steps of the editorial
workflow (declared in ``projects.editorial_flow``, fired through the workflow kernel: one
transaction with the history row and the audit entry each)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.models import Authority
from rathaus.core.once import create_once
from rathaus.projects import indexing
from rathaus.projects.access import can_edit, is_office
from rathaus.projects.editorial_flow import (
    EDITOR,
    EDITORIAL,
    M2M_FIELDS,
    OFFICE,
    PROJECTS,
    EditorialChange,
    WorkflowError,
)
from rathaus.projects.models import Project, ProjectRevision
from rathaus.workflow.services import TransitionRefused, fire, lock

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
    "available_steps",
]

State = Project.State


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
    while Project._base_manager.filter(slug=slug).exists():  # unique in every tenant
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


def _role(user: User) -> str:
    return OFFICE if is_office(user) else EDITOR


def available_steps(user: User, project: Project) -> set[str]:
    """The workflow steps this user may take on the project now (for the manage page)."""
    if not can_edit(user, project):
        return set()
    return {t.id for t in EDITORIAL.available(project.state, _role(user))}


def _step(user: User, project: Project, step: str, note: str = "") -> None:
    if not can_edit(user, project):
        raise WorkflowError(_("Dazu fehlt Ihnen die Berechtigung."))
    try:
        fire(PROJECTS, project, step, actor=user, role=_role(user),
             change=EditorialChange(note, actor=user))  # fmt: skip
    except TransitionRefused as refused:
        raise WorkflowError(_refusal(project, refused.reason)) from None


def _refusal(project: Project, reason: str) -> str:
    if reason == "role":
        return _("Dazu fehlt Ihnen die Berechtigung.")
    if reason.startswith("missing:"):
        return _("Bitte schreiben Sie, was überarbeitet werden soll.")
    state = Project.objects.get(pk=project.pk).get_state_display()
    return _("Das geht im Status „%(state)s“ nicht.") % {"state": state}


def submit(user: User, project: Project) -> None:
    _step(user, project, "submit")


def return_for_revision(user: User, project: Project, comment: str) -> None:
    _step(user, project, "return", comment)


def publish(user: User, project: Project) -> None:
    _step(user, project, "publish")


def start_change(user: User, project: Project) -> None:
    """A new draft copied from the published (or last) revision, media rows included."""
    _step(user, project, "change")


def withdraw(user: User, project: Project, reason: str) -> None:
    """Take the project off the portal. Without a newer draft this is the workflow's
    ``withdraw``; with one, the published version goes and the draft keeps its state."""
    if not is_office(user):
        raise WorkflowError(_("Dazu fehlt Ihnen die Berechtigung."))
    with transaction.atomic():
        locked = lock(PROJECTS, project)
        if locked.published is None:
            raise WorkflowError(_("Dieses Projekt ist nicht veröffentlicht."))
        if locked.draft is None:
            _step(user, locked, "withdraw", reason)
            return
        locked.published, locked.review_comment = None, reason.strip()
        locked.save(update_fields=["published", "review_comment"])
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
