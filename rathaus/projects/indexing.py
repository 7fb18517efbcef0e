"""Keeps the full-text index in step with what is published (inside the same transaction)."""

from __future__ import annotations

from rathaus.projects.models import Project, ProjectRevision
from rathaus.search import services as search

__all__ = ["KIND", "project_changed", "reindex_all"]

KIND = "projects.project"


def _document(revision: ProjectRevision) -> dict[str, str]:
    names = [t.short_name for t in revision.territories.all()]
    keywords = [f.name for f in revision.fields.all()] + [
        t.name for t in revision.technologies.all()
    ]
    body = [revision.summary, revision.description, revision.results, revision.lessons_learned,
            revision.partners, " ".join(names)]  # fmt: skip
    return {"title": revision.title, "keywords": " ".join(keywords), "body": "\n".join(body)}


def project_changed(project: Project) -> None:
    if project.published is None:
        search.remove(KIND, project.pk)
    else:
        search.index(KIND, project.pk, tenant=project.tenant, **_document(project.published))


def reindex_all() -> int:
    search.clear(KIND)
    count = 0
    for project in Project.objects.filter(published__isnull=False).select_related("published"):
        project_changed(project)
        count += 1
    return count
