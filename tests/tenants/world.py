"""Two tenants for the isolation matrix: Hamburg's world, in which every tenant-owned thing
exists once and carries a marker, and Hessen's actors, who must never see any of it.

Hamburg is staffed by **the same people** who act in Hessen: the Hessian citizen also
applied in Hamburg, the Hessian clerk also works Hamburg's cases, and so on (users are
shared by the platform, memberships belong to a tenant). That is the hardest case for
isolation: every relation that starts at the user (``user.event_registrations``,
``message__owner=user``, ``created_by=user``) must still stop at the tenant, so a leak
through such a relation shows up as well as one through an id in a URL.

Every text a person would read carries ``MARKER`` (``HHGEHEIM-<kind> Elbphilharmonie``);
slugs and ids do not (URLs are echoed by pages). ``SEARCH_WORD`` is the word to search for:
a search that finds Hamburg's rows shows their titles, hence the marker. Every stored file
of the world is kept in ``World.files`` so a response that serves one is recognised by its
bytes, pictures included.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.test import Client
from PIL import Image

from rathaus.accounts.models import User
from rathaus.authentication.testing import login_with_second_factor
from rathaus.cases.models import ApiToken, Case
from rathaus.catalog.models import Offer, Service
from rathaus.consulting.models import ConsultingPartner, ConsultingRequest
from rathaus.core.feedback import RECEIPT_SESSION_KEY
from rathaus.core.models import Authority, Feedback
from rathaus.definitions.models import Definition, DefinitionVersion
from rathaus.deliveries.models import DeliveryRoute
from rathaus.designer.models import TrialRun
from rathaus.events.models import (
    Event,
    EventRegion,
    Exhibitor,
    Material,
    Registration,
    Session,
    Speaker,
)
from rathaus.organisations.models import Invitation, Member, Organisation
from rathaus.postbox.models import Message, MessageFile
from rathaus.projects.models import (
    Project,
    RevisionDocument,
    RevisionImage,
    TransferRequest,
)
from rathaus.submissions import services as submissions
from rathaus.submissions.access import SESSION_SUBMISSIONS
from rathaus.submissions.models import Attachment, Draft, Submission
from rathaus.tenants.models import Tenant

PASSWORD = "Ein-langes-Passwort-2026"
SEARCH_WORD = "Elbphilharmonie"
MARKER = "HHGEHEIM"
HAMBURG = "02000000"  # the Gemeinde (and Kreis 02000, Land 02)
DARMSTADT = "06411000"
HESSIAN_HOST = "hessen.localhost"
HAMBURG_HOST = "hamburg.localhost"


def mark(kind: str) -> str:
    """The visible text of one Hamburg thing: the marker, its kind, the search word."""
    return f"{MARKER}-{kind} {SEARCH_WORD}"


def pdf_bytes(kind: str) -> bytes:
    """A small PDF (the upload checks read the content) whose bytes name the marker."""
    return f"%PDF-1.4\n% {mark(kind)}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()


def png_bytes(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), colour).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class Actor:
    """Someone in Hessen: a logged-in test client (or none) and what to send with it."""

    name: str
    user: User | None = None
    headers: dict[str, str] = field(default_factory=dict)
    api_only: bool = False

    def client(self, world: World, host: str = HESSIAN_HOST) -> Client:
        client = Client(HTTP_HOST=host, raise_request_exception=False, **self.headers)
        if self.user is not None:
            login_with_second_factor(client, self.user)
        world.remember_in(client)
        return client


@dataclass
class World:
    hessen: Tenant
    hamburg: Tenant
    media_root: Path
    actors: dict[str, Actor] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # stored name -> content
    # Hamburg's things (filled by build_hamburg)
    authority: Authority = None  # type: ignore[assignment]
    office_authority: Authority = None  # type: ignore[assignment]
    partner_organisation: Authority = None  # type: ignore[assignment]
    service: Service = None  # type: ignore[assignment]
    offer: Offer = None  # type: ignore[assignment]
    definition: Definition = None  # type: ignore[assignment]
    version: DefinitionVersion = None  # type: ignore[assignment]
    trial: TrialRun = None  # type: ignore[assignment]
    draft: Draft = None  # type: ignore[assignment]
    anonymous_draft: Draft = None  # type: ignore[assignment]
    resume_token: str = ""
    submission: Submission = None  # type: ignore[assignment]
    case: Case = None  # type: ignore[assignment]
    attachment: Attachment = None  # type: ignore[assignment]
    message: Message = None  # type: ignore[assignment]
    message_file: MessageFile = None  # type: ignore[assignment]
    route: DeliveryRoute = None  # type: ignore[assignment]
    token: ApiToken = None  # type: ignore[assignment]
    token_secret: str = ""
    project: Project = None  # type: ignore[assignment]
    image: RevisionImage = None  # type: ignore[assignment]
    document: RevisionDocument = None  # type: ignore[assignment]
    transfer: TransferRequest = None  # type: ignore[assignment]
    region: EventRegion = None  # type: ignore[assignment]
    event: Event = None  # type: ignore[assignment]
    speaker: Speaker = None  # type: ignore[assignment]
    session: Session = None  # type: ignore[assignment]
    material: Material = None  # type: ignore[assignment]
    exhibitor: Exhibitor = None  # type: ignore[assignment]
    registration: Registration = None  # type: ignore[assignment]
    partner: ConsultingPartner = None  # type: ignore[assignment]
    consulting: ConsultingRequest = None  # type: ignore[assignment]
    feedback: Feedback = None  # type: ignore[assignment]
    # Organisations are shared by every Land: one whose members are none of the actors
    # must stay invisible to them everywhere.
    organisation: Organisation = None  # type: ignore[assignment]
    organisation_member: Member = None  # type: ignore[assignment]
    invitation: Invitation = None  # type: ignore[assignment]

    @property
    def identifiers(self) -> list[str]:
        """What names one Hamburg thing without a marker: references, tokens, slugs."""
        return [self.submission.reference, self.consulting.reference, self.feedback.reference,
                self.registration.token, self.resume_token, self.project.slug,
                self.event.slug]  # fmt: skip

    @property
    def organiser(self) -> User:
        """A member of the Hamburg event's team (the clerk, who organises there too)."""
        user = self.actors["clerk"].user
        assert user is not None
        return user

    def remember_in(self, client: Client) -> None:
        """What a browser that used Hamburg's portal on the shared address (``/hamburg/``,
        one cookie for all tenants) keeps in its session: its feedback receipt, its
        application, its drafts. None of it may open anything on another tenant."""
        session = client.session
        session[RECEIPT_SESSION_KEY] = [self.feedback.reference]
        session[SESSION_SUBMISSIONS] = [self.submission.reference]
        session[submissions.SESSION_KEY] = [str(self.draft.pk), str(self.anonymous_draft.pk)]
        session.save()


def user_named(world: World, name: str) -> User:
    user = world.actors[name].user
    assert user is not None
    return user


def store(world: World, field_file: Any) -> None:
    """Remember a stored file's bytes (to recognise it in any response)."""
    with field_file.open("rb") as handle:
        world.files[field_file.name] = handle.read()
