"""The header, the home page and the staff area per role (issue 12), with the demo logins.

* Staff see their staff items ("Posteingang" for clerks, "Verwaltung" for every staff
  member) instead of the citizen's "Meine Anträge" and "Postfach"; their Servicekonto
  stays under "Mein Konto". Citizens keep their items.
* No link on the home page, in the header or in the staff area answers 403 to the
  person who sees it; the consulting link is shown exactly to those who may use
  consulting, everyone else reads who can use it.
"""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.authentication.testing import login_with_second_factor
from rathaus.core.demo import load_demo
from tests.accounts.factories import PASSWORD, authority, citizen, municipal, staff
from tests.events.helpers import make_event

pytestmark = pytest.mark.django_db

PUBLIC = ["Startseite", "Leistungen", "Smart Region", "Veranstaltungen"]
CITIZEN_ITEMS = ["Meine Anträge", "Postfach", "Mein Konto"]
CLERK_ITEMS = ["Posteingang", "Verwaltung", "Mein Konto"]
STAFF_ITEMS = ["Verwaltung", "Mein Konto"]
# Personal items of the main navigation per demo login.
DEMO_ITEMS = {
    "buerger@demo.rathaus.invalid": CITIZEN_ITEMS,
    "kollegin@demo.rathaus.invalid": CITIZEN_ITEMS,
    "sachbearbeitung@demo.rathaus.invalid": CLERK_ITEMS,
    "dienstgestaltung@demo.rathaus.invalid": STAFF_ITEMS,
    "smart-region@demo.rathaus.invalid": STAFF_ITEMS,
    "kommune-darmstadt@demo.rathaus.invalid": STAFF_ITEMS,
    "kommune-kassel@demo.rathaus.invalid": STAFF_ITEMS,
    "beratung@demo.rathaus.invalid": STAFF_ITEMS,
    "landesverwaltung@demo.rathaus.invalid": STAFF_ITEMS,
    "admin@demo.rathaus.invalid": CLERK_ITEMS,
}
CONSULTING = reverse("consulting:index")
CONSULTING_NOTE = "fragen sie mit ihrem Dienstkonto an"


@pytest.fixture
def demo(hessen) -> list[str]:
    emails = [login.email for login in load_demo()]
    assert sorted(emails) == sorted(DEMO_ITEMS)  # a new demo role needs its expectation here
    return emails


def signed_in(user: User) -> Client:
    client = Client()
    login_with_second_factor(client, user)
    return client


def nav_of(page: str) -> str:
    return page.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]


def main_of(page: str) -> str:
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def links(markup: str) -> list[tuple[str, str]]:
    """(href, visible text) of every link."""
    found = re.findall(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', markup, flags=re.S)
    return [(html.unescape(href), text(label)) for href, label in found]


def internal(hrefs) -> list[str]:
    return sorted({h for h in hrefs if h.startswith("/") and not h.startswith("//")})


def test_header_shows_the_items_of_each_demo_role(demo):
    for email in demo:
        client = signed_in(User.objects.get(email=email))
        nav = nav_of(client.get("/").content.decode())
        labels = [label for _, label in links(nav)]
        assert labels == [*PUBLIC, *DEMO_ITEMS[email], "Kontakt"], email
        assert "Abmelden" in nav
        hrefs = {label: href for href, label in links(nav)}
        if "Verwaltung" in hrefs:
            assert hrefs["Verwaltung"] == reverse("authentication:staff_home")
        if "Posteingang" in hrefs:
            assert hrefs["Posteingang"] == reverse("cases:inbox") == "/verwaltung/vorgaenge/"


def test_no_link_on_home_header_or_staff_area_answers_403_to_any_demo_role(demo):
    for email in demo:
        user = User.objects.get(email=email)
        client = signed_in(user)
        pages = ["/", "/en/"]
        if accounts.is_staff_member(user):
            pages += [reverse("authentication:staff_home")]
        hrefs = []
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, (email, page)
            hrefs += [href for href, _ in links(response.content.decode())]
        for href in internal(hrefs):
            status = client.get(href).status_code
            assert status not in (403, 404), f"{email}: {href} answers {status}"


def test_consulting_link_is_shown_exactly_to_the_demo_roles_that_may_use_it(demo):
    expected = {
        "smart-region@demo.rathaus.invalid",
        "kommune-darmstadt@demo.rathaus.invalid",
        "kommune-kassel@demo.rathaus.invalid",
        "beratung@demo.rathaus.invalid",
        "admin@demo.rathaus.invalid",
    }
    for email in demo:
        client = signed_in(User.objects.get(email=email))
        home = main_of(client.get("/").content.decode())
        shown = CONSULTING in [href for href, _ in links(home)]
        may_use = client.get(CONSULTING).status_code == 200
        assert shown == may_use == (email in expected), email
        assert (CONSULTING_NOTE in text(home)) is not shown, email  # the others read who may


def test_anonymous_visitors_read_who_may_request_consulting(client):
    page = client.get("/").content.decode()
    home = main_of(page)
    assert (
        "Kostenlose Digitalisierungsberatung anfragen – nur für Beschäftigte von Städten, "
        "Gemeinden und Kreisen, nach der Anmeldung mit ihrem Dienstkonto."
    ) in text(home)
    assert (CONSULTING, "Kostenlose Digitalisierungsberatung anfragen") in links(home)
    response = client.get(CONSULTING)  # asks for the login, refuses nobody yet
    assert response.status_code == 302
    assert response.url == f"{reverse('authentication:login')}?next={CONSULTING}"
    nav = nav_of(page)
    assert [label for _, label in links(nav)] == [*PUBLIC, "Anmelden", "Kontakt"]


def test_no_link_on_the_home_page_answers_403_to_anonymous_visitors(client, hessen):
    hrefs = []
    for page in ["/", "/en/"]:
        hrefs += [href for href, _ in links(client.get(page).content.decode())]
    for href in internal(hrefs):
        status = client.get(href).status_code
        assert status not in (403, 404), f"{href} answers {status}"


def test_signed_in_people_who_may_not_use_consulting_read_who_may(hessen):
    for user in [citizen(), staff("gestaltung@example.org", Role.DESIGNER)]:
        home = main_of(signed_in(user).get("/").content.decode())
        assert CONSULTING not in dict(links(home))
        assert (
            "Kostenlose Digitalisierungsberatung: Beschäftigte von Städten, Gemeinden und "
            "Kreisen fragen sie mit ihrem Dienstkonto an, wenn es für Projekte und Beratung "
            "ihrer Kommune freigeschaltet ist."
        ) in text(home)


def test_staff_area_shows_the_way_to_each_area_of_the_role(demo):
    clerk = signed_in(User.objects.get(email="sachbearbeitung@demo.rathaus.invalid"))
    page = main_of(clerk.get(reverse("authentication:staff_home")).content.decode())
    assert ("/verwaltung/vorgaenge/", "Zum Posteingang") in links(page)
    assert CONSULTING not in dict(links(page))

    office = signed_in(User.objects.get(email="smart-region@demo.rathaus.invalid"))
    page = main_of(office.get(reverse("authentication:staff_home")).content.decode())
    hrefs = dict(links(page))
    assert reverse("projects:desk") in hrefs and CONSULTING in hrefs
    assert hrefs[reverse("events:manage_index")] == "Meine Veranstaltungen"
    assert "/verwaltung/vorgaenge/" not in hrefs


def test_a_person_with_two_staff_roles_sees_both(hessen):
    place = authority()
    both = staff("beides@example.org", Role.CLERK, place)
    both = accounts.create_staff(both.email, PASSWORD, place, Role.DESIGNER)
    client = signed_in(both)
    nav = nav_of(client.get("/").content.decode())
    assert [label for _, label in links(nav)] == [*PUBLIC, *CLERK_ITEMS, "Kontakt"]
    page = main_of(client.get(reverse("authentication:staff_home")).content.decode())
    hrefs = dict(links(page))
    assert hrefs["/verwaltung/vorgaenge/"] == "Zum Posteingang"
    assert hrefs[reverse("designer:index")] == "Online-Dienste gestalten"


def test_a_citizen_who_became_a_clerk_finds_both_sides(hessen):
    person = citizen("erika@example.org")
    person = accounts.create_staff(person.email, PASSWORD, authority(), Role.CLERK)
    client = signed_in(person)
    nav = nav_of(client.get("/").content.decode())
    assert [label for _, label in links(nav)] == [*PUBLIC, *CLERK_ITEMS, "Kontakt"]
    account = main_of(client.get(reverse("accounts:overview")).content.decode())
    hrefs = dict(links(account))
    assert hrefs[reverse("submissions:mine")] == "Meine Anträge"
    assert hrefs[reverse("postbox:inbox")] == "Postfach"
    assert hrefs[reverse("authentication:staff_home")] == "Zur Verwaltung"


def test_staff_items_mark_the_current_page_and_speak_english(hessen):
    client = signed_in(staff())
    nav = nav_of(client.get("/verwaltung/").content.decode())
    assert re.search(r'href="/verwaltung/" aria-current="page"', nav)
    nav = nav_of(client.get("/verwaltung/vorgaenge/").content.decode())
    assert re.search(r'href="/verwaltung/vorgaenge/" aria-current="page"', nav)
    with translation.override("en"):
        home = reverse("core:home")
    nav = nav_of(client.get(home).content.decode())
    assert ("/en/verwaltung/vorgaenge/", "Inbox") in links(nav)
    assert ("/en/verwaltung/", "Administration") in links(nav)


def test_staff_before_the_second_factor_are_led_to_it_not_refused(hessen):
    client = Client()
    client.force_login(staff())
    nav = nav_of(client.get("/").content.decode())
    for href in ["/verwaltung/", "/verwaltung/vorgaenge/"]:
        assert f'href="{href}"' in nav
        response = client.get(href)
        assert response.status_code == 302
        assert response.url.startswith(reverse("authentication:totp_setup"))


def test_home_leads_staff_to_the_staff_area(hessen):
    client = signed_in(staff())
    actions = client.get("/").content.decode().split('class="home-actions"', 1)[1]
    actions = actions.split("</div>", 1)[0]
    assert links(actions) == [
        (reverse("authentication:staff_home"), "Zur Verwaltung"),
        (reverse("accounts:overview"), "Zu Mein Konto"),
    ]
    client = signed_in(citizen())
    actions = client.get("/").content.decode().split('class="home-actions"', 1)[1]
    assert links(actions.split("</div>", 1)[0]) == [(reverse("accounts:overview"), "Zu Mein Konto")]


def test_an_event_team_member_finds_the_events_she_organises(hessen):
    organiser = municipal("kommune@example.org")
    other = municipal("andere@example.org")
    make_event("workshop-kommunen").organisers.add(organiser)
    events = reverse("events:manage_index")
    page = main_of(signed_in(organiser).get(reverse("authentication:staff_home")).content.decode())
    assert dict(links(page)).get(events) == "Meine Veranstaltungen"
    assert "Workshop Kommunen" in signed_in(organiser).get(events).content.decode()
    page = main_of(signed_in(other).get(reverse("authentication:staff_home")).content.decode())
    assert events not in dict(links(page))


@pytest.mark.parametrize(
    ("who", "budget"),
    # session, user, then the staff areas once per request however often the header and
    # the page ask: is staff (1), roles for the header's inbox item (1) and, on the home
    # page, the three consulting predicates (3; the office needs one).
    [("citizen", 3), ("clerk", 7), ("smart_region", 5)],
)
def test_the_staff_areas_cost_a_few_queries_per_request(hessen, who, budget):
    user = citizen() if who == "citizen" else staff(f"{who}@example.org", Role(who))
    client = signed_in(user)
    client.get("/")
    with CaptureQueriesContext(connection) as home:
        assert client.get("/").status_code == 200
    assert len(home.captured_queries) <= budget, [q["sql"] for q in home.captured_queries]
