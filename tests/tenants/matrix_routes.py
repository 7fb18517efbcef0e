"""Which URLs the isolation matrix requests, with which arguments and form data: every
pattern of the URL conf, filled with the ids of Hamburg's things (``KWARGS``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.tenants.world import (
    HAMBURG,
    SEARCH_WORD,
    World,
)

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
    # organisation accounts (shared by every Land; the world's belongs to none of the actors)
    "organisations:join": lambda w: {"token": "x"},
    "organisations:detail": lambda w: {"pk": w.organisation.pk},
    "organisations:edit": lambda w: {"pk": w.organisation.pk},
    "organisations:invite": lambda w: {"pk": w.organisation.pk},
    "organisations:change_role": lambda w: {
        "pk": w.organisation.pk,
        "member_pk": w.organisation_member.pk,
    },
    "organisations:remove": lambda w: {
        "pk": w.organisation.pk,
        "member_pk": w.organisation_member.pk,
    },
    "organisations:withdraw": lambda w: {"pk": w.organisation.pk, "invitation_pk": w.invitation.pk},
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
