"""The office's list of officialese (Amtssprache) with plainer suggestions.

The check (``rathaus.plainlanguage.services``) reports every active term found in a text;
how a term matches (whole words, simple inflections, a trailing ``*``) is described in
``rathaus.plainlanguage.readability``. Terms are unique ignoring case: ``key`` holds the
case-folded form, because SQLite's ``LOWER()`` folds only ASCII letters.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.plainlanguage.readability import term_key

# Words of letters (with inner hyphens or apostrophes), separated by spaces; a * may close it.
TERM_SHAPE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?: [^\W\d_]+(?:[-'’][^\W\d_]+)*)*\*?")


class OfficialeseTerm(models.Model):
    term = models.CharField(
        _("Ausdruck"),
        max_length=100,
        help_text=_(
            "Ein Wort oder mehrere Wörter. Gefunden werden auch gebeugte Formen "
            "(„Antragsteller“ findet „Antragstellerin“); ein * am Ende steht für beliebige "
            "Endungen."
        ),
    )
    key = models.CharField(max_length=100, unique=True, editable=False)
    suggestion = models.CharField(_("Besser"), max_length=200)
    active = models.BooleanField(_("Aktiv"), default=True)

    class Meta:
        verbose_name = _("Amtssprache-Ausdruck")
        verbose_name_plural = _("Amtssprache-Ausdrücke")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.term

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.term = " ".join(self.term.split())
        self.key = term_key(self.term)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.term = " ".join((self.term or "").split())
        if not self.term:
            return  # "required" is reported by the field itself
        if not TERM_SHAPE.fullmatch(self.term):
            message = _("Bitte nur Wörter aus Buchstaben eingeben; ein * darf am Ende stehen.")
            raise ValidationError({"term": message})
        self.key = term_key(self.term)
        if OfficialeseTerm.objects.filter(key=self.key).exclude(pk=self.pk).exists():
            message = _("Diesen Ausdruck gibt es schon (Groß- und Kleinschreibung zählt nicht).")
            raise ValidationError({"term": message})
