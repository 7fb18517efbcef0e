"""Rate limits with growing delays, for logins, bookings and public forms.

A *key* names what is counted: a tuple of strings whose first part names the counter,
such as ``("login-ip", ip)`` or ``("login-account-ip", email, ip)``. A :class:`Policy`
says how many hits a key may take and how long to wait beyond that:

* Hits leak away evenly, one every ``window / limit`` seconds: a burst of ``limit`` hits
  is free, and whoever stays below ``limit`` hits per ``window`` never waits.
* From the ``limit``-th hit held on, every hit makes the next one wait, and the wait
  doubles with each further hit: ``first_delay``, twice that, four times … up to
  ``max_delay``. Nothing ever waits longer than ``max_delay``.
* A hit while the key waits is refused and not counted: hammering changes nothing,
  waiting is the only way forward.

``check()`` asks without counting (before an expensive or revealing step, such as a
password check), ``hit()`` counts (a failure, a booking, a sent form), ``reset()``
forgets a key (a successful login).

The counters live in a table of the calling app: a concrete subclass of
:class:`AbstractBucket` there (with its migration and its retention purge, see
:meth:`RateLimiter.purge`), handed to :class:`RateLimiter`. Every hit runs in a
transaction under a row lock, so counts are right across gunicorn workers and hosts;
Django's cache could not promise that (``locmem`` is per process, and the database cache
has no atomic increment)::

    limiter = RateLimiter(BookingCounter)  # class BookingCounter(AbstractBucket) in its app
    decision = limiter.hit(("booking-ip", client_ip(request)), Policy(limit=10, window=3600))
    if not decision.allowed:
        ...  # answer 429 with "Retry-After: <decision.retry_after>"
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AbstractBucket",
    "Decision",
    "Key",
    "Policy",
    "RateLimiter",
    "client_ip",
    "key_string",
]

Key = tuple[str, ...]
KEY_LENGTH = 400
SEPARATOR = "|"
_MAX_DOUBLINGS = 60  # 2**60 times any delay is beyond every cap; keeps the float finite


@dataclass(frozen=True)
class Policy:
    """``limit`` hits per ``window`` seconds; beyond, waits from ``first_delay`` seconds,
    doubling with every hit, up to ``max_delay`` seconds."""

    limit: int
    window: float
    first_delay: float = 1.0
    max_delay: float = 15 * 60.0

    def __post_init__(self) -> None:
        if self.limit < 1 or self.window <= 0 or self.first_delay <= 0 or self.max_delay <= 0:
            raise ValueError("a policy needs a positive limit, window and delays")

    @property
    def leak_interval(self) -> float:
        """Seconds after which one hit is forgotten."""
        return self.window / self.limit

    def delay(self, hits: int) -> float:
        """Seconds to wait after a hit that leaves the key holding ``hits`` hits."""
        if hits < self.limit:
            return 0.0
        doublings = min(hits - self.limit, _MAX_DOUBLINGS)
        return min(self.first_delay * 2**doublings, self.max_delay)


@dataclass(frozen=True)
class Decision:
    """``allowed``: the hit may go ahead (for ``hit()``: it was counted).
    ``retry_after``: whole seconds until the key takes the next hit (0: at once).
    ``hits``: the hits the key holds now."""

    allowed: bool
    retry_after: int = 0
    hits: int = 0


def _seconds(duration: timedelta | float) -> int:
    value = duration.total_seconds() if isinstance(duration, timedelta) else duration
    return max(0, math.ceil(value))


def key_string(key: Key) -> str:
    """The stored form of a key: its parts joined by ``|``; a key too long for the column
    keeps its first part and a SHA-256 of the whole."""
    if not key or not all(isinstance(part, str) for part in key):
        raise ValueError("a rate-limit key is a non-empty tuple of strings")
    text = SEPARATOR.join(key)
    if len(text) <= KEY_LENGTH:
        return text
    return f"{key[0][:64]}{SEPARATOR}sha256:{hashlib.sha256(text.encode()).hexdigest()}"


class AbstractBucket(models.Model):
    """The counter of one key. Subclass it (without fields) in the app that counts."""

    key = models.CharField(_("Schlüssel"), max_length=KEY_LENGTH, unique=True)
    hits = models.PositiveIntegerField(_("Gezählte Versuche"), default=0)
    window_started_at = models.DateTimeField(_("Zählt seit"), null=True, blank=True)
    last_hit_at = models.DateTimeField(_("Zuletzt gezählt"), null=True, blank=True)
    blocked_until = models.DateTimeField(_("Wartezeit bis"), null=True, blank=True, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.key

    def is_blocked(self, now: datetime) -> bool:
        return self.blocked_until is not None and self.blocked_until > now

    def clear(self) -> None:
        """Forget the hits and any wait (``last_hit_at`` stays for the purge)."""
        self.hits = 0
        self.window_started_at = None
        self.blocked_until = None

    def leak(self, policy: Policy, now: datetime) -> None:
        """Forget the hits that have leaked away since ``window_started_at``."""
        if self.window_started_at is None:
            return
        interval = policy.leak_interval
        leaked = int((now - self.window_started_at).total_seconds() // interval)
        if leaked <= 0:
            return
        self.hits = max(0, self.hits - leaked)
        if self.hits == 0 and not self.is_blocked(now):
            self.clear()
        else:
            self.window_started_at += timedelta(seconds=leaked * interval)


class RateLimiter[B: AbstractBucket]:
    """``check``, ``hit`` and ``reset`` keys, counted in the table ``model``."""

    def __init__(self, model: type[B]) -> None:
        self.model = model

    def _objects(self) -> models.QuerySet[B]:
        return self.model._default_manager.all()

    def get(self, key: Key) -> B | None:
        """The stored counter of ``key`` (as stored: hits not yet leaked), or None."""
        return self._objects().filter(key=key_string(key)).first()

    def _locked(self, key: Key) -> B:
        """The key's counter, created if missing, row-locked until the transaction ends."""
        name = key_string(key)
        self._objects().bulk_create([self.model(key=name)], ignore_conflicts=True)
        return self._objects().select_for_update().get(key=name)

    def check(self, key: Key, policy: Policy) -> Decision:
        """Whether a hit would be allowed now; counts nothing."""
        now = timezone.now()
        bucket = self.get(key)
        if bucket is None:
            return Decision(True)
        bucket.leak(policy, now)
        if bucket.blocked_until is not None and bucket.is_blocked(now):
            return Decision(False, _seconds(bucket.blocked_until - now), bucket.hits)
        return Decision(True, 0, bucket.hits)

    def hit(self, key: Key, policy: Policy) -> Decision:
        """Count one hit, unless the key waits (then it is refused and not counted)."""
        now = timezone.now()
        with transaction.atomic():
            bucket = self._locked(key)
            bucket.leak(policy, now)
            if bucket.blocked_until is not None and bucket.is_blocked(now):
                return Decision(False, _seconds(bucket.blocked_until - now), bucket.hits)
            bucket.hits += 1
            bucket.last_hit_at = now
            if bucket.window_started_at is None:
                bucket.window_started_at = now
            delay = policy.delay(bucket.hits)
            if delay:
                bucket.blocked_until = now + timedelta(seconds=delay)
            bucket.save()
        return Decision(True, _seconds(delay), bucket.hits)

    def reset(self, key: Key) -> bool:
        """Forget the key's hits and wait; True if there was anything to forget."""
        with transaction.atomic():
            bucket = self._objects().select_for_update().filter(key=key_string(key)).first()
            if bucket is None or (not bucket.hits and bucket.blocked_until is None):
                return False
            bucket.clear()
            bucket.save()
        return True

    def purge(self, older_than: datetime) -> int:
        """Delete counters last hit before ``older_than`` that make nobody wait (for the
        retention purge: keys hold personal data such as e-mail and IP addresses)."""
        stale = (
            self._objects()
            .filter(Q(last_hit_at__lt=older_than) | Q(last_hit_at__isnull=True))
            .exclude(blocked_until__gt=timezone.now())
        )
        deleted, _ = stale.delete()
        return deleted


# --- The client's address ------------------------------------------------------------------

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_internal(address: Address) -> bool:
    """Loopback, private, link-local, shared (CGNAT), documentation …: not on the internet."""
    return not address.is_global


def client_ip(request: HttpRequest) -> str:
    """The address a request comes from, as a rate-limit key part.

    ``REMOTE_ADDR``, unless that is not a public address (loopback, private: the
    reverse proxy in front of gunicorn). Then ``X-Forwarded-For`` is read from the right,
    past further internal proxies, up to the first public address: the one the outermost
    proxy saw. Addresses a client writes further left are never believed.
    IPv6 addresses are cut to their /64 network, which one host usually owns whole.
    """
    client = _address(request.META.get("REMOTE_ADDR", ""))
    if client is None:
        return "unknown"
    if _is_internal(client):
        for part in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
            forwarded = _address(part)
            if forwarded is None:
                break
            client = forwarded
            if not _is_internal(forwarded):
                break
    if client.version == 6:
        return str(ipaddress.ip_network(f"{client}/64", strict=False))
    return str(client)
