"""Nothing of one tenant is visible, listable, searchable, exportable or changeable from
another: the authorization matrix, generated from the URL conf.

Hamburg's world (``tests/tenants/world.py``) holds one of every tenant-owned thing, each
marked ``HHGEHEIM``; Hessen's actors (anonymous, citizen, clerk, designer and publisher,
Smart Region office, consultant, municipal staff, a specialist system's API token) are
the same people who also work in Hamburg. Every URL pattern of ``rathaus.urls`` (the REST
API included; the admin has its own tests in ``test_matrix_admin.py``) is requested on
Hessen's host by every actor: GET, GET with a search for Hamburg's word, and POST with
plausible form data, each URL with the ids of Hamburg's things filled in (``KWARGS``). No
answer (HTML, JSON, CSV, iCal, PDF, ZIP, Atom, a stored file) may show a Hamburg marker or
serve a Hamburg file, and after all the POSTs Hamburg's rows are exactly as before.

A new URL with arguments fails ``test_every_url_with_arguments_is_in_the_matrix`` until
it has an entry in ``KWARGS``, so it cannot slip by.
"""

from __future__ import annotations

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from tests.tenants.matrix_checks import (
    ACTORS,
    _relogin,
    actor_named,
    crossing,
    differences,
    leaks_in,
    snapshot,
)
from tests.tenants.matrix_routes import (
    BY_DESIGN,
    KWARGS,
    form_data,
    query,
    routes,
    urls_of,
)
from tests.tenants.world import (
    HAMBURG_HOST,
    HESSIAN_HOST,
    MARKER,
)

pytestmark = pytest.mark.django_db


def test_every_url_with_arguments_is_in_the_matrix():
    """A URL with arguments needs a way to reach Hamburg's thing: an entry in KWARGS."""
    with_kwargs = {route.name for route in routes() if route.kwargs}
    assert sorted(with_kwargs - set(KWARGS)) == [], "add these URL names to KWARGS"
    assert sorted(set(KWARGS) - with_kwargs) == [], "these KWARGS entries have no URL"


def test_the_world_is_hamburgs(hamburg_media):
    """The world holds what the matrix looks for, in Hamburg only, visible there."""
    world = hamburg_media
    rows = snapshot(world.hamburg)
    empty = [label for label, found in rows.items() if not found]
    for expected in ("core.Authority", "cases.Case", "cases.ApiToken", "postbox.Message",
                     "projects.Project", "events.Event", "events.Registration",
                     "consulting.ConsultingRequest", "deliveries.Delivery",
                     "designer.TrialRun", "submissions.Attachment", "core.Feedback"):  # fmt: skip
        assert expected not in empty, expected
    assert not [label for label, found in snapshot(world.hessen).items() if label in rows
                and any(MARKER in str(row) for row in found)]  # fmt: skip
    hamburger = Client(HTTP_HOST="hamburg.localhost")
    page = hamburger.get(reverse("projects:detail", kwargs={"slug": world.project.slug}))
    assert page.status_code == 200 and MARKER in page.content.decode()
    image = hamburger.get(reverse("projects:media", kwargs={"kind": "bild", "pk": world.image.pk}))
    assert leaks_in(world, image)  # the check recognises a served file


# The control: on Hamburg's own address the same people do see these (so the ids in KWARGS
# are the right ones and every kind of answer is read: HTML, JSON, CSV, iCal, PDF, Atom,
# files), which is what makes the matrix's silence on Hessen's address mean something.
SEEN_IN_HAMBURG = {
    "anonymous": ["projects:detail", "projects:media", "projects:feed", "projects:export_csv",
                  "projects:export_json", "events:detail", "events:ics", "events:feed",
                  "events:photo", "events:material", "api:definition_current",
                  "catalog:detail"],
    "citizen": ["postbox:message", "postbox:download", "submissions:detail",
                "submissions:receipt", "submissions:step", "submissions:documents",
                "events:registration", "events:registration_ics"],
    "clerk": ["cases:inbox", "cases:detail", "cases:attachment", "events:manage_event"],
    "designer": ["designer:index", "designer:editor", "designer:export", "designer:test_step"],
    "office": ["projects:transfers", "projects:transfer", "events:manage_export",
               "events:manage_badges", "events:manage_create", "consulting:overview"],
    "consultant": ["consulting:queue", "consulting:detail"],
    "municipal": ["consulting:mine_detail", "projects:manage", "projects:desk"],
    "hamburg token": ["api:case_detail", "api:case_list"],
}  # fmt: skip


@pytest.mark.parametrize("actor_name", sorted(SEEN_IN_HAMBURG))
def test_the_same_requests_do_find_hamburgs_things_in_hamburg(hamburg_media, actor_name):
    world = hamburg_media
    actor = actor_named(world, actor_name)
    client = actor.client(world, host=HAMBURG_HOST)
    urls = urls_of(world)
    unseen = []
    search = query(world)
    for name in SEEN_IN_HAMBURG[actor_name]:
        found = [leaks_in(world, client.get(url, params))
                 for url_name, url in urls if url_name == name
                 for params in ({}, search)]  # fmt: skip
        if not any(found):
            unseen.append(name)
    assert not unseen, unseen


@pytest.mark.parametrize("actor_name", ACTORS)
def test_nothing_of_hamburg_reaches_hessen(hamburg_media, actor_name):
    world = hamburg_media
    actor = actor_named(world, actor_name)
    client = actor.client(world)
    if actor.user is not None:  # really logged in, second factor and all
        assert client.get(reverse("accounts:overview")).status_code == 200
    before = snapshot(world.hamburg)
    search, posted = query(world), form_data(world)
    found: list[str] = []
    requests = 0
    for name, url in urls_of(world):
        if actor.api_only and not url.startswith("/api/"):
            continue
        calls = [("GET", url, lambda u=url: client.get(u)),
                 ("GET?q", f"{url} {search}", lambda u=url: client.get(u, search)),
                 ("POST", f"{url} {posted}", lambda u=url: client.post(u, posted))]  # fmt: skip
        if url.startswith("/api/"):
            calls.append(("POST json", url, lambda u=url: client.post(
                u, {"transition": "abschliessen", "version": 1}, content_type="application/json"
            )))  # fmt: skip
        for method, sent, call in calls:
            with TestCase.captureOnCommitCallbacks(execute=True):
                response = call()
            requests += 1
            if response.status_code == 500:
                found.append(f"{method} {url} ({name}) → {response.status_code}")
            for leak in [] if name in BY_DESIGN else leaks_in(world, response, sent):
                found.append(f"{method} {url} ({name}) → {response.status_code}: {leak}")
            _relogin(client, actor, world)
    changed = differences(before, snapshot(world.hamburg)) + crossing(world)
    print(f"{actor_name}: {requests} requests")
    assert not found + changed, "\n".join(found + changed)


def test_a_prefix_naming_hamburg_is_refused_on_hessens_host(hamburg_media):
    """The shared-host path prefix cannot reach Hamburg from Hessen's address."""
    world = hamburg_media
    client = world.actors["clerk"].client(world)
    for name, url in urls_of(world):
        response = client.get(f"/hamburg{url}")
        assert response.status_code == 404, (name, url)
        assert not leaks_in(world, response, url), (name, url)


def test_stored_files_are_never_served_by_their_path(hamburg_media, settings):
    """Uploads are served only by views that check who asks (``core.files``); the media
    directory itself is served on no address, so no tenant's file is reachable by path."""
    world = hamburg_media
    assert world.files, "the world stores files"
    for host in (HESSIAN_HOST, HAMBURG_HOST):
        client = Client(HTTP_HOST=host)
        for name in world.files:
            path = f"{settings.MEDIA_URL}{name}"
            response = client.get(path)
            assert response.status_code == 404, (host, name)
            assert not leaks_in(world, response, path), (host, name)


# --- The mechanism under the matrix ------------------------------------------------------
