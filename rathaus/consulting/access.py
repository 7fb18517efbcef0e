"""Who sees which consulting request.

- The Smart Region office (and platform admins) sees every request.
- A consultant sees the requests of the partners whose organisation she belongs to.
- Members of a municipality's organisation (who may act in its name) file requests for
  its territory and see only the requests they filed themselves.
"""

from __future__ import annotations

from django.db.models import QuerySet

from rathaus.accounts.models import Membership, Role, User
from rathaus.accounts.services import authorities_of, is_smart_region_office, roles_of
from rathaus.consulting.models import ConsultingRequest
from rathaus.core.models import Territory
from rathaus.organisations import services as organisations


def is_office(user: User) -> bool:
    return is_smart_region_office(user)


def is_consultant(user: User) -> bool:
    return Role.CONSULTANT in roles_of(user)


def is_municipal(user: User) -> bool:
    return organisations.municipal_authorities(user).exists()


def municipalities_of(user: User) -> QuerySet[Territory]:
    """The territories (Gemeinde or Kreis) a municipal user may request consulting for."""
    authorities = organisations.municipal_authorities(user)
    return Territory.objects.filter(authorities__in=authorities).distinct().order_by("name")


def _with_relations(queryset: QuerySet[ConsultingRequest]) -> QuerySet[ConsultingRequest]:
    return queryset.select_related("municipality", "topic", "partner", "assignee")


def partner_requests(user: User) -> QuerySet[ConsultingRequest]:
    """The requests of the partners the consultant works for."""
    organisations = authorities_of(user, Role.CONSULTANT)
    return _with_relations(
        ConsultingRequest.objects.filter(partner__organisation__in=organisations)
    )


def staff_requests(user: User) -> QuerySet[ConsultingRequest]:
    """Everything a staff member may open: all for the office, own partners' otherwise."""
    if is_office(user):
        return _with_relations(ConsultingRequest.objects.all())
    return partner_requests(user)


def own_requests(user: User) -> QuerySet[ConsultingRequest]:
    return _with_relations(ConsultingRequest.objects.filter(requester=user))


def consultants_of(request: ConsultingRequest) -> QuerySet[User]:
    """The people a request may be assigned to: the partner organisation's consultants."""
    if request.partner is None:
        return User.objects.none()
    members = Membership.objects.filter(
        authority=request.partner.organisation, role=Role.CONSULTANT
    )
    return User.objects.filter(memberships__in=members, is_active=True).distinct().order_by("email")


def may_open(user: User) -> bool:
    """The consulting pages: the office, consulting partners and municipal staff."""
    return is_office(user) or is_consultant(user) or is_municipal(user)
