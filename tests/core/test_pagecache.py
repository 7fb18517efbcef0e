"""The shared cache of public pages: anonymous pages are rendered once per content
change; a change anywhere a public page shows makes the next request render afresh;
nothing personal (a session, a form's CSRF token, messages) is ever served from it."""

from __future__ import annotations

import gzip
import re

import pytest
from django.core.cache import caches
from django.test import Client

from rathaus.catalog.loading import load_catalog
from rathaus.catalog.models import Offer, Service
from rathaus.core.models import Authority, Territory
from rathaus.core.pagecache_middleware import HEADER
from rathaus.events.models import Registration
from rathaus.projects import editorial
from rathaus.tenants import scope
from rathaus.tenants.models import Tenant
from rathaus.tenants.services import clear_cache, ensure
from tests.events.helpers import make_event
from tests.organisations.helpers import person

pytestmark = pytest.mark.django_db
START = "/leistungen/eheurkunde/beantragen/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.RATHAUS_PAGE_CACHE = True
    caches["default"].clear()
    clear_cache()
    yield
    caches["default"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A change as in production: its transaction commits (and the cache hears of it)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def get(path: str, client: Client | None = None, **extra):
    return (client or Client()).get(path, **extra)


def test_an_anonymous_page_is_rendered_once_and_then_served(hessen):
    first, second = get("/impressum/"), get("/impressum/")
    assert first[HEADER] == "miss" and second[HEADER] == "hit"
    assert first.content == second.content
    del first[HEADER], second[HEADER]
    assert list(second.headers.items()) == list(first.headers.items())  # the same headers
    assert get("/en/impressum/")[HEADER] == "miss"  # each language its own page
    assert get("/impressum/?x=1")[HEADER] == "miss"  # and each query


def test_nothing_personal_is_served_from_or_kept_in_the_cache(hessen):
    get("/")
    signed_in = Client()
    signed_in.force_login(person("eva@example.org"))
    page = signed_in.get("/")
    assert HEADER not in page and "eva@example.org" not in get("/").content.decode()
    with_messages = Client()
    with_messages.cookies["messages"] = "x"
    assert HEADER not in with_messages.get("/")


def test_a_page_with_a_form_gets_each_visitor_his_own_csrf_token(hessen):
    """A CSRF token belongs to one visitor: the kept page has none; each answer carries a
    token of the visitor's own secret (his cookie's, or a new one it sets), and the form
    posts with it."""
    load_catalog()
    darmstadt = Territory.objects.get(key="06411000")
    office = Authority.objects.create(name="Bürgerbüro", slug="bb", territory=darmstadt)
    Offer.objects.create(service=Service.objects.get(slug="eheurkunde"), authority=office,
                         territory=darmstadt)  # fmt: skip
    from rathaus.definitions.services import SHIPPED_DIR, load_shipped

    load_shipped([SHIPPED_DIR / "eheurkunde.yaml"])
    path = "/leistungen/eheurkunde/?gemeinde=06411000"
    first = Client(enforce_csrf_checks=True).get(path)
    assert first[HEADER] == "miss"
    mine = TOKEN.search(first.content.decode()).group(1).encode()
    assert not any(mine in entry for entry in caches["default"]._cache.values())  # locmem
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [visitor.get(path, HTTP_ACCEPT_ENCODING="gzip") for visitor in visitors]
    assert all(page[HEADER] == "hit" and "private" in page["Cache-Control"] for page in pages)
    assert not any(page.has_header("Content-Encoding") for page in pages)  # token put in
    secrets = [visitor.cookies["csrftoken"].value for visitor in visitors]
    assert secrets[0] != secrets[1]
    again = visitors[0].get(path)  # a visitor with a cookie keeps his secret
    assert again[HEADER] == "hit" and again.cookies["csrftoken"].value == secrets[0]
    for visitor, page in zip(visitors, pages, strict=True):
        token = TOKEN.search(page.content.decode())
        start = visitor.post(START, {"csrfmiddlewaretoken": token.group(1), "gemeinde": "06411000"})
        assert start.status_code == 302 and "/schritt/1/" in start["Location"]
    foreign = Client(enforce_csrf_checks=True)
    token = TOKEN.search(pages[0].content.decode())
    refused = foreign.post(START, {"csrfmiddlewaretoken": token.group(1), "gemeinde": "06411000"})
    assert refused.status_code == 403  # another visitor's token is worth nothing


def test_legal_texts_changed_by_the_land_show_at_once(hessen, committed):
    assert get("/impressum/")[HEADER] == "miss"
    tenant = Tenant.objects.get(slug="hessen")
    with committed():
        tenant.imprint = "Neues Impressum: Ministerium, Kaiser-Friedrich-Ring 75"
        tenant.save()
    clear_cache()
    page = get("/impressum/")
    assert page[HEADER] == "miss" and "Kaiser-Friedrich-Ring 75" in page.content.decode()


def test_a_changed_service_and_offer_show_in_the_catalogue_at_once(hessen, committed):
    load_catalog()
    assert get("/leistungen/")[HEADER] == "miss" and get("/leistungen/")[HEADER] == "hit"
    with committed():
        service = Service.objects.get(slug="hund-anmelden")
        service.name = "Hund zur Steuer anmelden"
        service.save()
    assert "Hund zur Steuer anmelden" in get("/leistungen/").content.decode()
    darmstadt = Territory.objects.get(key="06411000")
    get("/leistungen/?gemeinde=06411000")
    with committed():
        office = Authority.objects.create(name="Bürgerbüro", slug="bb", territory=darmstadt)
        Offer.objects.create(service=service, authority=office, territory=darmstadt)
    assert get("/leistungen/?gemeinde=06411000")[HEADER] == "miss"


def test_a_published_project_shows_in_the_search_at_once(hessen, committed):
    from tests.projects.conftest import _staff, content

    office = _staff("office@smart-region.example", "06", "smart_region")[0]
    authority = Authority.objects.get(slug="auth-06-smart_region")
    assert "Sensorgestützte Abfallsammlung" not in get("/smart-region/projekte/").content.decode()
    with committed():
        project = editorial.create_project(office, authority, content())
        editorial.submit(office, project)
        editorial.publish(office, project)
    page = get("/smart-region/projekte/")
    assert page[HEADER] == "miss" and "Sensorgestützte Abfallsammlung" in page.content.decode()


def test_an_event_change_and_a_registration_show_at_once(hessen, committed):
    with committed():
        event = make_event("forum", capacity=2)
    path = f"/veranstaltungen/{event.slug}/"
    get(path)
    assert get(path)[HEADER] == "hit"
    with committed():
        event.title = "Regionalforum Süd"
        event.save()
    assert "Regionalforum Süd" in get("/veranstaltungen/").content.decode()
    before = get(path)
    with committed():
        Registration.objects.create(event=event, status="confirmed", given_name="Anna",
                                    family_name="Alpha", email="anna@example.org")  # fmt: skip
    after = get(path)
    assert after[HEADER] == "miss" and after.content != before.content  # seats left


def test_shared_content_reaches_every_land_and_a_lands_change_only_its_own(
    hessen, hamburg, committed
):
    land = Territory.objects.get(key="02")
    hamburg = ensure("hamburg")
    get("/impressum/", HTTP_HOST="hamburg.localhost")
    get("/impressum/", HTTP_HOST="hessen.localhost")
    with committed(), scope.activate(hamburg):
        Authority.objects.create(name="Amt", slug="hh-amt", territory=land)
    assert get("/impressum/", HTTP_HOST="hessen.localhost")[HEADER] == "hit"
    assert get("/impressum/", HTTP_HOST="hamburg.localhost")[HEADER] == "miss"
    with committed():
        Territory.objects.filter(key="06411000").get().save()  # territory: every Land's
    assert get("/impressum/", HTTP_HOST="hessen.localhost")[HEADER] == "miss"


def test_private_writes_keep_the_cache(hessen, committed):
    get("/")
    with committed():
        person("someone@example.org")  # a user and a profile: no public page shows them
    assert get("/")[HEADER] == "hit"


def test_a_browser_that_has_the_page_gets_304_and_shared_caches_must_ask(hessen):
    first = get("/impressum/")
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "Cookie" in first["Vary"] and first["ETag"] and first["Last-Modified"]
    again = get("/impressum/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content
    assert get("/impressum/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_browser_accepting_gzip_gets_the_kept_page_compressed(hessen):
    plain = get("/impressum/")
    assert "Accept-Encoding" in plain["Vary"] and "Content-Encoding" not in plain
    packed = get("/impressum/", HTTP_ACCEPT_ENCODING="br, gzip;q=0.9, deflate")
    assert packed[HEADER] == "hit" and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
    assert packed["ETag"] == f"W/{plain['ETag']}" and "Accept-Encoding" in packed["Vary"]
    assert get("/impressum/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"]
               ).status_code == 304  # fmt: skip
    assert "Content-Encoding" not in get("/impressum/", HTTP_ACCEPT_ENCODING="identity")


def test_one_search_spelled_two_ways_is_one_page_and_long_queries_are_not_kept(hessen):
    assert get("/leistungen/?q=Pass&gemeinde=")[HEADER] == "miss"
    assert get("/leistungen/?gemeinde=&q=Pass")[HEADER] == "hit"
    long = "/leistungen/?q=" + "x" * 300
    assert HEADER not in get(long) and HEADER not in get(long)


def test_pages_of_a_signed_in_visitor_are_private(hessen):
    client = Client()
    client.force_login(person("eva@example.org"))
    assert "private" in client.get("/")["Cache-Control"]


def test_a_response_with_a_nonce_is_not_kept():
    """A CSP nonce is one response's; a page carrying one is never served to another."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from rathaus.core.pagecache_middleware import _storable

    response = HttpResponse("page")
    assert _storable(RequestFactory().get("/"), response)
    response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
    assert not _storable(RequestFactory().get("/"), response)


def test_a_queued_task_keeps_the_cache(hessen, committed):
    """Every registration and submission queues work: that must not empty the cache."""
    from rathaus.core.models import OutboxTask

    get("/")
    with committed():
        OutboxTask.objects.create(task="rathaus.example.task", relay_after="2026-12-07T12:00Z")
    assert get("/")[HEADER] == "hit"


def test_a_token_in_a_form_not_recognised_is_never_kept():
    """A CSRF token the middleware cannot take out (another markup) stays one visitor's."""
    from django.http import HttpResponse

    from rathaus.core.pagecache_middleware import _entry

    token = "a" * 64
    plain = HttpResponse(f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">')
    plain.set_cookie("csrftoken", "secret")
    kept = _entry(plain)
    assert kept is not None and token.encode() not in kept[0] and kept[2]
    other = HttpResponse(f'<input value="{token}" name="csrfmiddlewaretoken" type="hidden">')
    other.set_cookie("csrftoken", "secret")
    assert _entry(other) is None
    header = HttpResponse(f'<div hx-headers=\'{{"X-CSRFToken": "{token}"}}\'></div>')
    header.set_cookie("csrftoken", "secret")
    assert _entry(header) is None
