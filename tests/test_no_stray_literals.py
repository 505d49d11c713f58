"""No sentence a person reads is a string literal in the code: every one comes from the catalogue.

The scan reads the source of src/povertool (without running it) and looks where people's sentences go: the
message of a povertool error, a line on stderr (console.info/warn/error), a usage error, the help of an option,
a problem record (problem=, fix=), a warning or note added to a list. A literal there with words in it is a
stray sentence. It also checks that every message code written in the code exists in the catalogue."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from povertool import messages

SRC = Path(__file__).resolve().parents[1] / "src" / "povertool"
FILES = sorted(p for p in SRC.rglob("*.py"))

# Exceptions for programming errors (a wrong code, a wrong argument) are for developers, not people.
_DEVELOPER_ERRORS = {"ValueError", "KeyError", "TypeError", "AttributeError", "AssertionError", "RuntimeError",
                     "NotImplementedError", "IndexError"}
_PEOPLE_CALLS = {"info", "warn", "error", "BadParameter", "OptionValueError", "Abort", "add_column", "add_row", "Text"}
_PEOPLE_KEYWORDS = {"help", "hint", "problem", "fix", "message", "title", "caption"}
_MARKUP = re.compile(r"\[/?[a-z ]*\]")  # rich markup such as [bold red]...[/] is not words
_PEOPLE_LISTS = {"warnings", "notes", "lines"}
_SENTENCE = re.compile(r"[^\W\d_]{2,}[\s,;:]+[^\W\d_]{2,}", re.UNICODE)  # two words in a row


def _literal_text(node: ast.AST) -> str:
    """The text of a str literal or the literal parts of an f-string ('' for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_text(node.left) + " " + _literal_text(node.right)
    return ""


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _owner(func: ast.AST) -> str:
    return func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""


def stray_sentences(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every sentence literal handed to something people read."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        people = (
            (name.endswith("Error") and name not in _DEVELOPER_ERRORS)
            or name in _PEOPLE_CALLS
            or (name == "append" and _owner(node.func) in _PEOPLE_LISTS)
            or (name == "print" and _owner(node.func) in {"out", "err"})
        )
        candidates = list(node.args) if people else []
        candidates += [kw.value for kw in node.keywords if kw.arg in _PEOPLE_KEYWORDS]
        for arg in candidates:
            text = _MARKUP.sub(" ", _literal_text(arg))
            if text and _SENTENCE.search(text):
                found.append((node.lineno, text))
    return found


def _codes(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, code) of every literal message code: text("..."), fix("..."), X.of("..."), help_text("..."), Phrase("...")."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            name = _name(node.func)
            if name in ("text", "fix", "of", "Phrase", "text_rows", "severity"):
                found.append((node.lineno, node.args[0].value))
            elif name == "help_text":
                found.append((node.lineno, "help." + node.args[0].value))
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_sentence_literal_where_people_read(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    assert stray_sentences(tree) == [], f"{path.relative_to(SRC)}: put these in messages.toml"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_every_code_written_is_in_the_catalogue(path: Path) -> None:
    known = messages.catalogue()
    missing = [(line, code) for line, code in _codes(ast.parse(path.read_text("utf-8"))) if code not in known]
    assert missing == [], f"{path.relative_to(SRC)}: codes not in messages.toml"


def test_the_scan_finds_a_stray_sentence() -> None:
    """The scan can fail: each kind of place it watches is caught."""
    source = '''
raise InputFileError(f"{path} is empty.", hint="Save it again.")
console.warn("3 rows were rejected")
warnings.append(f"The {name} round has no year")
typer.Option("--x", help="Read only this sheet.")
log.add_rows(mask, raw, code="x", problem="Thu nhập âm.", fix="Sửa lại")
raise ValueError("unknown language code")
raise InputFileError.of("io.empty", path=path)
'''
    lines = sorted({line for line, _ in stray_sentences(ast.parse(source))})
    assert lines == [2, 3, 4, 5, 6]
