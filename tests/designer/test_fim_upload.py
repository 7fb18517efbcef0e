"""A FIM Stammdatenschema uploaded in the designer becomes a draft with its report.

Requirement: both real XDatenfelder 2.0 exports in ``shared/data/fim`` (with their code
lists, as separate files or in one ZIP) become drafts without problems; the report says
what became what and what needs a decision; a re-import of the schema is a new version
of the same definition (so the diff shows what changed); bad files get a clear message,
never a server error; the FIM field list is exported with the FIM ids.
"""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rathaus.definitions.models import CodeList, DefinitionVersion
from tests.fim_samples import FIM_DIR

pytestmark = pytest.mark.django_db
FIM = FIM_DIR
SAMPLES = sorted(FIM.glob("S*")) if FIM.exists() else []
START = "/verwaltung/dienste/neu/"


def uploads(folder: Path) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(p.name, p.read_bytes()) for p in sorted(folder.glob("*.xml"))]


@pytest.mark.skipif(not SAMPLES, reason="shared FIM samples not available")
@pytest.mark.parametrize("folder", SAMPLES, ids=lambda p: p.name)
def test_real_fim_schema_becomes_a_draft_without_problems(designer, folder):
    response = designer.post(START, {"start": "fim", "fim-schema_files": uploads(folder)})
    assert response.status_code == 302, response.content.decode()[:2000]
    version = DefinitionVersion.objects.get()
    assert version.problem_count == 0 and version.document["fim"]["id"].startswith("S")
    kinds = {line["kind"] for line in version.report}
    assert {"mapped", "decision"} <= kinds
    page = designer.get(response.url).content.decode()
    assert "Importbericht anzeigen" in page and "Bitte entscheiden" in page
    field_list = json.loads(designer.get(f"{response.url}v1.fim.json").content)
    assert field_list["schema"]["id"] == version.document["fim"]["id"]
    assert all(row["fim_id"] for row in field_list["fields"] if row["type"] != "group")


@pytest.mark.skipif(not SAMPLES, reason="shared FIM samples not available")
def test_zip_upload_and_reimport_is_a_new_version(designer):
    folder = SAMPLES[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.glob("*.xml")):
            archive.write(path, path.name)
    zipped = SimpleUploadedFile("schema.zip", buffer.getvalue())
    assert designer.post(START, {"start": "fim", "fim-schema_files": [zipped]}).status_code == 302
    slug = DefinitionVersion.objects.get().definition.slug
    edited = DefinitionVersion.objects.get()
    designer.post(
        f"/verwaltung/dienste/{slug}/aendern/",
        {"base": 1, "action": "add_step", "title": "Eigener Schritt"},
    )
    again = designer.post(START, {"start": "fim", "fim-schema_files": uploads(folder)})
    assert again.status_code == 302
    assert list(edited.definition.versions.order_by("number").values_list("number", flat=True)) == [
        1,
        2,
        3,
    ]
    diff = designer.get(
        f"/verwaltung/dienste/{slug}/versionen/vergleich/?von=2&bis=3"
    ).content.decode()
    assert "Eigener Schritt" in diff and "entfernt" in diff


@pytest.mark.parametrize(
    "name, content",
    [
        ("kaputt.xml", b"\x00\xff not xml at all"),
        ("falsch.xml", b"<?xml version='1.0'?><a xmlns='urn:example'/>"),
        ("gross.xml", b"<a>" + b"x" * (21 * 1024 * 1024) + b"</a>"),
    ],
)
def test_bad_files_get_a_clear_message(designer, name, content):
    response = designer.post(
        START, {"start": "fim", "fim-schema_files": [SimpleUploadedFile(name, content)]}
    )
    assert response.status_code == 400
    assert "Fehler:" in response.content.decode()
    assert not DefinitionVersion.objects.exists()


@pytest.mark.skipif(not SAMPLES, reason="shared FIM samples not available")
def test_code_list_upload_fills_a_choice(designer):
    staat = next(FIM.glob("*/C60000020_genericode.xml"))
    response = designer.post(
        "/verwaltung/dienste/codelisten/",
        {"file": SimpleUploadedFile(staat.name, staat.read_bytes())},
    )
    assert response.status_code == 302
    code_list = CodeList.objects.get()
    assert len(code_list.options) > 150
    designer.post(START, {"start": "leer", "leer-title": "Einbürgerung"})
    designer.post(
        "/verwaltung/dienste/einbuergerung/aendern/",
        {"base": 1, "action": "add_field", "step": "angaben", "type": "select", "label": "Staat"},
    )
    url = "/verwaltung/dienste/einbuergerung/felder/staat/"
    assert "Optionen aus einer Codeliste übernehmen" in designer.get(url).content.decode()
    response = designer.post(
        url,
        {
            "base": 2,
            "id": "staat",
            "label_de": "Staat",
            "options": "x | X",
            "options__code_list": str(code_list.pk),
        },
    )
    assert response.status_code == 302
    field = DefinitionVersion.objects.get(number=3).document["steps"][0]["fields"][0]
    assert field["code_list"]["urn"] == code_list.urn and len(field["options"]) == len(
        code_list.options
    )
    refused = designer.post(
        "/verwaltung/dienste/codelisten/", {"file": SimpleUploadedFile("x.xml", b"<a/>")}
    )
    assert refused.status_code == 400 and "keine Codeliste" in refused.content.decode()


@pytest.mark.skipif(not SAMPLES, reason="shared FIM samples not available")
def test_import_report_stays_readable_after_later_saves_and_field_list_needs_fim(designer):
    designer.post(START, {"start": "fim", "fim-schema_files": uploads(SAMPLES[0])})
    slug = DefinitionVersion.objects.get().definition.slug
    designer.post(
        f"/verwaltung/dienste/{slug}/aendern/",
        {"base": 1, "action": "add_step", "title": "Eigener Schritt"},
    )
    page = designer.get(f"/verwaltung/dienste/{slug}/").content.decode()
    assert "Importbericht anzeigen (Version 1)" in page and "Bitte entscheiden" in page
    designer.post(START, {"start": "leer", "leer-title": "Ohne FIM"})
    designer.post(
        "/verwaltung/dienste/ohne-fim/aendern/",
        {"base": 1, "action": "add_field", "step": "angaben", "type": "text", "label": "X"},
    )
    assert designer.get("/verwaltung/dienste/ohne-fim/v2.fim.json").status_code == 404
