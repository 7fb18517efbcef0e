"""Figures per authority: cases received per week, median processing time, overdue cases.

Processing time runs from arrival to the first decision (the first transition that
recorded an outcome, whatever the workflow calls it). Open means not in a final state of
the case's own workflow. Computed over a bounded window
(``WEEKS``), so the page stays fast however many cases an authority has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from rathaus.cases.models import Case, CaseEvent
from rathaus.cases.workflow import open_q
from rathaus.core.models import Authority

WEEKS = 12


@dataclass(frozen=True)
class Week:
    start: date
    count: int


@dataclass(frozen=True)
class Figures:
    authority: Authority
    weeks: list[Week]
    median_days: float | None
    overdue: int
    open_cases: int

    @property
    def peak(self) -> int:
        return max((w.count for w in self.weeks), default=0) or 1


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly(authority: Authority, today: date) -> list[Week]:
    first = _monday(today) - timedelta(weeks=WEEKS - 1)
    rows = (
        Case.objects.filter(authority=authority, created_at__date__gte=first)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("pk"))
    )
    counts: dict[date, int] = {}
    for row in rows:
        week = _monday(row["day"])
        counts[week] = counts.get(week, 0) + row["n"]
    return [
        Week(first + timedelta(weeks=i), counts.get(first + timedelta(weeks=i), 0))
        for i in range(WEEKS)
    ]


def median_processing_days(authority: Authority, since: date) -> float | None:
    decided = (
        CaseEvent.objects.filter(case__authority=authority, kind="transition",
                                 data__has_key="outcome", case__created_at__date__gte=since)
        .values("case_id", "case__created_at")
        .annotate(first=Min("at"))
    )  # fmt: skip
    durations = [
        (row["first"] - row["case__created_at"]).total_seconds() / 86400 for row in decided
    ]
    return round(median(durations), 1) if durations else None


def figures(authority: Authority) -> Figures:
    today = timezone.localdate()
    mine = Case.objects.filter(authority=authority)
    workflows = list(mine.values_list("workflow", flat=True).distinct().order_by())
    cases = mine.filter(open_q(workflows))
    return Figures(
        authority=authority,
        weeks=weekly(authority, today),
        median_days=median_processing_days(authority, today - timedelta(weeks=WEEKS)),
        overdue=cases.filter(due_at__lt=timezone.now()).count(),
        open_cases=cases.count(),
    )
