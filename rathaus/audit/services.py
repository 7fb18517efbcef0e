"""Public API of the audit app: write an entry, verify the chains."""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from rathaus.audit.models import SHARDS, AuditChainHead, AuditEntry
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import current_or_none, every_tenant

__all__ = ["log_action", "verify_chain", "ChainBreak", "shard_of"]


def _canonical(entry: AuditEntry) -> bytes:
    payload: dict[str, Any] = {
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
    if entry.shard:  # chain 0 hashes as before there were shards (its entries stay valid)
        payload["shard"] = entry.shard
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
    tenant in scope, or the platform's; and ``shard_of`` the target), inside the caller's
    transaction.

    ``actor`` is a user (or None / an anonymous user for the system or a visitor);
    ``verb`` a dotted name such as ``"accounts.registered"``; ``target`` the model
    instance acted on; ``data`` a JSON-serialisable dict with the details.

    The entry is built before the chain's head row is locked; under the lock only its
    number, the hash before it and its own hash are set and two rows written. The lock is
    held until the caller's transaction commits, so callers log last, after their other
    writes (every writer of the chain waits for it; writers about objects in other chains
    do not). No savepoint: an entry that cannot be
    written fails the caller's transaction, as it should.
    """
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    entry = AuditEntry(
        tenant_id=_chain_of(target),
        shard=shard_of(target),
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
        head = _head(entry.tenant_id, entry.shard)
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
    shard: int = 0  # which of the tenant's chains


def shard_of(target: models.Model | None) -> int:
    """The chain of a tenant an entry about ``target`` goes to: fixed per object (its
    entries stay in order in one chain), spread over ``SHARDS``; 0 without a target."""
    if target is None or target.pk is None:
        return 0
    model = target._meta.concrete_model or type(target)  # a proxy's entries stay with it
    return zlib.crc32(f"{model._meta.label}:{target.pk}".encode()) % SHARDS


def _chain_of(target: models.Model | None) -> int | None:
    """The chain an entry goes to: its target's tenant when the target belongs to one (an
    operator changing a Hamburg authority writes to Hamburg's chain), else the tenant in
    scope, else the platform's chain (None)."""
    tenant_id = getattr(target, "tenant_id", None)
    if tenant_id is None:
        tenant = current_or_none()
        tenant_id = tenant.pk if tenant is not None else None
    return tenant_id


def _tenant_q(tenant: Tenant | int | None) -> Q:
    return Q(tenant__isnull=True) if tenant is None else Q(tenant=tenant)


def _head(tenant_id: int | None, shard: int) -> AuditChainHead:
    """The chain's head row, locked (created with the chain's first entry)."""
    chain = _tenant_q(tenant_id) & Q(shard=shard)
    heads = AuditChainHead.objects.select_for_update()
    head = heads.filter(chain).first()
    if head is None:
        AuditChainHead.objects.get_or_create(tenant_id=tenant_id, shard=shard)  # type: ignore[misc]
        head = heads.get(chain)
    return head


IN_SCOPE: Any = object()


def verify_chain(tenant: Tenant | None = IN_SCOPE) -> ChainBreak | None:
    """Walk every chain of a tenant (the platform's for ``None``, by default the tenant in
    scope) in order; return the first entry that was edited, removed or moved."""
    if tenant is IN_SCOPE:
        tenant = current_or_none()
    with every_tenant():
        heads = dict(
            AuditChainHead.objects.filter(_tenant_q(tenant)).values_list("shard", "last_sequence")
        )
        entries = AuditEntry.objects.filter(_tenant_q(tenant)).order_by("shard", "sequence")
        walked: dict[int, int] = {}  # shard: the number of its last entry
        previous_hash, shard = "", -1
        for entry in entries.iterator(chunk_size=2000):
            if entry.shard != shard:
                previous_hash, shard = "", entry.shard
            broken = _check(entry, walked.get(shard, 0) + 1, previous_hash)
            if broken is not None:
                return broken
            previous_hash, walked[shard] = entry.entry_hash, entry.sequence
    for shard, last in sorted(heads.items()):  # the last entries of a chain removed
        if last > walked.get(shard, 0):
            return ChainBreak(walked.get(shard, 0) + 1, "removed", shard)
    return None


def _check(entry: AuditEntry, sequence: int, previous_hash: str) -> ChainBreak | None:
    """The entry is the chain's next one (``sequence``, after ``previous_hash``), intact."""
    if entry.sequence != sequence:
        return ChainBreak(sequence, "removed", entry.shard)
    if entry.previous_hash != previous_hash:
        reason = "previous hash does not match (entry before removed)"
        return ChainBreak(entry.sequence, reason, entry.shard)
    if compute_hash(entry) != entry.entry_hash:
        return ChainBreak(entry.sequence, "edited", entry.shard)
    return None
