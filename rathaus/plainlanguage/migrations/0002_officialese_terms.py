"""Starting list of officialese with plainer suggestions. Data: the office edits it in the
admin afterwards. Each term also finds its inflected forms (see readability.py)."""

from django.db import migrations

TERMS = [
    ("anbei", "mit diesem Brief"),
    ("Antragsteller", "Sie"),
    ("aushändigen", "geben"),
    ("beiliegend", "mit diesem Brief"),
    ("beziehungsweise", "oder"),
    ("bezüglich", "zu, über"),
    ("diesbezüglich", "dazu"),
    ("entrichten", "zahlen"),
    ("erforderlich", "nötig"),
    ("ersuchen", "bitten"),
    ("fernmündlich", "telefonisch"),
    ("fristgerecht", "rechtzeitig"),
    ("gemäß", "nach"),
    ("hinsichtlich", "zu, bei"),
    ("im Rahmen", "bei"),
    ("in Kenntnis", "informieren, Bescheid geben"),
    ("Inanspruchnahme", "Nutzung"),
    ("Lichtbild", "Foto"),
    ("mittels", "mit"),
    ("nachstehend", "unten, im Folgenden"),
    ("obliegen", "zuständig sein, müssen"),
    ("postalisch", "per Post"),
    ("seitens", "von"),
    ("unverzüglich", "sofort"),
    ("vorbehaltlich", "wenn, falls"),
    ("Vordruck", "Formular"),
    ("zwecks", "für, um … zu"),
]


def seed(apps, schema_editor):
    term_model = apps.get_model("plainlanguage", "OfficialeseTerm")
    for term, suggestion in TERMS:
        term_model.objects.get_or_create(
            key=term.casefold(), defaults={"term": term, "suggestion": suggestion}
        )


class Migration(migrations.Migration):
    dependencies = [("plainlanguage", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
