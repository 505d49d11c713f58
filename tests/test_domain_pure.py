"""Issue 17.4: the domain is pure. It imports nothing of the readers, renderers, jobs or commands, nor the label
catalogue or the message catalogue: it returns codes and figures (errors.Phrase), words are rendered elsewhere."""

from __future__ import annotations

import ast
from pathlib import Path

import povertool

DOMAIN = Path(povertool.__file__).parent / "domain"
# The neutral modules the domain may use: errors (exceptions and sentences by code) and words (the vocabulary's
# unit-name abbreviations, for the unit keys). Nothing else of povertool outside domain/.
ALLOWED = {"povertool.errors", "povertool.words"}


def _imports(path: Path) -> set[str]:
    """Every povertool module ``path`` imports (at the top or inside a function), as absolute names."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                package = ["povertool", "domain"][: max(0, 2 - node.level + 1)]
                base = ".".join(package + ([node.module] if node.module else []))
            names = [base] if node.module else [f"{base}.{a.name}" for a in node.names]
            found |= {n for n in names if n.startswith("povertool")}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("povertool")}
    return found


def test_the_domain_imports_only_itself_and_the_neutral_modules():
    outside = {}
    for path in sorted(DOMAIN.glob("*.py")):
        bad = {m for m in _imports(path) if not m.startswith("povertool.domain") and m not in ALLOWED}
        if bad:
            outside[path.name] = sorted(bad)
    assert outside == {}


def test_the_scan_sees_relative_and_late_imports(tmp_path):
    """The scan itself: a label or message import, at the top or inside a function, would be caught."""
    probe = tmp_path / "probe.py"
    probe.write_text("from ..errors import Phrase\nfrom .keys import match_key\n\n\ndef f():\n"
                     "    from ..labels import label\n    from .. import messages\n", encoding="utf-8")
    assert _imports(probe) == {"povertool.errors", "povertool.domain.keys", "povertool.labels", "povertool.messages"}
