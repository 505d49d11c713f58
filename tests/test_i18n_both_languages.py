"""Every command, run on the samples in Vietnamese and in English: stderr and the tables on stdout hold no English
word in Vietnamese and no Vietnamese word in English.

The vocabularies come from the catalogues themselves (messages.toml and labels.toml): an English word is one
that an English template uses and no Vietnamese template does. What the data says is not a language slip and is
taken out before looking: names of units, sheets and files, headers quoted from the files ('...' or "..."),
legal document titles, option names, numbers."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import SAMPLES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SRC = Path(__file__).resolve().parents[1] / "src" / "povertool"
TOWN_2024, TOWN_2023 = SAMPLES / "an-binh-2024.xlsx", SAMPLES / "an-binh-2023.xlsx"
TOTALS, PLAN = SAMPLES / "an-binh-totals.csv", SAMPLES / "an-binh-plan-2024.toml"


def _commands(tmp: Path) -> dict[str, list]:
    """Each command once, on the samples, writing into ``tmp`` where it writes."""
    return {
        "classify": ["classify", TOWN_2024, "--totals", TOTALS, "-o", tmp / "ket-qua.xlsx"],
        "check": ["check", TOWN_2024],
        "summary": ["summary", TOWN_2024, "--by", "commune,village", "--totals", TOTALS],
        "progress": ["progress", "--baseline", TOWN_2023, "--current", TOWN_2024, "--plan", PLAN, "--totals", TOTALS],
        "report": ["report", "--current", TOWN_2024, "--baseline", TOWN_2023, "--plan", PLAN, "--totals", TOTALS,
                   "-o", tmp / "bao-cao.xlsx"],
        "template": ["template", "-o", tmp / "mau.xlsx", "--totals", TOTALS],
        "standards": ["standards"],
        "standard": ["standards", "vn-2022"],
        "transition": ["transition", TOWN_2024, "--to", "vn-2027", "--totals", TOTALS],
    }


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def _templates(lang: str) -> list[str]:
    """Every sentence and word of both catalogues in one language."""
    messages = tomllib.loads((SRC / "messages.toml").read_text("utf-8"))
    labels = tomllib.loads((SRC / "labels.toml").read_text("utf-8"))
    out: list[str] = []

    def walk(table: dict) -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(value)
            elif key in (lang, f"fix_{lang}") and isinstance(value, str):
                out.append(value)

    walk(messages)

    def values(table: object) -> None:
        if isinstance(table, dict):
            for value in table.values():
                values(value)
        elif isinstance(table, str):
            out.append(table)

    values(labels.get(lang, {}))
    return out


@lru_cache(maxsize=None)
def _english_words() -> frozenset[str]:
    """Words the English catalogue uses and the Vietnamese one never does (three letters or more)."""
    english = {w.lower() for t in _templates("en") for w in _WORD.findall(re.sub(r"\{[^}]*\}", " ", t))}
    vietnamese = {w.lower() for t in _templates("vi") for w in _WORD.findall(re.sub(r"\{[^}]*\}", " ", t))}
    return frozenset(w for w in english - vietnamese if len(w) >= 3 and w.isascii())


def _is_vietnamese(word: str) -> bool:
    return any(ch in _VIETNAMESE_LETTERS for ch in word.lower())


_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”")
_NOT_WORDS = re.compile(r"(--?[a-z][\w-]*)|(\S*[/\\]\S*)|(\S+\.(xlsx|csv|toml|json|html|parquet|xls|ods))|(\b[A-Z]{2,}\d*\b)")


def _data_words(tmp: Path) -> set[str]:
    """Words that come from the data and the legal sources, not from povertool's sentences."""
    from povertool import api
    from povertool.read import standards as std_io

    words: set[str] = set()
    for path in (TOWN_2024, TOWN_2023):
        survey = api.read_survey(path)
        for column in ("province", "district", "commune", "village"):
            if column in survey.households:
                for name in survey.households[column].dropna().unique():
                    words.update(w.lower() for w in _WORD.findall(str(name)))
        for source in survey.sources:
            words.update(w.lower() for w in _WORD.findall(source.sheet))
            for header in source.columns.values():
                words.update(w.lower() for w in _WORD.findall(header))
    for ref in (*std_io.builtin_ids(), *std_io.example_ids()):
        std = std_io.read_standard(ref)
        # Legal titles, names and the legal wording of each rule are quoted as written in the standard file;
        # indicator codes are the documented field names.
        for text in (*std.legal_sources, std.name, std.id.replace("-", " "), *std.verify_notes, *(i.code for i in std.indicators),
                     *(i.deprived_when for i in std.indicators)):
            words.update(w.lower() for w in _WORD.findall(text.replace("_", " ")))
    return words


def _from_data(word: str, data: set[str]) -> bool:
    """A word of the data, or the start of one cut short by a narrow table column ('Phư…')."""
    return word in data or (len(word) >= 2 and any(d.startswith(word) for d in data))


def _slips(output: str, lang: str, data: set[str]) -> list[str]:
    """The words of ``output`` in the other language."""
    text = _NOT_WORDS.sub(" ", _QUOTED.sub(" ", unicodedata.normalize("NFC", output)))
    found = []
    for word in _WORD.findall(text):
        key = word.lower()
        if _from_data(key, data):
            continue
        if lang == "en" and _is_vietnamese(word):
            found.append(word)
        elif lang == "vi" and key in _english_words():
            found.append(word)
    return sorted(set(found))


@pytest.fixture(scope="module")
def data_words(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    return _data_words(tmp_path_factory.mktemp("data"))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", ["classify", "check", "summary", "progress", "report", "template", "standards",
                                  "standard", "transition"])
def test_every_command_speaks_one_language(cli, tmp_path, monkeypatch, data_words, name, lang):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    args = _commands(tmp_path)[name]
    result = cli(*args, "--lang", lang)
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    slips = _slips(result.stdout + "\n" + result.stderr, lang, data_words)
    assert not slips, (name, lang, slips, result.stderr[-2000:])


def test_environment_variable_chooses_the_language(cli, monkeypatch):
    monkeypatch.setenv("POVERTOOL_LANG", "en")
    english = cli("check", TOWN_2024)
    assert "household row(s) read" in english.stderr
    monkeypatch.delenv("POVERTOOL_LANG")
    vietnamese = cli("check", TOWN_2024)
    assert "Đã đọc 483 dòng hộ" in vietnamese.stderr
    assert "household" not in vietnamese.stderr


def test_the_detector_finds_a_slip_each_way(data_words):
    """The check above can fail: an English sentence in Vietnamese output, and the reverse, are both found."""
    assert _slips("Đã ghi ket-qua.xlsx\nwarning: 3 row(s) were rejected", "vi", data_words)
    assert _slips("Wrote out.xlsx\ncảnh báo: dòng bị loại", "en", data_words)
    assert not _slips("Đã ghi ket-qua.xlsx", "vi", data_words)
    assert not _slips('Wrote out.xlsx; sheet "Danh sách rà soát"', "en", data_words)
