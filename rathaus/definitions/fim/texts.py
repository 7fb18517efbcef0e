"""Text helpers: one-line labels, bounded texts, designer notes, FIM references."""

from __future__ import annotations

import re
from typing import Any

from rathaus.definitions.fim.model import Element, Schema

MAX_NOTE = 2000
MAX_NOTES = 50
MAX_FIM_NAME = 300
MAX_FIM_VERSION = 20


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, marked with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    boundary = cut.rfind(" ")
    return (cut[:boundary] if boundary > limit // 2 else cut).rstrip(" ,;:") + "…"


def multi_line(text: str) -> str:
    """Help texts keep their paragraphs but lose trailing blanks and runs of empty lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def add_note(target: dict[str, Any], note: str) -> bool:
    """Append a designer note (bounded); False when the element already has the most."""
    notes = target.setdefault("notes", [])
    note = shorten(note.strip(), MAX_NOTE)
    if not note or note in notes:
        return True
    if len(notes) >= MAX_NOTES:
        return False
    notes.append(note)
    return True


def reference(element: Element | Schema) -> dict[str, str]:
    """The ``fim`` reference of a document element (id, version, name)."""
    found = {"id": element.fim_id}
    if element.version:
        found["version"] = element.version[:MAX_FIM_VERSION]
    if element.name:
        found["name"] = shorten(one_line(element.name), MAX_FIM_NAME)
    return found
