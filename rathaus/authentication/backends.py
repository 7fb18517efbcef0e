"""Authentication backend: e-mail + password, case-insensitive e-mail."""

from django.contrib.auth.backends import ModelBackend

from rathaus.accounts.models import normalize_email


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        email = kwargs.get("email", username)
        if email is None or password is None:
            return None
        return super().authenticate(request, username=normalize_email(email), password=password)
