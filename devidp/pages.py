"""The one page layout of both development IdPs: a warning banner ("no real BundID"),
a heading and the body, self-contained (no external requests)."""

from __future__ import annotations

import html

__all__ = ["page"]


def page(title: str, body: str, banner: str) -> bytes:
    return f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} – {banner}</title>
<style>body{{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}}
.banner{{background:#fff3cd;border:2px solid #7a5c00;padding:.75rem;font-weight:bold}}
button{{font-size:1rem;padding:.5rem 1rem;margin-top:1rem}}fieldset{{margin-top:1rem}}</style></head>
<body><main><p class="banner" role="note">{banner}</p><h1>{html.escape(title)}</h1>{body}</main></body></html>""".encode()
