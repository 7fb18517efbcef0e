"""Invented content of the demo events (people, organisations, programme). Every person
and organisation here is made up and marked as an example."""

from __future__ import annotations

GIVEN = ["Anna", "Bernd", "Clara", "Deniz", "Elif", "Frank", "Greta", "Hakan", "Ines",
         "Jonas", "Katrin", "Lars", "Mira", "Nils", "Olga", "Paul", "Rana", "Sven", "Tanja",
         "Umut", "Vera", "Wiebke", "Yusuf", "Zoe", "Malte", "Leonie", "Tobias", "Svenja",
         "Emil"]  # fmt: skip
FAMILY = ["Beispiel", "Musterfrau", "Probe", "Vorlage", "Entwurf", "Skizze", "Modell",
          "Muster", "Exempel", "Platzhalter"]  # fmt: skip
ORGANISATIONS = ["Beispielstadt an der Lahn", "Musterkreis Nordhessen",
                 "Hochschule Beispielhausen", "Digitallabor Musterstadt",
                 "Verband Digitale Kommune", "Beispiel-Zweckverband IT", "Landkreis Vorlage",
                 "Gemeinde Probedorf"]  # fmt: skip
SPEAKER_COUNT = 29
EXHIBITOR_COUNT = 21
EXHIBITOR_TOPICS = ["Open-Data-Portale", "Sensorik im Stadtraum", "Bürgerbeteiligung online",
                    "Digitale Bauanträge", "Smarte Straßenbeleuchtung", "Parkraummanagement",
                    "Kommunale Datenplattform"]  # fmt: skip

# title, kind, start "HH:MM", end, room, capacity (workshops), speakers, moderators
CONGRESS_PROGRAMME = [
    ("Begrüßung und Keynote: Die vernetzte Region", "keynote", "09:30", "10:15", "Plenum",
     None, [0], []),
    ("Podium: Wie kommt die Smart City aufs Land?", "panel", "10:30", "11:30", "Plenum",
     None, [1, 2, 3, 4], [5]),
    ("Vortrag: Datenplattformen für Kreise", "vortrag", "11:45", "12:30", "Saal A", None,
     [6, 7], []),
    ("Vortrag: Sensorik zwischen Datenschutz und Nutzen", "vortrag", "11:45", "12:30",
     "Saal B", None, [8, 9], []),
    ("Mittagspause und EXPO", "pause", "12:30", "13:30", "Foyer", None, [], []),
    ("Workshop A: Open Data in sechs Schritten", "workshop", "13:30", "15:00", "Raum 1", 30,
     [10, 11], []),
    ("Workshop B: Förderanträge gemeinsam schreiben", "workshop", "13:30", "15:00", "Raum 2",
     30, [12, 13], []),
    ("Workshop C: Beteiligung digital planen", "workshop", "15:30", "17:00", "Raum 1", 30,
     [14, 15], []),
    ("Workshop D: Projekte aus anderen Kommunen übernehmen", "workshop", "15:30", "17:00",
     "Raum 2", 25, [16, 17], []),
    ("Podium: Was wir voneinander lernen", "panel", "17:00", "17:45", "Plenum", None,
     [18, 19, 20, 21], [22]),
]  # fmt: skip

CONFERENCES = [
    # slug, region, city, venue, address, capacity, days ahead
    ("regionalkonferenz-darmstadt", "rb-darmstadt", "Darmstadt", "darmstadtium (Beispiel)",
     "Schloßgraben 1, 64283 Darmstadt", 160, 30),
    ("regionalkonferenz-giessen", "rb-giessen", "Gießen", "Kongresshalle Gießen (Beispiel)",
     "Berliner Platz 2, 35390 Gießen", 120, 37),
    ("regionalkonferenz-kassel", "rb-kassel", "Kassel", "Kongress Palais Kassel (Beispiel)",
     "Friedrich-Ebert-Straße 178, 34119 Kassel", 140, 44),
]  # fmt: skip
FORUMS = [("nordhessen", "Nordhessen", 20), ("mittelhessen", "Mittelhessen", 27),
          ("osthessen", "Osthessen", 34), ("suedhessen", "Südhessen", 41)]  # fmt: skip
WEBINARS = [
    ("webinar-open-data", "Webinar: Open Data in der Kommune", 100, 10),
    ("webinar-foerdermittel", "Webinar: Fördermittel für die Digitalisierung finden", 12, 14),
]  # fmt: skip
