"""Public operations of the project database (the views' only entry point)."""

from __future__ import annotations

from rathaus.projects.access import (
    can_edit,
    editable_projects,
    is_office,
    municipal_authorities,
    municipal_territory_ids,
    published_projects,
)
from rathaus.projects.editorial import (
    WorkflowError,
    available_steps,
    can_change_content,
    create_project,
    publish,
    return_for_revision,
    start_change,
    submit,
    take_step,
    update_draft,
    withdraw,
)
from rathaus.projects.exports import atom_feed, export_csv, export_json
from rathaus.projects.facets import current_index
from rathaus.projects.finder import ProjectQuery, find, with_content
from rathaus.projects.models import Project
from rathaus.projects.reference import import_model_projects

__all__ = [
    "ProjectQuery",
    "WorkflowError",
    "atom_feed",
    "can_change_content",
    "can_edit",
    "create_project",
    "editable_projects",
    "export_csv",
    "export_json",
    "find",
    "import_model_projects",
    "is_office",
    "municipal_authorities",
    "municipal_territory_ids",
    "publish",
    "published_project",
    "published_projects",
    "related_projects",
    "return_for_revision",
    "start_change",
    "submit",
    "available_steps",
    "take_step",
    "update_draft",
    "withdraw",
]

RELATED_LIMIT = 4


def published_project(slug: str) -> Project | None:
    return with_content(published_projects()).filter(slug=slug).first()


def related_projects(project: Project) -> list[Project]:
    """Published projects sharing a Handlungsfeld and (if it has any) a technology."""
    revision = project.published
    if revision is None:
        return []
    index = current_index()
    fields = index.facet_mask("handlungsfeld", [f.slug for f in revision.fields.all()])
    techs = [t.slug for t in revision.technologies.all()]
    mask = fields & (index.facet_mask("technologie", techs) if techs else index.everything)
    mask &= ~index.mask_of([project.pk])
    ids = index.members(mask, index.newest, 0, RELATED_LIMIT)
    by_id = {p.pk: p for p in with_content(Project.objects.filter(pk__in=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]
