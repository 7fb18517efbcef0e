# Registrations belong to their event's tenant (issue 15): a query that forgets to name
# the tenant raises instead of reaching another Land's participants.

from django.db import migrations

from rathaus.tenants.migration_ops import owned_by_tenant


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0008_event_tenant_eventregion_tenant'),
        ('tenants', '0001_initial'),
    ]

    operations = [
        *owned_by_tenant('events', 'registration', parent='event'),
    ]
