"""The import contract: the arrows of the layout point one way (house style; issue 17).

    cli ──► api ──► read ──► domain
                └─► render ─► domain
    neutral modules (errors, messages, labels, choices, numbers, files, words) are importable from every layer;
    the domain uses only errors (sentences by code: Phrase) and words (unit-name abbreviations)

Every import of the package is checked, the lazy ones inside functions too, so an arrow the wrong way fails here
before it becomes a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "povertool"
LAYERS = ("api", "cli", "read", "render", "domain", "standards")
NEUTRAL = ("errors", "messages", "labels", "choices", "numbers", "files", "words")

# What each part of the package may not import.
FORBIDDEN = {
    "domain": {"api", "cli", "read", "render", "labels", "messages", "numbers", "choices", "files"},
    "read": {"api", "cli", "render"},
    "render": {"api", "cli", "read"},
    "api": {"cli"},
    "cli": {"read", "domain"},
    **{name: {"api", "cli", "read", "render"} for name in NEUTRAL},
}

def _part(module: str) -> str:
    """'povertool.read.values' -> 'read'; 'povertool.messages' -> 'messages'; 'povertool' -> ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _submodule(package_dir: Path, target: str, name: str) -> str:
    """``target.name`` when that is a module or package of ours, else ``target`` (a name defined in it)."""
    path = package_dir.parent.joinpath(*target.split("."), name)
    return f"{target}.{name}" if path.with_suffix(".py").is_file() or path.is_dir() else target


def _imports(package_dir: Path = PACKAGE) -> list[tuple[str, str, int]]:
    """(importing module, imported module, line) for every import of povertool inside the package."""
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
        module = ".".join(parts if parts[-1] != "__init__" else parts[:-1])
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] == "povertool":  # `from .. import api, console`: a name may be a module
                    found += [(module, _submodule(package_dir, target, alias.name), node.lineno)
                              for alias in node.names]
            elif isinstance(node, ast.Import):
                found += [(module, alias.name, node.lineno) for alias in node.names
                          if alias.name.startswith("povertool")]
    return found


IMPORTS = _imports()


def test_the_contract_sees_the_imports():
    """The scan finds the package's imports (a broken scan must not pass silently)."""
    assert len(IMPORTS) > 300
    assert ("povertool.api.rounds", "povertool.domain.flows", ) in {(a, b) for a, b, _ in IMPORTS}


@pytest.mark.parametrize("part", sorted(FORBIDDEN))
def test_arrows_point_one_way(part):
    wrong = [f"{source}:{line} imports {target}" for source, target, line in IMPORTS
             if _part(source) == part and _part(target) in FORBIDDEN[part]]
    assert wrong == [], "\n".join(wrong)


def test_read_and_render_do_not_import_each_other():
    """No cycle between the readers and the renderers: what both need lives in a neutral module (files, numbers)."""
    pairs = {(_part(source), _part(target)) for source, target, _ in IMPORTS}
    assert ("read", "render") not in pairs and ("render", "read") not in pairs


def test_a_wrong_arrow_is_caught(tmp_path):
    """The scan resolves relative, absolute and lazy imports the way Python does."""
    domain = tmp_path / "povertool" / "domain"
    domain.mkdir(parents=True)
    (domain / "__init__.py").write_text("")
    (domain / "models.py").write_text("")
    (domain.parent / "labels.py").write_text("")
    (domain / "rule.py").write_text("from . import models\nfrom ..read.values import parse\n\n\n"
                                     "def f():\n    from .. import labels\n    import povertool.render.xlsx\n")
    found = [(source, target) for source, target, _ in _imports(tmp_path / "povertool")]
    assert found == [("povertool.domain.rule", "povertool.domain.models"),
                     ("povertool.domain.rule", "povertool.read.values"),
                     ("povertool.domain.rule", "povertool.labels"),
                     ("povertool.domain.rule", "povertool.render.xlsx")]
    assert [_part(target) in FORBIDDEN["domain"] for _, target in found] == [False, True, True, True]
