import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block so that its on-commit callbacks (the mails) run at its end."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
