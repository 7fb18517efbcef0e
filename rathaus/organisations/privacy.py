"""Personal data in organisation accounts: a person's memberships, not the organisation's
records. What a member applied for in an organisation's name, its postbox and documents
belong to the organisation and stay with it when the person leaves or deletes the account.
"""

from __future__ import annotations

from collections.abc import Iterator

from rathaus.accounts.models import User
from rathaus.core.personal_data import ExportFile
from rathaus.organisations.models import Invitation, Member


def export(user: User) -> Iterator[ExportFile]:
    members = Member.objects.filter(user=user).select_related("organisation")
    yield ExportFile.json("organisationen.json", [
        {"organisation": m.organisation.name, "kind": m.organisation.kind,
         "register_entry": m.organisation.register_entry, "role": m.role,
         "joined_at": m.joined_at}
        for m in members.order_by("joined_at")
    ])  # fmt: skip


def erase(user: User) -> int:
    """The person leaves every organisation; open invitations to the address go too."""
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
    deleted, _ = Member.objects.filter(user=user).delete()
    return deleted
