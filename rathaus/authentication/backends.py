"""Authentication backend: e-mail + password, case-insensitive e-mail."""

from django.contrib.auth.backends import ModelBackend

from rathaus.accounts.models import User, normalize_email
from rathaus.core.rows import fetch_one


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        email = kwargs.get("email", username)
        if email is None or password is None:
            return None
        return super().authenticate(request, username=normalize_email(email), password=password)

    def get_user(self, user_id):
        """The signed-in user of a request (each one asks): one plain-SQL read."""
        try:
            number = int(user_id)
        except (TypeError, ValueError):
            return None
        user = fetch_one(User, ("id =",), [number])
        return user if user is not None and self.user_can_authenticate(user) else None
