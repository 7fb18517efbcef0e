"""German names for the definition document: every attribute, field type and fixed value.

The designer's forms, the version diff and the rule editor name things the same way from
here. Keys are the names as written in a stored document (``from`` for a transition's
sources; its Python name ``sources`` is listed too). Labels and help texts are lazy
gettext msgids; ``tests/definitions/test_vocabulary.py`` fails when ``schema.py`` gains an
attribute or a fixed value without a name here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

__all__ = [
    "APPLICANTS",
    "ATTRIBUTES",
    "FIELD_TYPES",
    "LANGUAGES",
    "LOGIN_LEVELS",
    "ASSURANCE_LEVELS",
    "NEEDS",
    "OUTCOMES",
    "PREFILL",
    "ROLES",
    "WORKFLOWS",
    "Term",
    "attribute_help",
    "attribute_label",
    "field_type_label",
    "label_of",
]


@dataclass(frozen=True)
class Term:
    """A name for people: the label, and a short help text (may be empty)."""

    label: str | Promise
    help: str | Promise = ""


_IDENTIFIER_HELP = _(
    "Technischer Name: Kleinbuchstaben, Ziffern und Unterstriche, beginnt mit einem "
    "Buchstaben; eindeutig in der Definition."
)
_RULE_HELP = _('Eine Regel in der Regelsprache, z. B. familienstand == "verheiratet".')
_SOURCES = Term(_("Von Status"), _("Die Status, in denen der Übergang möglich ist."))

ATTRIBUTES: dict[str, Term] = {
    # the definition
    "schema_version": Term(_("Schemaversion"), _("Version des Dokumentformats; zurzeit immer 1.")),
    "slug": Term(
        _("Kurzname"),
        _("Teil der Internetadresse: Kleinbuchstaben, Ziffern und Bindestriche."),
    ),
    "title": Term(_("Titel"), _("Der Name, den Antragstellende sehen.")),
    "summary": Term(
        _("Kurzbeschreibung"), _("Ein bis zwei Sätze, worum es geht; erscheint im Katalog.")
    ),
    "leika_key": Term(
        _("LeiKa-Schlüssel"), _("Der 14-stellige Schlüssel im Leistungskatalog (LeiKa).")
    ),
    "login": Term(_("Anmeldung"), _("Ob ein Antrag auch ohne Servicekonto möglich ist.")),
    "assurance": Term(
        _("Vertrauensniveau"),
        _(
            "Wie sicher die Anmeldung die Person erkennen muss (eIDAS). Wer schwächer "
            "angemeldet ist, meldet sich vor dem Antrag mit der BundID neu an."
        ),
    ),
    "applicants": Term(
        _("Antragstellende"),
        _(
            "Wer den Antrag stellen darf: Personen für sich selbst, Organisationen (Unternehmen, "
            "Vereine, Kommunen) durch ihre Mitglieder, oder beide."
        ),
    ),
    "retention_days": Term(
        _("Aufbewahrungsfrist (Tage)"),
        _("So viele Tage nach dem Absenden wird der Antrag aufbewahrt (30 bis 36500)."),
    ),
    "workflow": Term(
        _("Bearbeitungsablauf"),
        _("Der Standardablauf oder eigene Status und Übergänge für die Sachbearbeitung."),
    ),
    "fees": Term(_("Gebühren"), _("Gebührenposten; jeder gilt immer oder unter einer Regel.")),
    "steps": Term(_("Schritte"), _("Die Seiten des Antrags in ihrer Reihenfolge.")),
    "decision_texts": Term(
        _("Bescheidtexte"), _("Der Text des Bescheids je Ergebnis, mit Platzhaltern.")
    ),
    "declaration": Term(
        _("Erklärung"), _("Text, den Antragstellende vor dem Absenden bestätigen.")
    ),
    "fim": Term(
        _("FIM-Bezug"),
        _("Herkunft im Föderalen Informationsmanagement (FIM): Kennung, Version, Name."),
    ),
    "notes": Term(_("Notizen"), _("Hinweise für das Designteam; Antragstellende sehen sie nie.")),
    # steps and fields
    "id": Term(_("Kennung"), _IDENTIFIER_HELP),
    "intro": Term(_("Einleitung"), _("Text über den Feldern des Schritts.")),
    "fields": Term(_("Felder"), _("Die Felder in ihrer Reihenfolge.")),
    "type": Term(_("Feldtyp"), _("Was eingegeben wird, z. B. Text, Datum oder Auswahl.")),
    "label": Term(_("Bezeichnung"), _("Der sichtbare Name.")),
    "help": Term(_("Hilfetext"), _("Erklärung unter der Bezeichnung.")),
    "required": Term(_("Pflichtfeld"), _("Muss ausgefüllt werden, wenn es angezeigt wird.")),
    "required_if": Term(_("Pflichtfeld, wenn"), _RULE_HELP),
    "visible_if": Term(_("Anzeigen, wenn"), _RULE_HELP),
    "prefill": Term(_("Vorbelegung"), _("Wert aus dem Servicekonto, der vorausgefüllt wird.")),
    "min_length": Term(_("Mindestlänge"), _("So viele Zeichen mindestens.")),
    "max_length": Term(_("Höchstlänge"), _("So viele Zeichen höchstens.")),
    "pattern": Term(_("Muster"), _("Regulärer Ausdruck, dem die ganze Eingabe entsprechen muss.")),
    "pattern_message": Term(
        _("Meldung bei falschem Format"), _("Erscheint, wenn die Eingabe nicht zum Muster passt.")
    ),
    "autocomplete": Term(
        _("Autovervollständigung"), _("Hinweis für den Browser, z. B. given-name.")
    ),
    "min": Term(_("Mindestwert"), _("Kleinster erlaubter Wert; bei Daten auch „today“.")),
    "max": Term(_("Höchstwert"), _("Größter erlaubter Wert; bei Daten auch „today“.")),
    "integer": Term(_("Nur ganze Zahlen"), _("Keine Nachkommastellen erlaubt.")),
    "unit": Term(_("Einheit"), _("Steht neben dem Eingabefeld, z. B. m².")),
    "not_future": Term(
        _("Nicht in der Zukunft"), _("Das Datum darf nicht nach dem heutigen Tag liegen.")
    ),
    "not_past": Term(
        _("Nicht in der Vergangenheit"), _("Das Datum darf nicht vor dem heutigen Tag liegen.")
    ),
    "options": Term(
        _("Auswahlmöglichkeiten"),
        _(
            "Eine Möglichkeit je Zeile: Wert | Beschriftung deutsch | Beschriftung englisch, "
            "z. B. „ledig | ledig | single“. Steht nur eine Beschriftung da, wird der Wert "
            "daraus gebildet."
        ),
    ),
    "value": Term(_("Wert"), _("Was gespeichert wird und was Regeln vergleichen.")),
    "code_list": Term(
        _("Codeliste"), _("Die Codeliste (URN und Version), aus der die Möglichkeiten stammen.")
    ),
    "min_selected": Term(_("Mindestens auszuwählen"), _("0 heißt: keine Untergrenze.")),
    "max_selected": Term(_("Höchstens auszuwählen"), _("Leer heißt: keine Obergrenze.")),
    "require_gemeinde": Term(
        _("Gemeinde erforderlich"), _("Die Gemeinde muss aus dem Gebietsverzeichnis stammen.")
    ),
    "accept": Term(_("Erlaubte Dateiarten"), _("Geprüft wird der Inhalt, nicht die Endung.")),
    "max_size_mb": Term(_("Höchstgröße je Datei (MB)"), _("Höchstens 20 MB.")),
    "max_files": Term(_("Höchstzahl an Dateien"), _("Höchstens 10 Dateien.")),
    "text": Term(_("Text"), _("Der angezeigte Text.")),
    "min_items": Term(_("Mindestzahl an Einträgen"), _("0 heißt: die Gruppe kann leer bleiben.")),
    "max_items": Term(_("Höchstzahl an Einträgen"), _("Höchstens 50 Einträge.")),
    "item_label": Term(
        _("Bezeichnung eines Eintrags"), _("Zum Beispiel „Kind“; die Einträge werden gezählt.")
    ),
    # fees
    "amount": Term(_("Betrag"), _("In Euro, höchstens zwei Nachkommastellen.")),
    "when": Term(_("Fällig, wenn"), _RULE_HELP),
    "quantity": Term(
        _("Anzahl"), _("Eine Regel, die die Anzahl ergibt; sie vervielfacht den Betrag.")
    ),
    # workflows and decisions
    "initial": Term(_("Anfangsstatus"), _("Der Status eines neuen Vorgangs.")),
    "states": Term(_("Status"), _("Die Status, die ein Vorgang haben kann.")),
    "transitions": Term(
        _("Übergänge"), _("Die Schritte der Sachbearbeitung von Status zu Status.")
    ),
    "deadline_days": Term(_("Frist (Tage)"), _("Danach gilt der Vorgang als überfällig.")),
    "final": Term(_("Endstatus"), _("Der Vorgang ist damit abgeschlossen.")),
    "waiting_for_citizen": Term(
        _("Wartet auf Antragstellende"), _("Die Frist ruht, bis Antragstellende antworten.")
    ),
    "from": _SOURCES,
    "sources": _SOURCES,
    "to": Term(_("Nach Status"), _("Der Status nach dem Übergang.")),
    "roles": Term(_("Berechtigte Rollen"), _("Wer den Übergang auslösen darf.")),
    "needs": Term(_("Erforderliche Angaben"), _("Was beim Übergang angegeben werden muss.")),
    "citizen_message": Term(
        _("Nachricht an Antragstellende"), _("Wird beim Übergang ins Postfach geschickt.")
    ),
    "outcome": Term(_("Ergebnis"), _("Das Ergebnis der Entscheidung.")),
    # references (FIM, code lists)
    "version": Term(_("Version"), _("Die Version der Quelle.")),
    "name": Term(_("Name"), _("Der Name in der Quelle.")),
    "urn": Term(_("URN"), _("Die Kennung der Codeliste (genericode-URN).")),
}

FIELD_TYPES: dict[str, Term] = {
    "text": Term(_("Text (eine Zeile)"), _("Kurze Eingaben wie Namen oder Nummern.")),
    "textarea": Term(_("Langer Text"), _("Mehrzeilige Eingaben wie Begründungen.")),
    "number": Term(_("Zahl"), _("Eine Zahl, auf Wunsch mit Grenzen und Einheit.")),
    "money": Term(_("Geldbetrag"), _("Ein Betrag in Euro.")),
    "date": Term(_("Datum"), _("Ein Kalenderdatum.")),
    "email": Term(_("E-Mail-Adresse"), _("Eine geprüfte E-Mail-Adresse.")),
    "phone": Term(_("Telefonnummer"), _("Eine Telefonnummer.")),
    "iban": Term(_("IBAN"), _("Eine Bankverbindung; die Prüfziffer wird geprüft.")),
    "select": Term(_("Auswahlliste"), _("Eine Möglichkeit aus einer aufklappbaren Liste.")),
    "radio": Term(_("Auswahl (Optionsfelder)"), _("Eine Möglichkeit, alle sichtbar.")),
    "checkboxes": Term(_("Mehrfachauswahl"), _("Mehrere Möglichkeiten zum Ankreuzen.")),
    "yesno": Term(_("Ja/Nein"), _("Eine Frage mit Ja oder Nein.")),
    "address": Term(_("Anschrift"), _("Straße, Hausnummer, Postleitzahl, Ort und Gemeinde.")),
    "file": Term(_("Datei-Upload"), _("Nachweise als Datei, z. B. PDF oder Foto.")),
    "info": Term(_("Hinweistext"), _("Nur ein Text, ohne Eingabe.")),
    "group": Term(
        _("Wiederholbare Gruppe"), _("Dieselben Felder für jeden Eintrag, z. B. je Kind.")
    ),
}

LOGIN_LEVELS: dict[str, Term] = {
    "anonymous": Term(_("Ohne Anmeldung"), _("Auch ohne Servicekonto möglich.")),
    "account": Term(_("Mit Servicekonto"), _("Nur nach Anmeldung mit einem Servicekonto.")),
}

ASSURANCE_LEVELS: dict[str, Term] = {
    "niedrig": Term(_("niedrig"), _("z. B. BundID mit Benutzername und Passwort")),
    "substantiell": Term(_("substantiell"), _("z. B. BundID mit ELSTER-Zertifikat")),
    "hoch": Term(_("hoch"), _("z. B. BundID mit Online-Ausweis")),
}

OUTCOMES: dict[str, Term] = {
    "bewilligt": Term(_("bewilligt")),
    "abgelehnt": Term(_("abgelehnt")),
    "teilweise": Term(_("teilweise bewilligt")),
}

PREFILL: dict[str, Term] = {
    "profile.given_names": Term(_("Vornamen aus dem Servicekonto")),
    "profile.family_name": Term(_("Familienname aus dem Servicekonto")),
    "profile.birth_date": Term(_("Geburtsdatum aus dem Servicekonto")),
    "profile.email": Term(_("E-Mail-Adresse aus dem Servicekonto")),
    "profile.phone": Term(_("Telefonnummer aus dem Servicekonto")),
    "profile.address": Term(_("Anschrift aus dem Servicekonto")),
    "organisation.name": Term(_("Name der antragstellenden Organisation")),
    "organisation.register_entry": Term(_("Registereintrag der antragstellenden Organisation")),
    "organisation.email": Term(_("E-Mail-Adresse der antragstellenden Organisation")),
    "organisation.address": Term(_("Anschrift der antragstellenden Organisation")),
}

ROLES: dict[str, Term] = {
    "clerk": Term(_("Sachbearbeitung")),
    "citizen": Term(_("Antragstellende")),
    "api": Term(_("Fachverfahren (Schnittstelle)")),
    "system": Term(_("System")),
}

NEEDS: dict[str, Term] = {
    "message": Term(_("Nachricht")),
    "note": Term(_("Vermerk")),
    "outcome": Term(_("Ergebnis")),
    "reasons": Term(_("Begründung")),
    "document": Term(_("Bescheid")),
}

WORKFLOWS: dict[str, Term] = {
    "default": Term(_("Standardablauf"), _("Eingegangen, in Bearbeitung, Rückfrage, entschieden.")),
}

APPLICANTS: dict[str, Term] = {
    "person": Term(_("Personen"), _("Eine Person stellt den Antrag für sich selbst.")),
    "organisation": Term(
        _("Organisationen"), _("Ein Mitglied stellt den Antrag im Namen seiner Organisation.")
    ),
}

LANGUAGES: dict[str, Term] = {"de": Term(_("Deutsch")), "en": Term(_("Englisch"))}


def label_of(terms: Mapping[str, Term], name: str) -> str:
    """The label of ``name`` in ``terms``, or ``name`` itself when it has none."""
    term = terms.get(name) if isinstance(name, str) else None
    return str(term.label) if term is not None else str(name)


def attribute_label(name: str) -> str:
    return label_of(ATTRIBUTES, name)


def attribute_help(name: str) -> str:
    term = ATTRIBUTES.get(name) if isinstance(name, str) else None
    return str(term.help) if term is not None else ""


def field_type_label(type: str) -> str:  # noqa: A002 - the document's own word
    return label_of(FIELD_TYPES, type)
