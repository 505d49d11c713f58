"""The domain's notes in words: the domain says what it found as sentences by code and figures (errors.Phrase);
here they become the sentences people read, in the language of the run."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Phrase


def note_text(note: Phrase | str | None, lang: str | None = None) -> str | None:
    """One note as a sentence (None stays None; a sentence already in words is kept)."""
    if note is None:
        return None
    return (note.render(lang) if isinstance(note, Phrase) else str(note)).strip()


def notes_text(notes: Iterable[Phrase | str], lang: str | None = None) -> list[str]:
    """Every note as a sentence, in order."""
    return [text for text in (note_text(n, lang) for n in notes) if text is not None]
