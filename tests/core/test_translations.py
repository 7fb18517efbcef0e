"""The English catalogue is complete, well-formed and actually in force.

German is the source language (the msgids); ``rathaus/locale/en/LC_MESSAGES/django.po``
translates them and the committed ``django.mo`` is compiled from it. These tests read the
.po with a small parser of their own (msgctxt, msgid, msgid_plural, msgstr, msgstr[n],
multi-line strings, flags; obsolete ``#~`` entries are ignored) and prove:

(a) no entry has an empty msgstr (in any plural form), and the header names English;
(b) no entry, the header included, is marked fuzzy;
(c) every translation keeps the placeholders of its msgid (``%(name)s``, ``%s``, ``%d``, …);
(d) the compiled .mo agrees with the .po: under ``translation.override("en")``,
    gettext / pgettext / ngettext / npgettext of every entry return its msgstr, so a
    stale .mo (someone edited the .po and forgot ``compilemessages``) fails;
(e) the English home page and legal pages show English interface text: the German
    words "Startseite", "Anmelden", "Sprache" and "Zum Inhalt springen" are gone and
    their English counterparts are there, and no multi-word German msgid shows up in the
    home page or in the layout (header, navigation, footer) around the legal pages.

Not proven here: that every msgid in the Python and template sources has reached the
.po. That needs xgettext (``make messages`` runs makemessages), which the test suite
cannot rely on; keeping the catalogue up to date is the job of ``make messages``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PO_PATH = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

# printf-style placeholders as Python's % operator reads them; "%%" is a literal percent.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0+ -]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa]")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")

# Pages rendered under /en/ and checked for left-over German interface text.
ENGLISH_PAGES = [
    "core:home",
    "core:imprint",
    "core:privacy",
    "core:accessibility",
    "core:easy_language",
    "core:sign_language",
    "core:contact",
]
# German source word -> its English translation, both must be (not) on every page.
UI_WORDS = {
    "Startseite": "Home",
    "Anmelden": "Log in",
    "Sprache": "Choose language",
    "Zum Inhalt springen": "Skip to content",
}


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index 0 for a plain msgstr
    flags: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"django.po:{self.line} {context}{self.msgid!r}"


def _unquote(token: str) -> str:
    body = token.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), body)


def parse_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, the header (msgid "") first; obsolete entries skipped."""
    entries: list[Entry] = []
    current: Entry | None = None
    has_msgid = False
    flags: set[str] = set()
    target: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):  # end of an entry, or an obsolete one
            flags, target = set(), None
            continue
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            assert current is not None and target is not None, f"django.po:{number}: stray string"
            _append(current, target, _unquote(line))
            continue
        match = KEYWORD.match(line)
        assert match, f"django.po:{number}: cannot parse {raw!r}"
        keyword, value = match.group(1), _unquote(match.group(2))
        if keyword == "msgctxt" or (keyword == "msgid" and (current is None or has_msgid)):
            current, has_msgid, flags = Entry(line=number, flags=flags), False, set()
            entries.append(current)
        assert current is not None, f"django.po:{number}: {keyword} before msgid"
        has_msgid = has_msgid or keyword == "msgid"
        target = keyword
        _append(current, keyword, value, first=True)
    return entries


def _append(entry: Entry, keyword: str, text: str, first: bool = False) -> None:
    """Add ``text`` to the string that ``keyword`` (msgid, msgstr, msgstr[1], ...) starts."""
    if keyword.startswith("msgstr"):
        index = int(keyword[7:-1]) if "[" in keyword else 0
        entry.msgstr[index] = ("" if first else entry.msgstr[index]) + text
    else:
        setattr(entry, keyword, ("" if first else getattr(entry, keyword)) + text)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    assert PO_PATH.exists(), f"{PO_PATH} is missing: run `make messages`"
    entries = parse_po(PO_PATH)
    assert entries and entries[0].msgid == "" and entries[0].msgctxt is None, "no header"
    assert len(entries) > 100, f"only {len(entries)} entries parsed: parser or catalogue broken"
    return entries


@pytest.fixture(scope="module")
def messages(catalogue) -> list[Entry]:
    return catalogue[1:]


def test_parser_reads_every_kind_of_entry(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgctxt "Ort"\nmsgid "Ort %(n)s"\nmsgstr "Place %(n)s"\n\n'
        '#, fuzzy\nmsgid ""\n"Zwei "\n"Zeilen \\"zitiert\\""\nmsgstr ""\n\n'
        'msgid "Ein Code"\nmsgid_plural "%(count)d Codes"\n'
        'msgstr[0] "One code"\nmsgstr[1] "%(count)d codes"\n\n'
        '#~ msgid "Alt"\n#~ msgstr "Old"\n',
        encoding="utf-8",
    )
    header, context, fuzzy, plural = parse_po(po)
    assert header.msgstr == {0: "Language: en\n"}
    assert (context.msgctxt, context.msgid, context.msgstr) == (
        "Ort",
        "Ort %(n)s",
        {0: "Place %(n)s"},
    )
    assert context.flags == {"python-format"}
    assert (fuzzy.msgid, fuzzy.msgstr, fuzzy.flags) == ('Zwei Zeilen "zitiert"', {0: ""}, {"fuzzy"})
    assert plural.msgid_plural == "%(count)d Codes"
    assert plural.msgstr == {0: "One code", 1: "%(count)d codes"}


def test_header_declares_english_with_two_plural_forms(catalogue):
    header = dict(
        line.split(": ", 1) for line in catalogue[0].msgstr[0].splitlines() if ": " in line
    )
    assert header.get("Language") == "en"
    assert "charset=UTF-8" in header.get("Content-Type", "")
    assert header.get("Plural-Forms", "").startswith("nplurals=2;")


def test_no_empty_translation(messages):
    empty = [
        entry.label
        for entry in messages
        if not entry.msgstr
        or any(not text for text in entry.msgstr.values())
        or (entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1])
    ]
    assert not empty, f"{len(empty)} untranslated entries:\n" + "\n".join(empty)


def test_no_fuzzy_entry(catalogue):
    fuzzy = [entry.label for entry in catalogue if "fuzzy" in entry.flags]
    assert not fuzzy, "fuzzy entries (check them, then remove the flag):\n" + "\n".join(fuzzy)


def test_placeholders_survive_translation(messages):
    broken = []
    for entry in messages:
        for index, text in entry.msgstr.items():
            source = entry.msgid_plural if index > 0 and entry.msgid_plural else entry.msgid
            if placeholders(text) != placeholders(source):
                broken.append(f"{entry.label} msgstr[{index}]: {text!r}")
    assert not broken, "placeholders differ from the msgid:\n" + "\n".join(broken)


def test_compiled_catalogue_matches_po(messages):
    assert MO_PATH.exists(), f"{MO_PATH} is missing: run `make messages`"
    stale = []
    with translation.override("en"):
        for entry in messages:
            if entry.msgid_plural is None:
                expected = {0: entry.msgstr.get(0, "")}
                if entry.msgctxt is None:
                    got = {0: translation.gettext(entry.msgid)}
                else:
                    got = {0: translation.pgettext(entry.msgctxt, entry.msgid)}
            else:
                expected = {0: entry.msgstr.get(0, ""), 1: entry.msgstr.get(1, "")}
                if entry.msgctxt is None:
                    got = {
                        n - 1: translation.ngettext(entry.msgid, entry.msgid_plural, n)
                        for n in (1, 2)
                    }
                else:
                    got = {
                        n - 1: translation.npgettext(
                            entry.msgctxt, entry.msgid, entry.msgid_plural, n
                        )
                        for n in (1, 2)
                    }
            if got != expected:
                stale.append(f"{entry.label}: .mo gives {got!r}")
    assert not stale, "django.mo is stale, run `make messages`:\n" + "\n".join(stale)


def _english_page(client, name: str) -> str:
    with translation.override("en"):
        url = reverse(name)
    assert url.startswith("/en/"), url
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    assert '<html lang="en"' in page, url
    # German deliberately marked as such (<span lang="de">, the "Deutsch" switch) is fine.
    return re.sub(r'<(\w+)\b[^>]*\slang="de"[^>]*>.*?</\1>', "", page, flags=re.S)


def _text(markup: str) -> str:
    without_tags = re.sub(r"<[^>]+>", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(without_tags))


@pytest.mark.parametrize("name", ENGLISH_PAGES)
def test_english_pages_show_no_german_interface_words(client, name):
    page = _english_page(client, name)
    for german, english in UI_WORDS.items():
        assert german not in page, f"{name}: German {german!r} on the English page"
        assert english in page, f"{name}: {english!r} missing on the English page"


@pytest.mark.parametrize("name", ENGLISH_PAGES)
def test_english_layout_has_no_german_msgid(client, messages, name):
    page = _english_page(client, name)
    if name != "core:home":
        # The legal pages' content is hand-written per language; check the layout around it.
        page = re.sub(r"<main\b.*?</main>", "", page, flags=re.S)
    text = _text(page)
    leftovers = [
        entry.msgid
        for entry in messages
        if " " in entry.msgid.strip()
        and "%" not in entry.msgid
        and entry.msgstr.get(0) != entry.msgid
        and _text(entry.msgid).strip() in text
    ]
    assert not leftovers, f"{name}: German text on the English page: {leftovers}"
