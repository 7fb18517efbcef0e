"""Nothing of one tenant is visible, listable, searchable, exportable or changeable from
another: the authorization matrix, generated from the URL conf.

Hamburg's world (``tests/tenants/world.py``) holds one of every tenant-owned thing, each
marked ``HHGEHEIM``; Hessen's actors (anonymous, citizen, clerk, designer and publisher,
Smart Region office, consultant, municipal staff, a specialist system's API token) are
the same people who also work in Hamburg. Every URL pattern of ``rathaus.urls`` (the REST
API included; the admin has its own test below) is requested on Hessen's host by every
actor: GET, GET with a search for Hamburg's word, and POST with plausible form data,
each URL with the ids of Hamburg's things filled in (``KWARGS``). No answer (HTML, JSON,
CSV, iCal, PDF, ZIP, Atom, a stored file) may show a Hamburg marker or serve a Hamburg
file, and after all the POSTs Hamburg's rows are exactly as before.

A new URL with arguments fails ``test_every_url_with_arguments_is_in_the_matrix`` until
it has an entry in ``KWARGS``, so it cannot slip by.
"""

from __future__ import annotations

import base64
import io
import os
import re
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection, models, transaction
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rathaus.accounts.models import User
from rathaus.authentication.services import SECOND_FACTOR_SESSION_KEY
from rathaus.authentication.testing import login_with_second_factor
from rathaus.tenants import scope
from rathaus.tenants.models import Tenant
from tests.tenants.world import (
    HAMBURG,
    HAMBURG_HOST,
    HESSIAN_HOST,
    MARKER,
    PASSWORD,
    SEARCH_WORD,
    Actor,
    World,
    build,
)

pytestmark = pytest.mark.django_db

# --- The world, built once for the module ----------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """Both tenants, built once inside a transaction that is rolled back after the module
    (each test runs in a savepoint of it, as ``TestCase.setUpTestData`` does). pytest-django
    ends each test like a ``TestCase`` class, closing the connection, which on PostgreSQL
    would end this transaction: the connection stays open until the module is done."""
    outer = transaction.atomic()
    keep_open = mock.patch.object(connection, "close", lambda: None)
    keep_open.start()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            built = build(tmp_path_factory.mktemp("matrix-media"))
        except BaseException:
            outer.__exit__(*sys.exc_info())
            keep_open.stop()
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        keep_open.stop()


@pytest.fixture
def hamburg_media(world, settings) -> World:
    """The world, with its stored files where the storage looks for them."""
    settings.MEDIA_ROOT = world.media_root
    return world


# --- Which URLs, with which arguments --------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: frozenset[str]


def _routes(patterns: list, namespace: str = "", kwargs: frozenset[str] = frozenset()):
    for entry in patterns:
        found = kwargs | frozenset(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith(("admin/", "static/")):
                continue
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _routes(entry.url_patterns, inner, found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(f"{namespace}:{entry.name}" if namespace else entry.name, found)


def routes() -> list[Route]:
    """Every named URL pattern of the project except the admin's, by name."""
    unique = {route.name: route for route in _routes(get_resolver().url_patterns)}
    return sorted(unique.values(), key=lambda route: route.name)


Kwargs = dict[str, Any]
# How to fill each URL's arguments from Hamburg's world (one dict, or several to try).
KWARGS: dict[str, Callable[[World], Kwargs | list[Kwargs]]] = {
    # core
    "core:feedback_receipt": lambda w: {"reference": w.feedback.reference},
    "core:territory_detail": lambda w: [{"key": HAMBURG}, {"key": "02"}],
    # authentication (tokens are the user's, not a tenant's: a stranger's token is enough)
    "authentication:unlock_login": lambda w: {"token": "x"},
    "authentication:verify_email": lambda w: {"token": "x"},
    "authentication:password_reset_confirm": lambda w: {"uidb64": "MQ", "token": "x-y"},
    "accounts:email_change_confirm": lambda w: {"token": "x"},
    # postbox
    "postbox:message": lambda w: {"message_id": w.message.pk},
    "postbox:download": lambda w: {"file_id": w.message_file.pk},
    # catalogue and applications
    "catalog:detail": lambda w: {"slug": w.service.slug},
    "submissions:start": lambda w: {"slug": w.service.slug},
    "submissions:step": lambda w: [
        {"draft_id": w.draft.pk, "number": 1},
        {"draft_id": w.anonymous_draft.pk, "number": 1},
    ],
    "submissions:check": lambda w: [{"draft_id": w.draft.pk}, {"draft_id": w.anonymous_draft.pk}],
    "submissions:save": lambda w: [{"draft_id": w.draft.pk}, {"draft_id": w.anonymous_draft.pk}],
    "submissions:discard": lambda w: [
        {"draft_id": w.draft.pk},
        {"draft_id": w.anonymous_draft.pk},
    ],
    "submissions:resume": lambda w: {"token": w.resume_token},
    "submissions:detail": lambda w: {"reference": w.submission.reference},
    "submissions:receipt": lambda w: {"reference": w.submission.reference},
    "submissions:withdraw": lambda w: {"reference": w.submission.reference},
    # the service designer
    "designer:editor": lambda w: {"slug": w.definition.slug},
    "designer:meta": lambda w: {"slug": w.definition.slug},
    "designer:change": lambda w: {"slug": w.definition.slug},
    "designer:workflow": lambda w: {"slug": w.definition.slug},
    "designer:step": lambda w: {"slug": w.definition.slug, "step_id": "angaben"},
    "designer:field": lambda w: {"slug": w.definition.slug, "field_id": "anliegen"},
    "designer:fee": lambda w: {"slug": w.definition.slug, "fee_id": "gebuehr"},
    "designer:decision": lambda w: {"slug": w.definition.slug, "index": 0},
    "designer:language": lambda w: {"slug": w.definition.slug},
    "designer:test_begin": lambda w: {"slug": w.definition.slug},
    "designer:test_step": lambda w: {"slug": w.definition.slug, "run_id": w.trial.pk, "number": 1},
    "designer:test_check": lambda w: {"slug": w.definition.slug, "run_id": w.trial.pk},
    "designer:versions": lambda w: {"slug": w.definition.slug},
    "designer:compare": lambda w: {"slug": w.definition.slug},
    "designer:publish": lambda w: {"slug": w.definition.slug, "number": w.version.number},
    "designer:restore": lambda w: {"slug": w.definition.slug, "number": w.version.number},
    "designer:reuse": lambda w: {"slug": w.definition.slug},
    "designer:offer": lambda w: {"slug": w.definition.slug},
    "designer:export": lambda w: [
        {"slug": w.definition.slug, "number": w.version.number, "format": fmt}
        for fmt in ("json", "yaml")
    ],
    # case work
    "cases:detail": lambda w: {"case_id": w.case.pk},
    "cases:act": lambda w: {"case_id": w.case.pk},
    "cases:claim": lambda w: {"case_id": w.case.pk},
    "cases:note": lambda w: {"case_id": w.case.pk},
    "cases:attachment": lambda w: {"case_id": w.case.pk, "attachment_id": w.attachment.pk},
    # Smart Region projects
    "projects:media": lambda w: [
        {"kind": "bild", "pk": w.image.pk},
        {"kind": "dokument", "pk": w.document.pk},
    ],
    "projects:manage": lambda w: {"pk": w.project.pk},
    "projects:act": lambda w: {"pk": w.project.pk},
    "projects:upload": lambda w: [{"pk": w.project.pk, "kind": k} for k in ("bild", "dokument")],
    "projects:remove_media": lambda w: [
        {"pk": w.project.pk, "kind": "bild", "media_id": w.image.pk},
        {"pk": w.project.pk, "kind": "dokument", "media_id": w.document.pk},
    ],
    "projects:transfer": lambda w: {"pk": w.transfer.pk},
    "projects:detail": lambda w: {"slug": w.project.slug},
    "projects:ask_transfer": lambda w: {"slug": w.project.slug},
    # consulting
    "consulting:mine_detail": lambda w: {"reference": w.consulting.reference},
    "consulting:feedback": lambda w: {"reference": w.consulting.reference},
    "consulting:detail": lambda w: {"reference": w.consulting.reference},
    "consulting:assign": lambda w: {"reference": w.consulting.reference},
    "consulting:status": lambda w: {"reference": w.consulting.reference},
    "consulting:partner": lambda w: {"reference": w.consulting.reference},
    "consulting:note": lambda w: {"reference": w.consulting.reference},
    # OZG coverage (territory is shared; the offers counted are the tenant's)
    "coverage:municipality": lambda w: {"key": HAMBURG},
    # events: the back office
    **{
        f"events:manage_{name}": (lambda w: {"pk": w.event.pk})
        for name in (
            "event",
            "edit",
            "state",
            "copy",
            "materials",
            "registrations",
            "messages",
            "team",
            "checkin",
            "export",
            "badges",
            "name_list",
            "statistics",
            "programme",
            "speakers",
            "exhibitors",
        )
    },  # fmt: skip
    "events:manage_material_publish": lambda w: {"pk": w.event.pk, "item_pk": w.material.pk},
    "events:manage_material_delete": lambda w: {"pk": w.event.pk, "item_pk": w.material.pk},
    "events:manage_registration_action": lambda w: [
        {"pk": w.event.pk, "registration_pk": w.registration.pk, "action": action}
        for action in ("cancel", "waiting", "confirm")
    ],
    "events:manage_team_remove": lambda w: {"pk": w.event.pk, "user_pk": w.organiser.pk},
    "events:manage_check": lambda w: {"pk": w.event.pk, "registration_pk": w.registration.pk},
    "events:manage_programme_item": lambda w: {"pk": w.event.pk, "item_pk": w.session.pk},
    "events:manage_programme_delete": lambda w: {"pk": w.event.pk, "item_pk": w.session.pk},
    "events:manage_speakers_item": lambda w: {"pk": w.event.pk, "item_pk": w.speaker.pk},
    "events:manage_speakers_delete": lambda w: {"pk": w.event.pk, "item_pk": w.speaker.pk},
    "events:manage_exhibitors_item": lambda w: {"pk": w.event.pk, "item_pk": w.exhibitor.pk},
    "events:manage_exhibitors_delete": lambda w: {"pk": w.event.pk, "item_pk": w.exhibitor.pk},
    # events: public pages and the participant's own
    "events:photo": lambda w: {"pk": w.speaker.pk},
    "events:material": lambda w: {"pk": w.material.pk},
    "events:registration": lambda w: {"token": w.registration.token},
    "events:cancel": lambda w: {"token": w.registration.token},
    "events:confirm": lambda w: {"token": w.registration.token},
    "events:workshops": lambda w: {"token": w.registration.token},
    "events:registration_ics": lambda w: {"token": w.registration.token},
    "events:ics": lambda w: {"slug": w.event.slug},
    "events:detail": lambda w: {"slug": w.event.slug},
    "events:register": lambda w: {"slug": w.event.slug},
    # the REST API
    "api:service_detail": lambda w: {"slug": w.service.slug},
    "api:responsibility": lambda w: {"slug": w.service.slug},
    "api:definition_current": lambda w: {"slug": w.definition.slug},
    "api:definition_version": lambda w: {"slug": w.definition.slug, "number": w.version.number},
    "api:my_submission": lambda w: {"reference": w.submission.reference},
    "api:case_detail": lambda w: {"reference": w.submission.reference},
    "api:case_transition": lambda w: {"reference": w.submission.reference},
    "api:case_acknowledge": lambda w: {"reference": w.submission.reference},
}


# Where another tenant's rows show on purpose: the person's own data (GDPR Art. 15, 20)
# covers her rows in every tenant, whichever portal she asks from (accounts/privacy.py).
BY_DESIGN = {"accounts:export_data"}


def urls_of(world: World) -> list[tuple[str, str]]:
    """(URL name, path) of every URL to request, Hamburg's ids filled in."""
    found = []
    for route in routes():
        if not route.kwargs:
            found.append((route.name, reverse(route.name)))
            continue
        filled = KWARGS[route.name](world)
        for kwargs in filled if isinstance(filled, list) else [filled]:
            found.append((route.name, reverse(route.name, kwargs=kwargs)))
    return found


def query(world: World) -> dict[str, str]:
    """A search for Hamburg's word in Hamburg's Gemeinde, as any list or search reads it."""
    return {"q": SEARCH_WORD, "gemeinde": HAMBURG, "projekt": world.project.slug,
            "format": "json", "region": world.region.slug}  # fmt: skip


def form_data(world: World) -> dict[str, Any]:
    """What forms post, with Hamburg's ids wherever a form names a related thing (no marker:
    a form shown again echoes what was sent)."""
    territory = world.authority.territory
    return {
        "q": SEARCH_WORD, "gemeinde": HAMBURG, "municipality": territory.pk,
        "text": "Eine Nachricht.", "body": "Eine Nachricht.", "message": "Eine Nachricht.",
        "note": "Notiz.", "reasons": "Gründe.", "outcome": "bewilligt", "comment": "Bitte.",
        "transition": "abschliessen", "action": "publish", "status": "zugewiesen",
        "version": world.case.version, "base": world.version.number,
        "cases": [world.case.pk], "case": world.case.pk, "assignee": world.organiser.pk,
        "partner": world.partner.pk, "project": world.project.pk,
        "projects": [world.project.pk], "region": world.region.pk,
        "organiser": world.office_authority.pk, "authority": world.authority.pk,
        "workshops": [world.session.pk], "session": world.session.pk,
        "topic": world.consulting.topic_id, "definition": world.definition.pk,
        "projects_text": world.project.slug,
        "slug": world.definition.slug, "reusable": "on", "email": "neu@example.org",
        "idempotency_key": str(world.draft.idempotency_key), "declaration": "yes",
        "anliegen": "Antwort.", "title": "Titel", "rating": "5", "reuse": "on",
        "start": "kopie", "kopie-source": world.version.pk, "kopie-title": "Kopie",
    }  # fmt: skip


# --- Reading every kind of answer ------------------------------------------------------

OCTAL = re.compile(rb"\\([0-7]{3})")


def _pdf_text(data: bytes) -> str:
    """The text of the page streams (ASCII85 + Flate, as ReportLab writes them)."""
    text = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        for decode in (
            lambda raw: zlib.decompress(base64.a85decode(raw.strip().removesuffix(b"~>"))),
            zlib.decompress,
        ):
            try:
                text.append(OCTAL.sub(lambda m: bytes([int(m.group(1), 8)]), decode(stream)))
                break
            except (ValueError, zlib.error):
                continue
    return b"\n".join(text).decode("cp1252", "replace")


def readable(data: bytes) -> Iterator[str]:
    """Every way a person or a program could read the bytes of an answer."""
    text = data.decode("utf-8", "replace")
    yield text
    yield re.sub(r"\r?\n[ \t]", "", text)  # iCal and mail headers fold long lines
    if data.startswith(b"%PDF"):
        yield _pdf_text(data)
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield member
                yield from readable(archive.read(member))


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
        response.close()
        return data
    return response.content


def leaks_in(world: World, response, sent: str = "") -> list[str]:
    """What of Hamburg this answer shows: marked text, one of Hamburg's references or
    tokens (unless the request itself named it: ``sent``), or a stored file."""
    data = body_of(response)
    found = []
    headers = " ".join(f"{key}: {value}" for key, value in response.items())
    wanted = [MARKER, *(name for name in world.identifiers if name not in sent)]
    for text in [headers, *readable(data)]:
        for word in wanted:
            at = text.find(word)
            if at >= 0:
                found.append(text[max(0, at - 60) : at + 60].replace("\n", " "))
        if found:
            break
    found += [f"the file {name}" for name, stored in world.files.items() if stored in data]
    return found


# --- Hamburg's rows, before and after ---------------------------------------------------


def _tenant_paths(model: type[models.Model], depth: int = 3) -> list[str]:
    """Lookups from ``model`` to the tenant that owns its rows (``tenant``,
    ``case__tenant``, ``submission__tenant`` …), shortest first; [] for shared models."""
    names = {f.name for f in model._meta.concrete_fields}
    if "tenant" in names:
        return ["tenant"]
    if depth == 0:
        return []
    paths = []
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model not in (None, model):
            inner = _tenant_paths(field.related_model, depth - 1)  # type: ignore[arg-type]
            paths += [f"{field.name}__{path}" for path in inner[:1]]
    return paths


def owned_models() -> dict[type[models.Model], list[str]]:
    found = {}
    for model in apps.get_models(include_auto_created=True):
        paths = _tenant_paths(model)
        if paths:
            found[model] = paths
    return found


def snapshot(tenant: Tenant) -> dict[str, list[tuple]]:
    """Every row that belongs to ``tenant`` (directly, or through the row it belongs to)."""
    rows = {}
    with scope.every_tenant():
        for model, paths in owned_models().items():
            condition = models.Q()
            for path in paths:
                condition |= models.Q(**{path: tenant})
            queryset = model._base_manager.filter(condition).distinct().order_by("pk")
            rows[model._meta.label] = list(queryset.values_list())
    return rows


def crossing(world: World) -> list[str]:
    """Rows of Hessen that point at a row of Hamburg (a Hessian form that took Hamburg's
    id: an event in Hamburg's region, a request about Hamburg's project …)."""
    found = []
    with scope.every_tenant():
        for model, paths in owned_models().items():
            if paths != ["tenant"]:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if (
                    target is None
                    or target is Tenant
                    or "tenant"
                    not in {
                        f.name
                        for f in target._meta.concrete_fields  # type: ignore[union-attr]
                    }
                ):
                    continue
                rows = model._base_manager.filter(
                    tenant=world.hessen, **{f"{field.name}__tenant": world.hamburg}
                )
                found += [f"{model._meta.label} {row.pk} → {field.name}" for row in rows]
    return found


def differences(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    changed = []
    for label, rows in before.items():
        if after[label] != rows:
            old, now = {repr(row) for row in rows}, {repr(row) for row in after[label]}
            gone, new = sorted(old - now)[:3], sorted(now - old)[:3]
            changed.append(f"{label}: before {gone} after {new}")
    return changed


# --- The matrix ------------------------------------------------------------------------


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


ACTORS = ["anonymous", "citizen", "clerk", "designer", "office", "consultant", "municipal",
          "api token", "hamburg token"]  # fmt: skip


def actor_named(world: World, name: str) -> Actor:
    if name == "hamburg token":  # Hamburg's own specialist system, on Hessen's address
        return Actor(name, headers={"HTTP_AUTHORIZATION": f"Bearer {world.token_secret}"},
                     api_only=True)  # fmt: skip
    return world.actors[name]


def _relogin(client: Client, actor: Actor, world: World) -> None:
    """After a POST that logged the actor out (or dropped the second factor)."""
    if actor.user is not None and client.session.get(SECOND_FACTOR_SESSION_KEY) != actor.user.pk:
        login_with_second_factor(client, actor.user)
        world.remember_in(client)


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

IMPORT_CHECK = """
import django
django.setup()
from django import forms
from rathaus.tenants.managers import TenantQuerySet
from rathaus.tenants.middleware import TenantMiddleware
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import activate

from django.urls import get_resolver

with activate(Tenant(pk=7, slug="erster")):  # a command, a test: a tenant came first
    TenantMiddleware(lambda request: None)  # the handler loads its middleware
    get_resolver().url_patterns  # the first request resolves its URL in its scope

def forms_of(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from forms_of(sub)

fields = [(form, name, field.queryset) for form in forms_of(forms.BaseForm)
          for name, field in getattr(form, "base_fields", {}).items()
          if isinstance(getattr(field, "queryset", None), TenantQuerySet)]
print(len(fields), [f"{form.__name__}.{name}" for form, name, qs in fields if qs._tenant_pk])
"""


def test_forms_made_at_import_belong_to_no_tenant():
    """Loading the middleware imports every view and form with no tenant in scope, even
    when a tenant's scope is active (so the first request does not bind the choices of a
    form field to its tenant for every later request: Hamburg's event regions offered in
    Hessen's event form was the leak)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rathaus.conf.test"}
    ran = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", IMPORT_CHECK], env=env, capture_output=True, text=True,
        check=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    count, bound = ran.stdout.strip().split(" ", 1)
    assert int(count) > 0 and bound == "[]", ran.stdout


def test_a_queryset_of_one_tenant_refuses_to_run_for_another(hamburg_media):
    """What the matrix relies on besides the filter: a queryset that took Hamburg's filter
    raises in Hessen's scope instead of showing Hamburg's rows there."""
    from rathaus.events.models import EventRegion
    from rathaus.tenants.scope import ScopeMissing

    with scope.activate(hamburg_media.hamburg):
        regions = EventRegion.objects.all()
        assert [region.slug for region in regions.all()] == ["hh-region"]
    for use in (list, lambda qs: qs.count(), lambda qs: qs.filter(slug="hh-region").first()):
        with pytest.raises(ScopeMissing, match="another tenant"):
            use(regions.all() if use is list else regions)
    with scope.every_tenant():
        assert regions.count() == 1  # the operator's view may run it


def test_hessen_may_use_the_titles_hamburg_uses(hamburg_media):
    """Slugs are one column for all tenants: a Hessian project, event or online service
    titled as Hamburg's gets a slug of its own, instead of a crash (whose error would also
    tell that Hamburg has one)."""
    from rathaus.core.models import Authority
    from rathaus.designer import services as designer
    from rathaus.events import organising
    from rathaus.projects import editorial

    world = hamburg_media
    he = {name: actor.user for name, actor in world.actors.items()}
    darmstadt = Authority.objects.get(slug="he-darmstadt")
    with scope.activate(world.hamburg):
        project_title = world.project.published.title
    project = editorial.create_project(he["municipal"], darmstadt, {
        "title": project_title, "summary": "Kurz.", "description": "Lang.",
        "territories": [darmstadt.territory], "fields": [], "technologies": [],
        "status": "idee", "transferability": "hoch",
    })  # fmt: skip
    event = organising.create_event(he["office"], {
        "title": world.event.title, "kind": world.event.kind, "format": world.event.format,
        "organiser": Authority.objects.get(slug="he-office"), "summary": "Kurz.",
        "starts_at": world.event.starts_at, "ends_at": world.event.ends_at, "capacity": 5,
        "retention_until": world.event.retention_until,
    })  # fmt: skip
    version = designer.start_empty(he["designer"], "Ein Dienst", slug=world.definition.slug)
    slugs = {project.slug, event.slug, version.definition.slug}
    assert not slugs & {world.project.slug, world.event.slug, world.definition.slug}


# --- The admin -------------------------------------------------------------------------


def _changelists() -> list[str]:
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def _hamburg_change_pages(world: World) -> list[str]:
    """The admin page of one Hamburg row of every registered model that has any."""
    pages = [reverse("admin:tenants_tenant_change", args=[world.hamburg.pk])]
    paths = owned_models()
    with scope.every_tenant():
        for model in admin.site._registry:
            if model not in paths:
                continue
            condition = models.Q()
            for path in paths[model]:
                condition |= models.Q(**{path: world.hamburg})
            row = model._base_manager.filter(condition).first()
            if row is not None:
                label = f"admin:{model._meta.app_label}_{model._meta.model_name}_change"
                pages.append(reverse(label, args=[row.pk]))
    return pages


def test_hessian_staff_see_no_hamburg_row_in_the_admin(hamburg_media):
    """Hessen's own administrator, who administers Hamburg too and holds every admin right
    but is no operator, sees no Hamburg row in any list, search or change page on Hessen's
    address (the admin's querysets are the request's scoped managers)."""
    from django.contrib.auth.models import Permission

    from rathaus.accounts.tenantadmin import appoint_tenant_admin

    world = hamburg_media
    user = User.objects.create_user("landesadmin@example.org", PASSWORD)
    appoint_tenant_admin(user, world.actors["office"].user.memberships.get().authority)
    with scope.activate(world.hamburg):
        appoint_tenant_admin(user, world.authority)
    user.user_permissions.set(Permission.objects.all())
    client = Client(HTTP_HOST=HESSIAN_HOST, raise_request_exception=False)
    login_with_second_factor(client, user)
    found = []
    for url in _changelists():
        for params in ({}, {"q": SEARCH_WORD}):
            response = client.get(url, params)
            if response.status_code not in (200, 403):  # 403: the operators' own lists
                found.append(f"{url} {params} → {response.status_code}")
            found += [f"{url} {params}: {leak}" for leak in leaks_in(world, response, url)]
    for url in _hamburg_change_pages(world):
        response = client.get(url)
        if response.status_code == 200:
            found.append(f"{url} → 200")
        found += [f"{url}: {leak}" for leak in leaks_in(world, response, url)]
    assert not found, "\n".join(found)


def test_operators_see_every_tenant_by_design(hamburg_media):
    """Superusers are the platform's operators: their admin runs in ``every_tenant()``
    (``accounts.adminsite``), so on Hessen's address too they find and open Hamburg's rows,
    each shown with its tenant."""
    world = hamburg_media
    operator = User.objects.create_superuser("operator@example.org", PASSWORD)
    client = Client(HTTP_HOST=HESSIAN_HOST)
    login_with_second_factor(client, operator)
    listed = client.get(reverse("admin:core_authority_changelist"), {"q": SEARCH_WORD})
    assert listed.status_code == 200
    assert MARKER in listed.content.decode() and "Hamburg" in listed.content.decode()
    opened = [client.get(url) for url in _hamburg_change_pages(world)]
    assert opened and all(response.status_code == 200 for response in opened)
