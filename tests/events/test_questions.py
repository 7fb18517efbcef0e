"""Extra questions go through the definitions engine; unusable ones are left out."""

from __future__ import annotations

from rathaus.definitions.engine import DictData
from rathaus.events import questions

RULES = [
    {"type": "yesno", "id": "vortrag", "label": "Halten Sie einen Vortrag?"},
    {"type": "textarea", "id": "titel", "label": "Titel", "required_if": "vortrag == true",
     "visible_if": "vortrag == true", "max_length": 100},
]  # fmt: skip


def test_rules_of_the_engine_apply():
    result = questions.read(RULES, DictData({"vortrag": "yes", "titel": ""}))
    assert result.errors == {"titel": "Bitte füllen Sie dieses Feld aus."}
    hidden = questions.read(RULES, DictData({"vortrag": "no", "titel": "weg damit"}))
    assert hidden.valid and hidden.values == {"vortrag": False}


def test_problems_name_the_path():
    found = questions.problems([{"type": "file", "id": "email", "label": "x"}])
    assert any("fragen[0].type" in p for p in found)
    assert any("fragen[0].id" in p for p in found)
    assert questions.problems([]) == []
    assert questions.problems("kein Array") != []


def test_unusable_questions_are_left_out_and_broken_lists_ignored():
    mixed = [*RULES, {"type": "file", "id": "datei", "label": "Datei"},
             {"type": "text", "id": "email", "label": "Doppelt"}]  # fmt: skip
    views = questions.views(mixed, {}, {})
    assert [v.name for v in views] == ["vortrag", "titel"]
    assert questions.definition([{"type": "text"}]) is None
    assert questions.read([{"type": "text"}], DictData({})).valid
    assert questions.definition(None) is None


def test_rows_show_the_answers():
    rows = questions.rows(RULES, {"vortrag": True, "titel": "Daten"})
    assert [(r.label, r.text) for r in rows] == [("Halten Sie einen Vortrag?", "Ja"),
                                                 ("Titel", "Daten")]  # fmt: skip
