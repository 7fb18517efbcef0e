"""Public operations of the catalogue: find services, resolve who is responsible where."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from rathaus.catalog.models import LifeSituation, Offer, Service
from rathaus.core.models import Authority, Territory
from rathaus.core.municipalities import datalist_options
from rathaus.core.services import municipality_by_key, resolution_chain
from rathaus.search import services as search

__all__ = [
    "SEARCH_KIND",
    "Responsibility",
    "published_services",
    "service_by_slug",
    "find_services",
    "catalogue_ids",
    "services_by_ids",
    "CATALOGUE_PAGE",
    "own_municipality",
    "catalogue_query",
    "resolve",
    "resolve_many",
    "is_online",
    "fee_overrides",
    "offer_online",
    "reindex",
    "reindex_all",
]

SEARCH_KIND = "catalog.service"
CATALOGUE_PAGE = 20  # services per catalogue page


def published_services() -> QuerySet[Service]:
    return Service.objects.prefetch_related("life_situations")


def service_by_slug(slug: str) -> Service | None:
    return published_services().filter(slug=slug).first()


def find_services(
    query: str = "", life_situation: LifeSituation | None = None, limit: int = 50
) -> list[Service]:
    """Services matching a German full-text query (stemming, synonyms), best first."""
    services = published_services()
    if life_situation is not None:
        services = services.filter(life_situations=life_situation)
    if not query.strip():
        return list(services.order_by("name")[:limit])
    hits = search.search(SEARCH_KIND, query, limit=200)
    by_id = {str(s.pk): s for s in services.filter(pk__in=[h.object_id for h in hits])}
    return [by_id[h.object_id] for h in hits if h.object_id in by_id][:limit]


def catalogue_ids(
    query: str, life_situation: LifeSituation | None, municipality: Territory | None,
    online_only: bool,
) -> list[int]:  # fmt: skip
    """Ids of every service the catalogue lists for this search, in its order (best match
    first, else by name): cheap to count and to page through however large it grows."""
    matching = Service.objects.all()
    if life_situation is not None:
        matching = matching.filter(life_situations=life_situation)
    if query.strip():
        hits = search.search(SEARCH_KIND, query, limit=200)
        allowed = {str(pk) for pk in matching.filter(pk__in=[h.object_id for h in hits])
                   .values_list("pk", flat=True)}  # fmt: skip
        ids = [int(h.object_id) for h in hits if h.object_id in allowed]
    else:
        ids = list(matching.order_by("name").values_list("pk", flat=True))
    return _online(ids, municipality) if online_only else ids


def _online(ids: list[int], municipality: Territory | None) -> list[int]:
    """Those of ``ids`` that ``is_online`` (for the Gemeinde, when given), in two queries."""
    candidates = list(Service.objects.filter(pk__in=ids).exclude(definition_slug=""))
    if municipality is not None:
        responsible = resolve_many(candidates, municipality)
        online = {s.pk for s in candidates if is_online(s, responsible[s.pk])}
    else:  # is_online without a Gemeinde: any online offer
        online = set(
            Offer.objects.filter(service__in=candidates, online=True).values_list(
                "service_id", flat=True
            )
        )
    return [pk for pk in ids if pk in online]


def services_by_ids(ids: list[int]) -> list[Service]:
    """The services of ``ids`` in that order, with what the catalogue shows of them."""
    by_id = {service.pk: service for service in published_services().filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def own_municipality(user: Any) -> Territory | None:
    """The Gemeinde in a signed-in citizen's Servicekonto profile, if she gave one."""
    if user is None or not user.is_authenticated:
        return None
    profile = getattr(user, "citizen_profile", None)
    return profile.municipality if profile is not None else None


def catalogue_query(params: QueryDict, user: Any) -> QueryDict:
    """The catalogue's query with its Gemeinde as people read it, "Darmstadt (06411000)".

    Where the URL names no ``gemeinde``, a signed-in citizen's own Gemeinde from her
    profile; a ``gemeinde`` in the URL always wins, also an empty one (she cleared the
    field). A Gemeinde given by its key alone (the result links carry ``?gemeinde=<key>``)
    gets its name. Anything else stays as typed: the view explains what it cannot find."""
    given = params.get("gemeinde")
    # municipality_by_key: None unless an 8-digit key, without asking the database
    territory = own_municipality(user) if given is None else municipality_by_key(given)
    if territory is None:
        return params
    query = params.copy()
    query["gemeinde"] = datalist_options([territory])[0]["value"]
    return query


@dataclass(frozen=True)
class Responsibility:
    """Who handles a service for a Gemeinde, and why (for the explanation on the page)."""

    service: Service
    municipality: Territory
    offer: Offer | None
    chain: list[Territory]

    @property
    def authority(self):
        return self.offer.authority if self.offer else None

    def explanation(self) -> str:
        if self.offer is None:
            return _(
                "Für %(gemeinde)s ist uns noch keine zuständige Stelle für diese Leistung "
                "bekannt. Bitte wenden Sie sich an Ihre Gemeindeverwaltung."
            ) % {"gemeinde": self.municipality.short_name}
        served = self.offer.territory
        if served.pk == self.municipality.pk:
            reason = _("Die Leistung wird in Ihrer Gemeinde %(gemeinde)s selbst angeboten.")
        else:
            reason = _(
                "Die Leistung wird nicht von jeder Gemeinde angeboten, sondern für das ganze "
                "Gebiet %(area)s, zu dem %(gemeinde)s gehört."
            )
        return f"{reason} " % {
            "gemeinde": self.municipality.short_name,
            "area": served.name,
        } + _("Zuständig ist: %(authority)s.") % {"authority": self.offer.authority.name}


def resolve(service: Service, municipality: Territory) -> Responsibility:
    """Gemeinde → Kreis → Regierungsbezirk → Land: the first offer found wins."""
    return resolve_many([service], municipality)[service.pk]


def resolve_many(services: list[Service], municipality: Territory) -> dict[int, Responsibility]:
    """``resolve`` for each of ``services`` (by id), in one query however many they are."""
    chain = resolution_chain(municipality)
    offers = {
        (offer.service_id, offer.territory_id): offer
        for offer in Offer.objects.filter(
            service__in=[s.pk for s in services], territory__in=chain
        ).select_related("authority", "territory")
    }
    return {
        service.pk: Responsibility(
            service,
            municipality,
            next((offers[service.pk, t.pk] for t in chain if (service.pk, t.pk) in offers), None),
            chain,
        )
        for service in services
    }


def is_online(service: Service, responsibility: Responsibility | None) -> bool:
    """Whether the service can be applied for online (for this Gemeinde, when given)."""
    if not service.definition_slug:
        return False
    if responsibility is None:
        return service.offers.filter(online=True).exists()
    return bool(responsibility.offer and responsibility.offer.online)


def fee_overrides(offer: Offer | None) -> dict[str, Decimal]:
    """An offer's local fees by fee id; entries that are not amounts are ignored."""
    result: dict[str, Decimal] = {}
    raw = offer.fee_overrides if offer is not None else {}
    for fee_id, amount in (raw if isinstance(raw, dict) else {}).items():
        try:
            value = Decimal(str(amount))
        except InvalidOperation:
            continue
        if value >= 0:
            result[str(fee_id)] = value
    return result


_LEVELS = {"gemeinde": "gemeinde", "kreis": "kreis", "regierungsbezirk": "regierungsbezirk"}


def offer_online(
    definition_slug: str, authority: Authority, *, name: str, name_en: str = "",
    summary: str = "", summary_en: str = "",
) -> Offer:  # fmt: skip
    """Offer an online service of a definition in the authority's territory.

    The catalogue entry is found by the definition (one shared entry however many
    authorities offer it: *Einer für Alle*) or created from the definition's texts; the
    offer follows the definition, so applications always use its newest published version.
    """
    with transaction.atomic():
        service = Service.objects.filter(definition_slug=definition_slug).first()
        if service is None:
            service = Service.objects.create(
                slug=definition_slug, name=name[:200], name_en=name_en[:200],
                summary=summary or name, summary_en=summary_en,
                responsible_level=_LEVELS.get(authority.territory.level, "land"),
                definition_slug=definition_slug,
            )  # fmt: skip
        offer, _created = Offer.objects.update_or_create(
            service=service, territory=authority.territory,
            defaults={"authority": authority, "online": True},
        )  # fmt: skip
    return offer


def reindex(service: Service) -> None:
    body = " ".join(
        [service.summary, service.required_documents, service.summary_en, service.name_en]
    )
    situations = " ".join(ls.name for ls in service.life_situations.all())
    search.index(
        SEARCH_KIND,
        service.pk,
        title=service.name,
        body=body,
        keywords=f"{service.keywords} {situations}",
    )


def reindex_all() -> int:
    search.clear(SEARCH_KIND)
    services = list(published_services())
    for service in services:
        reindex(service)
    return len(services)
