"""``manage.py import_fim``: a dry run prints the grouped report, ``--draft`` stores a draft
version, ``--json-report`` prints JSON, bad input ends in a ``CommandError``."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rathaus.definitions.models import Definition, DefinitionVersion
from tests.definitions.fim.conftest import FISCHEREI, PARKEN


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_fim", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_dry_run_prints_the_report_and_stores_nothing():
    output = run(str(FISCHEREI))
    assert output.startswith(
        "FIM-Stammdatenschema S99000000001, Version 1.0.0 (XDatenfelder 3.0.0) → „fim-s99000000001“"
    )
    sections = [line for line in output.splitlines() if line.endswith("):")]
    # 1 schema, 4 steps, 1 heading, 16 fields, 1 repeating group with 2 members
    assert sections == ["Übernommen (25):", "Bitte entscheiden (3):", "Hinweise (1):"]
    assert "  - [F99000000201 · steps[0].fields[0]] Datenfeld „Familienname“" in output
    assert "Probelauf: nichts gespeichert." in output
    assert not Definition.objects.exists()


@pytest.mark.django_db
def test_draft_stores_a_new_draft_version():
    output = run(str(FISCHEREI / "S99000000001V1.0.0_xdf3.xml"), "--draft")
    version = DefinitionVersion.objects.get()
    assert version.definition.slug == "fim-s99000000001"
    assert (version.number, version.status) == (1, DefinitionVersion.Status.DRAFT)
    assert version.source == "fim:S99000000001V1.0.0_xdf3.xml"
    assert version.document["fim"]["id"] == "S99000000001"
    assert output.rstrip().endswith("Entwurf gespeichert: fim-s99000000001, Version 1.")


@pytest.mark.django_db
def test_json_report():
    report = json.loads(run(str(PARKEN), "--json-report", "--draft"))
    assert report["schema_id"] == "S99000000002" and report["standard"] == "XDatenfelder 3.0.0"
    assert report["draft"] == {"slug": "fim-s99000000002", "number": 1}
    kinds = {line["kind"] for line in report["report"]}
    assert kinds == {"mapped", "decision", "note"}
    assert all(set(line) == {"kind", "fim_id", "path", "message"} for line in report["report"])


@pytest.mark.django_db
def test_bad_input_is_a_command_error(tmp_path):
    broken = tmp_path / "kaputt.xml"
    broken.write_bytes(b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>")
    with pytest.raises(CommandError, match="DTD oder Entity-Deklaration"):
        run(str(broken))
    with pytest.raises(CommandError, match="nicht gefunden"):
        run(str(tmp_path / "fehlt.zip"), "--draft")
    assert not Definition.objects.exists()
