"""Browser tests: Debian's chromium driven by Playwright, pages served by ``live_server``.

Every page a test opens is watched. A request to any host other than the live server
(a font, script, image or anything else from a third party), a Content-Security-Policy
violation or an uncaught JavaScript error fails the test. The browser is never
downloaded: without /usr/bin/chromium every test fails with a clear message (no skip).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Route,
    sync_playwright,
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls pytest-django
# makes there (flushing the test database) are safe, as they never overlap with it.
# Django reads this variable when the ORM is called, so setting it here is early enough.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
TIMEOUT_MS = 10_000


@dataclass
class PageGuard:
    """Collects what must never happen on a page: foreign requests, CSP violations."""

    origin: str
    problems: list[str] = field(default_factory=list)

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            return True
        if f"{parts.scheme}://{parts.netloc}" == self.origin:
            return True
        # The same live server under a tenant's development host name (hamburg.localhost).
        own = urlsplit(self.origin)
        tenant_host = (parts.hostname or "").endswith(".localhost")
        return tenant_host and parts.port == own.port and parts.scheme == own.scheme

    def route(self, route: Route) -> None:
        url = route.request.url
        if self.is_own(url):
            route.continue_()
        else:
            self.problems.append(f"request to a host other than the live server: {url}")
            route.abort()

    def console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.problems.append(f"CSP violation: {text}")

    def page_error(self, error: Exception) -> None:
        self.problems.append(f"JavaScript error: {error}")

    def watch(self, context: BrowserContext) -> None:
        context.route("**/*", self.route)
        context.on("page", self.watch_page)

    def watch_page(self, page: Page) -> None:
        page.on("console", self.console)
        page.on("pageerror", self.page_error)

    def check(self) -> None:
        if self.problems:
            pytest.fail("\n".join(self.problems), pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Browser tests need Debian's chromium at {CHROMIUM}: run "
            "'sudo apt-get install chromium' (or 'make browser'). They are never skipped.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def make_context(browser: Browser, live_server, settings) -> Iterator:
    """Factory for watched browser contexts (``java_script_enabled``, ``color_scheme``...).

    Links in mails, feeds and exports point at the live server, as they point at the site
    (``RATHAUS_SITE_URL``) in production."""
    settings.RATHAUS_SITE_URL = live_server.url
    created: list[tuple[BrowserContext, PageGuard]] = []

    def factory(**options) -> BrowserContext:
        options.setdefault("locale", "de-DE")
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        guard = PageGuard(origin=live_server.url.rstrip("/"))
        guard.watch(context)
        created.append((context, guard))
        return context

    yield factory
    for context, _guard in created:
        context.close()
    for _context, guard in created:
        guard.check()


@pytest.fixture
def page(make_context) -> Page:
    return make_context().new_page()


def _assert_accessible(page: Page) -> None:
    page.wait_for_load_state("load")  # never check a page that is still arriving
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"axe on {page.url}:\n{results.generate_report()}"


@pytest.fixture
def assert_accessible():
    """axe-core, WCAG 2.0/2.1 A and AA: no violation on the page in its current state."""
    return _assert_accessible
