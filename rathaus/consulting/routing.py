"""Which consulting partner receives a new request.

The most specific active partner whose regions cover the municipality wins: a Kreis
beats a Regierungsbezirk, which beats a partner without regions (the whole Land of its
organisation). Ties go to the partner configured first. When nobody covers the
municipality, the active default partner gets it; when there is none either, the request
is stored without a partner and the Smart Region office routes it by hand.
"""

from __future__ import annotations

from rathaus.consulting.models import ConsultingPartner
from rathaus.core.models import Territory

NOT_COVERED = -1


def coverage(partner: ConsultingPartner, chain: dict[int, int], land_key: str) -> int:
    """How specifically ``partner`` covers a territory (higher is more specific).

    ``chain`` maps the ids of the territory and its ancestors to their key lengths.
    """
    regions = list(partner.regions.all())
    if not regions:
        return len(land_key) if partner.organisation.territory.land_key == land_key else NOT_COVERED
    return max((chain.get(region.pk, NOT_COVERED) for region in regions), default=NOT_COVERED)


def partner_for(municipality: Territory) -> ConsultingPartner | None:
    """The partner a request from ``municipality`` goes to, or None (office decides)."""
    chain = {node.pk: len(node.key) for node in municipality.ancestors()}
    partners = (
        ConsultingPartner.objects.filter(active=True)
        .select_related("organisation__territory")
        .prefetch_related("regions")
        .order_by("pk")
    )
    best, best_rank = None, NOT_COVERED
    for partner in partners:
        rank = coverage(partner, chain, municipality.land_key)
        if rank > best_rank:
            best, best_rank = partner, rank
    if best is None:
        best = ConsultingPartner.objects.filter(active=True, is_default=True).first()
    return best
