"""Extra registration questions as organisers write them: YAML or JSON, a list of fields in
the format of the service definitions. The text is read like a definition file (no YAML
aliases, at most 1 MB) and checked by ``events.questions.problems``, which reports every
problem with its path (``fragen[1].options[0].value``) as the designer upload does.
"""

from __future__ import annotations

from typing import Any

import yaml

from rathaus.definitions.documents import DefinitionInvalid, read_document
from rathaus.events import questions

__all__ = ["QuestionsInvalid", "parse_questions", "questions_text"]


class QuestionsInvalid(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def parse_questions(text: str) -> list[dict[str, Any]]:
    """The questions as stored in ``Event.questions``; raises ``QuestionsInvalid``."""
    if not text.strip():
        return []
    try:
        data = read_document(text)
    except DefinitionInvalid as invalid:
        raise QuestionsInvalid([str(problem) for problem in invalid.problems]) from None
    if data is None:
        return []
    found = questions.problems(data)
    if found:
        raise QuestionsInvalid(found)
    return data


def questions_text(stored: list[dict[str, Any]]) -> str:
    """The stored questions as YAML for the edit form."""
    if not stored:
        return ""
    return yaml.safe_dump(stored, allow_unicode=True, sort_keys=False)
