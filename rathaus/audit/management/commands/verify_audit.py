from django.core.management.base import BaseCommand, CommandError

from rathaus.audit.models import AuditEntry
from rathaus.audit.services import verify_chain
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import every_tenant


class Command(BaseCommand):
    help = (
        "Verify the hash chains of the audit log (every chain of each tenant and of the "
        "platform); name the first edited or removed entry."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tenant", help="Verify only this tenant's chain (its slug).")

    def handle(self, *args, tenant=None, **options):
        with every_tenant():
            if tenant:
                chosen = Tenant.objects.filter(slug=tenant).first()
                if chosen is None:
                    raise CommandError(f"No tenant {tenant!r}.")
                chains: list[Tenant | None] = [chosen]
            else:
                chains = [*Tenant.objects.order_by("slug"), None]
            broken: list[str] = []
            for chain in chains:
                label = chain.slug if chain is not None else "platform"
                result = verify_chain(chain)
                count = AuditEntry.objects.filter(tenant=chain).count()
                if result is None:
                    self.stdout.write(
                        self.style.SUCCESS(f"{label}: chain intact, {count} entries verified.")
                    )
                else:
                    where = f"{label} (chain {result.shard})" if result.shard else label
                    broken.append(f"{where} at entry #{result.sequence}: {result.reason}")
        if broken:
            raise CommandError(f"Audit chain broken: {'; '.join(broken)}.")
