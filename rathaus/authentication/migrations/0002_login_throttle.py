# Login throttle instead of a lockout (docs/decisions/0005): the per-address failure
# record becomes a generic rate-limit counter (rathaus.core.ratelimit.AbstractBucket).

from django.db import migrations, models


def forget_old_records(apps, schema_editor):
    """The old rows are keyed by bare e-mail addresses and may hold hard locks: both end
    here (failures are counted afresh under the new keys)."""
    apps.get_model("authentication", "LoginFailureRecord").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('authentication', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(forget_old_records, migrations.RunPython.noop),
        migrations.RenameField('loginfailurerecord', 'email', 'key'),
        migrations.RenameField('loginfailurerecord', 'failure_count', 'hits'),
        migrations.RenameField('loginfailurerecord', 'last_failure_at', 'last_hit_at'),
        migrations.RenameField('loginfailurerecord', 'locked_until', 'blocked_until'),
        migrations.AlterModelOptions(
            name='loginfailurerecord',
            options={'ordering': ['-last_hit_at'], 'verbose_name': 'Fehlgeschlagene Anmeldungen', 'verbose_name_plural': 'Fehlgeschlagene Anmeldungen'},
        ),
        migrations.AlterField(
            model_name='loginfailurerecord',
            name='key',
            field=models.CharField(max_length=400, unique=True, verbose_name='Schlüssel'),
        ),
        migrations.AlterField(
            model_name='loginfailurerecord',
            name='hits',
            field=models.PositiveIntegerField(default=0, verbose_name='Gezählte Versuche'),
        ),
        migrations.AlterField(
            model_name='loginfailurerecord',
            name='window_started_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='Zählt seit'),
        ),
        migrations.AlterField(
            model_name='loginfailurerecord',
            name='last_hit_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='Zuletzt gezählt'),
        ),
        migrations.AlterField(
            model_name='loginfailurerecord',
            name='blocked_until',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='Wartezeit bis'),
        ),
    ]
