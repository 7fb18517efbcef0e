"""Readability of German texts: sentences, words, syllables, the first Wiener
Sachtextformel (WSTF 1) and concrete hints. Pure functions: no database, no settings.

Sentences. A sentence ends at ``!``, ``?``, ``…``/``...`` or ``.`` followed by white space or
the end of the text (closing quotes and brackets belong to it), at an empty line, and
before a line that starts a list item (``-``, ``*``, ``•``, ``–``, ``1.``, ``1)``, ``a)``). A
single line break inside a paragraph is a space, so text pasted with hard line breaks stays
whole. A period does NOT end a sentence when the next word starts in lower case, after a
known abbreviation (``z. B.``, ``usw.``, ``Nr.``, ``ggf.``, ``bzw.``, ``d. h.`` …; ``Art.`` only
before a number), after a single letter (initials and the parts of ``z. B.``, ``d. h.``),
after a dotted short form (``z.B.``, ``i.d.R.``), and after a number of one or two digits or
a date without year (``am 1. März``, ``bis 01.02. einreichen``: read as ordinals). A number
with three or more digits in its last group (``2026.``, ``01.02.2026.``) does end one.
Periods inside numbers (``1.000,50``, ``01.02.2026``) are never candidates. Known limits: a
sentence ending in an abbreviation (``… Foto usw. Bitte …``) or in a small number
(``Zimmer 12. Dort …``) runs on into the next one.

Words. A word is a run of letters; hyphens and apostrophes join letters into one word
(``E-Mail-Adresse``, ``geht’s``), and so do gender marks before ``in``/``innen``
(``Bürger*innen``, ``Bürger:innen``, ``Mitarbeiter/innen``). Numbers are not words at all:
they count neither for sentence length nor for the percentages (digits are read at a
glance, and their syllables say nothing about the wording). Abbreviations count as words
(``z. B.`` is two words of one syllable). Sentences without any word are not counted.

Syllables. Each vowel group is split into nuclei: ``äu ei ai au eu ie ey ay aa ee oo ou``
are one nucleus, every other vowel (``a e i o u ä ö ü y``) one more; ``qu`` is a consonant
and ``y`` before a vowel at the start is ``j``. Corrections add one for ``iell``, ``ient``
(not ``dient``), ``ien``/``een``/``eum``/``äum`` at the end, ``beur…``/``koo…`` at the start and
``…eurkund…`` (fi-nan-zi-ell, Pa-ti-ent, Fe-ri-en, I-de-en, Mu-se-um, be-ur-teilt,
Ko-or-di-na-ti-on, E-he-ur-kun-de); a few English loanwords lose their silent ``e`` (Online,
Service, Website, Update). Every word has at least one syllable; the parts of a hyphenated
word are counted one by one. Accuracy: exact for the 151 hand-counted administrative words
of ``tests/plainlanguage/test_syllables.py`` (among them Beamte, Museum, Information,
beauftragen, Beeinträchtigung), but that list also guided the corrections; expect a few
percent of other words to be one off. Known misses, each by one: unstressed final ``-ie``
(Fa-mi-li-e, Li-ni-e, Se-ri-e counted one short), ``ee`` inside a word (Be-er-di-gung),
``-ien`` inside compounds (Fe-ri-en-woh-nung), English ``ea`` (Team), rare names (Wien).

Hints. Sentences over ``LONG_SENTENCE_WORDS`` words, word parts over ``LONG_WORD_SYLLABLES``
syllables, passive voice, nominal style and the office's officialese; the rules of the last
three stand beside their code below. Hints come in reading order, each once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

LONG_SENTENCE_WORDS = 20
LONG_WORD_SYLLABLES = 6
EXCERPT_CHARS = 160

LONG_SENTENCE = "long_sentence"
LONG_WORD = "long_word"
PASSIVE = "passive"
NOMINAL = "nominal"
OFFICIALESE = "officialese"


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_L = r"[^\W\d_]"  # one letter, any alphabet
_WORD = re.compile(rf"{_L}+(?:(?:[-‐'’]|[*:/_·](?=[iI]n)){_L}+)*")
_PART = re.compile(rf"{_L}+")

_BREAK = re.compile(
    r"(?P<block>\n[ \t]*\n|\n(?=[ \t]*(?:[-*•–]|\d{1,3}[.)]|[a-z]\))\s))"
    r"|(?P<end>(?:[!?]+|\.{2,}|…|\.)[\"'“”‘’»«)\]]*(?=\s|$))"
)
_NEXT = re.compile(r"\s*(\S)")
_DOTTED = re.compile(rf"(?:{_L}{{1,3}}\.)+{_L}{{1,3}}|\d{{1,2}}(?:\.\d{{1,2}})*")
_ABBREVIATIONS = _set(
    "abs allg anl az bd betr bspw bzgl bzw ca dgl dr einschl entspr etc evtl ff geb gem ggf "
    "ggfs gez hr hrsg inkl insb jh kap lfd lt max mind mio mrd mtl nr pers prof rd sog st str "
    "tel usf usw verh vgl vs ziff zzgl zzt"
)
_BEFORE_NUMBER = frozenset({"art"})  # "Art. 5 GG", but "eine Art." ends a sentence

_NUCLEUS = re.compile(r"äu|ei|ai|au|eu|ie|ey|ay|aa|ee|oo|ou|[aeiouyäöü]")
_EXTRA = re.compile(
    r"iell|(?<!d)ient|(?<!sch)(?<![aeiouäöü])ien$|een$|[eä]ums?$|^be(?=ur)|e(?=urkund)|^koo"
)
_SILENT_E = {"online": 1, "service": 1, "website": 1, "homepage": 2, "software": 1,
             "hardware": 1, "update": 1, "smartphone": 1}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    syllables: int
    letters: int


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class Hint:
    kind: str
    message: str
    excerpt: str


def count_syllables(word: str) -> int:
    """Syllables of a word; the parts of a hyphenated compound are counted one by one."""
    return sum(_part_syllables(part) for part in _PART.findall(word)) or 1


def _part_syllables(part: str) -> int:
    low = part.casefold().replace("qu", "kw")
    if len(low) > 1 and low[0] == "y" and low[1] in "aeiouäöü":
        low = "j" + low[1:]
    count = len(_NUCLEUS.findall(low)) + len(_EXTRA.findall(low))
    count -= sum(low.count(loan) * silent for loan, silent in _SILENT_E.items())
    return max(1, count)


def split_words(text: str) -> list[str]:
    return [match.group() for match in _WORD.finditer(text)]


def _words(text: str, offset: int) -> tuple[Word, ...]:
    found = []
    for match in _WORD.finditer(text):
        parts = _PART.findall(match.group())
        syllables = sum(_part_syllables(part) for part in parts)
        found.append(Word(match.group(), offset + match.start(), syllables, len("".join(parts))))
    return tuple(found)


def sentences(text: str) -> list[Sentence]:
    """The sentences of a text that contain at least one word, in order."""
    found, start = [], 0
    for match in _BREAK.finditer(text):
        if match.lastgroup == "block" or _ends_sentence(text, match):
            found.append(_sentence(text, start, match.end()))
            start = match.end()
    found.append(_sentence(text, start, len(text)))
    return [sentence for sentence in found if sentence.words]


def split_sentences(text: str) -> list[str]:
    return [sentence.text for sentence in sentences(text)]


def _sentence(text: str, start: int, end: int) -> Sentence:
    chunk = text[start:end]
    stripped = chunk.strip()
    offset = start + (chunk.find(stripped) if stripped else 0)
    return Sentence(" ".join(stripped.split()), offset, _words(stripped, offset))


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    mark = match.group("end")
    if "!" in mark or "?" in mark:
        return True
    following = _NEXT.match(text, match.end())
    if following and following.group(1).islower():
        return False
    if mark.startswith("..") or mark.startswith("…"):
        return True
    before = text[max(0, match.start() - 40) : match.start()].split()
    token = before[-1].lstrip("([„\"'‚»«") if before else ""
    next_is_digit = bool(following and following.group(1).isdigit())
    return not _is_abbreviation(token, next_is_digit)


def _is_abbreviation(token: str, next_is_digit: bool) -> bool:
    low = token.casefold()
    if low in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return True
    if low in _BEFORE_NUMBER:
        return next_is_digit
    return bool(_DOTTED.fullmatch(token))


@dataclass(frozen=True)
class Analysis:
    text: str
    sentences: tuple[Sentence, ...]

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(word for sentence in self.sentences for word in sentence.words)

    @property
    def score(self) -> float | None:
        """WSTF 1 = 0.1935·MS + 0.1672·SL + 0.1297·IW − 0.0327·ES − 0.875 (None without words)."""
        words = self.words
        if not words:
            return None
        share = 100 / len(words)
        ms = share * sum(1 for word in words if word.syllables >= 3)
        sl = len(words) / len(self.sentences)
        iw = share * sum(1 for word in words if word.letters > 6)
        es = share * sum(1 for word in words if word.syllables == 1)
        return 0.1935 * ms + 0.1672 * sl + 0.1297 * iw - 0.0327 * es - 0.875


def analyse(text: str) -> Analysis:
    return Analysis(text, tuple(sentences(text)))


def wstf1(text: str) -> float | None:
    """The first Wiener Sachtextformel of a text, unrounded; None when it has no words."""
    return analyse(text).score


def shorten(text: str, limit: int = EXCERPT_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def hints(analysis: Analysis, terms: TermMatcher | None = None) -> list[Hint]:
    """Every hint for a text in reading order (at one place: sentence hints before word hints)."""
    found: list[tuple[int, int, Hint]] = []
    for sentence in analysis.sentences:
        found += [(sentence.start, rank, hint) for rank, hint in sentence_hints(sentence)]
    found += [(start, 3, hint) for start, hint in long_word_hints(analysis.words)]
    if terms is not None:
        found += [(start, 4, hint) for start, hint in terms.hints(analysis.text)]
    ordered = [hint for _start, _rank, hint in sorted(found, key=lambda item: item[:2])]
    return list(dict.fromkeys(ordered))  # a sentence repeated word for word: its hints once


def sentence_hints(sentence: Sentence) -> list[tuple[int, Hint]]:
    """(rank, hint) for a long sentence, passive voice and nominal style, in that order."""
    found = []
    excerpt = shorten(sentence.text)
    if len(sentence.words) > LONG_SENTENCE_WORDS:
        message = _("Satz mit %(count)d Wörtern: teilen Sie ihn (höchstens %(limit)d).")
        values = {"count": len(sentence.words), "limit": LONG_SENTENCE_WORDS}
        found.append((0, Hint(LONG_SENTENCE, message % values, excerpt)))
    passive = passive_marker(sentence)
    if passive:
        found.append((1, Hint(PASSIVE, _passive_message(passive), excerpt)))
    nouns = nominal_chain(sentence)
    if nouns:
        message = _(
            "Nominalstil mit „%(nouns)s“: sagen Sie es mit Verben, zum Beispiel „prüfen“ "
            "statt „Prüfung“."
        )
        found.append((2, Hint(NOMINAL, message % {"nouns": ", ".join(nouns)}, excerpt)))
    return found


def long_word_hints(words: Iterable[Word]) -> list[tuple[int, Hint]]:
    """(start, hint) once per distinct word part with more than LONG_WORD_SYLLABLES syllables.
    A hyphen already helps the reader, so each part of a compound is judged on its own."""
    found, seen = [], set()
    message = _(
        "„%(word)s“ hat %(count)d Silben: nehmen Sie ein kürzeres Wort oder trennen Sie es "
        "mit Bindestrich (höchstens %(limit)d)."
    )
    for word in words:
        if word.syllables <= LONG_WORD_SYLLABLES:
            continue
        for part in _PART.findall(word.text):
            count = _part_syllables(part)
            if count > LONG_WORD_SYLLABLES and part.casefold() not in seen:
                seen.add(part.casefold())
                values = {"word": part, "count": count, "limit": LONG_WORD_SYLLABLES}
                found.append((word.start, Hint(LONG_WORD, message % values, part)))
    return found


# Passive voice: a form of "werden" with a past participle in the same clause ("wird …
# bearbeitet", "bearbeitet worden"), or a form of "sein" with a zu-infinitive closing the
# clause ("ist … zu stellen", "ist … einzureichen", "…, die vorzulegen sind"). Clauses end at
# , ; : ( ) – —. A participle is a lower-case word: (separable prefix +) ge…t/ge…en, (prefix +)
# be/emp/ent/er/miss/ver/zer…t, …iert, or a listed strong form (entschieden, erhoben …).
_WERDEN = _set(
    "werde wirst wird werden werdet wurde wurdest wurden wurdet würde würdest würden würdet worden"
)
_SEIN = _set("ist sind war waren wäre wären sei seien")
_SEPARABLE = (
    "ab|an|auf|aus|bei|dar|durch|ein|fest|frei|her|hin|los|mit|nach|um|vor|weg|weiter|wieder"
    "|zu|zurück|zusammen"
)
_PARTICIPLE = re.compile(
    rf"(?:{_SEPARABLE})?ge[a-zäöüß]{{2,}}(?:t|en)"
    rf"|(?:{_SEPARABLE})?(?:be|emp|ent|er|miss|ver|zer)[a-zäöüß]{{2,}}t|[a-zäöüß]{{3,}}iert"
)
_NOT_PARTICIPLES = _set(
    "bereit gerecht gesamt gebrauchen gefährden gehören gelingen gelten genehmigen genießen "
    "genügen geschehen gestalten gestatten gestehen gewähren gewährleisten gewinnen gewöhnen"
)
_STRONG_PARTICIPLES = _set(
    "befohlen begriffen beschrieben bestanden betroffen bewiesen empfohlen entnommen "
    "entschieden erhoben erlassen erschienen erwiesen erworben überwiesen unterschrieben verboten "
    "verliehen vermieden verschoben verstanden vertrieben verwiesen"
)
_ZU_INFINITIVE = re.compile(rf"(?:{_SEPARABLE})zu[a-zäöüß]{{2,}}(?:en|rn|ln)")
_CLAUSE_BREAK = re.compile(r"[,;:()–—]")


def _clauses(sentence: Sentence) -> list[list[Word]]:
    breaks = [sentence.start + m.start() for m in _CLAUSE_BREAK.finditer(sentence.text)]
    clauses: list[list[Word]] = [[]]
    position = 0
    for word in sentence.words:
        if position < len(breaks) and breaks[position] < word.start:
            while position < len(breaks) and breaks[position] < word.start:
                position += 1
            clauses.append([])
        clauses[-1].append(word)
    return [clause for clause in clauses if clause]


def _is_participle(text: str) -> bool:
    if not text[0].islower() or text in _NOT_PARTICIPLES:
        return False
    return text in _STRONG_PARTICIPLES or bool(_PARTICIPLE.fullmatch(text))


def _joined(clause: list[Word], *indexes: int) -> str:
    ordered = sorted(set(indexes))
    pieces = [clause[ordered[0]].text]
    for before, index in zip(ordered, ordered[1:], strict=False):
        pieces.append((" " if index == before + 1 else " … ") + clause[index].text)
    return "".join(pieces)


def _clause_passive(clause: list[Word]) -> tuple[str, str] | None:
    lowered = [word.text.lower() for word in clause]
    helper = next((i for i, text in enumerate(lowered) if text in _WERDEN), None)
    if helper is not None:
        done = next((i for i, w in enumerate(clause) if _is_participle(w.text)), None)
        if done is not None:
            return PASSIVE, _joined(clause, helper, done)
    being = next((i for i, text in enumerate(lowered) if text in _SEIN), None)
    if being is None:
        return None
    for i, word in enumerate(clause):
        closes = i + 1 == len(clause) or lowered[i + 1] in _SEIN
        if not closes or not word.text[0].islower():
            continue
        if _ZU_INFINITIVE.fullmatch(word.text):
            return "zu", _joined(clause, being, i)
        if i > 0 and lowered[i - 1] == "zu" and word.text.endswith(("en", "rn", "ln")):
            return "zu", _joined(clause, being, i - 1, i)
    return None


def passive_marker(sentence: Sentence) -> tuple[str, str] | None:
    """("passive" or "zu", the words found) for the first passive clause of a sentence."""
    for clause in _clauses(sentence):
        found = _clause_passive(clause)
        if found:
            return found
    return None


def _passive_message(found: tuple[str, str]) -> str:
    kind, marker = found
    if kind == "zu":
        message = _(
            "„%(marker)s“ verschweigt, wer etwas tun muss: sprechen Sie die Leserinnen und "
            "Leser direkt an („Bitte … Sie …“)."
        )
    else:
        message = _("Passiv („%(marker)s“): schreiben Sie aktiv und sagen Sie, wer handelt.")
    return message % {"marker": marker}


# Nominal style: nouns on -ung, -heit, -keit, -ion, -tät (and their plurals in -en). A
# sentence is flagged with three of them, or with two at most one word apart ("Erteilung
# der Genehmigung"). A few everyday nouns (Wohnung, Rechnung, Region …) do not count.
_NOMINAL = re.compile(rf"{_L}{{3,}}(?:ung|heit|keit|ion|tät)(?:en)?")
_EVERYDAY = _set(
    "achtung meinung million nation ordnung rechnung region religion richtung station "
    "wohnung zeitung"
)


def _is_nominal(text: str) -> bool:
    last = _PART.findall(text)[-1]
    low = last.lower()
    if not text[0].isupper() or low in _EVERYDAY or low.removesuffix("en") in _EVERYDAY:
        return False
    return bool(_NOMINAL.fullmatch(last))


def nominal_chain(sentence: Sentence) -> list[str]:
    """The nominal-style nouns of a sentence when they form a chain, else []."""
    places = [i for i, word in enumerate(sentence.words) if _is_nominal(word.text)]
    close = any(later - earlier <= 2 for earlier, later in zip(places, places[1:], strict=False))
    if len(places) < 3 and not close:
        return []
    return list(dict.fromkeys(sentence.words[i].text for i in places))


# Officialese. A term matches whole words, ignoring case; a hyphen is a word boundary
# ("Inanspruchnahme-Erklärung" matches). Its last word also matches with an inflection
# ending (-e -n -s -en -er -es -em -ern -ns) or the feminine -in/-innen (Antragsteller →
# Antragstellerin, Antragstellern); a last word on -en is taken as a verb as well, whose
# stem matches with -e -st -t -et -te -ete -ten -eten -test -tet -end -ende … (ersuchen →
# ersucht, obliegen → obliegt, obliegende). A term ending in * matches every word that
# begins with the rest ("oblieg*" finds obliegt and obliegende, not oblag). Words of a term
# may be separated by any white space. Separated verbs ("händigen … aus") and participles
# with ge- ("ausgehändigt") are not found: the office adds them as terms of their own.
_NOUN_ENDINGS = "(?:e|n|s|en|er|es|em|ern|ns|in|innen)?"
_VERB_ENDINGS = "(?:e|st|t|et|te|ete|ten|eten|test|tet|end|ende|enden|ender|endes|endem)"


def term_key(term: str) -> str:
    """The form in which two terms are the same: white space collapsed, case folded."""
    return " ".join(term.split()).casefold()


def _term_pattern(term: str) -> str:
    *head, last = term.split()
    if last.endswith("*"):
        tail = re.escape(last[:-1]) + rf"{_L}*"
    elif last.lower().endswith("en"):
        tail = rf"(?:{re.escape(last)}{_NOUN_ENDINGS}|{re.escape(last[:-2])}{_VERB_ENDINGS})"
    else:
        tail = re.escape(last) + _NOUN_ENDINGS
    return r"\s+".join([*(re.escape(word) for word in head), tail])


class TermMatcher:
    """Officialese terms with their plainer suggestions, compiled into one pattern."""

    def __init__(self, terms: Iterable[tuple[str, str]]) -> None:
        usable = {term_key(term): (term, hint) for term, hint in terms if _PART.search(term)}
        ordered = sorted(usable.values(), key=lambda pair: -len(pair[0]))
        self.suggestions = [pair[1] for pair in ordered]
        choices = "|".join(f"(?P<t{i}>{_term_pattern(pair[0])})" for i, pair in enumerate(ordered))
        self.pattern = re.compile(rf"(?<!{_L})(?:{choices})(?!{_L})", re.I) if ordered else None

    def hints(self, text: str) -> list[tuple[int, Hint]]:
        """(start, hint) once per distinct officialese expression found in the text."""
        if self.pattern is None:
            return []
        found, seen = [], set()
        message = _("„%(word)s“ ist Amtssprache – besser: „%(suggestion)s“.")
        for match in self.pattern.finditer(text):
            words = " ".join(match.group().split())
            if words.casefold() in seen or match.lastgroup is None:
                continue
            seen.add(words.casefold())
            suggestion = self.suggestions[int(match.lastgroup[1:])]
            values = {"word": words, "suggestion": suggestion}
            found.append((match.start(), Hint(OFFICIALESE, message % values, words)))
        return found
