"""Platform admins maintain the catalogue and its offers in the admin; definitions are
read-only there (they are uploaded and published by designers)."""

import pytest

from rathaus.accounts.models import User
from rathaus.authentication.testing import login_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, catalogue):
    admin = User.objects.create_superuser("root@example.org", "Ein-langes-Passwort-2026")
    login_with_second_factor(client, admin)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/catalog/service/",
        "/admin/catalog/service/add/",
        "/admin/catalog/offer/",
        "/admin/catalog/lifesituation/",
        "/admin/definitions/definition/",
        "/admin/cases/case/",
    ],
)
def test_admin_pages_open(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_definitions_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get("/admin/definitions/definition/add/").status_code == 403
