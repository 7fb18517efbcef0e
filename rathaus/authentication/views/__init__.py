"""Thin views: login (with throttle, unlock link and second factor), logout, registration,
e-mail verification, password reset and change, TOTP setup, and the staff landing page."""

from rathaus.authentication.views.account import (
    PasswordChangeView,
    PasswordResetConfirmView,
    password_change,
    password_reset,
    password_reset_complete,
    password_reset_confirm,
    password_reset_done,
    register,
    register_done,
    resend_verification,
    verify_email,
)
from rathaus.authentication.views.federation import (
    federated_link,
    oidc_callback,
    oidc_start,
    saml_acs,
    saml_finish,
    saml_metadata,
    saml_start,
    step_up,
)
from rathaus.authentication.views.login import login, logout, second_factor, unlock_login
from rathaus.authentication.views.security import (
    recovery_codes,
    security,
    totp_disable,
    totp_setup,
)
from rathaus.authentication.views.staff import staff_home

__all__ = [
    "federated_link",
    "oidc_callback",
    "oidc_start",
    "saml_acs",
    "saml_finish",
    "saml_metadata",
    "saml_start",
    "step_up",
    "PasswordChangeView",
    "PasswordResetConfirmView",
    "login",
    "logout",
    "password_change",
    "password_reset",
    "password_reset_complete",
    "password_reset_confirm",
    "password_reset_done",
    "recovery_codes",
    "register",
    "register_done",
    "resend_verification",
    "second_factor",
    "security",
    "staff_home",
    "totp_disable",
    "totp_setup",
    "unlock_login",
    "verify_email",
]
