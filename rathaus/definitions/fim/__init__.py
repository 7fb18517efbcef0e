"""Importing FIM Stammdatenschemata (XDatenfelder 2.0 and 3.0.0) as draft definitions.

FIM (Föderales Informationsmanagement) describes the data of an administrative service
as a Stammdatenschema: Datenfeldgruppen (groups), Datenfelder (fields), Regeln (rules) and
code lists in genericode. ``import_schema`` turns one into a draft service definition
document (``rathaus.definitions.schema``) and a report of what became what:

- the schema becomes the definition: ``slug`` ``fim-<id>``, title from the label
  (``bezeichnungEingabe``; 3.0: ``bezeichnung``) or the name, summary from the
  description, ``login: account``, ``workflow: default``, a provisional
  ``retention_days`` (a decision for the designer) and a ``fim`` reference;
- top-level groups become steps; consecutive top-level fields a step of their own;
- nested groups are flattened into their step behind an ``info`` section heading;
  a repeating group of simple fields becomes a ``group`` field (at most 50 items),
  other repeating groups are flattened with a decision line;
- fields get the nearest type (text/textarea, number, money, date, yesno, select/radio/
  checkboxes from their code list, file, info; e-mail, phone and IBAN by name), their
  label, help, limits and ``required`` when they and every group around them are
  required; ids come from the FIM names and are unique in the document;
- free-text rules become notes on their element and the definition, never expressions;
- every group, field and rule leaves at least one report line ("mapped", "decision",
  "note"); nothing is dropped silently. Every element keeps its FIM id and version.

``read_files`` reads a directory, one schema file with its neighbours or a ZIP archive,
within limits (20 MB, 500 files, zip bombs, path traversal). ``fim_field_list`` is the
way back: which field holds the answer to which FIM Datenfeld. Bad input raises
``FimError`` with a German message and nothing else. The XML is parsed without DTDs
or entities (``safexml``). Modules: ``reading``, ``safexml``, ``xdf``/``xdf2``/``xdf3``
(reading a schema into ``model``), ``genericode``, ``importer`` (finding the schema and its
code lists), ``mapping``/``structure``/``fields``/``inputs``/``choices``/``rules`` with
``context``, ``idents`` and ``texts`` (the mapping), ``report``, ``export``.
"""

from rathaus.definitions.fim.codelists import CodeListFile, read_code_list_file
from rathaus.definitions.fim.errors import FimError
from rathaus.definitions.fim.export import fim_field_list
from rathaus.definitions.fim.importer import FimImport, import_schema
from rathaus.definitions.fim.reading import read_files, read_uploads
from rathaus.definitions.fim.report import ReportLine

__all__ = [
    "CodeListFile",
    "read_code_list_file",
    "FimError",
    "FimImport",
    "ReportLine",
    "fim_field_list",
    "import_schema",
    "read_files",
    "read_uploads",
]
