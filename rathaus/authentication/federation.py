"""What every federated login shares, whichever protocol brought it (SAML, OIDC).

A checked login arrives as a :class:`FederatedIdentity`. ``complete_federated_login``
logs in the user linked to it; a first login waits in the session until the person
either creates a new account (verified by the IdP) or proves the password of an
existing one (``link_with_password``). Accounts are never merged by e-mail address.

The session keeps what the login reached: the method, the provider's name, the level of
assurance (``authentication.assurance``) and the confirmed attributes, which prefill
forms (``confirmed_sources``) and cannot be changed where a definition needs the level.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from django.contrib.auth import login as auth_login
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.accounts.models import User, normalize_email
from rathaus.accounts.services import resend_verification, update_profile
from rathaus.audit.services import log_action
from rathaus.authentication import assurance
from rathaus.authentication.models import ExternalIdentity
from rathaus.authentication.throttle import forget_source
from rathaus.authentication.throttle import source_of as login_source
from rathaus.core.errors import DomainError

__all__ = [
    "ATTRIBUTES",
    "FederatedIdentity",
    "FederatedOutcome",
    "FederatedRefusal",
    "complete_federated_login",
    "pending_identity",
    "clear_pending_identity",
    "link_pending_identity",
    "create_account_for_pending",
    "session_level",
    "session_provider",
    "confirmed_sources",
    "forget_federated_session",
    "identities_of",
    "split_street",
]

BACKEND = "rathaus.authentication.backends.EmailBackend"
FEDERATED_KEY = "rathaus.auth.federated"
PENDING_KEY = "rathaus.auth.federated_pending"
PENDING_SECONDS = 15 * 60
#: The person's data an IdP may confirm, by the name used here.
ATTRIBUTES = (
    "given_names",
    "family_name",
    "birth_date",
    "street",
    "house_number",
    "postal_code",
    "city",
    "email",
)
_STREET = re.compile(r"^(?P<street>.*?\S)\s+(?P<number>\d[\w\s/-]{0,19})$")


class FederatedRefusal(DomainError):
    """An identity provider's answer that must not log anybody in. ``reason`` is logged;
    the message is for the person."""

    def __init__(self, reason: str, message: Any = ""):
        super().__init__(message or _("Die Anmeldung konnte nicht geprüft werden."))
        self.reason = reason


@dataclass(frozen=True)
class FederatedIdentity:
    """A person as an identity provider confirmed them in one checked login."""

    method: str  # ExternalIdentity.Method
    issuer: str
    subject: str
    provider: str  # the provider's name for people, e.g. "BundID"
    level: int  # rank, see authentication.assurance
    attributes: dict[str, str] = field(default_factory=dict)

    def as_session(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_session(cls, data: Any) -> FederatedIdentity | None:
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                method=str(data["method"]),
                issuer=str(data["issuer"]),
                subject=str(data["subject"]),
                provider=str(data.get("provider", "")),
                level=int(data.get("level", 0)),
                attributes={str(k): str(v) for k, v in dict(data.get("attributes", {})).items()},
            )
        except (KeyError, TypeError, ValueError):
            return None


class FederatedOutcome(StrEnum):
    LOGGED_IN = "logged_in"
    LINK_NEEDED = "link_needed"


def split_street(line: str) -> tuple[str, str]:
    """ "Musterstraße 12a" → ("Musterstraße", "12a"); without a number the line is the street."""
    line = " ".join((line or "").split())
    match = _STREET.match(line)
    if match is None:
        return line, ""
    return match.group("street"), match.group("number")


# --- Login -------------------------------------------------------------------------------


def complete_federated_login(
    request: HttpRequest, identity: FederatedIdentity, next_url: str = ""
) -> FederatedOutcome:
    """Log in the user linked to ``identity``; a first login waits for linking."""
    with transaction.atomic():
        linked = (
            ExternalIdentity.objects.select_for_update()
            .select_related("user")
            .filter(issuer=identity.issuer, subject=identity.subject)
            .first()
        )
        if linked is not None:
            if not linked.user.is_active:
                log_action(None, "authentication.federated_refused", linked.user,
                           {"reason": "inactive", "method": identity.method})  # fmt: skip
                raise FederatedRefusal(
                    "inactive", _("Dieses Konto ist gesperrt. Bitte wenden Sie sich an uns.")
                )
            _remember_login(linked, identity)
            _log_in(request, linked.user, identity)
            return FederatedOutcome.LOGGED_IN
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "identity": identity.as_session(),
        "next": next_url,
        "expires": (timezone.now() + timedelta(seconds=PENDING_SECONDS)).timestamp(),
    }
    return FederatedOutcome.LINK_NEEDED


def _remember_login(linked: ExternalIdentity, identity: FederatedIdentity) -> None:
    linked.last_login_at = timezone.now()
    linked.attributes = dict(identity.attributes)
    linked.level = identity.level
    linked.provider = identity.provider
    linked.save(update_fields=["last_login_at", "attributes", "level", "provider"])


def _log_in(request: HttpRequest, user: User, identity: FederatedIdentity) -> None:
    """The session for ``user`` (new key), with the level and confirmed data of this login."""
    _update_profile(user, identity.attributes)
    forget_source(user.email, login_source(request, user.email))
    request.session.pop(PENDING_KEY, None)
    auth_login(request, user, backend=BACKEND)  # rotates the session key
    request.session[FEDERATED_KEY] = {
        "method": identity.method,
        "provider": identity.provider,
        "issuer": identity.issuer,
        "level": identity.level,
        "confirmed": _sources_of(identity.attributes),
    }
    log_action(user, "authentication.logged_in", user, {
        "method": identity.method, "issuer": identity.issuer,
        "level": assurance.name_of(identity.level) or identity.level,
    })  # fmt: skip


def _birth_date(value: str) -> date | None:
    value = (value or "").strip()
    for parse in (date.fromisoformat, _german_date):
        try:
            return parse(value)
        except ValueError:
            continue
    return None


def _german_date(value: str) -> date:
    day, month, year = value.split(".")
    return date(int(year), int(month), int(day))


def _update_profile(user: User, attributes: dict[str, str]) -> None:
    values: dict[str, Any] = {}
    for name in ("given_names", "family_name", "street", "house_number", "postal_code", "city"):
        if attributes.get(name):
            values[name] = attributes[name][:120]
    born = _birth_date(attributes.get("birth_date", ""))
    if born is not None:
        values["birth_date"] = born
    if values:
        update_profile(user, **values)


def _sources_of(attributes: dict[str, str]) -> dict[str, Any]:
    """The confirmed attributes as the form engine's prefill sources."""
    sources: dict[str, Any] = {}
    for name in ("given_names", "family_name"):
        if attributes.get(name):
            sources[f"profile.{name}"] = attributes[name]
    born = _birth_date(attributes.get("birth_date", ""))
    if born is not None:
        sources["profile.birth_date"] = born.isoformat()
    if attributes.get("street") and attributes.get("city"):
        sources["profile.address"] = {
            "street": attributes["street"],
            "house_number": attributes.get("house_number", ""),
            "postal_code": attributes.get("postal_code", ""),
            "city": attributes["city"],
            "municipality": "",
            "municipality_key": "",
        }
    return sources


# --- A first login: link or create ----------------------------------------------------------


def pending_identity(request: HttpRequest) -> tuple[FederatedIdentity | None, str]:
    """The identity of a first login waiting for linking, and where it goes next."""
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict) or float(data.get("expires", 0)) < timezone.now().timestamp():
        clear_pending_identity(request)
        return None, ""
    return FederatedIdentity.from_session(data.get("identity")), str(data.get("next", ""))


def clear_pending_identity(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def _link(user: User, identity: FederatedIdentity) -> ExternalIdentity:
    try:
        with transaction.atomic():
            linked = ExternalIdentity.objects.create(
                user=user,
                method=identity.method,
                issuer=identity.issuer,
                subject=identity.subject,
                provider=identity.provider,
                attributes=dict(identity.attributes),
                level=identity.level,
                last_login_at=timezone.now(),
            )
    except IntegrityError as error:  # linked a moment ago in another session
        raise FederatedRefusal(
            "already_linked",
            _("Diese Anmeldung ist schon mit einem Konto verbunden. Bitte melden Sie sich "
              "noch einmal an."),
        ) from error  # fmt: skip
    return linked


def link_pending_identity(request: HttpRequest, user: User) -> None:
    """Link the waiting identity to ``user``, whose password the caller has just checked,
    and log in."""
    identity, _next = pending_identity(request)
    if identity is None:
        raise FederatedRefusal("no_pending", _("Die Anmeldung ist abgelaufen."))
    with transaction.atomic():
        _link(user, identity)
        log_action(user, "authentication.identity_linked", user,
                   {"method": identity.method, "issuer": identity.issuer})  # fmt: skip
        _log_in(request, user, identity)


def create_account_for_pending(request: HttpRequest, email: str) -> User:
    """A new citizen account for the waiting identity, logged in. The address counts as
    confirmed when the IdP confirmed it; another address gets a confirmation mail."""
    identity, _next = pending_identity(request)
    if identity is None:
        raise FederatedRefusal("no_pending", _("Die Anmeldung ist abgelaufen."))
    email = normalize_email(email)
    confirmed = email == normalize_email(identity.attributes.get("email", ""))
    with transaction.atomic():
        if User.objects.filter(email=email).exists():
            raise DomainError(
                _("Zu dieser E-Mail-Adresse gibt es schon ein Konto. Wenn es Ihres ist, "
                  "verbinden Sie es mit Ihrem Passwort."),
                field="email",
            )  # fmt: skip
        user = User.objects.create_user(
            email, None, email_verified_at=timezone.now() if confirmed else None
        )
        _link(user, identity)
        log_action(user, "accounts.registered", user,
                   {"method": identity.method, "issuer": identity.issuer})  # fmt: skip
        _log_in(request, user, identity)
        if not confirmed:
            resend_verification(email)
    return user


# --- What the session reached ----------------------------------------------------------------


def _federated(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    data = request.session.get(FEDERATED_KEY)
    return data if isinstance(data, dict) else {}


def session_level(request: HttpRequest) -> int:
    """The assurance rank this session's login reached (0: password or not logged in)."""
    try:
        return int(_federated(request).get("level", 0))
    except (TypeError, ValueError):
        return assurance.NONE


def session_provider(request: HttpRequest) -> str:
    """The name of the provider this session logged in with ("BundID"), or ""."""
    return str(_federated(request).get("provider", ""))


def confirmed_sources(request: HttpRequest) -> dict[str, Any]:
    """The prefill sources the provider of this session's login confirmed."""
    confirmed = _federated(request).get("confirmed")
    return dict(confirmed) if isinstance(confirmed, dict) else {}


def forget_federated_session(request: HttpRequest) -> None:
    """A password login in the same browser: the level of an earlier login no longer holds."""
    request.session.pop(FEDERATED_KEY, None)
    request.session.pop(PENDING_KEY, None)


def identities_of(user: User) -> list[ExternalIdentity]:
    return list(ExternalIdentity.objects.filter(user=user).order_by("linked_at"))
