"""A console mail backend for development that prints mail readably.

Django's console backend prints the encoded MIME message: German text comes out as
quoted-printable, and long links are cut by soft line breaks, so a developer cannot
click the verification link printed by ``make run``. This one prints the headers people
read and the plain body as it was written.
"""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend


class ReadableConsoleBackend(ConsoleBackend):
    def write_message(self, message) -> None:
        lines = [
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
            f"Subject: {message.subject}",
            "",
            str(message.body),
        ]
        self.stream.write("\n".join(lines) + "\n" + "-" * 79 + "\n")
