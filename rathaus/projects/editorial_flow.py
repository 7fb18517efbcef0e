"""The editorial workflow of a project, declared for the workflow kernel.

    draft → submitted → published          (the Smart Region office publishes)
    submitted → returned → submitted       (returned with a comment of what to revise)
    published | withdrawn → draft          (a new version is started)
    published → withdrawn                  (the office takes it off the portal)

Municipal editors (``editor``) submit and start new versions of their projects; the office
(``office``) may do everything. Which projects someone may edit at all is decided by
``projects.access.can_edit`` (the binding's guard).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rathaus.accounts.models import Actor, User
from rathaus.core.errors import DomainError
from rathaus.projects import indexing
from rathaus.projects.access import can_edit
from rathaus.projects.models import Project, ProjectRevision
from rathaus.workflow.services import Binding, Note, State, Transition, Workflow, actor_user
from rathaus.workflow.services import transition as _t

__all__ = ["EDITORIAL", "PROJECTS", "EDITOR", "OFFICE", "WorkflowError", "M2M_FIELDS",
           "EditorialChange", "copy_revision"]  # fmt: skip

S = Project.State
EDITOR, OFFICE = "editor", "office"
M2M_FIELDS = ("territories", "fields", "technologies")

EDITORIAL = Workflow.declare(
    "project",
    [State(s.value, s.label) for s in S],
    [
        _t("submit", gettext_lazy("Zur Prüfung einreichen"), [S.DRAFT, S.RETURNED], S.SUBMITTED,
           [EDITOR, OFFICE]),
        _t("return", gettext_lazy("Mit Hinweisen zurückgeben"), [S.SUBMITTED], S.RETURNED,
           [OFFICE], ["note"]),
        _t("publish", gettext_lazy("Veröffentlichen"), [S.SUBMITTED], S.PUBLISHED, [OFFICE]),
        _t("change", gettext_lazy("Neue Fassung bearbeiten"), [S.PUBLISHED, S.WITHDRAWN],
           S.DRAFT, [EDITOR, OFFICE]),
        _t("withdraw", gettext_lazy("Nicht mehr veröffentlichen"), [S.PUBLISHED], S.WITHDRAWN,
           [OFFICE]),
    ],
    roles=[EDITOR, OFFICE],
    needs=["note"],
)  # fmt: skip

_VERBS = {"submit": "projects.submitted", "return": "projects.returned",
          "publish": "projects.published", "change": "projects.change_started",
          "withdraw": "projects.withdrawn"}  # fmt: skip


class WorkflowError(DomainError):
    """A step the project's state or the user's role does not allow; the message says why."""


def copy_revision(project: Project, user: Actor) -> ProjectRevision:
    """A new draft copied from the published (or last) revision, media rows included."""
    source = project.published or project.revisions.order_by("-number").first()
    assert source is not None
    number = (project.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    copy = ProjectRevision.objects.get(pk=source.pk)
    copy.pk, copy.id, copy.number = None, None, number
    copy.created_by, copy.published_at, copy.published_by = actor_user(user), None, None
    copy.save()
    for name in M2M_FIELDS:
        getattr(copy, name).set(getattr(source, name).all())
    for media in [*source.images.all(), *source.documents.all()]:
        media.pk, media.revision = None, copy  # type: ignore[attr-defined]
        media.save()
    return copy


def _publish(project: Project, user: Actor, now: datetime) -> None:
    revision = project.draft
    assert revision is not None
    revision.published_at, revision.published_by = now, actor_user(user)
    revision.save(update_fields=["published_at", "published_by"])
    # Earlier versions keep their content for the history, not the contact person.
    project.revisions.exclude(pk=revision.pk).update(
        contact_name="", contact_email="", contact_phone="", contact_consent=False
    )
    project.published, project.draft, project.review_comment = revision, None, ""
    project.first_published_at = project.first_published_at or now
    project.last_published_at = now


class ProjectBinding(Binding[Project]):
    model = Project
    audit_prefix = "projects"

    def workflow_of(self, obj: Project) -> Workflow:
        return EDITORIAL

    def guard(self, obj: Project, step: Transition, actor: Actor, change: Any) -> None:
        if not isinstance(actor, User) or not can_edit(actor, obj):
            raise WorkflowError(_("Dazu fehlt Ihnen die Berechtigung."))

    def apply(self, obj: Project, step: Transition, change: Any, now: datetime) -> None:
        if step.id == "publish":
            _publish(obj, change.actor, now)
        elif step.id == "change":
            obj.draft = copy_revision(obj, change.actor)
        elif step.id in ("return", "withdraw"):
            obj.review_comment = change.note.strip()
        if step.id == "withdraw":
            obj.published = None

    def audit(self, obj: Project, step: Transition, change: Any,
              previous: str) -> tuple[str, dict]:  # fmt: skip
        data: dict[str, dict[str, Any]] = {
            "return": {"comment": obj.review_comment},
            "withdraw": {"reason": obj.review_comment},
            "publish": {"revision": obj.published.number if obj.published else None},
            "change": {"revision": obj.draft.number if obj.draft else None},
        }
        return _VERBS[step.id], data.get(step.id, {})

    def notify(self, obj: Project, step: Transition, actor: Actor, change: Any, event: Any) -> None:
        if step.id in ("publish", "withdraw"):
            indexing.project_changed(obj)


@dataclass(frozen=True)
class EditorialChange(Note):
    """A step's comment, and who takes it (the new revision records its author)."""

    actor: Actor = None


PROJECTS = ProjectBinding()
