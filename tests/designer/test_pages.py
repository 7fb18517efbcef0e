"""The designer's pages without JavaScript: one change per request, page reload.

Requirement: a designer who never saw the YAML starts a service, adds steps and fields,
edits a field's attributes through a form built from the schema, sees problems linked
to their place, previews the step with the citizen's templates, and publishes; bad input
is shown at its input with everything typed kept; a stale form is refused with a link to
the other change; other authorities' services are read-only.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.authentication.testing import login_with_second_factor
from rathaus.core.models import Authority
from rathaus.definitions.models import Definition, DefinitionVersion
from rathaus.definitions.services import SHIPPED_DIR, current_version, load_shipped
from rathaus.designer import services
from rathaus.designer.models import TrialRun
from rathaus.designer.trials import purge_trial_runs
from rathaus.submissions.models import Submission
from tests.cases.test_declared_workflow import WORKFLOW

pytestmark = pytest.mark.django_db
BASE = "/verwaltung/dienste/"


def start_empty(client, title="Geburt anzeigen"):
    return client.post(
        f"{BASE}neu/", {"start": "leer", "leer-title": title, "leer-title_en": "", "leer-slug": ""}
    )


def head(slug="geburt-anzeigen"):
    return DefinitionVersion.objects.filter(definition__slug=slug).order_by("-number").first()


def change(client, base, **data):
    return client.post(f"{BASE}geburt-anzeigen/aendern/", {"base": base, **data})


def test_only_designers_reach_the_designer(client, land):
    assert client.get(BASE).status_code == 302  # to the login
    authority = Authority.objects.create(name="A", slug="a", territory=land)
    clerk = accounts.create_staff(
        "clerk@example.org", "Ein-langes-Passwort-2026", authority, Role.CLERK
    )
    login_with_second_factor(client, clerk)
    assert client.get(BASE).status_code == 403


def test_start_empty_add_step_and_field_edit_and_see_problems(designer):
    response = start_empty(designer)
    assert response.status_code == 302 and response.url == f"{BASE}geburt-anzeigen/"
    page = designer.get(response.url).content.decode()
    assert "Geburt anzeigen" in page and "Dieser Schritt hat noch keine Felder." in page
    assert f'href="{BASE}geburt-anzeigen/schritte/angaben/' in page  # the problem links to its step
    change(designer, 1, action="add_field", step="angaben", type="text", label="Vorname des Kindes")
    change(designer, 2, action="add_step", title="Eltern")
    change(designer, 3, action="add_field", step="eltern", type="yesno", label="Verheiratet?")
    version = head()
    assert version.number == 4 and version.problem_count == 0
    assert [s["id"] for s in version.document["steps"]] == ["angaben", "eltern"]

    url = f"{BASE}geburt-anzeigen/felder/vorname_des_kindes/"
    form = designer.get(url).content.decode()
    assert 'name="label_de"' in form and 'name="max_length"' in form and "Vorschau" in form
    response = designer.post(
        url,
        {
            "base": 4,
            "id": "vorname_des_kindes",
            "label_de": "Vorname des Kindes",
            "label_en": "Child's given name",
            "required": "on",
            "max_length": "80",
            "min_length": "0",
            "help_de": "Wie im Geburtsschein",
            "help_en": "",
        },
    )
    assert response.status_code == 302
    field = head().document["steps"][0]["fields"][0]
    assert field == {
        "id": "vorname_des_kindes",
        "type": "text",
        "required": True,
        "max_length": 80,
        "label": {"de": "Vorname des Kindes", "en": "Child's given name"},
        "help": "Wie im Geburtsschein",
    }
    preview = designer.get(url).content.decode()
    assert "Wie im Geburtsschein" in preview  # the citizen's template renders the hint


def test_bad_input_is_shown_at_its_input_and_kept(designer):
    start_empty(designer)
    change(designer, 1, action="add_field", step="angaben", type="text", label="Vorname")
    url = f"{BASE}geburt-anzeigen/felder/vorname/"
    response = designer.post(
        url,
        {
            "base": 2,
            "id": "Vor name",
            "label_de": "Vorname ✓",
            "label_en": "",
            "max_length": "5000",
            "min_length": "0",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Vor name"' in html and 'value="Vorname ✓"' in html and 'value="5000"' in html
    assert "Fehler:" in html
    assert head().number == 2  # nothing stored


def test_stale_form_is_refused_with_a_link_to_the_other_change(designer, publisher_user):
    client = Client()
    start_empty(designer)
    change(designer, 1, action="add_field", step="angaben", type="text", label="Vorname")
    url = f"{BASE}geburt-anzeigen/felder/vorname/"
    login_with_second_factor(client, publisher_user)
    designer.post(
        url,
        {
            "base": 2,
            "id": "vorname",
            "label_de": "Vorname (A)",
            "max_length": "200",
            "min_length": "0",
        },
    )
    response = client.post(
        url,
        {
            "base": 2,
            "id": "vorname",
            "label_de": "Vorname (B)",
            "max_length": "200",
            "min_length": "0",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'value="Vorname (B)"' in html and "?von=2&amp;bis=3" in html
    assert 'name="base" value="3"' in html  # saving again applies it on top of version 3
    assert head().document["steps"][0]["fields"][0]["label"] == "Vorname (A)"


def test_publish_from_the_versions_page(client, publisher_user):
    login_with_second_factor(client, publisher_user)
    start_empty(client)
    change(client, 1, action="add_field", step="angaben", type="date", label="Geburtsdatum")
    versions = client.get(f"{BASE}geburt-anzeigen/versionen/").content.decode()
    assert "Veröffentlichen" in versions
    client.post(f"{BASE}geburt-anzeigen/v2/veroeffentlichen/")
    assert current_version("geburt-anzeigen").number == 2


def test_others_definitions_are_read_only(designer):
    (shipped,) = load_shipped([SHIPPED_DIR / "hund-anmelden.yaml"])
    page = designer.get(f"{BASE}hund-anmelden/").content.decode()
    assert "Kopie anlegen" in page and "/aendern/" not in page
    response = designer.post(
        f"{BASE}hund-anmelden/aendern/",
        {"base": shipped.number, "action": "delete_step", "id": "hund"},
    )
    assert response.status_code == 403
    assert designer.post(f"{BASE}hund-anmelden/v1/veroeffentlichen/").status_code == 302
    assert Definition.objects.get(slug="hund-anmelden").versions.count() == 1


def test_start_from_file_and_export_round_trip(designer):
    raw = (
        (SHIPPED_DIR / "hund-anmelden.yaml")
        .read_bytes()
        .replace(b"slug: hund-anmelden", b"slug: hund-neu")
    )
    response = designer.post(
        f"{BASE}neu/", {"start": "datei", "datei-file": SimpleUploadedFile("h.yaml", raw)}
    )
    assert response.status_code == 302
    exported = designer.get(f"{BASE}hund-neu/v1.yaml")
    assert exported["Content-Disposition"] == 'attachment; filename="hund-neu-v1.yaml"'
    again = designer.post(
        f"{BASE}neu/",
        {"start": "datei", "datei-file": SimpleUploadedFile("h.yaml", exported.content)},
    )
    assert again.status_code == 302
    assert head("hund-neu").number == 1  # the same document: nothing new stored


def test_test_run_fills_and_submits_without_reaching_a_clerk(designer):
    start_empty(designer)
    change(designer, 1, action="add_field", step="angaben", type="text", label="Vorname")
    designer.post(
        f"{BASE}geburt-anzeigen/felder/vorname/",
        {
            "base": 2,
            "id": "vorname",
            "label_de": "Vorname",
            "required": "on",
            "max_length": "200",
            "min_length": "0",
        },
    )
    change(designer, 3, action="add_fee", label="Gebühr")
    response = designer.post(f"{BASE}geburt-anzeigen/testlauf/")
    run = TrialRun.objects.get()
    assert response.url == f"{BASE}geburt-anzeigen/testlauf/{run.pk}/1/"
    page = designer.get(response.url).content.decode()
    assert "Testlauf" in page and 'name="vorname"' in page
    refused = designer.post(response.url, {"vorname": ""})
    assert refused.status_code == 400 and "Fehler:" in refused.content.decode()
    designer.post(response.url, {"vorname": "Mia"})
    check = designer.get(f"{BASE}geburt-anzeigen/testlauf/{run.pk}/pruefen/").content.decode()
    assert "Mia" in check and "Testantrag einreichen" in check
    designer.post(f"{BASE}geburt-anzeigen/testlauf/{run.pk}/pruefen/")
    run.refresh_from_db()
    assert run.submitted_at is not None and not Submission.objects.exists()
    assert purge_trial_runs(timezone.now()) == 0
    assert purge_trial_runs(timezone.now() + timedelta(hours=25)) == 1


def test_workflow_is_chosen_from_another_service_and_placeholders_are_listed(designer):
    start_empty(designer, "Mit Ablauf")
    designer.post(
        f"{BASE}mit-ablauf/aendern/",
        {"base": 1, "action": "add_field", "step": "angaben", "type": "text", "label": "Name"},
    )
    own = head("mit-ablauf")
    services.save(
        own.created_by, own.definition, own.number, lambda d: {**d, "workflow": WORKFLOW}, "Ablauf"
    )
    start_empty(designer)
    change(designer, 1, action="add_field", step="angaben", type="text", label="Vorname")
    page = designer.get(f"{BASE}geburt-anzeigen/ablauf/").content.decode()
    assert "Ablauf von „Mit Ablauf“ übernehmen" in page
    designer.post(f"{BASE}geburt-anzeigen/ablauf/", {"base": 2, "workflow": "mit-ablauf"})
    assert head().document["workflow"]["initial"] == WORKFLOW["initial"]
    designer.post(f"{BASE}geburt-anzeigen/ablauf/", {"base": 3, "workflow": "default"})
    assert "workflow" not in head().document  # the default is left out, as in a file
    change(designer, 4, action="add_decision", outcome="bewilligt")
    page = designer.get(f"{BASE}geburt-anzeigen/bescheide/0/").content.decode()
    assert "{reference}" in page and "{answer.vorname}" in page


def test_fields_are_added_to_a_repeating_group(designer):
    start_empty(designer)
    change(designer, 1, action="add_field", step="angaben", type="group", label="Kinder")
    page = designer.get(f"{BASE}geburt-anzeigen/").content.decode()
    assert "Feld zur Gruppe hinzufügen" in page
    change(
        designer,
        2,
        action="add_field",
        step="angaben",
        type="date",
        label="Geburtsdatum",
        group="kinder",
    )
    group = head().document["steps"][0]["fields"][0]
    assert [m["id"] for m in group["fields"]] == ["kinder_name", "geburtsdatum"]
    assert head().problem_count == 0


def test_other_authorities_see_the_published_version_not_the_draft(publisher_user, stranger):
    client = Client()
    login_with_second_factor(client, publisher_user)
    start_empty(client, "Geteilt")
    client.post(
        f"{BASE}geteilt/aendern/",
        {
            "base": 1,
            "action": "add_field",
            "step": "angaben",
            "type": "text",
            "label": "Veröffentlicht",
        },
    )
    client.post(f"{BASE}geteilt/v2/veroeffentlichen/")
    client.post(f"{BASE}geteilt/nachnutzung/", {"reusable": "1"})
    client.post(
        f"{BASE}geteilt/aendern/",
        {
            "base": 2,
            "action": "add_field",
            "step": "angaben",
            "type": "text",
            "label": "Noch geheim",
        },
    )
    other = Client()
    login_with_second_factor(other, stranger)
    page = other.get(f"{BASE}geteilt/").content.decode()
    assert "Veröffentlicht" in page and "Noch geheim" not in page
    assert (
        other.get(f"{BASE}geteilt/felder/noch_geheim/").status_code == 302
    )  # not in what she sees
    assert (
        other.post(
            f"{BASE}geteilt/aendern/", {"base": 3, "action": "delete_step", "id": "angaben"}
        ).status_code
        == 403
    )
