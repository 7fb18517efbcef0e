"""Synonyms for search queries: a query word -> further words that count as a match.

German, lowercase, single words. A query word matches a key when both have the same stem
("Hochzeiten" uses the entry of "hochzeit"); the query then finds any of the words. Write
both directions where both are meant. Kindergeld and Elterngeld are different benefits and
stay without synonyms.
"""

SYNONYMS: dict[str, list[str]] = {
    # identity documents
    "perso": ["personalausweis", "ausweis"],
    "personalausweis": ["perso", "ausweis"],
    "ausweis": ["personalausweis", "perso"],
    "pass": ["reisepass"],
    # driving
    "führerschein": ["fahrerlaubnis"],
    "fahrerlaubnis": ["führerschein"],
    "kfz": ["fahrzeug", "kraftfahrzeug"],
    "auto": ["fahrzeug", "kraftfahrzeug"],
    # residence
    "ummeldung": ["wohnsitz", "umzug"],
    "anmeldung": ["wohnsitz"],
    "umzug": ["wohnsitz", "ummeldung"],
    # civil status
    "heirat": ["hochzeit", "ehe", "eheschließung"],
    "hochzeit": ["heirat", "ehe", "eheschließung"],
    "trauung": ["ehe", "eheschließung"],
    "geburtsurkunde": ["personenstandsurkunde"],
    "sterbeurkunde": ["personenstandsurkunde"],
    # money and taxes
    "bafög": ["bafoeg", "ausbildungsförderung"],
    "bafoeg": ["bafög", "ausbildungsförderung"],
    "hundesteuer": ["hund"],
}
