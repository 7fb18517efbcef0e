"""``{% keep %}`` (rathaus_layout): a part of the layout rendered once per process for each
language, address prefix, URLconf and the values it names, then repeated (issue 16)."""

from __future__ import annotations

from django.template import Context, Template
from django.urls import set_script_prefix
from django.utils import translation

TEMPLATE = (
    "{% load rathaus_layout %}"
    "{% keep colour %}{{ colour }} {{ calls.next }} {% url 'core:contact' %}{% endkeep %}"
)


class Calls:
    """Counts how often the body is rendered."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count


def test_the_body_renders_once_per_key():
    template, calls = Template(TEMPLATE), Calls()

    def render(colour: str) -> str:
        return template.render(Context({"colour": colour, "calls": calls}))

    with translation.override("de"):
        assert render("rot") == "rot 1 /kontakt/"
        assert render("rot") == "rot 1 /kontakt/"  # kept
        assert render("blau") == "blau 2 /kontakt/"  # another value named: rendered
        with translation.override("en"):
            assert render("rot") == "rot 3 /en/kontakt/"  # another language
        try:
            set_script_prefix("/hamburg/")
            assert render("rot") == "rot 4 /hamburg/kontakt/"  # another address prefix
        finally:
            set_script_prefix("/")
        assert render("rot") == "rot 1 /kontakt/"
    assert calls.count == 4


def test_nothing_outside_the_block_is_kept():
    template = Template("{% load rathaus_layout %}{% keep %}a{% endkeep %}{{ b }}")
    assert template.render(Context({"b": 1})) == "a1"
    assert template.render(Context({"b": 2})) == "a2"
