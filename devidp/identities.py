"""The demo identities both development IdPs offer (invented people, invented addresses)."""

from __future__ import annotations

IDENTITIES = {
    "erika": {
        "subject": "demo-erika-mustermann",
        "given_names": "Erika",
        "family_name": "Mustermann",
        "birth_date": "1964-08-12",
        "street": "Heidestraße",
        "house_number": "17",
        "postal_code": "51147",
        "city": "Köln",
        "email": "erika.mustermann@example.org",
    },
    "max": {
        "subject": "demo-max-beispiel",
        "given_names": "Max",
        "family_name": "Beispiel",
        "birth_date": "1990-03-01",
        "street": "Musterweg",
        "house_number": "4a",
        "postal_code": "65185",
        "city": "Wiesbaden",
        "email": "max.beispiel@example.org",
    },
}
#: The levels the SAML IdP lets a demo person log in with (STORK-QAA-Level-n).
LEVELS = {"1": "Benutzername und Passwort (Level 1)", "2": "niedrig (Level 2)",
          "3": "substantiell (Level 3, z. B. ELSTER)", "4": "hoch (Level 4, Online-Ausweis)"}  # fmt: skip
