"""Turning German text into search terms, the same way for documents and queries.

A word is a run of Unicode letters and decimal digits (after NFKC normalisation), so
punctuation, operators, quotes and emoji never reach a database query. Words are
lowercased, stop words dropped, ß folded to ss, and stemmed with the German Snowball
stemmer (which also folds ä/ö/ü). Words containing a digit are not stemmed, as in
PostgreSQL's ``german`` configuration.
"""

from __future__ import annotations

import threading
import unicodedata

import snowballstemmer

MAX_TERMS = 12
MAX_TERM_LENGTH = 64
MAX_QUERY_LENGTH = 4000  # characters looked at; more cannot add terms in practice

# The function words PostgreSQL's `german` configuration ignores (Snowball's German stop
# list). SQLite ignores the same words, so both vendors return the same hits.
_STOPWORD_TEXT = """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den
    des dem die das daß derselbe derselben denselben desselben demselben dieselbe dieselben
    dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich dir du dies
    diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer eines einig
    einige einigem einigen einiger einiges einmal er ihn ihm es etwas euer eure eurem euren
    eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich mich
    mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist jede jedem jeden jeder
    jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines
    können könnte machen man manche manchem manchen mancher manches mein meine meinem
    meinen meiner meines mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr
    sein seine seinem seinen seiner seines selbst sich sie ihnen sind so solche solchem
    solchen solcher solches soll sollte sondern sonst über um und uns unse unsem unsen
    unser unses unter viel vom von vor während war waren warst was weg weil weiter welche
    welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo
    wollen wollte würde würden zu zum zur zwar zwischen
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_local = threading.local()  # Snowball stemmer objects keep state: one per thread


def words(text: str) -> list[str]:
    """Lowercase words of ``text`` without stop words, ß folded to ss."""
    text = unicodedata.normalize("NFKC", text).lower()
    runs = "".join(char if char.isalpha() or char.isdecimal() else " " for char in text)
    return [word.casefold() for word in runs.split() if word not in STOPWORDS]


def stem(word: str) -> str:
    if any(char.isdecimal() for char in word):
        return word
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("german")
    return stemmer.stemWord(word)


def indexed(text: str) -> str:
    """``text`` as stored in the SQLite index: stemmed words separated by spaces."""
    return " ".join(stem(word) for word in words(text))


def query_terms(query: str) -> list[str]:
    """The distinct words of a query, each cut to MAX_TERM_LENGTH, at most MAX_TERMS."""
    terms: list[str] = []
    for word in words(query[:MAX_QUERY_LENGTH]):
        term = word[:MAX_TERM_LENGTH]
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]
