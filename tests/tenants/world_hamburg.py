"""Hamburg's world for the isolation matrix: its authorities, a definition and offer,
applications with files and post, an organisation, and a citizen's journey through the
web (see ``tests/tenants/world.py``)."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.cases import services as cases
from rathaus.cases.models import Case
from rathaus.cases.tokens import create_token
from rathaus.catalog.models import Offer, Service
from rathaus.core.feedback import submit_feedback
from rathaus.core.models import Authority, Feedback, Territory
from rathaus.definitions import services as definitions
from rathaus.deliveries.models import DeliveryRoute
from rathaus.designer import trials
from rathaus.organisations import services as organisations
from rathaus.organisations.services import (
    create_municipal_staff,
)
from rathaus.postbox import replies
from rathaus.postbox import services as postbox
from rathaus.postbox.models import MessageFile
from rathaus.submissions import services as submissions
from rathaus.submissions.models import Attachment, Draft, Submission
from rathaus.submissions.resume import _digest as resume_digest
from rathaus.tenants import scope, services
from tests.tenants.world import (
    HAMBURG,
    HAMBURG_HOST,
    PASSWORD,
    World,
    mark,
    pdf_bytes,
    store,
    user_named,
)
from tests.tenants.world_smart_region import build_consulting, build_events, build_projects


def hamburg_definition(slug: str) -> dict[str, Any]:
    """Hamburg's own online service: one step, a fee, a decision text, all marked."""
    return {
        "schema_version": 1,
        "slug": slug,
        "title": {"de": mark("Dienst"), "en": mark("Service")},
        "summary": {"de": mark("Dienstbeschreibung"), "en": mark("Summary")},
        "login": "account",
        "retention_days": 365,
        "workflow": "default",
        "decision_texts": [
            {"outcome": "bewilligt", "text": {"de": mark("Bescheidtext") + " {reference}"}},
        ],
        "fees": [{"id": "gebuehr", "label": {"de": mark("Gebuehr")}, "amount": "17.00"}],
        "steps": [
            {
                "id": "angaben",
                "title": {"de": mark("Schritt"), "en": mark("Step")},
                "fields": [
                    {"id": "anliegen", "type": "text", "label": {"de": mark("Feld")},
                     "required": True, "max_length": 200},
                ],
            }
        ],
    }  # fmt: skip


# --- Hessen: the actors ----------------------------------------------------------------


def build_hamburg(world: World) -> None:
    """Hamburg's things, made through the apps' services in Hamburg's scope."""
    world.hamburg.contact_address = mark("Mandantenanschrift")  # its own row: its pages only
    world.hamburg.save()
    services.clear_cache()
    with scope.activate(world.hamburg):
        _authorities(world)
        _definition_and_offer(world)
        _applications(world)
        build_projects(world)
        build_events(world)
        build_consulting(world)
        world.feedback = submit_feedback(
            kind=Feedback.Kind.ACCESSIBILITY, message=mark("Rueckmeldung"), name=mark("Name")
        )
        _organisation(world)
    _hamburg_web_journey(world)


def _authorities(world: World) -> None:
    gemeinde, land = Territory.objects.get(key=HAMBURG), Territory.objects.get(key="02")
    world.authority = Authority.objects.create(
        name=mark("Behoerde"), slug="hh-amt", territory=gemeinde, email="amt@hamburg.example",
        street_address=mark("Anschrift"),
    )  # fmt: skip
    world.office_authority = Authority.objects.create(
        name=mark("Geschaeftsstelle"), slug="hh-office", territory=land
    )
    world.partner_organisation = Authority.objects.create(
        name=mark("Beratungsorganisation"), slug="hh-partner", territory=land
    )
    # The same people as in Hessen, with their Hamburg roles.
    roles = {
        "clerk": [(world.authority, Role.CLERK)],
        "designer": [(world.authority, Role.DESIGNER), (world.authority, Role.PUBLISHER)],
        "office": [(world.office_authority, Role.SMART_REGION)],
        "consultant": [(world.partner_organisation, Role.CONSULTANT)],
    }
    for name, memberships in roles.items():
        for authority, role in memberships:
            accounts.create_staff(f"{name}@example.org", PASSWORD, authority, role)
    create_municipal_staff("municipal@example.org", PASSWORD, world.authority)


def _definition_and_offer(world: World) -> None:
    designer = user_named(world, "designer")
    slug = "hh-dienst"
    world.definition = definitions.create_definition(
        slug, mark("Dienst"), authority=world.authority
    )
    draft = definitions.store_draft(
        world.definition, hamburg_definition(slug), actor=designer, base=None,
        change=mark("Aenderung"),
    )  # fmt: skip
    world.version = definitions.publish(draft, actor=designer)
    world.definition.refresh_from_db()
    world.trial = trials.start(designer, world.version)
    world.trial.answers = {"anliegen": mark("Testlauf")}
    world.trial.save()
    # The catalogue entry is shared by every tenant: no marker in it, on purpose.
    world.service = Service.objects.create(
        slug=slug, name="Nordleistung", summary="Eine Leistung.", definition_slug=slug,
        responsible_level=Service.Level.GEMEINDE,
    )  # fmt: skip
    world.offer = Offer.objects.create(
        service=world.service, authority=world.authority, territory=world.authority.territory,
        contact=mark("Ansprechstelle"), opening_hours=mark("Oeffnungszeiten"),
        fee_note=mark("Gebuehrenhinweis"),
    )  # fmt: skip
    world.route = DeliveryRoute.objects.create(
        offer=world.offer, plugin="email", config={"to": "fachverfahren@hamburg.example"}
    )
    world.token, world.token_secret = create_token(world.authority, mark("Token"))


def _applications(world: World) -> None:
    citizen = user_named(world, "citizen")
    gemeinde = world.authority.territory
    world.draft = submissions.start_draft(world.service, gemeinde, citizen, {}, "de")
    Draft.objects.filter(pk=world.draft.pk).update(answers={"anliegen": mark("Entwurf")})
    # An anonymous draft someone may resume with a link from a mail.
    world.anonymous_draft = Draft.objects.create(
        version=world.version, service=world.service, offer=world.offer, municipality=gemeinde,
        answers={"anliegen": mark("AnonymerEntwurf")},
    )  # fmt: skip
    world.resume_token = secrets.token_urlsafe(32)
    Draft.objects.filter(pk=world.anonymous_draft.pk).update(
        resume_token_hash=resume_digest(world.resume_token), resume_email="a@example.org"
    )


def _organisation(world: World) -> None:
    owner = accounts.create_citizen("firma@example.org", PASSWORD, "Frieda", "Firma")
    world.organisation = organisations.create(owner, "company", {
        "name": mark("Firma"), "register_type": "HRB", "register_court": mark("Gericht"),
        "register_number": "4711", "street": mark("Strasse"), "house_number": "1",
        "postal_code": "20095", "city": "Hamburg",
    })  # fmt: skip
    world.organisation_member = world.organisation.members.get()
    world.invitation = organisations.invite(
        owner, world.organisation, "neu@hamburg.example", "read"
    )


def _hamburg_web_journey(world: World) -> None:
    """The citizen applies on Hamburg's host (receipt PDF, postbox message, case and
    delivery come from the real journey), then answers in the postbox."""
    citizen = Client(HTTP_HOST=HAMBURG_HOST)
    citizen.force_login(user_named(world, "citizen"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = citizen.post(f"/leistungen/{world.service.slug}/beantragen/",
                                {"gemeinde": HAMBURG})  # fmt: skip
        assert response.status_code == 302, response
        with scope.activate(world.hamburg):
            draft = Draft.objects.filter(submission__isnull=True).latest("created_at")
        citizen.post(f"/antrag/{draft.pk}/schritt/1/", {"anliegen": mark("Antwort")})
        response = citizen.post(
            f"/antrag/{draft.pk}/pruefen/",
            {"idempotency_key": str(draft.idempotency_key), "declaration": "yes"},
        )
        assert response.status_code == 302, response.content
    with scope.activate(world.hamburg), TestCase.captureOnCommitCallbacks(execute=True):
        world.submission = Submission.objects.get(draft=draft)
        world.case = Case.objects.get(submission=world.submission)
        upload = SimpleUploadedFile("nachweis.pdf", pdf_bytes("Anhang"), "application/pdf")
        added = submissions.add_documents(world.submission, [upload], user_named(world, "citizen"))
        world.attachment = added[0]
        clerk = user_named(world, "clerk")
        world.case = cases.claim(world.case, clerk, world.case.version)
        cases.add_note(world.case, clerk, mark("Notiz"))
        world.case, _step = cases.transition(
            world.case, "bearbeiten", clerk, "clerk", world.case.version, cases.Change()
        )
        world.case, _step = cases.transition(
            world.case, "rueckfrage", clerk, "clerk", world.case.version,
            cases.Change(message=mark("Rueckfrage")),
        )  # fmt: skip
        world.message = postbox.deliver(
            user_named(world, "citizen"), sender_name=mark("Absender"), subject=mark("Nachricht"),
            body=mark("Nachrichtentext"), submission=world.submission,
            files=[postbox.FileContent("bescheid.pdf", "application/pdf", pdf_bytes("Datei"))],
        )  # fmt: skip
        world.message_file = world.message.files.get()
        # Her answer with a document brings the case back from the question to processing.
        reply_file = SimpleUploadedFile("antwort.pdf", pdf_bytes("Antwortdatei"), "application/pdf")
        replies.answer(
            world.message, user_named(world, "citizen"), mark("Antworttext"), [reply_file]
        )
        world.case.refresh_from_db()
        world.case, _step = cases.transition(
            world.case, "entscheiden", clerk, "clerk", world.case.version,
            cases.Change(outcome="bewilligt", reasons=mark("Begruendung"), document=True),
        )  # fmt: skip
        world.submission.refresh_from_db()
    assert world.submission.receipt, "the receipt PDF is made after the submission"
    store(world, world.submission.receipt)
    with scope.activate(world.hamburg):  # the decision PDF, her answer's file, the uploads
        for message_file in MessageFile.objects.filter(message__submission=world.submission):
            store(world, message_file.file)
        for attachment in Attachment.objects.filter(submission=world.submission):
            store(world, attachment.file)
