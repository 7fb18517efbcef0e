"""The main navigation in a real browser (issue 12): one row at 1280 px for every role and
in both languages, no sideways scrolling on a phone, every item reachable with the
keyboard with a visible focus, axe-clean."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.authentication.testing import login_with_second_factor
from tests.accounts.factories import PASSWORD, authority, citizen, municipal, staff

pytestmark = pytest.mark.e2e

ROLES = [
    "anonymous",
    "citizen",
    "clerk",
    "designer",
    "smart_region",
    "municipal",
    "consultant",
    "platform_admin",
    "clerk_and_designer",
]
ITEMS = ".site-nav__list > li"


def make_user(role: str) -> User | None:
    if role == "anonymous":
        return None
    if role == "citizen":
        return citizen()
    if role == "platform_admin":
        return User.objects.create_superuser("admin@example.org", PASSWORD)
    if role == "municipal":
        return municipal()
    if role == "clerk_and_designer":
        place = authority()
        staff("beides@example.org", Role.CLERK, place)
        return accounts.create_staff("beides@example.org", PASSWORD, place, Role.DESIGNER)
    return staff(f"{role}@example.org", Role(role))


def open_as(page: Page, live_server, role: str, path: str = "/") -> None:
    user = make_user(role)
    if user is not None:
        client = Client()
        login_with_second_factor(client, user)
        cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
        page.context.add_cookies([{**cookie, "url": live_server.url}])
    page.goto(path)


def item_boxes(page: Page) -> list[dict]:
    return page.eval_on_selector_all(
        ITEMS,
        "items => items.map(li => { const r = li.getBoundingClientRect();"
        " return {text: li.innerText.trim(), top: r.top, bottom: r.bottom, right: r.right}; })",
    )


@pytest.mark.parametrize("path", ["/", "/en/"])
@pytest.mark.parametrize("role", ROLES)
def test_navigation_fits_one_row_at_1280_px(page, live_server, role, path):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_as(page, live_server, role, path)
    boxes = item_boxes(page)
    assert len(boxes) >= 6, boxes
    tops = {round(box["top"]) for box in boxes}
    assert len(tops) == 1, f"{role} {path}: the navigation wraps: {boxes}"
    width = page.evaluate("document.documentElement.clientWidth")
    assert all(box["right"] <= width for box in boxes), boxes


@pytest.mark.parametrize("role", ["anonymous", "citizen", "clerk_and_designer"])
def test_navigation_wraps_without_sideways_scrolling_on_a_phone(
    page, live_server, assert_accessible, role
):
    page.set_viewport_size({"width": 360, "height": 740})
    open_as(page, live_server, role)
    nav = page.locator(".site-nav")
    for item in nav.locator(ITEMS).all():
        expect(item).to_be_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    boxes = item_boxes(page)
    assert all(box["right"] <= 360 for box in boxes), boxes
    assert_accessible(page)


def _focused(page: Page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return {inNav: !!e.closest('.site-nav'), text: e.innerText.trim(),"
        " outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"
    )


@pytest.mark.parametrize("role", ["citizen", "clerk"])
def test_every_navigation_item_is_reached_with_the_keyboard(
    page, live_server, assert_accessible, role
):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_as(page, live_server, role)
    expected = [box["text"] for box in item_boxes(page)]
    reached: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["inNav"]:
            assert focused["outline"] != "none" and focused["width"] >= 2, focused
            reached.append(focused["text"])
        elif reached:
            break
    assert reached == expected
    assert_accessible(page)


def test_staff_navigation_leads_to_the_inbox_and_the_staff_area(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_as(page, live_server, "clerk")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav.get_by_role("link", name="Meine Anträge")).to_have_count(0)
    nav.get_by_role("link", name="Posteingang").click()
    expect(page).to_have_url(f"{live_server.url}/verwaltung/vorgaenge/")
    expect(nav.get_by_role("link", name="Posteingang")).to_have_attribute("aria-current", "page")
    nav.get_by_role("link", name="Verwaltung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwaltung")
