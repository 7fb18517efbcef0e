"""Steps several browser journeys share."""

from playwright.sync_api import Page


def fill_registration(page: Page, given: str, family: str, email: str, password: str) -> None:
    """Fill the registration form (the caller presses the button)."""
    page.fill("#id_given_names", given)
    page.fill("#id_family_name", family)
    page.fill("#id_email", email)
    page.fill("#id_new_password1", password)
    page.fill("#id_new_password2", password)
    page.check("#id_privacy_consent")
