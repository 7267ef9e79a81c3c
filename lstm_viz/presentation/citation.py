"""What to cite, read from ``CITATION.cff``: reference lines and BibTeX, book and chapter.

``CITATION.cff`` is the one source; nothing here repeats a title, a name or a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["Citation", "Work", "load_citation"]

_BIBTEX_SPECIAL = str.maketrans({c: f"\\{c}" for c in "&%$#_{}"})


def _bibtex_text(text: str) -> str:
    return text.translate(_BIBTEX_SPECIAL)


def _names(people: list[dict]) -> list[str]:
    """CFF persons and entities as display names ('Given Family', an alias, or an entity name)."""
    names = []
    for person in people:
        full = " ".join(
            person[key] for key in ("given-names", "name-particle", "family-names") if key in person
        )
        names.append(full or person.get("name") or person["alias"])
    return names


@dataclass(frozen=True)
class Work:
    """A cited work: the book, or a section (chapter) of it."""

    authors: tuple[str, ...]
    title: str
    publisher: str
    year: int
    section: str | None = None

    @classmethod
    def from_cff(cls, entry: dict) -> Work:
        return cls(
            tuple(_names(entry["authors"])),
            entry["title"],
            entry["publisher"]["name"],
            int(entry["year"]),
            entry.get("section"),
        )


@dataclass(frozen=True)
class Citation:
    """The book, its LSTM chapter, and this edition (title, version, release date, URL)."""

    book: Work
    chapter: Work
    edition_title: str
    version: str
    released: str
    url: str
    abstract: str
    authors: tuple[str, ...]

    @property
    def key(self) -> str:
        """The BibTeX key stem: first author and year, e.g. ``manisar2020``."""
        return f"{self.book.authors[0].split()[-1].lower()}{self.book.year}"

    def edition_note(self) -> str:
        return f"{self.edition_title}, version {self.version}, {self.released}, {self.url}"

    def book_line(self) -> str:
        """A plain reference line for the book, in the form the original asks for."""
        b = self.book
        return f"{' and '.join(b.authors)}, “{b.title}”, {b.publisher}, {b.year}."

    def chapter_line(self) -> str:
        """A plain reference line for the LSTM chapter in this edition."""
        c = self.chapter
        return (
            f"{' and '.join(c.authors)}, “{c.section}”, in {c.title}, {c.publisher}, {c.year}. "
            f"Online edition: {self.edition_note()}."
        )

    def book_bibtex(self) -> str:
        b = self.book
        return _entry(
            "book",
            self.key,
            author=" and ".join(b.authors),
            title=b.title,
            publisher=b.publisher,
            year=str(b.year),
        )

    def chapter_bibtex(self) -> str:
        c = self.chapter
        return _entry(
            "incollection",
            f"{self.key}lstm",
            author=" and ".join(c.authors),
            title=c.section or c.title,
            booktitle=c.title,
            publisher=c.publisher,
            year=str(c.year),
            url=self.url,
            note=f"Online edition: {self.edition_title}, version {self.version}, {self.released}",
        )


def _entry(kind: str, key: str, **fields: str) -> str:
    width = max(map(len, fields))
    body = ",\n".join(
        f"  {name.ljust(width)} = {{{value if name == 'url' else _bibtex_text(value)}}}"
        for name, value in fields.items()
    )
    return f"@{kind}{{{key},\n{body}\n}}"


def load_citation(path: Path) -> Citation:
    """Read ``CITATION.cff`` at ``path``; raise ``ValueError`` naming what is missing."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        chapters = [r for r in data.get("references", []) if r.get("section")]
        return Citation(
            book=Work.from_cff(data["preferred-citation"]),
            chapter=Work.from_cff(chapters[0]),
            edition_title=data["title"],
            version=str(data["version"]),
            released=str(data["date-released"]),
            url=data["url"],
            abstract=" ".join(data.get("abstract", "").split()),
            authors=tuple(_names(data["authors"])),
        )
    except (KeyError, IndexError, TypeError) as error:
        raise ValueError(
            f"{path} lacks what the book cites (preferred-citation, a reference with a section, "
            f"title, version, date-released, url, authors): {error!r}"
        ) from None
