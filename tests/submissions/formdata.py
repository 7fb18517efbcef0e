"""What a browser would send for a form on a page: a small HTML form serializer.

Follows the HTML standard's "constructing the entry list" for the controls the step pages
use: text-like inputs and hidden inputs send their value; checked checkboxes and radios
send theirs; a select sends its selected option (the first one when none is selected);
a textarea sends its text without the one line break that may follow the start tag;
buttons, file inputs and disabled controls send nothing here.
"""

from __future__ import annotations

from html.parser import HTMLParser

NOT_SENT = {"submit", "button", "reset", "image", "file"}


class _Form(HTMLParser):
    def __init__(self, form_index: int) -> None:
        super().__init__(convert_charrefs=True)
        self.form_index = form_index
        self.forms_seen = -1
        self.inside = False
        self.entries: list[tuple[str, str]] = []
        self.names: set[str] = set()
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.forms_seen += 1
            self.inside = self.forms_seen == self.form_index
        if not self.inside or "disabled" in a:
            return
        if tag == "input":
            self._input(a)
        elif tag == "select" and "name" in a:
            self._select = {"name": a["name"], "options": []}
            self.names.add(a["name"])
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea" and "name" in a:
            self._textarea = {"name": a["name"], "text": ""}
            self.names.add(a["name"])

    def _input(self, a: dict[str, str]) -> None:
        kind = a.get("type", "text").lower()
        name = a.get("name")
        if not name:
            return
        self.names.add(name)
        if kind in NOT_SENT:
            return
        if kind in ("checkbox", "radio"):
            if "checked" in a:
                self.entries.append((name, a.get("value", "on")))
            return
        self.entries.append((name, a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["text"] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = next((o for o in options if o["selected"]), options[0] if options else None)
            if chosen is not None:
                value = chosen["value"] if chosen["value"] is not None else chosen["text"]
                self.entries.append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            text = text[2:] if text.startswith("\r\n") else text[1:] if text[:1] == "\n" else text
            self.entries.append((self._textarea["name"], text))
            self._textarea = None


def form_data(page: str, having: str) -> dict[str, list[str]]:
    """The entries the form of ``page`` that has a control named ``having`` sends, as
    name -> values (every control's name is a key, with no values when it sends none)."""
    index = 0
    while True:
        parser = _Form(index)
        parser.feed(page)
        if index > parser.forms_seen:
            raise AssertionError(f"no form with a control named {having!r}")
        if having in parser.names:
            data: dict[str, list[str]] = {name: [] for name in parser.names}
            for name, value in parser.entries:
                data[name].append(value)
            return data
        index += 1
