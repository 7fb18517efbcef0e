"""The office configures topics and partners in the admin; requests are read-only there."""

import pytest

from rathaus.accounts.models import User
from rathaus.consulting.models import ConsultingTopic
from tests.consulting.helpers import PASSWORD, staff_client

pytestmark = pytest.mark.django_db


def test_topics_and_partners_are_edited_in_the_admin(world):
    admin = staff_client(User.objects.create_superuser("root@example.org", PASSWORD))
    partner = world.partner_a
    page = admin.get(f"/admin/consulting/consultingpartner/{partner.pk}/change/")
    assert page.status_code == 200
    assert "a@example.org" in page.content.decode()  # the partner's consultants
    assert "authority__id__exact" in page.content.decode()
    for url in (
        "/admin/consulting/consultingpartner/",
        "/admin/consulting/consultingpartner/add/",
        "/admin/consulting/consultingtopic/",
        "/admin/consulting/consultingrequest/",
    ):
        assert admin.get(url).status_code == 200, url
    response = admin.post("/admin/consulting/consultingtopic/add/", {
        "name": "Künstliche Intelligenz", "name_en": "Artificial intelligence", "position": "5",
        "active": "on",
    })  # fmt: skip
    assert response.status_code == 302
    assert ConsultingTopic.objects.get(name="Künstliche Intelligenz").label("en") == (
        "Artificial intelligence"
    )
    world.request()
    assert admin.get("/admin/consulting/consultingrequest/add/").status_code == 403
