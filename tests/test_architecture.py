"""The shape of the code, checked (issue 13): layers are checked by import-linter in
``make lint``; this checks what import-linter cannot express.

- No import of a Rathaus module inside a function (they hid import cycles), except in
  ``AppConfig.ready()`` (Django's place for it) and under ``TYPE_CHECKING``.
- An app's views, URLs, forms and admin are its own: no other app imports them (the root
  URLconf includes URLs).
- Every domain app publishes its API in ``services.py`` with ``__all__``.
- State fields of declared workflows are set by the workflow kernel only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent / "rathaus"
APPS = sorted(p.name for p in ROOT.iterdir() if (p / "apps.py").exists())
PRIVATE = ("views", "urls", "forms", "admin")
# Models moved by a declared workflow, and the field the kernel sets (``Binding.state_field``).
WORKFLOW_FIELDS = {
    "cases": ("state",),
    "consulting": ("status",),
    "projects": ("state", "status"),  # Project.state, TransferRequest.status
    "events": ("status",),  # Registration.status
}


def _modules() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if "migrations" not in p.parts]


def _local_imports(tree: ast.AST) -> list[int]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or node.name == "ready":
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("rathaus"):
                found.append(inner.lineno)
    return found


def test_no_rathaus_import_inside_a_function():
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{line}"
        for path in _modules()
        for line in _local_imports(ast.parse(path.read_text()))
    ]
    assert offenders == []


def _app_of(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else ""


def test_no_app_imports_another_apps_views_urls_forms_or_admin():
    graph = grimp.build_graph("rathaus")
    offenders = []
    for module in graph.modules:
        app = _app_of(module)
        for imported in graph.find_modules_directly_imported_by(module):
            private = any(part in PRIVATE for part in imported.split(".")[2:3])
            if private and _app_of(imported) != app and module != "rathaus.urls":
                offenders.append(f"{module} -> {imported}")
    assert offenders == []


@pytest.mark.parametrize("app", [a for a in APPS if a not in ("api", "workflow")])
def test_every_domain_app_publishes_services_with_all(app):
    services = ROOT / app / "services.py"
    assert services.exists(), f"{app} has no services.py"
    tree = ast.parse(services.read_text())
    names = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
             if isinstance(t, ast.Name)}  # fmt: skip
    assert "__all__" in names, f"{app}/services.py has no __all__"


def _state_assignments(path: Path, fields: tuple[str, ...]) -> list[int]:
    tree = ast.parse(path.read_text())
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign | ast.AugAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        for t in (target.elts if isinstance(target, ast.Tuple) else [target])
        if isinstance(t, ast.Attribute) and t.attr in fields
    ]


@pytest.mark.parametrize("app", sorted(WORKFLOW_FIELDS))
def test_only_the_kernel_sets_a_workflow_state(app):
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{line}"
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and not path.name.startswith("demo")
        for line in _state_assignments(path, WORKFLOW_FIELDS[app])
    ]
    assert offenders == []


def _is_view_module(path: Path) -> bool:
    return path.name == "views.py" or "views" in path.parts


def test_forms_live_in_the_forms_module_not_in_views():
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{node.lineno} {node.name}"
        for path in _modules()
        if _is_view_module(path)
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ClassDef)
        and any(ast.unparse(base).endswith("Form") for base in node.bases)
    ]
    assert offenders == []


def test_one_shape_per_app_no_split_modules():
    """Views, forms and URLs grow into packages (``views/``), not ``*_views.py`` siblings."""
    split = [
        str(p.relative_to(ROOT.parent))
        for p in _modules()
        if p.name.endswith("_views.py") or p.name.startswith(("forms_", "urls_", "views_"))
    ]
    assert split == []
