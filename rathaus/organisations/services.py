"""Public operations on organisation accounts: create, invite, join, change roles, leave.

Roles: ``admin`` manages members and the organisation's details, ``apply`` applies in
its name and answers its post, ``read`` reads its applications and post. Every change is
one transaction with its audit entry; an organisation always keeps one administrator.
Municipalities are organisations too: their members act for the municipality's
administration (Smart Region projects, consulting requests) and count as staff (second
factor required).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.accounts.models import User, normalize_email
from rathaus.accounts.services import create_citizen, send_account_mail
from rathaus.audit.services import log_action
from rathaus.core.errors import DomainError
from rathaus.core.mail import absolute_link
from rathaus.core.models import Authority
from rathaus.organisations.models import (
    Invitation,
    Kind,
    Member,
    MemberRole,
    Organisation,
    role_allows,
)
from rathaus.tenants.scope import current_or_none

__all__ = [
    "OrganisationError",
    "INVITATION_DAYS",
    "SELF_SERVICE_KINDS",
    "memberships_of",
    "organisations_of",
    "role_in",
    "may",
    "create",
    "update",
    "invite",
    "invite_for_land",
    "invitation_for",
    "accept",
    "withdraw_invitation",
    "change_role",
    "remove",
    "ensure_municipality",
    "add_municipal_member",
    "create_municipal_staff",
    "municipal_authorities",
    "municipal_memberships",
    "readable_ids",
]

INVITATION_DAYS = 14
SELF_SERVICE_KINDS = (Kind.COMPANY, Kind.ASSOCIATION)
DETAIL_FIELDS = ("name", "register_type", "register_court", "register_number", "street",
                 "house_number", "postal_code", "city", "email", "phone")  # fmt: skip


class OrganisationError(DomainError):
    pass


def memberships_of(user: Any) -> list[Member]:
    """The person's memberships with their organisations, by organisation name (a
    municipality only in its own Land, like ``organisations_of``)."""
    if not getattr(user, "is_authenticated", False):
        return []
    # organisations_of(user) as one join (no subquery): the "Mein Konto" page asks each time
    found = Member.objects.filter(user=user, role__in=_roles_allowing(MemberRole.READ))
    found = found.filter(_in_land_q("organisation__"))
    return list(found.select_related("organisation").order_by("organisation__name", "pk"))


def _roles_allowing(needed: str) -> list[str]:
    return [role for role in MemberRole if role_allows(role, needed)]


def _in_land_q(path: str = "") -> Q:
    """Organisations (at ``path``) that act in the Land in scope: companies and
    associations everywhere, a municipality only in its own Land."""
    land = current_or_none()
    if land is None:
        return Q()
    return Q(**{f"{path}authority__isnull": True}) | Q(**{f"{path}authority__tenant": land})


def organisations_of(user: Any, needed: str = MemberRole.READ) -> QuerySet[Organisation]:
    """The organisations in which ``user`` has at least the role ``needed``. Companies and
    associations act in every Land; a municipality only in its own (the Land in scope)."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    found = Organisation.objects.filter(
        members__user=user, members__role__in=_roles_allowing(needed)
    )
    return found.filter(_in_land_q()).distinct()


def readable_ids(user: Any) -> set[int]:
    """The ids of the organisations whose applications and post ``user`` may read."""
    return set(organisations_of(user).values_list("pk", flat=True))


def role_in(user: Any, organisation: Organisation) -> str | None:
    """The member's role, ``None`` for others (and for a municipality of another Land)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not _acts_here(organisation):
        return None
    return (
        Member.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def _acts_here(organisation: Organisation) -> bool:
    """A municipality acts in its own Land only; other organisations everywhere."""
    land = current_or_none()
    if land is None or organisation.authority is None:
        return True
    return organisation.authority.tenant_id == land.pk


def may(user: Any, organisation: Organisation | None, needed: str) -> bool:
    """Whether ``user`` is a member of ``organisation`` with at least the role ``needed``."""
    if organisation is None:
        return False
    role = role_in(user, organisation)
    return role is not None and role_allows(role, needed)


def _require(user: Any, organisation: Organisation, needed: str) -> None:
    if not may(user, organisation, needed):
        raise OrganisationError(_("Dafür fehlt Ihnen die Rolle in dieser Organisation."))


def _checked(organisation: Organisation) -> Organisation:
    organisation.full_clean()
    return organisation


def create(user: User, kind: str, details: dict[str, Any]) -> Organisation:
    """A company or association registered by a person, who becomes its administrator.

    Municipalities are not registered by anyone who asks: the Land's administration
    creates them (``ensure_municipality``)."""
    if kind not in SELF_SERVICE_KINDS:
        raise OrganisationError(_("Diese Art von Organisation legt die Landesverwaltung an."))
    organisation = _checked(Organisation(kind=kind, **_details(details)))
    with transaction.atomic():
        organisation.save()
        Member.objects.create(organisation=organisation, user=user, role=MemberRole.ADMIN)
        log_action(user, "organisations.created", organisation, {"kind": kind})
    return organisation


def _details(details: dict[str, Any]) -> dict[str, Any]:
    return {name: details[name] for name in DETAIL_FIELDS if name in details}


def update(actor: User, organisation: Organisation, details: dict[str, Any]) -> Organisation:
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        _require(actor, organisation, MemberRole.ADMIN)
        changed = [n for n, v in _details(details).items() if getattr(organisation, n) != v]
        for name in changed:
            setattr(organisation, name, details[name])
        _checked(organisation).save()
        log_action(actor, "organisations.updated", organisation, {"fields": changed})
    return organisation


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(actor: User, organisation: Organisation, email: str, role: str) -> Invitation:
    """An administrator of the organisation invites by e-mail; a new invitation replaces
    an open one to the same address."""
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        _require(actor, organisation, MemberRole.ADMIN)
        return _send_invitation(actor, organisation, email, role)


def invite_for_land(actor: User, organisation: Organisation, email: str) -> Invitation:
    """The Land's administration (admin site) invites the first administrator of a
    municipality it created."""
    if not actor.has_perm("organisations.change_organisation"):
        raise OrganisationError(_("Dafür fehlt Ihnen das Recht in der Plattformverwaltung."))
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        return _send_invitation(actor, organisation, email, MemberRole.ADMIN)


def _send_invitation(actor: User, organisation: Organisation, email: str, role: str) -> Invitation:
    email = normalize_email(email)
    role = MemberRole(role)
    token = secrets.token_urlsafe(32)
    if organisation.members.filter(user__email__iexact=email).exists():
        raise OrganisationError(
            _("Diese Person ist schon Mitglied der Organisation."), field="email"
        )
    now = timezone.now()
    organisation.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, token_hash=_digest(token),
        invited_by=actor, expires_at=now + timedelta(days=INVITATION_DAYS),
    )  # fmt: skip
    log_action(actor, "organisations.invited", organisation, {"role": role})
    link = absolute_link("organisations:join", token=token)
    send_account_mail("organisations/mail/invitation", email, {
        "organisation": organisation.name, "inviter": actor.email, "days": INVITATION_DAYS,
        "role": MemberRole(role).label, "link": link,
    })  # fmt: skip
    return invitation


def invitation_for(token: str) -> Invitation | None:
    """The invitation of a link, if it is still open."""
    if not token or len(token) > 100:
        return None
    found = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=_digest(token))
        .first()
    )
    return found if found is not None and found.open else None


def accept(user: User, token: str) -> Member:
    """Join with an invitation sent to the person's own (confirmed) e-mail address."""
    with transaction.atomic():
        found = invitation_for(token)
        if found is None:
            raise OrganisationError(_("Diese Einladung gilt nicht mehr."))
        invitation = Invitation.objects.select_for_update().get(pk=found.pk)
        if not invitation.open:
            raise OrganisationError(_("Diese Einladung gilt nicht mehr."))
        if normalize_email(user.email) != invitation.email or not user.email_verified:
            raise OrganisationError(_(
                "Diese Einladung gilt für eine andere E-Mail-Adresse. Melden Sie sich mit "
                "dem Konto zu der Adresse an, an die die Einladung ging."
            ))  # fmt: skip
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        member, created = Member.objects.get_or_create(
            organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
        )
        if created:
            log_action(user, "organisations.joined", invitation.organisation,
                       {"role": member.role})  # fmt: skip
    return member


def withdraw_invitation(actor: User, invitation: Invitation) -> None:
    with transaction.atomic():
        _require(actor, invitation.organisation, MemberRole.ADMIN)
        updated = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=timezone.now())
        if updated:
            log_action(actor, "organisations.invitation_withdrawn", invitation.organisation, {})


def _lock_members(organisation: Organisation) -> list[Member]:
    """Lock the organisation's row: member changes of one organisation run one at a time
    (two administrators demoting each other at once cannot leave it without one)."""
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    return list(Member.objects.filter(organisation=organisation).select_related("user"))


def _keeps_an_admin(members: list[Member], changed: Member, new_role: str | None) -> bool:
    admins = [m for m in members if m.role == MemberRole.ADMIN and m.pk != changed.pk]
    return bool(admins) or new_role == MemberRole.ADMIN


def change_role(actor: User, member: Member, role: str) -> Member:
    role = MemberRole(role)
    with transaction.atomic():
        members = _lock_members(member.organisation)
        _require(actor, member.organisation, MemberRole.ADMIN)
        current = next((m for m in members if m.pk == member.pk), None)
        if current is None:
            raise OrganisationError(_("Diese Person ist nicht mehr Mitglied."))
        if not _keeps_an_admin(members, current, role):
            raise OrganisationError(_(
                "Die Organisation braucht mindestens eine Verwaltung. Ernennen Sie zuerst "
                "ein anderes Mitglied zur Verwaltung."
            ), field="role")  # fmt: skip
        if current.role != role:
            current.role = role
            current.save(update_fields=["role"])
            log_action(actor, "organisations.role_changed", member.organisation,
                       {"user": current.user_id, "role": role})  # fmt: skip
    return current


def remove(actor: User, member: Member) -> None:
    """An administrator removes a member, or a member leaves. What the member applied for
    in the organisation's name stays with the organisation."""
    with transaction.atomic():
        members = _lock_members(member.organisation)
        if actor.pk != member.user_id:
            _require(actor, member.organisation, MemberRole.ADMIN)
        current = next((m for m in members if m.pk == member.pk), None)
        if current is None:
            return
        if not _keeps_an_admin(members, current, None) and len(members) > 1:
            raise OrganisationError(_(
                "Die Organisation braucht mindestens eine Verwaltung. Ernennen Sie zuerst "
                "ein anderes Mitglied zur Verwaltung."
            ))  # fmt: skip
        current.delete()
        verb = "organisations.left" if actor.pk == member.user_id else "organisations.removed"
        log_action(actor, verb, member.organisation, {"user": member.user_id})


# --- Municipalities ----------------------------------------------------------------------


def ensure_municipality(authority: Authority) -> Organisation:
    """The organisation of a municipality's administration (made once, then found)."""
    found = Organisation.objects.filter(authority=authority).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                kind=Kind.MUNICIPALITY, name=authority.name, authority=authority,
                email=authority.email or "",
            )  # fmt: skip
            log_action(None, "organisations.created", organisation, {"kind": Kind.MUNICIPALITY})
            return organisation
    except IntegrityError:  # made at the same moment by someone else
        return Organisation.objects.get(authority=authority)


def add_municipal_member(user: User, authority: Authority, role: str = MemberRole.ADMIN) -> Member:
    """Make ``user`` a member of the municipality whose administration is ``authority``."""
    organisation = ensure_municipality(authority)
    with transaction.atomic():
        member, created = Member.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": role}
        )
        if created:
            log_action(None, "organisations.joined", organisation, {"role": role})
    return member


def create_municipal_staff(
    email: str, password: str, authority: Authority, role: str = MemberRole.ADMIN
) -> User:
    """A (demo or test) account that acts for a municipality (idempotent)."""
    user = create_citizen(email, password, given_names="", family_name="")
    add_municipal_member(user, authority, role)
    return user


def municipal_authorities(user: Any) -> QuerySet[Authority]:
    """The administrations (in the current tenant) for which ``user`` acts: members of a
    municipality's organisation who may apply in its name."""
    acting = organisations_of(user, MemberRole.APPLY).filter(kind=Kind.MUNICIPALITY)
    return Authority.objects.filter(organisation__in=acting).order_by("name")


def municipal_memberships(user: Any) -> QuerySet[Member]:
    """Memberships in a municipality (any role, any Land): these people work for public
    administration and count as staff (``accounts.STAFF_SOURCES``)."""
    return Member.objects.filter(user=user, organisation__kind=Kind.MUNICIPALITY)
