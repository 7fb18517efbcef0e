"""Designers upload, check, preview and publish definitions in the browser-facing pages.

Requirement: a broken file shows every problem with its path (no 500); a valid file
becomes a draft whose preview renders every step; publishing freezes the version, which
then cannot change; only designers (with their second factor) reach these pages.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.authentication.testing import login_with_second_factor
from rathaus.core.models import Authority, Territory
from rathaus.definitions.models import DefinitionVersion, PublishedVersionChanged
from rathaus.definitions.services import SHIPPED_DIR, current_version

pytestmark = pytest.mark.django_db
PASSWORD = "Ein-langes-Passwort-2026"


@pytest.fixture
def authority():
    land = Territory.objects.create(key="06", level="land", name="Hessen")
    return Authority.objects.create(name="Land", slug="land", territory=land)


@pytest.fixture
def designer(client, authority):
    user = accounts.create_staff("design@example.org", PASSWORD, authority, Role.DESIGNER)
    login_with_second_factor(client, user)
    return client


def upload(client, content: bytes, name: str = "dienst.yaml"):
    return client.post("/verwaltung/dienste/", {"file": SimpleUploadedFile(name, content)})


def test_broken_file_lists_every_problem_with_its_path(designer):
    broken = (SHIPPED_DIR / "eheurkunde.yaml").read_text().replace("max: 10", "max: zehn")
    broken = broken.replace("retention_days: 730", "retention_days: 1")
    response = upload(designer, broken.encode())
    html = response.content.decode()
    assert response.status_code == 400
    assert "<code>steps[0].fields[1].max</code>" in html
    assert "<code>retention_days</code>" in html
    assert not DefinitionVersion.objects.exists()
    assert upload(designer, b"\x00\xff garbage").status_code == 400


def test_valid_file_is_previewed_and_published(designer):
    response = upload(designer, (SHIPPED_DIR / "eheurkunde.yaml").read_bytes())
    assert response.status_code == 302 and response.url == "/verwaltung/dienste/eheurkunde/v1/"
    preview = designer.get(response.url).content.decode()
    assert "Schritt 4 von 4" in preview and "Art der Urkunde" in preview
    assert current_version("eheurkunde") is None  # still a draft
    designer.post("/verwaltung/dienste/eheurkunde/v1/veroeffentlichen/")
    version = current_version("eheurkunde")
    assert version is not None and version.number == 1
    version.document = {}
    with pytest.raises(PublishedVersionChanged):
        version.save()
    with pytest.raises(PublishedVersionChanged):
        version.delete()


def test_a_changed_file_becomes_version_two_and_the_old_one_stays(designer):
    original = (SHIPPED_DIR / "eheurkunde.yaml").read_bytes()
    upload(designer, original)
    designer.post("/verwaltung/dienste/eheurkunde/v1/veroeffentlichen/")
    assert upload(designer, original).url == "/verwaltung/dienste/eheurkunde/v1/"  # unchanged
    changed = original.replace(b"max: 10", b"max: 12")
    assert upload(designer, changed).url == "/verwaltung/dienste/eheurkunde/v2/"
    assert DefinitionVersion.objects.get(number=1).document["steps"][0]["fields"][1]["max"] == "10"


def test_only_designers_reach_the_pages(client, authority):
    assert client.get("/verwaltung/dienste/").status_code == 302  # login
    clerk = accounts.create_staff("clerk@example.org", PASSWORD, authority, Role.CLERK)
    login_with_second_factor(client, clerk)
    assert client.get("/verwaltung/dienste/").status_code == 403
