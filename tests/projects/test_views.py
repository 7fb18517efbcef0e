"""Public pages, exports and the staff pages of the project database."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

from rathaus.authentication.testing import login_with_second_factor
from rathaus.projects.models import ModelProject, Project
from rathaus.projects.reference import import_model_projects

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    return make_project(user, authority)


@pytest.fixture
def draft(darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    return make_project(user, authority, publish=False, title="Geheimer Entwurf")


def test_list_shows_published_not_drafts(client, published, draft):
    page = client.get(reverse("projects:index")).content.decode()
    assert "Sensorgestützte Abfallsammlung" in page and "Geheimer Entwurf" not in page
    assert client.get(reverse("projects:detail", args=[draft.slug])).status_code == 404
    assert client.get(reverse("projects:detail", args=[published.slug])).status_code == 200


def test_filters_live_in_the_url(client, published):
    url = reverse("projects:index") + "?handlungsfeld=abfall-stadtsauberkeit&q=Abfall"
    page = client.get(url).content.decode()
    assert "1 Projekt" in page and 'value="abfall-stadtsauberkeit" id=' in page
    assert "checked" in page
    nothing = client.get(
        reverse("projects:index") + "?handlungsfeld=abfall-stadtsauberkeit&q=Glasfaser"
    )
    assert "0 Projekte" in nothing.content.decode()  # the text narrows the facet's rows
    other = client.get(reverse("projects:index") + "?handlungsfeld=mobilitaet").content.decode()
    assert "0 Projekte" in other


@pytest.mark.parametrize(
    "query",
    ["?seite=abc", "?seite=999999999999", "?sort=<script>", "?handlungsfeld=<script>",
     "?q=" + "x" * 500, "?q=%00", "?bezirk=" + "9" * 5000],
)  # fmt: skip
def test_nonsense_in_the_url_never_crashes(client, published, query):
    response = client.get(reverse("projects:index") + query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>")[-1]


def test_contact_is_published_only_with_consent(client, darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    hidden = make_project(user, authority, contact_name="Eva Beispiel", contact_consent=False)
    shown = make_project(user, authority, title="Mit Kontakt", contact_name="Max Muster",
                         contact_email="max@example.org", contact_consent=True)  # fmt: skip
    assert (
        "Eva Beispiel"
        not in client.get(reverse("projects:detail", args=[hidden.slug])).content.decode()
    )
    page = client.get(reverse("projects:detail", args=[shown.slug])).content.decode()
    assert "Max Muster" in page and "max@example.org" in page


def test_hostile_markdown_is_neutralised_on_the_page(client, darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    project = make_project(
        user, authority, description="<script>alert(1)</script>[x](javascript:alert(2))"
    )
    page = client.get(reverse("projects:detail", args=[project.slug])).content.decode()
    assert "<script>alert(1)" not in page and 'href="javascript' not in page


def test_csv_and_json_exports_carry_the_licence(client, published, draft):
    response = client.get(reverse("projects:export_csv"))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [row["titel"] for row in rows] == ["Sensorgestützte Abfallsammlung"]
    assert rows[0]["lizenz"] == "dl-de/by-2-0" and rows[0]["kommunen"] == "Darmstadt"
    assert rows[0]["adresse"] == "http://testserver/smart-region/projekte/" + published.slug + "/"
    document = json.loads(client.get(reverse("projects:export_json")).content)
    assert document["lizenz"]["id"] == "dl-de/by-2-0"
    assert [p["titel"] for p in document["projekte"]] == ["Sensorgestützte Abfallsammlung"]


def test_csv_guards_against_formula_injection(client, darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    make_project(user, authority, title='=HYPERLINK("http://evil")')
    text = client.get(reverse("projects:export_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_atom_feed_lists_new_projects(client, published, draft):
    response = client.get(reverse("projects:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(response.content)
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == ["Sensorgestützte Abfallsammlung"]


def test_model_projects_import_links_hessian_municipalities(client, hessen):
    assert import_model_projects() == 73
    assert import_model_projects() == 73  # idempotent
    assert ModelProject.objects.count() == 73
    linked = set(ModelProject.objects.filter(territory__isnull=False).values_list("key", flat=True))
    assert linked == {"06411000", "06611000", "06631006", "06531"}
    page = client.get(reverse("projects:model_projects")).content.decode()
    assert "Staffel 2019 (13)" in page and "behoerden-spiegel.de" in page
    territory_page = client.get(
        reverse("core:territory_detail", args=["06631006"])
    ).content.decode()
    assert "Modellprojekt Smart Cities des Bundes, Staffel 2020" in territory_page


def test_staff_pages_need_login_and_role(client, citizen, darmstadt_staff, published):
    assert client.get(reverse("projects:desk")).status_code == 302
    login_with_second_factor(client, citizen)
    assert client.get(reverse("projects:desk")).status_code == 403


def test_municipal_user_creates_a_draft_and_keeps_input_on_errors(client, darmstadt_staff):
    user, _ = darmstadt_staff
    login_with_second_factor(client, user)
    form = {"title": "Smarte Parkplätze", "summary": "Kurz.", "description": "Lang.",
            "territory_names": "Nirgendwo-am-See", "fields": ["1"], "status": "idee",
            "transferability": "hoch", "links": "javascript:alert(1)"}  # fmt: skip
    response = client.post(reverse("projects:create"), form)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Smarte Parkplätze" in page and "Nirgendwo-am-See" in page
    assert "http://" in page  # the message about the bad link
    assert not Project.objects.exists()
    form.update(territory_names="Darmstadt (06411000)", links="https://example.org | Seite")
    response = client.post(reverse("projects:create"), form)
    project = Project.objects.get()
    assert response.status_code == 302 and project.state == Project.State.DRAFT


def test_municipal_user_cannot_claim_another_town(client, darmstadt_staff):
    user, _ = darmstadt_staff
    login_with_second_factor(client, user)
    form = {"title": "Fremd", "summary": "Kurz.", "description": "Lang.",
            "territory_names": "06611000", "fields": ["1"], "status": "idee",
            "transferability": "hoch"}  # fmt: skip
    response = client.post(reverse("projects:create"), form)
    assert response.status_code == 400 and "Ihre eigene Kommune" in response.content.decode()


def test_other_municipality_gets_404_on_a_foreign_project(client, kassel_staff, draft):
    login_with_second_factor(client, kassel_staff[0])
    assert client.get(reverse("projects:manage", args=[draft.pk])).status_code == 404
    response = client.post(reverse("projects:act", args=[draft.pk]), {"action": "submit"})
    assert response.status_code == 404


def test_office_returns_with_comment_via_the_page(client, office, darmstadt_staff, draft):
    user, _ = darmstadt_staff
    login_with_second_factor(client, user)
    client.post(reverse("projects:act", args=[draft.pk]), {"action": "submit"})
    client.force_login(office)
    login_with_second_factor(client, office)
    response = client.post(
        reverse("projects:act", args=[draft.pk]), {"action": "return", "comment": ""}
    )
    assert response.status_code == 400 and "überarbeitet" in response.content.decode()
    client.post(
        reverse("projects:act", args=[draft.pk]), {"action": "return", "comment": "Mehr Zahlen"}
    )
    draft.refresh_from_db()
    assert draft.state == Project.State.RETURNED and draft.review_comment == "Mehr Zahlen"


def test_list_shows_where_the_projects_are(client, darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    make_project(user, authority, keys=("06411000", "06611000"))
    page = client.get(reverse("projects:index")).content.decode()
    assert '<svg class="svg-map__canvas"' in page and "Projekte je Kommune" in page
    assert page.count('href="/gebiete/06611000/"') >= 2  # a map mark and a table row
    make_project(user, authority, title="Nur in Darmstadt")
    filtered = client.get(reverse("projects:index") + "?kreis=06611").content.decode()
    assert 'href="/gebiete/06611000/"' in filtered
    assert "Nur in Darmstadt" not in filtered and "1 Projekt" in filtered


def test_the_hub_is_reachable_from_home_and_staff_home(client, darmstadt_staff):
    home = client.get(reverse("core:home")).content.decode()
    for name in ("projects:index", "coverage:dashboard", "consulting:index"):
        assert f'href="{reverse(name)}"' in home
    login_with_second_factor(client, darmstadt_staff[0])
    staff_home = client.get(reverse("authentication:staff_home")).content.decode()
    assert f'href="{reverse("projects:desk")}"' in staff_home
    assert f'href="{reverse("consulting:index")}"' in staff_home


def test_page_links_are_a_window_with_first_and_last(rf):
    from rathaus.projects.finder import Found, ProjectQuery
    from rathaus.projects.presentation import page_links

    links = page_links(
        ProjectQuery(text="x"), Found(total=500, page=10, pages=25, projects=[], facets=[])
    )
    assert [number for number, *_ in links] == [1, 8, 9, 10, 11, 12, 25]
    assert [gap for *_, gap in links] == [False, True, False, False, False, False, True]
    assert links[3][2] is True and "seite=10" in links[3][1] and "q=x" in links[3][1]


def test_typing_is_kept_when_the_draft_was_submitted_meanwhile(client, darmstadt_staff, draft):
    from rathaus.projects import editorial

    user, _ = darmstadt_staff
    login_with_second_factor(client, user)
    page = client.get(reverse("projects:manage", args=[draft.pk]))
    assert page.context["form"] is not None
    editorial.submit(user, draft)  # a colleague submits while she types
    form = {"title": "Mein neuer Titel", "summary": "Kurz.", "description": "Lang.",
            "territory_names": "06411000", "fields": ["1"], "status": "idee",
            "transferability": "hoch"}  # fmt: skip
    response = client.post(reverse("projects:manage", args=[draft.pk]), form)
    text = response.content.decode()
    assert response.status_code == 400 and "Nicht gespeichert" in text
    assert 'value="Mein neuer Titel"' in text
    draft.refresh_from_db()
    assert draft.draft.title == "Geheimer Entwurf"


def test_english_notices_after_workflow_steps(client, darmstadt_staff, draft):
    user, _ = darmstadt_staff
    login_with_second_factor(client, user)
    from django.utils import translation

    response = client.post("/en" + reverse("projects:act", args=[draft.pk]), {"action": "submit"},
                           follow=True)  # fmt: skip
    with translation.override("en"):
        notice = translation.gettext("Das Projekt ist zur Prüfung eingereicht.")
    assert notice != "Das Projekt ist zur Prüfung eingereicht."
    assert [str(m) for m in response.context["messages"]] == [notice]
    draft.refresh_from_db()
    assert draft.state == Project.State.SUBMITTED


def test_feed_survives_control_characters_and_marks_examples(client, darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    project = make_project(user, authority, title="Titel\x0bmit Steuerzeichen")
    Project.objects.filter(pk=project.pk).update(is_example=True)
    feed = ET.fromstring(client.get(reverse("projects:feed")).content)  # well-formed XML
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:entry/a:title", ns).text == "Beispiel: Titelmit Steuerzeichen"


def test_titles_never_shadow_the_project_routes(darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    project = make_project(user, authority, title="Verwaltung")
    assert project.slug == "projekt-verwaltung"


def test_more_than_fifty_municipalities_are_refused_not_dropped(client, darmstadt_staff):
    login_with_second_factor(client, darmstadt_staff[0])
    lines = "\n".join(["06411000"] * 51)
    form = {"title": "Groß", "summary": "Kurz.", "description": "Lang.", "territory_names": lines,
            "fields": ["1"], "status": "idee", "transferability": "hoch"}  # fmt: skip
    response = client.post(reverse("projects:create"), form)
    assert response.status_code == 400 and "höchstens 50 Kommunen" in response.content.decode()


def test_reindex_command_rebuilds_the_search_index(published):
    from io import StringIO

    from django.core.management import call_command

    from rathaus.search.models import SearchEntry

    SearchEntry.objects.all().delete()
    out = StringIO()
    call_command("reindex_projects", stdout=out)
    assert "1 published projects" in out.getvalue()
    assert SearchEntry.objects.filter(kind="projects.project").count() == 1


def test_a_second_click_on_save_makes_no_second_project(client, darmstadt_staff):
    login_with_second_factor(client, darmstadt_staff[0])
    page = client.get(reverse("projects:create"))
    token = page.context["form"].initial["submit_token"]
    assert f'name="submit_token" value="{token}"' in page.content.decode()
    form = {"title": "Smarte Bänke", "summary": "Kurz.", "description": "Lang.",
            "territory_names": "06411000", "fields": ["1"], "status": "idee",
            "transferability": "hoch", "submit_token": str(token)}  # fmt: skip
    first = client.post(reverse("projects:create"), form)
    second = client.post(reverse("projects:create"), form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] and Project.objects.count() == 1
    form["submit_token"] = ""  # a form without the token still works, once per click
    assert client.post(reverse("projects:create"), form).status_code == 302
    assert Project.objects.count() == 2


def test_the_office_desk_pages_through_many_projects(client, office, darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    for number in range(52):
        make_project(user, authority, publish=False, title=f"Entwurf {number}")
    login_with_second_factor(client, office)
    page = client.get(reverse("projects:desk"))
    assert len(page.context["projects"]) == 50 and "seite=2" in page.content.decode()
    assert len(client.get(reverse("projects:desk"), {"seite": "2"}).context["projects"]) == 2
    assert client.get(reverse("projects:desk"), {"seite": "x"}).status_code == 200
