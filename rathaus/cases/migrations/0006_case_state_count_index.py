"""The (authority, state) index also holds the tenant, so the inbox's count per state
reads the index alone (every query carries the tenant's filter)."""

from django.db import migrations, models

INDEX = "cases_case_authori_0e7aee_idx"


def analyze_new_index(apps, schema_editor):
    """SQLite: where the planner has statistics, give the new index its own at once. A
    table with statistics for every index but this one would make it look cheaper than it
    is, and the inbox's first page would sort all of an authority's cases."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return  # PostgreSQL's autovacuum analyses the table
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute(f'ANALYZE "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_apitoken_tenant_case_tenant"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="case",
            name="cases_case_authori_d4dc3d_idx",
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["authority", "state", "tenant", "created_at"], name=INDEX
            ),
        ),
        migrations.RunPython(analyze_new_index, migrations.RunPython.noop, elidable=True),
    ]
