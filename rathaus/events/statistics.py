"""Figures of one event: registrations over time, attendance rate, and where the
participants come from (Regierungsbezirk and municipality, via the territory tree).

Cancelled registrations count in "registrations over time" (they were made) but not in the
places: those show who takes part (confirmed, offered, waiting).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from rathaus.core.models import Territory
from rathaus.events.models import Event, Registration
from rathaus.events.registration_flow import REGISTRATION

__all__ = ["Day", "Place", "Figures", "figures", "regierungsbezirk_of"]


@dataclass(frozen=True)
class Day:
    day: date
    count: int
    cumulative: int


@dataclass(frozen=True)
class Place:
    name: str
    count: int


@dataclass(frozen=True)
class Figures:
    days: list[Day]
    total: int
    confirmed: int
    attended: int
    per_regierungsbezirk: list[Place]
    per_municipality: list[Place]

    @property
    def attendance_rate(self) -> Decimal | None:
        """Attended as a percentage of the confirmed participants (None before any)."""
        if not self.confirmed:
            return None
        return (Decimal(self.attended) * 100 / self.confirmed).quantize(Decimal("0.1"))


def per_day(event: Event) -> list[Day]:
    rows = (
        event.registrations.annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    days, running = [], 0
    for row in rows:
        running += row["n"]
        days.append(Day(row["day"], row["n"], running))
    return days


def regierungsbezirk_of(territory: Territory, parents: dict[int, Territory]) -> Territory | None:
    """Walk up the tree (``parents`` caches every looked-up territory by id)."""
    current: Territory | None = territory
    while current is not None and current.level != Territory.Level.REGIERUNGSBEZIRK:
        parent_id = current.parent_id
        if parent_id is None:
            return None
        if parent_id not in parents:
            parents[parent_id] = Territory.objects.get(pk=parent_id)
        current = parents[parent_id]
    return current


def _places(event: Event) -> tuple[list[Place], list[Place]]:
    active = event.registrations.exclude(status__in=REGISTRATION.final_states)
    rows = active.values("municipality").annotate(n=Count("pk")).order_by()
    towns = Territory.objects.in_bulk([r["municipality"] for r in rows if r["municipality"]])
    parents: dict[int, Territory] = {}
    by_town: dict[str, int] = {}
    by_district: dict[str, int] = {}
    unknown = _("ohne Angabe")
    for row in rows:
        town = towns.get(row["municipality"])
        district = regierungsbezirk_of(town, parents) if town else None
        town_name = town.short_name if town else unknown
        district_name = district.short_name if district else unknown
        by_town[town_name] = by_town.get(town_name, 0) + row["n"]
        by_district[district_name] = by_district.get(district_name, 0) + row["n"]
    return _sorted(by_district), _sorted(by_town)


def _sorted(counts: dict[str, int]) -> list[Place]:
    return [Place(n, c) for n, c in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def figures(event: Event) -> Figures:
    days = per_day(event)
    districts, towns = _places(event)
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
    return Figures(
        days=days,
        total=days[-1].cumulative if days else 0,
        confirmed=confirmed.count(),
        attended=confirmed.filter(attended=True).count(),
        per_regierungsbezirk=districts,
        per_municipality=towns,
    )
