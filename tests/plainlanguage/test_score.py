"""The first Wiener Sachtextformel against hand-counted texts.

WSTF 1 = 0.1935·MS + 0.1672·SL + 0.1297·IW − 0.0327·ES − 0.875 with MS = % of words with
three or more syllables, SL = words per sentence, IW = % of words with more than six
letters, ES = % of one-syllable words. Each text below was counted by hand: every word
with its syllables/letters, the sentences, the four figures and the score. Numbers and
"§" are not words. The score of the service is rounded to one decimal.
"""

import pytest

from rathaus.plainlanguage.readability import analyse, wstf1

# 1. Easy. "Sie ziehen um? Dann melden Sie sich bei uns an. Das geht schnell."
#    Sie 1/3, zie-hen 2/6, um 1/2 | Dann 1/4, mel-den 2/6, Sie 1/3, sich 1/4, bei 1/3,
#    uns 1/3, an 1/2 | Das 1/3, geht 1/4, schnell 1/7 → 13 words, 3 sentences.
#    MS 0/13 = 0; SL 13/3 = 4.333; IW 1/13 (schnell) = 7.692; ES 11/13 = 84.615
#    → 0 + 0.7245 + 0.9977 − 2.7669 − 0.875 = −1.92
EASY = "Sie ziehen um? Dann melden Sie sich bei uns an. Das geht schnell."

# 2. Plain instruction. "Bitte bringen Sie Ihren Personalausweis mit. Wir brauchen auch
#    ein aktuelles Foto von Ihnen."
#    Bit-te 2/5, brin-gen 2/7, Sie 1/3, Ih-ren 2/5, Per-so-nal-aus-weis 5/15, mit 1/3 |
#    Wir 1/3, brau-chen 2/8, auch 1/4, ein 1/3, ak-tu-el-les 4/9, Fo-to 2/4, von 1/3,
#    Ih-nen 2/5 → 14 words, 2 sentences.
#    MS 2/14 = 14.286; SL 7; IW 4/14 (bringen, Personalausweis, brauchen, aktuelles) =
#    28.571; ES 6/14 = 42.857 → 2.7643 + 1.1704 + 3.7057 − 1.4014 − 0.875 = 5.36
INSTRUCTION = (
    "Bitte bringen Sie Ihren Personalausweis mit. Wir brauchen auch ein aktuelles Foto von Ihnen."
)

# 3. A receipt notice. "Wir haben Ihren Antrag auf Wohngeld erhalten. Die Bearbeitung
#    dauert etwa sechs Wochen. Wenn Unterlagen fehlen, schreiben wir Ihnen."
#    Wir 1/3, ha-ben 2/5, Ih-ren 2/5, An-trag 2/6, auf 1/3, Wohn-geld 2/8, er-hal-ten 3/8 |
#    Die 1/3, Be-ar-bei-tung 4/11, dau-ert 2/6, et-wa 2/4, sechs 1/5, Wo-chen 2/6 |
#    Wenn 1/4, Un-ter-la-gen 4/10, feh-len 2/6, schrei-ben 2/9, wir 1/3, Ih-nen 2/5
#    → 19 words, 3 sentences. MS 3/19 = 15.789; SL 6.333; IW 5/19 (Wohngeld, erhalten,
#    Bearbeitung, Unterlagen, schreiben) = 26.316; ES 6/19 = 31.579
#    → 3.0553 + 1.0589 + 3.4132 − 1.0326 − 0.875 = 5.62
NOTICE = (
    "Wir haben Ihren Antrag auf Wohngeld erhalten. Die Bearbeitung dauert etwa sechs Wochen. "
    "Wenn Unterlagen fehlen, schreiben wir Ihnen."
)

# 4. Medium. "Für die Anmeldung Ihres Wohnsitzes brauchen wir Ihren Personalausweis und die
#    Bestätigung Ihres Vermieters. Bitte vereinbaren Sie dafür einen Termin im Bürgerbüro."
#    Für 1/3, die 1/3, An-mel-dung 3/9, Ih-res 2/5, Wohn-sit-zes 3/10, brau-chen 2/8,
#    wir 1/3, Ih-ren 2/5, Per-so-nal-aus-weis 5/15, und 1/3, die 1/3, Be-stä-ti-gung 4/11,
#    Ih-res 2/5, Ver-mie-ters 3/10 | Bit-te 2/5, ver-ein-ba-ren 4/11, Sie 1/3, da-für 2/5,
#    ei-nen 2/5, Ter-min 2/6, im 1/2, Bür-ger-bü-ro 4/10 → 22 words, 2 sentences.
#    MS 7/22 = 31.818; SL 11; IW 8/22 = 36.364; ES 7/22 = 31.818
#    → 6.1568 + 1.8392 + 4.7164 − 1.0405 − 0.875 = 10.80
REGISTRATION = (
    "Für die Anmeldung Ihres Wohnsitzes brauchen wir Ihren Personalausweis und die Bestätigung "
    "Ihres Vermieters. Bitte vereinbaren Sie dafür einen Termin im Bürgerbüro."
)

# 5. A title without a period. "Antrag auf Erteilung einer Baugenehmigung"
#    An-trag 2/6, auf 1/3, Er-tei-lung 3/9, ei-ner 2/5, Bau-ge-neh-mi-gung 5/14 → 5 words,
#    1 sentence. MS 2/5 = 40; SL 5; IW 2/5 = 40; ES 1/5 = 20
#    → 7.74 + 0.836 + 5.188 − 0.654 − 0.875 = 12.235
TITLE = "Antrag auf Erteilung einer Baugenehmigung"

# 6. Officialese. "Die Inanspruchnahme der Leistung ist seitens der Antragsteller
#    fristgerecht zu beantragen. Hinsichtlich der Entrichtung der Gebühren wird auf die
#    nachstehenden Bestimmungen verwiesen."
#    Die 1/3, In-an-spruch-nah-me 5/15, der 1/3, Leis-tung 2/8, ist 1/3, sei-tens 2/7,
#    der 1/3, An-trag-stel-ler 4/13, frist-ge-recht 3/12, zu 1/2, be-an-tra-gen 4/10 |
#    Hin-sicht-lich 3/12, der 1/3, Ent-rich-tung 3/11, der 1/3, Ge-büh-ren 3/8, wird 1/4,
#    auf 1/3, die 1/3, nach-ste-hen-den 4/13, Be-stim-mun-gen 4/12, ver-wie-sen 3/9
#    → 22 words, 2 sentences. MS 10/22 = 45.455; SL 11; IW 12/22 = 54.545; ES 10/22 = 45.455
#    → 8.7955 + 1.8392 + 7.0745 − 1.4864 − 0.875 = 15.35
OFFICIALESE = (
    "Die Inanspruchnahme der Leistung ist seitens der Antragsteller fristgerecht zu beantragen. "
    "Hinsichtlich der Entrichtung der Gebühren wird auf die nachstehenden Bestimmungen verwiesen."
)

# 7. Legal officialese. "Gemäß § 24 des Verwaltungsverfahrensgesetzes ist die
#    Antragstellerin verpflichtet, die zur Prüfung der Anspruchsvoraussetzungen
#    erforderlichen Unterlagen unverzüglich vorzulegen."  ("§ 24" is no word.)
#    Ge-mäß 2/5, des 1/3, Ver-wal-tungs-ver-fah-rens-ge-set-zes 9/29, ist 1/3, die 1/3,
#    An-trag-stel-le-rin 5/15, ver-pflich-tet 3/12, die 1/3, zur 1/3, Prü-fung 2/7, der 1/3,
#    An-spruchs-vor-aus-set-zun-gen 7/24, er-for-der-li-chen 5/14, Un-ter-la-gen 4/10,
#    un-ver-züg-lich 4/12, vor-zu-le-gen 4/10 → 16 words, 1 sentence.
#    MS 8/16 = 50; SL 16; IW 9/16 = 56.25; ES 6/16 = 37.5
#    → 9.675 + 2.6752 + 7.2956 − 1.2263 − 0.875 = 17.54
LEGAL = (
    "Gemäß § 24 des Verwaltungsverfahrensgesetzes ist die Antragstellerin verpflichtet, die zur "
    "Prüfung der Anspruchsvoraussetzungen erforderlichen Unterlagen unverzüglich vorzulegen."
)

HAND_COUNTED = [
    # text, words, sentences, score
    (EASY, 13, 3, -1.92),
    (INSTRUCTION, 14, 2, 5.36),
    (NOTICE, 19, 3, 5.62),
    (REGISTRATION, 22, 2, 10.80),
    (TITLE, 5, 1, 12.235),
    (OFFICIALESE, 22, 2, 15.35),
    (LEGAL, 16, 1, 17.54),
]


@pytest.mark.parametrize(("text", "words", "sentences", "score"), HAND_COUNTED)
def test_wstf1_of_hand_counted_texts(text, words, sentences, score):
    analysis = analyse(text)
    assert len(analysis.words) == words
    assert len(analysis.sentences) == sentences
    assert analysis.score == pytest.approx(score, abs=0.01)


def test_syllables_and_letters_of_one_text_as_counted():
    counted = [(w.text, w.syllables, w.letters) for w in analyse(TITLE).words]
    assert counted == [
        ("Antrag", 2, 6),
        ("auf", 1, 3),
        ("Erteilung", 3, 9),
        ("einer", 2, 5),
        ("Baugenehmigung", 5, 14),
    ]


def test_the_scores_rise_from_easy_to_officialese():
    scores = [wstf1(text) for text, *_ in HAND_COUNTED]
    assert scores == sorted(scores)


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n", "123. 456,78 §§ 1.000,50!", "– … ?"])
def test_a_text_without_words_has_no_score(text):
    assert wstf1(text) is None
    assert analyse(text).sentences == ()


def test_numbers_change_no_figure():
    assert wstf1("Die Gebühr beträgt 25 Euro.") == wstf1("Die Gebühr beträgt Euro.")
