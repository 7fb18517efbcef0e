"""OZG coverage: which catalogue services each Gemeinde can apply for online here.

The rules are the catalogue's own (``rathaus.catalog.services``): for a Gemeinde and a
service the first offer up the chain Gemeinde → Kreis → Regierungsbezirk → Land wins
(``resolve``), and the service is online when it has an online service (a
``definition_slug``) and the winning offer is marked online (``is_online``). This module
computes the same answer for every Gemeinde at once from a handful of queries: all
territories, the services and all their offers are read once, and each Gemeinde's chain
is walked in Python (tests compare it with ``resolve``/``is_online`` pair by pair).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from rathaus.catalog.models import LifeSituation, Offer, Service
from rathaus.catalog.services import published_services
from rathaus.core.branding import branding
from rathaus.core.models import Territory
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import activate

__all__ = [
    "SORTS",
    "DEFAULT_SORT",
    "ServiceStatus",
    "MunicipalityCoverage",
    "KreisCoverage",
    "CoverageReport",
    "life_situations",
    "coverage_report",
    "sorted_municipalities",
    "TenantCoverage",
    "tenants_overview",
]

DEFAULT_SORT = "abdeckung"
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def _collate(text: str) -> str:
    """A sort key for German names: case and umlauts ignored (Ölbronn next to Olpe)."""
    return text.casefold().translate(_UMLAUTS)


@dataclass(frozen=True)
class ServiceStatus:
    """One service for one Gemeinde: the winning offer (or None) and whether it is online."""

    service: Service
    offer: Offer | None
    online: bool

    @property
    def reason(self) -> str:
        """Why not online: ``no_offer``, ``no_online_service``, ``offline``; "" if online."""
        if self.online:
            return ""
        if self.offer is None:
            return "no_offer"
        return "offline" if self.service.definition_slug else "no_online_service"


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


@dataclass
class MunicipalityCoverage:
    """A Gemeinde's coverage: ``online`` of ``total`` services; rank 1 is the best."""

    municipality: Territory
    kreis: Territory | None
    statuses: list[ServiceStatus]
    rank: int = 0

    @property
    def online(self) -> int:
        return sum(1 for status in self.statuses if status.online)

    @property
    def total(self) -> int:
        return len(self.statuses)

    @property
    def percent(self) -> float:
        return _percent(self.online, self.total)


@dataclass
class KreisCoverage:
    """A Kreis (or kreisfreie Stadt) over its Gemeinden.

    ``percent`` counts every (Gemeinde, service) pair alike, which equals the mean of the
    Gemeinden's percentages; ``population_percent`` weights each Gemeinde by residents.
    """

    kreis: Territory
    municipalities: list[MunicipalityCoverage] = field(default_factory=list)

    @property
    def population(self) -> int:
        return sum(m.municipality.population or 0 for m in self.municipalities)

    @property
    def percent(self) -> float:
        online = sum(m.online for m in self.municipalities)
        return _percent(online, sum(m.total for m in self.municipalities))

    @property
    def population_percent(self) -> float:
        weighted = sum(m.percent * (m.municipality.population or 0) for m in self.municipalities)
        return weighted / self.population if self.population else self.percent

    @property
    def lowest(self) -> float:
        return min((m.percent for m in self.municipalities), default=0.0)

    @property
    def highest(self) -> float:
        return max((m.percent for m in self.municipalities), default=0.0)


@dataclass
class CoverageReport:
    """Every Gemeinde ranked (best first, ties by name) and every Kreis (best first)."""

    services: list[Service]
    life_situation: LifeSituation | None
    municipalities: list[MunicipalityCoverage]
    kreise: list[KreisCoverage]

    @property
    def average_percent(self) -> float:
        online = sum(m.online for m in self.municipalities)
        return _percent(online, sum(m.total for m in self.municipalities))

    def for_key(self, key: str) -> MunicipalityCoverage | None:
        return next((m for m in self.municipalities if m.municipality.key == key), None)


def life_situations() -> QuerySet[LifeSituation]:
    return LifeSituation.objects.all()


def _services(life_situation: LifeSituation | None) -> list[Service]:
    services = published_services()
    if life_situation is not None:
        services = services.filter(life_situations=life_situation)
    return list(services.order_by("name"))


def _offers(services: list[Service]) -> dict[tuple[int, int], Offer]:
    """Every offer of the services by (service id, territory id): one query."""
    queryset = Offer.objects.filter(service__in=services).select_related("authority", "territory")
    return {(offer.service_id, offer.territory_id): offer for offer in queryset}


def _chain(territory: Territory, by_id: dict[int, Territory]) -> list[Territory]:
    """The territory and its ancestors, nearest first, like ``Territory.ancestors``."""
    chain: list[Territory] = []
    node: Territory | None = territory
    while node is not None:
        chain.append(node)
        node = by_id.get(node.parent_id) if node.parent_id else None
    return chain


def _status(service: Service, chain: list[Territory], offers: dict) -> ServiceStatus:
    offer = next((offers[key] for t in chain if (key := (service.pk, t.pk)) in offers), None)
    online = bool(service.definition_slug) and offer is not None and offer.online
    return ServiceStatus(service, offer, online)


def _coverage(municipality, services, offers, by_id) -> MunicipalityCoverage:
    chain = _chain(municipality, by_id)
    kreis = next((t for t in chain if t.level == Territory.Level.KREIS), None)
    statuses = [_status(service, chain, offers) for service in services]
    return MunicipalityCoverage(municipality, kreis, statuses)


def _rank(rows: list[MunicipalityCoverage]) -> list[MunicipalityCoverage]:
    """Best first; equal coverage shares a rank (1, 2, 2, 4), ties listed by name."""
    rows.sort(key=lambda m: (-m.online, _collate(m.municipality.short_name), m.municipality.key))
    for index, row in enumerate(rows):
        same = index > 0 and rows[index - 1].online == row.online
        row.rank = rows[index - 1].rank if same else index + 1
    return rows


def _kreise(rows: Iterable[MunicipalityCoverage]) -> list[KreisCoverage]:
    groups: dict[int, KreisCoverage] = {}
    for row in rows:
        if row.kreis is not None:
            groups.setdefault(row.kreis.pk, KreisCoverage(row.kreis)).municipalities.append(row)
    return sorted(groups.values(), key=lambda k: (-k.percent, _collate(k.kreis.short_name)))


def coverage_report(life_situation: LifeSituation | None = None) -> CoverageReport:
    """Coverage of every Gemeinde of the tenant's Land (optionally only the services of
    one life situation)."""
    services = _services(life_situation)
    offers = _offers(services)
    land = Territory.objects.filter(key__startswith=branding().land_key)  # the tenant's Land
    by_id = {t.pk: t for t in land}
    gemeinden = [t for t in by_id.values() if t.level == Territory.Level.GEMEINDE]
    for territory in by_id.values():  # later reads of .parent need no query
        if territory.parent_id in by_id:
            territory.parent = by_id[territory.parent_id]
    rows = _rank([_coverage(g, services, offers, by_id) for g in gemeinden])
    return CoverageReport(services, life_situation, rows, _kreise(rows))


def _kreis_name(row: MunicipalityCoverage) -> str:
    return _collate(row.kreis.short_name) if row.kreis else ""


SORTS: dict[str, Callable[[MunicipalityCoverage], tuple]] = {
    "abdeckung": lambda m: (m.rank, _collate(m.municipality.short_name)),
    "luecken": lambda m: (m.online, _collate(m.municipality.short_name)),
    "name": lambda m: (_collate(m.municipality.short_name), m.municipality.key),
    "kreis": lambda m: (_kreis_name(m), m.rank, _collate(m.municipality.short_name)),
    "einwohner": lambda m: (-(m.municipality.population or 0), m.municipality.key),
}


def sorted_municipalities(report: CoverageReport, sort: str) -> list[MunicipalityCoverage]:
    """The report's Gemeinden in the order ``sort`` names (the default for unknown names)."""
    return sorted(report.municipalities, key=SORTS.get(sort, SORTS[DEFAULT_SORT]))


@dataclass(frozen=True)
class TenantCoverage:
    """One tenant's figures in the operator's overview."""

    tenant: Tenant
    municipalities: int
    services: int
    average_percent: float
    fully_online: int


def tenants_overview() -> list[TenantCoverage]:
    """Every active tenant's coverage, each computed in its own scope (the operator's view
    across Länder)."""
    rows = []
    for tenant in Tenant.objects.filter(active=True).order_by("name"):
        with activate(tenant):
            report = coverage_report()
        full = sum(1 for row in report.municipalities if row.total and row.online == row.total)
        rows.append(
            TenantCoverage(
                tenant,
                len(report.municipalities),
                len(report.services),
                report.average_percent,
                full,
            )  # fmt: skip
        )
    return rows
