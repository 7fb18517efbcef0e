"""The office's starting lists of Handlungsfelder and technologies (editable afterwards)."""

from django.db import migrations

FIELDS = [
    ("mobilitaet", "Mobilität", "Mobility"),
    ("energie-umwelt", "Energie & Umwelt", "Energy & environment"),
    ("gesundheit-pflege", "Gesundheit & Pflege", "Health & care"),
    ("verwaltung-buergerservice", "Verwaltung & Bürgerservice", "Administration & citizen services"),
    ("bildung", "Bildung", "Education"),
    ("buergerbeteiligung", "Bürgerbeteiligung", "Citizen participation"),
    ("daten-plattformen", "Daten & Plattformen", "Data & platforms"),
    ("infrastruktur-breitband", "Infrastruktur & Breitband", "Infrastructure & broadband"),
    ("ehrenamt", "Ehrenamt", "Volunteering"),
    ("wirtschaft-tourismus", "Wirtschaft & Tourismus", "Economy & tourism"),
    ("sicherheit", "Sicherheit", "Safety & security"),
    ("abfall-stadtsauberkeit", "Abfall & Stadtsauberkeit", "Waste & street cleaning"),
]

TECHNOLOGIES = [
    ("sensorik-iot", "Sensorik/IoT"),
    ("lorawan", "LoRaWAN"),
    ("ki", "KI"),
    ("open-data", "Open Data"),
    ("app", "App"),
    ("digitaler-zwilling", "Digitaler Zwilling"),
    ("urbane-datenplattform", "Urbane Datenplattform"),
    ("5g-mobilfunk", "5G/Mobilfunk"),
    ("glasfaser", "Glasfaser"),
    ("wlan", "WLAN"),
    ("online-beteiligung", "Online-Beteiligung"),
    ("geodaten", "Geodaten/GIS"),
    ("cloud", "Cloud"),
    ("chatbot", "Chatbot"),
]


def seed(apps, schema_editor):
    field_model = apps.get_model("projects", "FieldOfAction")
    for position, (slug, name, name_en) in enumerate(FIELDS, start=1):
        field_model.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )
    technology_model = apps.get_model("projects", "Technology")
    for slug, name in TECHNOLOGIES:
        technology_model.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
