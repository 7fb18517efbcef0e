"""Helpers for journeys through definitions made up by a test (not the shipped ones)."""

from __future__ import annotations

import itertools
import json
from typing import Any

from django.test import Client

from rathaus.catalog.models import Offer, Service
from rathaus.core.models import Authority, Territory
from rathaus.definitions.services import import_definition, publish
from rathaus.submissions.models import Draft

_numbers = itertools.count(1)


def offer_definition(document: dict[str, Any]) -> Service:
    """Publish ``document`` and offer it in Darmstadt (needs the ``hessen`` fixture)."""
    publish(import_definition(json.dumps(document, ensure_ascii=False)))
    darmstadt = Territory.objects.get(key="06411000")
    authority, _created = Authority.objects.get_or_create(
        slug="darmstadt-test", defaults={"name": "Stadt Darmstadt – Test", "territory": darmstadt}
    )
    slug = document["slug"]
    service = Service.objects.create(slug=slug, name=slug, summary="Test", definition_slug=slug)
    Offer.objects.create(service=service, authority=authority, territory=darmstadt)
    return service


def start_draft(client: Client, service: Service, prefix: str = "") -> Draft:
    url = f"{prefix}/leistungen/{service.slug}/beantragen/"
    response = client.post(url, {"gemeinde": "06411000"})
    assert response.status_code == 302, response
    return Draft.objects.filter(service=service).latest("created_at")


def document(fields: list[dict[str, Any]], slug: str | None = None) -> dict[str, Any]:
    """A one-step definition with ``fields`` that anyone may use without an account."""
    return {
        "slug": slug or f"test-{next(_numbers)}",
        "title": {"de": "Testdienst", "en": "Test service"},
        "schema_version": 1,
        "login": "anonymous",
        "retention_days": 30,
        "steps": [{"id": "eins", "title": {"de": "Angaben", "en": "Details"}, "fields": fields}],
    }


def group_definition_draft(client: Client) -> Draft:
    fields = [
        {"id": "titel", "type": "text", "label": "Titel", "required": True},
        {"id": "kinder", "type": "group", "label": "Kinder", "item_label": "Kind",
         "fields": [{"id": "name", "type": "text", "label": "Name", "required": True}]},
    ]  # fmt: skip
    return start_draft(client, offer_definition(document(fields)))
