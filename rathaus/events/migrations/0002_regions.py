"""Starting list of event regions: the three Regierungsbezirke (regional conferences) and
the four forum regions (virtual regional forums). Data, editable afterwards."""

from django.db import migrations

REGIONS = [
    ("rb-darmstadt", "Regierungsbezirk Darmstadt", "064"),
    ("rb-giessen", "Regierungsbezirk Gießen", "065"),
    ("rb-kassel", "Regierungsbezirk Kassel", "066"),
    ("nordhessen", "Nordhessen", ""),
    ("mittelhessen", "Mittelhessen", ""),
    ("osthessen", "Osthessen", ""),
    ("suedhessen", "Südhessen", ""),
]


def seed(apps, schema_editor):
    region_model = apps.get_model("events", "EventRegion")
    territory_model = apps.get_model("core", "Territory")
    for position, (slug, name, key) in enumerate(REGIONS, start=1):
        territory = territory_model.objects.filter(key=key).first() if key else None
        region_model.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position, "territory": territory}
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
