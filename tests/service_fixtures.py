"""Fixtures for the online services (a plugin of tests/conftest.py): Hessen, the
catalogue, a published Eheurkunde offered by a Darmstadt authority, and a citizen with a
Servicekonto profile."""

from __future__ import annotations

import pytest
from django.test import Client

from rathaus.accounts import services as accounts
from rathaus.catalog.loading import load_catalog
from rathaus.catalog.models import Offer, Service
from rathaus.core.models import Authority, Territory
from rathaus.definitions.services import SHIPPED_DIR, load_shipped

PASSWORD = "Ein-langes-Passwort-2026"


@pytest.fixture
def catalogue(hessen):
    load_shipped([SHIPPED_DIR / "eheurkunde.yaml"])
    load_catalog()
    darmstadt = Territory.objects.get(key="06411000")
    registry = Authority.objects.create(
        name="Stadt Darmstadt – Standesamt", slug="darmstadt-standesamt", territory=darmstadt
    )
    Offer.objects.create(
        service=Service.objects.get(slug="eheurkunde"),
        authority=registry,
        territory=darmstadt,
        fee_overrides={"urkunde": "12.00"},
    )
    return registry


@pytest.fixture
def citizen(catalogue):
    return accounts.create_citizen(
        "erika@example.org",
        PASSWORD,
        given_names="Erika",
        family_name="Mustermann",
        street="Rheinstraße",
        house_number="12",
        postal_code="64283",
        city="Darmstadt",
        municipality=Territory.objects.get(key="06411000"),
    )


def eheurkunde_steps() -> list[dict[str, object]]:
    """Valid answers for each step of the shipped Eheurkunde, as a browser posts them."""
    return [
        {"urkundenart": "eheurkunde", "anzahl": "2", "zweck": "rente"},
        {
            "datum_eheschliessung__day": "12",
            "datum_eheschliessung__month": "6",
            "datum_eheschliessung__year": "2015",
            "ort_eheschliessung": "Darmstadt",
            "ehegatte1_familienname": "Mustermann",
            "ehegatte1_vornamen": "Erika",
            "ehegatte2_familienname": "Mustermann",
            "ehegatte2_vornamen": "Max",
        },
        {
            "vornamen": "Erika",
            "familienname": "Mustermann",
            "geburtsdatum__day": "3",
            "geburtsdatum__month": "4",
            "geburtsdatum__year": "1985",
            "beziehung": "ehegatte",
            "email": "erika@example.org",
        },
        {"zustellart": "abholung"},
    ]


def submit_for(client: Client) -> str:
    """Apply for the Eheurkunde in Darmstadt as this client; the new reference."""
    from rathaus.submissions.models import Draft, Submission

    client.post("/leistungen/eheurkunde/beantragen/", {"gemeinde": "06411000"})
    draft = Draft.objects.filter(submission__isnull=True).latest("created_at")
    for number, data in enumerate(eheurkunde_steps(), start=1):
        client.post(f"/antrag/{draft.pk}/schritt/{number}/", data)
    key = str(draft.idempotency_key)
    client.post(f"/antrag/{draft.pk}/pruefen/", {"idempotency_key": key, "declaration": "yes"})
    return Submission.objects.get(draft=draft).reference
