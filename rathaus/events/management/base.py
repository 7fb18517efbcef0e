"""Shared by the scheduled event commands: the site address for links in mails."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

BASE_URL_ENV = "RATHAUS_BASE_URL"


class LinkCommand(BaseCommand):
    """A command that sends mails with links: ``--base-url`` or ``$RATHAUS_BASE_URL``."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default=os.environ.get(BASE_URL_ENV, ""),
            help=f"The site address for links in mails (default: ${BASE_URL_ENV}), "
            "e.g. https://rathaus.hessen.de",
        )

    def base_url(self, options: dict[str, Any]) -> str:
        url = str(options.get("base_url") or "").strip()
        if not url and settings.DEBUG:
            url = "http://127.0.0.1:8000"
        if not url.startswith(("https://", "http://")):
            raise CommandError(
                f"Give the site address with --base-url or ${BASE_URL_ENV} (https://...)."
            )
        return url
