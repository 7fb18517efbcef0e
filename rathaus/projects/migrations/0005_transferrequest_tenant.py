# Adoption requests belong to their project's tenant (issue 15).

from django.db import migrations

from rathaus.tenants.migration_ops import owned_by_tenant


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0004_project_tenant'),
        ('tenants', '0001_initial'),
    ]

    operations = [
        *owned_by_tenant('projects', 'transferrequest', parent='project'),
    ]
