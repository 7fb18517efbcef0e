"""Markdown written by staff (projects, events), rendered to HTML that is safe to show anyone.

Two layers: markdown-it (CommonMark, raw HTML switched off, its own link validation) and
then nh3 (the Rust ``ammonia`` sanitiser) with an allow-list of tags, attributes and URL
schemes. Headings move down two levels so they sit under the page's own h1 and h2.
"""

from __future__ import annotations

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

__all__ = ["render_markdown"]

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "hr",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_heading(match: re.Match[str]) -> str:
    return f"<{match.group(1)}h{min(int(match.group(2)) + 2, 6)}>"


def render_markdown(text: str) -> SafeString:
    html = _HEADING.sub(_shift_heading, _PARSER.render(text or ""))
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style"},
    )
    return mark_safe(cleaned)  # noqa: S308  (sanitised by nh3 just above)
