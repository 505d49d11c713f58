"""The message catalogue: every code has both languages with the same fields; the language is chosen once."""

from __future__ import annotations

import string

import pytest

from povertool import messages


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(messages.catalogue()))
def test_every_message_has_both_languages_with_the_same_fields(code: str) -> None:
    entry = messages.entry(code)
    assert entry.get("vi") and entry.get("en"), code
    assert _fields(entry["vi"]) == _fields(entry["en"]), code
    if "fix_vi" in entry or "fix_en" in entry:
        assert entry.get("fix_vi") and entry.get("fix_en"), code
        assert _fields(entry["fix_vi"]) == _fields(entry["fix_en"]), code
    if "severity" in entry:
        assert entry["severity"] in ("error", "warning", "note"), code


def test_language_defaults_to_vietnamese_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(messages.ENV_LANG, raising=False)
    messages.set_language(None)
    assert messages.text("cli.wrote", paths="a.xlsx") == "Đã ghi a.xlsx"
    monkeypatch.setenv(messages.ENV_LANG, "en")
    assert messages.text("cli.wrote", paths="a.xlsx") == "Wrote a.xlsx"
    messages.set_language("vi")
    assert messages.current_language() == "vi"
    messages.set_language(None)


def test_unknown_code_is_named() -> None:
    with pytest.raises(KeyError, match="no.such"):
        messages.text("no.such")
