"""Who may open which page of the organisers' back office.

The matrix calls every route of ``rathaus.events.urls.backoffice`` as each actor on event
A: a new route is part of the matrix and fails it until it has an expectation. Organisers
of event B get 404 on everything of A (its existence does not leak); other staff too;
citizens 403; anonymous visitors go to the login.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.authentication.testing import login_with_second_factor
from rathaus.core.models import Authority, Territory
from rathaus.events.models import Event, Exhibitor, Material, Registration, Session, Speaker
from rathaus.events.urls import backoffice as urls_backoffice
from rathaus.organisations.services import (
    create_municipal_staff,
)

pytestmark = pytest.mark.django_db

PASSWORD = "Ein-langes-Passwort-2026"


@dataclass
class World:
    office: User
    organiser_a: User
    organiser_b: User
    other_staff: User
    citizen: User
    event_a: Event
    event_b: Event
    office_authority: Authority


def staff_client(user: User) -> Client:
    client = Client()
    login_with_second_factor(client, user)
    return client


def authority(slug: str, key: str) -> Authority:
    return Authority.objects.create(name=slug.title(), slug=slug,
                                    territory=Territory.objects.get(key=key))  # fmt: skip


def make_event(organiser: Authority, title: str, days: int = 30, capacity: int = 3) -> Event:
    starts = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return Event.objects.create(
        slug=title.lower().replace(" ", "-"), title=title, kind=Event.Kind.CONGRESS,
        format=Event.Format.IN_PERSON, state=Event.State.PUBLISHED, summary="Kurz.",
        starts_at=starts, ends_at=starts + timedelta(hours=8), capacity=capacity,
        organiser=organiser, retention_until=(starts + timedelta(days=90)).date(),
    )  # fmt: skip


def register(event: Event, given: str, family: str, status: str = "confirmed", **extra):
    email = extra.pop("email", f"{given}.{family}@example.org".lower())
    return Registration.objects.create(event=event, status=status, given_name=given,
                                       family_name=family, email=email, **extra)  # fmt: skip


def make_world() -> World:
    """Two events with one organiser each, the office, other staff and a citizen."""
    office_authority = authority("smart-region", "06")
    darmstadt, kassel = authority("darmstadt", "06411000"), authority("kassel", "06611000")
    office = accounts.create_staff("office@example.org", PASSWORD, office_authority,
                                   Role.SMART_REGION)  # fmt: skip
    organiser_a = create_municipal_staff("a@example.org", PASSWORD, darmstadt)
    organiser_b = create_municipal_staff("b@example.org", PASSWORD, kassel)
    other = accounts.create_staff("clerk@example.org", PASSWORD, darmstadt, Role.CLERK)
    citizen = accounts.create_citizen("c@example.org", PASSWORD, given_names="C", family_name="C")
    event_a = make_event(office_authority, "Kongress A")
    event_b = make_event(office_authority, "Forum B")
    event_a.organisers.add(organiser_a)
    event_b.organisers.add(organiser_b)
    register(event_a, "Anna", "Alpha", municipality=Territory.objects.get(key="06411000"))
    register(event_b, "Bert", "Beta")
    return World(office, organiser_a, organiser_b, other, citizen, event_a, event_b,
                 office_authority)  # fmt: skip


@pytest.fixture
def world(hessen) -> World:
    return make_world()


POST_ROUTES = {
    "manage_state", "manage_material_publish", "manage_material_delete",
    "manage_registration_action", "manage_team_remove", "manage_check",
    "manage_programme_delete", "manage_speakers_delete", "manage_exhibitors_delete",
}  # fmt: skip
NOT_FOUND = {name: 404 for name in (
    "manage_event", "manage_edit", "manage_state", "manage_copy", "manage_materials",
    "manage_material_publish", "manage_material_delete", "manage_registrations",
    "manage_registration_action", "manage_messages", "manage_team", "manage_team_remove",
    "manage_checkin", "manage_check", "manage_export", "manage_badges", "manage_name_list",
    "manage_statistics", "manage_programme", "manage_programme_item", "manage_programme_delete",
    "manage_speakers", "manage_speakers_item", "manage_speakers_delete", "manage_exhibitors",
    "manage_exhibitors_item", "manage_exhibitors_delete",
)}  # fmt: skip
OTHER = {**NOT_FOUND, "manage_index": 200, "manage_create": 403}
MANAGER = {
    "manage_index": 200, "manage_create": 403, "manage_event": 200, "manage_edit": 200,
    "manage_state": 400, "manage_copy": 403, "manage_materials": 200,
    "manage_material_publish": 302, "manage_material_delete": 302,
    "manage_registrations": 200, "manage_registration_action": 302, "manage_messages": 200,
    "manage_team": 200, "manage_team_remove": 403, "manage_checkin": 200, "manage_check": 302,
    "manage_export": 200, "manage_badges": 200, "manage_name_list": 200,
    "manage_statistics": 200, "manage_programme": 200, "manage_programme_item": 200,
    "manage_programme_delete": 302, "manage_speakers": 200, "manage_speakers_item": 200,
    "manage_speakers_delete": 302, "manage_exhibitors": 200, "manage_exhibitors_item": 200,
    "manage_exhibitors_delete": 302,
}  # fmt: skip
EXPECTED = {
    "office": {**MANAGER, "manage_create": 200, "manage_copy": 200, "manage_team_remove": 302},
    "organiser A": MANAGER,
    "organiser B": OTHER,
    "other staff": OTHER,
}


def fixtures_of(event: Event) -> dict[str, int]:
    """Fresh items of ``event`` for the routes that take one."""
    starts = event.starts_at
    ends = starts + timedelta(hours=1)
    session = Session.objects.create(
        event=event, kind="vortrag", title="Vortrag", starts_at=starts, ends_at=ends
    )
    speaker = Speaker.objects.create(event=event, name="Sprecherin")
    exhibitor = Exhibitor.objects.create(event=event, organisation="Firma")
    material = Material.objects.create(session=session, kind="video", title="Film",
                                       url="https://example.org/film")  # fmt: skip
    number = Registration.objects.count()
    person = register(event, "Xaver", f"Yps{number}", email=f"x{number}@example.org")
    return {"session": session.pk, "speaker": speaker.pk, "exhibitor": exhibitor.pk,
            "material": material.pk, "registration": person.pk}  # fmt: skip


def url_of(pattern: URLPattern, event: Event, items: dict[str, int], member: User) -> str:
    groups = pattern.pattern.regex.groupindex
    kwargs: dict[str, object] = {}
    if "pk" in groups:
        kwargs["pk"] = event.pk
    if "item_pk" in groups:
        section = (pattern.default_args or {}).get("section", "material")
        kwargs["item_pk"] = items[{"programme": "session", "speakers": "speaker",
                                   "exhibitors": "exhibitor"}.get(section, "material")]  # fmt: skip
    if "registration_pk" in groups:
        kwargs["registration_pk"] = items["registration"]
    if "action" in groups:
        kwargs["action"] = "warteliste"
    if "user_pk" in groups:
        kwargs["user_pk"] = member.pk
    return reverse(f"events:{pattern.name}", kwargs=kwargs)


def routes(event: Event, member: User) -> list[tuple[str, str, str]]:
    items = fixtures_of(event)
    found = []
    for pattern in urls_backoffice.urlpatterns:
        assert isinstance(pattern, URLPattern)
        name = str(pattern.name)
        method = "post" if name in POST_ROUTES else "get"
        found.append((name, url_of(pattern, event, items, member), method))
    return found


def test_every_route_answers_each_actor_as_expected(world):
    names = {str(p.name) for p in urls_backoffice.urlpatterns}
    assert names == set(MANAGER), "a new route needs its expectations in this matrix"
    actors = {"office": world.office, "organiser A": world.organiser_a,
              "organiser B": world.organiser_b, "other staff": world.other_staff}  # fmt: skip
    for actor, user in actors.items():
        client = staff_client(user)
        for name, url, method in routes(world.event_a, world.organiser_a):
            response = getattr(client, method)(url, {"action": "unknown"})
            assert response.status_code == EXPECTED[actor][name], (actor, name, url)
            world.event_a.organisers.add(world.organiser_a)  # the office removed her


def test_citizens_get_403_and_anonymous_visitors_the_login(world, client):
    citizen = Client()
    citizen.force_login(world.citizen)
    for _name, url, method in routes(world.event_a, world.organiser_a):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/anmelden/" in response["Location"]
        assert getattr(citizen, method)(url).status_code == 403


def test_staff_without_second_factor_is_sent_to_it(world):
    client = Client()
    client.force_login(world.organiser_a)
    response = client.get(reverse("events:manage_registrations", args=[world.event_a.pk]))
    assert response.status_code == 302 and "/konto/sicherheit/" in response["Location"]


def test_organiser_b_never_sees_the_participants_of_a(world):
    client = staff_client(world.organiser_b)
    for name in ("manage_registrations", "manage_export", "manage_badges",
                 "manage_name_list", "manage_statistics", "manage_checkin"):  # fmt: skip
        assert client.get(reverse(f"events:{name}", args=[world.event_a.pk])).status_code == 404
    page = client.get(reverse("events:manage_index")).content.decode()
    assert "Forum B" in page and "Kongress A" not in page
    own = client.get(reverse("events:manage_registrations", args=[world.event_b.pk]))
    assert "Beta" in own.content.decode() and "Alpha" not in own.content.decode()


def test_the_office_grants_rights_on_the_team_page(world):
    office = staff_client(world.office)
    url = reverse("events:manage_team", args=[world.event_a.pk])
    response = office.post(url, {"email": "B@example.org"})
    assert response.status_code == 302
    assert world.event_a.organisers.filter(pk=world.organiser_b.pk).exists()
    organiser_b = staff_client(world.organiser_b)
    page = organiser_b.get(reverse("events:manage_registrations", args=[world.event_a.pk]))
    assert page.status_code == 200 and "Alpha" in page.content.decode()
    refused = office.post(url, {"email": "c@example.org"})  # a citizen, not staff
    assert refused.status_code == 400
    assert "Zu dieser E-Mail-Adresse gibt es kein Dienstkonto." in refused.content.decode()
    removal = reverse("events:manage_team_remove", args=[world.event_a.pk, world.organiser_b.pk])
    assert office.post(removal).status_code == 302
    assert (
        organiser_b.get(reverse("events:manage_event", args=[world.event_a.pk])).status_code == 404
    )


def test_organisers_may_not_change_the_team(world):
    client = staff_client(world.organiser_a)
    url = reverse("events:manage_team", args=[world.event_a.pk])
    assert client.post(url, {"email": "b@example.org"}).status_code == 403
    assert "Zum Team hinzufügen" not in client.get(url).content.decode()
