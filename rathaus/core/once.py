"""Forms that create something are sent once, however often the button is pressed.

The form carries a random ``submit_token`` (a hidden field, kept when the form is shown
again with errors); the created row stores it under a unique constraint. A second POST with
the same token (double click, reload, a slow network sending twice) gets the row the first
one created instead of a second row or a confusing "already exists" error.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.db import IntegrityError, models, transaction

__all__ = ["SubmitOnceMixin", "create_once"]


class SubmitOnceMixin(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submit_token", uuid.uuid4())

    def token(self) -> uuid.UUID | None:
        return self.cleaned_data.get("submit_token") if hasattr(self, "cleaned_data") else None


def create_once[M: models.Model](
    model: type[M], token: uuid.UUID | None, create: Callable[[], M]
) -> tuple[M, bool]:
    """(row, created): the row created earlier with ``token``, or the one ``create`` makes."""
    if token is not None:
        earlier = model._default_manager.filter(submit_token=token).first()
        if earlier is not None:
            return earlier, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        earlier = model._default_manager.filter(submit_token=token).first() if token else None
        if earlier is None:
            raise
        return earlier, False
