"""The editorial workflow and who may take which step."""

from __future__ import annotations

import pytest

from rathaus.audit.models import AuditEntry
from rathaus.projects import access, editorial
from rathaus.projects.models import Project
from tests.projects.conftest import content

pytestmark = pytest.mark.django_db


def test_draft_is_not_public_until_the_office_publishes(darmstadt_staff, office):
    user, authority = darmstadt_staff
    project = editorial.create_project(user, authority, content())
    assert not access.published_projects().filter(pk=project.pk).exists()
    editorial.submit(user, project)
    with pytest.raises(editorial.WorkflowError):
        editorial.publish(user, project)  # municipal staff cannot publish
    editorial.publish(office, project)
    project.refresh_from_db()
    assert project.state == Project.State.PUBLISHED
    assert project.published is not None and project.draft is None
    assert access.published_projects().filter(pk=project.pk).exists()
    entries = AuditEntry.objects.filter(target_id=str(project.pk), target_type__contains="project")
    verbs = set(entries.values_list("verb", flat=True))
    assert {"projects.created", "projects.submitted", "projects.published"} <= verbs


def test_returned_project_carries_the_comment_and_can_be_edited_again(darmstadt_staff, office):
    user, authority = darmstadt_staff
    project = editorial.create_project(user, authority, content())
    editorial.submit(user, project)
    with pytest.raises(editorial.WorkflowError):
        editorial.return_for_revision(office, project, "   ")
    editorial.return_for_revision(office, project, "Bitte Ergebnisse ergänzen.")
    project.refresh_from_db()
    assert project.state == Project.State.RETURNED
    assert project.review_comment == "Bitte Ergebnisse ergänzen."
    editorial.update_draft(user, project, {"results": "Zwanzig Prozent weniger Fahrten."})
    project.refresh_from_db()
    assert project.draft.results == "Zwanzig Prozent weniger Fahrten."


def test_change_to_published_project_keeps_public_version_until_published(
    darmstadt_staff, office, make_project
):
    user, authority = darmstadt_staff
    project = make_project(user, authority)
    first = project.published
    editorial.start_change(user, project)
    project.refresh_from_db()
    editorial.update_draft(user, project, {"title": "Neuer Titel"})
    project.refresh_from_db()
    assert project.published == first and project.published.title != "Neuer Titel"
    assert list(project.draft.territories.all()) == list(first.territories.all())
    editorial.submit(user, project)
    editorial.publish(office, project)
    project.refresh_from_db()
    assert project.published.title == "Neuer Titel" and project.published.number == 2
    history = project.revisions.filter(published_at__isnull=False).order_by("number")
    assert [r.number for r in history] == [1, 2]


def test_municipal_user_edits_only_her_municipalitys_projects(
    darmstadt_staff, kassel_staff, office, make_project
):
    darmstadt_user, darmstadt_authority = darmstadt_staff
    kassel_user, _ = kassel_staff
    project = make_project(darmstadt_user, darmstadt_authority, publish=False)
    assert access.can_edit(darmstadt_user, project)
    assert not access.can_edit(kassel_user, project)
    assert access.can_edit(office, project)
    assert project not in access.editable_projects(kassel_user)
    with pytest.raises(editorial.WorkflowError):
        editorial.update_draft(kassel_user, project, {"title": "Übernommen"})
    with pytest.raises(editorial.WorkflowError):
        editorial.submit(kassel_user, project)


def test_inter_municipal_project_is_editable_by_every_partner(
    darmstadt_staff, kassel_staff, make_project
):
    user, authority = darmstadt_staff
    kassel_user, _ = kassel_staff
    project = make_project(user, authority, publish=False, keys=("06411000", "06611000"))
    assert access.can_edit(kassel_user, project)


def test_submitted_draft_is_locked_for_the_municipality(darmstadt_staff, make_project, office):
    user, authority = darmstadt_staff
    project = make_project(user, authority, publish=False)
    editorial.submit(user, project)
    with pytest.raises(editorial.WorkflowError):
        editorial.update_draft(user, project, {"title": "Schnell noch geändert"})
    editorial.update_draft(office, project, {"title": "Redaktionell geglättet"})


def test_withdrawn_project_leaves_the_public_list(darmstadt_staff, office, make_project):
    user, authority = darmstadt_staff
    project = make_project(user, authority)
    with pytest.raises(editorial.WorkflowError):
        editorial.withdraw(user, project, "")
    editorial.withdraw(office, project, "Auf Wunsch der Kommune")
    project.refresh_from_db()
    assert project.state == Project.State.WITHDRAWN
    assert not access.published_projects().filter(pk=project.pk).exists()


def test_withdrawn_project_stays_on_its_municipalitys_desk(darmstadt_staff, office, make_project):
    user, authority = darmstadt_staff
    project = make_project(user, authority)
    editorial.withdraw(office, project, "Veraltet")
    project.refresh_from_db()
    assert project in access.editable_projects(user) and access.can_edit(user, project)
    editorial.start_change(user, project)  # and it can be brought back


def test_a_partner_cannot_push_out_the_submitting_municipality(
    darmstadt_staff, kassel_staff, office, make_project
):
    user, authority = darmstadt_staff
    kassel_user, _ = kassel_staff
    project = make_project(user, authority, keys=("06411000", "06611000"))
    editorial.start_change(kassel_user, project)
    project.refresh_from_db()
    from rathaus.core.models import Territory

    editorial.update_draft(kassel_user, project,
                           {"territories": [Territory.objects.get(key="06611000")]})  # fmt: skip
    editorial.submit(kassel_user, project)
    editorial.publish(office, project)
    project.refresh_from_db()
    assert access.can_edit(user, project) and project in access.editable_projects(user)
