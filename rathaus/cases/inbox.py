"""The clerk's inbox: only the cases of her authorities, filtered, counted, paged by keyset.

Keyset pagination (``created_at``, ``id``) keeps every page as fast as the first, also
with a million cases; the cursor is opaque text in the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict

from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils import timezone
from django.utils.translation import get_language

from rathaus.accounts.models import Membership, Role, User
from rathaus.cases.models import Case
from rathaus.cases.workflow import DEFAULT, named
from rathaus.catalog.models import Offer
from rathaus.core.models import Authority

PAGE_SIZE = 25


def clerk_authorities(user: User) -> QuerySet[Authority]:
    if user.is_superuser:
        return Authority.objects.all()
    ids = Membership.objects.filter(user=user, role=Role.CLERK).values("authority_id")
    return Authority.objects.filter(pk__in=ids)


def authority_ids(user: User) -> list[int]:
    """The clerk's authority ids, read once per request (kept on the user object)."""
    cached = getattr(user, "_clerk_authority_ids", None)
    if cached is None:
        cached = list(clerk_authorities(user).values_list("pk", flat=True))
        user._clerk_authority_ids = cached  # type: ignore[attr-defined]
    return cached


def visible_cases(user: User) -> QuerySet[Case]:
    """Every case this clerk may see; anything else answers 404.

    The authority ids are read first, so the database can walk the (authority,
    created_at, id) index instead of sorting every case of a subquery's result."""
    return Case.objects.filter(authority_id__in=authority_ids(user))


def offered_services(user: User) -> list[tuple[str, str]]:
    """The services the clerk's authorities offer (for the filter)."""
    rows = Offer.objects.filter(authority_id__in=authority_ids(user)).values_list(
        "service__slug", "service__name"
    )
    return sorted(set(rows), key=lambda row: row[1])


@dataclass(frozen=True)
class Filters:
    state: str = ""
    service: str = ""
    overdue: bool = False
    mine: bool = False
    unassigned: bool = False
    query: str = ""
    sort: str = "newest"


def _filtered(user: User, filters: Filters) -> QuerySet[Case]:
    cases = visible_cases(user)
    if filters.state:
        cases = cases.filter(state=filters.state)
    if filters.service:
        cases = cases.filter(submission__service__slug=filters.service)
    if filters.overdue:
        cases = cases.filter(due_at__lt=timezone.now())
    if filters.mine:
        cases = cases.filter(assignee=user)
    if filters.unassigned:
        cases = cases.filter(assignee__isnull=True)
    if filters.query:
        text = filters.query.strip()[:100]
        cases = cases.filter(
            Q(submission__reference__icontains=text)
            | Q(submission__service__name__icontains=text)
            | Q(submission__contact_email__icontains=text)
        )
    return cases


@dataclass(frozen=True)
class Page:
    cases: list[Case]
    next_cursor: str


SORTS = ("newest", "oldest", "due")


def _cursor(case: Case, sort: str) -> str:
    stamp = case.due_at if sort == "due" else case.created_at
    return f"{stamp.isoformat() if stamp else 'none'}_{case.pk}"


def _after(cases: QuerySet[Case], cursor: str, sort: str) -> QuerySet[Case]:
    """Rows after the cursor in the page order (keyset pagination)."""
    stamp, _sep, pk = cursor.partition("_")
    try:
        number = int(pk)
        moment = None if stamp == "none" else datetime.fromisoformat(stamp)
    except ValueError:
        return cases
    if sort == "due":
        if moment is None:
            return cases.filter(due_at__isnull=True, pk__gt=number)
        later = Q(due_at__gt=moment) | Q(due_at=moment, pk__gt=number) | Q(due_at__isnull=True)
        return cases.filter(later)
    if moment is None:
        return cases
    if sort == "oldest":
        return cases.filter(Q(created_at__gt=moment) | Q(created_at=moment, pk__gt=number))
    return cases.filter(Q(created_at__lt=moment) | Q(created_at=moment, pk__lt=number))


ORDERS: dict[str, tuple[str | OrderBy, str]] = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "due": (F("due_at").asc(nulls_last=True), "pk"),
}


# What a row of the inbox shows, and no more: a submission's answers and its version's
# document are large JSON. The version's checksum is enough to find a declared workflow
# (``workflow_of``; its parsed document is kept by checksum); a case of the default
# workflow never reads it.
ROW_FIELDS = (
    "state", "workflow", "due_at", "created_at", "assignee__email",
    "submission__reference", "submission__service__name", "submission__version__checksum",
)  # fmt: skip


def page(user: User, filters: Filters, cursor: str = "", size: int = PAGE_SIZE) -> Page:
    sort = filters.sort if filters.sort in SORTS else "newest"
    cases = _filtered(user, filters)
    if cursor:
        cases = _after(cases, cursor, sort)
    rows = list(
        cases.select_related("submission__service", "submission__version", "assignee")
        .only(*ROW_FIELDS)
        .order_by(*ORDERS[sort])[: size + 1]
    )
    more = len(rows) > size
    return Page(rows[:size], _cursor(rows[size - 1], sort) if more else "")


class Row(TypedDict):
    """One case as a row of the inbox shows it. Plain values in a dict: the template reads
    a key at once, where a model's chained relations cost a lookup and a failed key
    attempt each, 25 rows times a dozen cells."""

    pk: int
    reference: str
    service: str
    received: datetime
    state: str  # the label in the case's workflow
    due: datetime | None
    overdue: bool
    assignee: str  # e-mail address, empty when nobody is assigned


def rows(cases: list[Case]) -> list[Row]:
    return [
        Row(
            pk=case.pk,
            reference=case.submission.reference,
            service=case.submission.service.name,
            received=case.created_at,
            state=case.get_state_label(),
            due=case.due_at,
            overdue=case.is_overdue,
            assignee=case.assignee.email if case.assignee else "",
        )
        for case in cases
    ]


def counts(user: User) -> list[tuple[str, str, int]]:
    """(state, label in its workflow, number of cases) for the user's cases. Counted by
    state alone (the (authority, state) index answers it); only states the default
    workflow does not know are looked up in the declared workflows that use them."""
    rows = visible_cases(user).values("state").annotate(n=Count("pk")).order_by()
    found = {row["state"]: row["n"] for row in rows}
    labels = {s: DEFAULT.states[s].title(get_language()) for s in found if s in DEFAULT.states}
    others = visible_cases(user).filter(state__in=set(found) - set(labels))
    for name, state in others.values_list("workflow", "state").distinct().order_by():
        labels.setdefault(state, named(name).state(state).title(get_language()))
    return [(state, labels.get(state, state), n) for state, n in found.items()]


def colleagues(user: User) -> QuerySet[Any]:
    """The clerks of this clerk's authorities (to assign cases to)."""
    ids = Membership.objects.filter(role=Role.CLERK, authority__in=clerk_authorities(user)).values(
        "user_id"
    )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("email")


def case_for(user: User, case_id: Any) -> Case | None:
    try:
        number = int(case_id)
    except (TypeError, ValueError):
        return None
    return (
        visible_cases(user)
        .select_related("submission__service", "submission__version", "authority", "assignee")
        .filter(pk=number)
        .first()
    )


__all__ = [
    "Filters", "Page", "Row", "page", "rows", "counts", "case_for", "visible_cases",
    "clerk_authorities",
]  # fmt: skip
