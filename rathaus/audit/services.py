"""Public API of the audit app: write an entry, verify the chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from rathaus.audit.models import AuditChainHead, AuditEntry
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import current_or_none, every_tenant

__all__ = ["log_action", "verify_chain", "ChainBreak"]


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "sequence": entry.sequence,
        "created_at": entry.created_at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "verb": entry.verb,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target_label": entry.target_label,
        "data": entry.data,
        "previous_hash": entry.previous_hash,
    }
    return json.dumps(payload, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _normalize(data: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip through JSON so the stored value and the hashed value are identical.
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder, sort_keys=True))


def log_action(
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to an audit chain (see ``_chain_of``: the target's tenant, the
    tenant in scope, or the platform's), inside the caller's transaction.

    ``actor`` is a user (or None / an anonymous user for the system or a visitor);
    ``verb`` a dotted name such as ``"accounts.registered"``; ``target`` the model
    instance acted on; ``data`` a JSON-serialisable dict with the details.

    The entry is built before the chain's head row is locked; under the lock only its
    number, the hash before it and its own hash are set and two rows written. The lock is
    held until the caller's transaction commits, so callers log last, after their other
    writes (every writer of the chain waits for it). No savepoint: an entry that cannot be
    written fails the caller's transaction, as it should.
    """
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    entry = AuditEntry(
        tenant_id=_chain_of(target),
        created_at=timezone.now().replace(microsecond=0),
        actor=actor if is_user else None,
        actor_label=str(actor) if is_user else "system",
        verb=verb,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:254] if target is not None else "",
        data=_normalize(data),
    )
    with transaction.atomic(savepoint=False):
        head = _head(entry.tenant_id)
        entry.sequence = head.last_sequence + 1
        entry.previous_hash = head.last_hash
        entry.entry_hash = compute_hash(entry)
        entry.save()
        head.last_hash = entry.entry_hash
        head.last_sequence = entry.sequence
        head.save(update_fields=["last_hash", "last_sequence"])
    return entry


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


def _chain_of(target: models.Model | None) -> int | None:
    """The chain an entry goes to: its target's tenant when the target belongs to one (an
    operator changing a Hamburg authority writes to Hamburg's chain), else the tenant in
    scope, else the platform's chain (None)."""
    tenant_id = getattr(target, "tenant_id", None)
    if tenant_id is None:
        tenant = current_or_none()
        tenant_id = tenant.pk if tenant is not None else None
    return tenant_id


def _head(tenant_id: int | None) -> AuditChainHead:
    """The chain's head row, locked (created with the chain's first entry)."""
    chain = Q(tenant__isnull=True) if tenant_id is None else Q(tenant_id=tenant_id)
    heads = AuditChainHead.objects.select_for_update()
    head = heads.filter(chain).first()
    if head is None:
        AuditChainHead.objects.get_or_create(tenant_id=tenant_id)  # type: ignore[misc]
        head = heads.get(chain)
    return head


IN_SCOPE: Any = object()


def verify_chain(tenant: Tenant | None = IN_SCOPE) -> ChainBreak | None:
    """Walk one chain in order (a tenant's, the platform's for ``None``, by default the
    chain of the tenant in scope); return the first entry that was edited or removed."""
    if tenant is IN_SCOPE:
        tenant = current_or_none()
    previous_hash = ""
    expected_sequence = 1
    with every_tenant():
        entries = AuditEntry.objects.filter(tenant=tenant).order_by("sequence")
        for entry in entries.iterator(chunk_size=2000):
            if entry.sequence != expected_sequence:
                return ChainBreak(expected_sequence, "removed")
            if entry.previous_hash != previous_hash:
                return ChainBreak(
                    entry.sequence, "previous hash does not match (entry before removed)"
                )
            if compute_hash(entry) != entry.entry_hash:
                return ChainBreak(entry.sequence, "edited")
            previous_hash = entry.entry_hash
            expected_sequence += 1
    head = AuditChainHead.objects.filter(tenant=tenant).first()
    if head is not None and head.last_sequence >= expected_sequence:
        return ChainBreak(expected_sequence, "removed")
    return None
