"""Hostile Markdown is neutralised; ordinary Markdown still renders."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from rathaus.core.markdown import render_markdown


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[klick](javascript:alert(1))",
        "[klick](JaVaScRiPt:alert(1))",
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        "<img src=x onerror=alert(1)>",
        "![bild](javascript:alert(1))",
        '<iframe src="https://evil.example"></iframe>',
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<svg onload=alert(1)>",
    ],
)
def test_hostile_markdown_is_neutralised(hostile):
    html = render_markdown(f"Text davor\n\n{hostile}\n\nText danach")
    elements = _Elements(html).elements
    assert {tag for tag, _ in elements} <= {"p", "a"}  # the rest shows as text at most
    for _tag, attributes in elements:
        assert not [name for name in attributes if name.startswith("on")]
        href = (attributes.get("href") or "https:").lower()
        assert href.startswith(("https:", "http:", "mailto:"))
    assert "Text danach" in html


def test_ordinary_markdown_renders_with_safe_links():
    html = render_markdown("# Ziel\n\n**fett** und [Seite](https://example.org)\n\n- eins\n- zwei")
    assert "<h3>Ziel</h3>" in html  # moved below the page's own headings
    assert "<strong>fett</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">Seite</a>' in html
    assert "<li>eins</li>" in html
