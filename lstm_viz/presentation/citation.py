"""What to cite, read from ``CITATION.cff``: reference lines and BibTeX, book and chapter.

``CITATION.cff`` is the one source; nothing here repeats a title, a name or a year. Every problem
with the file — not UTF-8, not YAML, empty, a field missing, of the wrong type or not a real
date — raises
:class:`CitationError` with one line naming the file and the field.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Citation", "CitationError", "Work", "load_citation"]


class CitationError(ValueError):
    """A problem with ``CITATION.cff``; the message names the file and the field."""


_BIBTEX_SPECIAL = str.maketrans({c: f"\\{c}" for c in "&%$#_{}"})


def _bibtex_text(text: str) -> str:
    return text.translate(_BIBTEX_SPECIAL)


def _kind(value: object) -> str:
    return "nothing" if value is None else f"{type(value).__name__} {value!r:.40}"


@dataclass(frozen=True)
class _Fields:
    """Typed fields of a parsed CFF file; each error names the file and the field's path."""

    file: str

    def error(self, where: str, problem: str) -> CitationError:
        return CitationError(f"{self.file}: {where} {problem}")

    def get(self, data: dict[str, Any], key: str, where: str) -> Any:
        if data.get(key) is None:
            raise self.error(f"{where}{key}", "is missing")
        return data[key]

    def mapping(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(where, f"must be a mapping of fields, got {_kind(value)}")
        return value

    def text(self, data: dict[str, Any], key: str, where: str = "") -> str:
        value = self.get(data, key, where)
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"{where}{key}", f"must be a piece of text, got {_kind(value)}")
        return value

    def year(self, data: dict[str, Any], where: str) -> int:
        value = self.get(data, "year", where)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(f"{where}year", f"must be a whole number, got {_kind(value)}")
        return value

    def names(self, data: dict[str, Any], key: str, where: str = "") -> list[str]:
        """CFF persons and entities as display names ('Given Family', an alias, or a name)."""
        people = self.get(data, key, where)
        if not isinstance(people, list) or not people:
            raise self.error(f"{where}{key}", f"must list at least one person, got {_kind(people)}")
        names = []
        for number, entry in enumerate(people):
            at = f"{where}{key}[{number}]"
            person = self.mapping(entry, at)
            parts = [person.get(k) for k in ("given-names", "name-particle", "family-names")]
            full = " ".join(p for p in parts if isinstance(p, str) and p.strip())
            other = [person.get(k) for k in ("name", "alias")]
            name = full or next((p for p in other if isinstance(p, str) and p.strip()), None)
            if name is None:
                raise self.error(at, "needs given-names and family-names, a name or an alias")
            names.append(name)
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
    def from_cff(cls, entry: dict[str, Any], fields: _Fields, where: str) -> Work:
        section = entry.get("section")
        if section is not None and not isinstance(section, str):
            raise fields.error(f"{where}section", f"must be a piece of text, got {_kind(section)}")
        publisher = fields.mapping(fields.get(entry, "publisher", where), f"{where}publisher")
        return cls(
            tuple(fields.names(entry, "authors", where)),
            fields.text(entry, "title", where),
            fields.text(publisher, "name", f"{where}publisher."),
            fields.year(entry, where),
            section,
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


def _released(value: object, fields: _Fields) -> str:
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError as error:
        raise fields.error(
            "date-released", f"must be a date YYYY-MM-DD, got {_kind(value)} ({error})"
        ) from None


class _TextLoader(yaml.SafeLoader):
    """YAML's safe loader, less its dates: an unquoted ``2026-02-30`` stays text for
    :func:`_released` to judge (PyYAML would raise a bare ``ValueError`` on it, naming nothing)."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _text_of(path: Path) -> str:
    """The file's text, which CFF says is UTF-8; a byte that is not names its line and column."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CitationError(f"{path.name}: cannot be read: {error.strerror}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line, column = before.count(b"\n") + 1, error.start - (before.rfind(b"\n") + 1) + 1
        raise CitationError(
            f"{path.name}: byte 0x{raw[error.start]:02x} at line {line}, column {column} is not "
            "UTF-8: save the file as UTF-8"
        ) from None


def load_citation(path: Path) -> Citation:
    """Read ``CITATION.cff`` at ``path``; raise :class:`CitationError` naming the field at fault."""
    fields = _Fields(path.name)
    text = _text_of(path)
    try:
        data = yaml.load(text, Loader=_TextLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise CitationError(f"{path.name}: not valid YAML{at}: {problem}") from None
    if data is None:
        raise CitationError(f"{path.name}: title is missing (the file is empty)")
    data = fields.mapping(data, "the file")
    # In the order the file lists them, so the first problem is the one reported.
    title = fields.text(data, "title")
    abstract = data.get("abstract", "")
    if not isinstance(abstract, str):
        raise fields.error("abstract", f"must be a piece of text, got {_kind(abstract)}")
    version = fields.get(data, "version", "")
    if not isinstance(version, str | int | float) or isinstance(version, bool):
        raise fields.error("version", f"must be a piece of text, got {_kind(version)}")
    released = _released(fields.get(data, "date-released", ""), fields)
    url = fields.text(data, "url")
    authors = tuple(fields.names(data, "authors"))
    preferred = fields.mapping(fields.get(data, "preferred-citation", ""), "preferred-citation")
    book = Work.from_cff(preferred, fields, "preferred-citation.")
    references = data.get("references") or []
    if not isinstance(references, list):
        raise fields.error("references", f"must be a list, got {_kind(references)}")
    chapters = [
        (number, reference)
        for number, reference in enumerate(references)
        if isinstance(reference, dict) and reference.get("section") is not None
    ]
    if not chapters:
        raise fields.error("references", "has no entry with a section (the chapter to cite)")
    number, chapter = chapters[0]
    return Citation(
        book=book,
        chapter=Work.from_cff(chapter, fields, f"references[{number}]."),
        edition_title=title,
        version=str(version),
        released=released,
        url=url,
        abstract=" ".join(abstract.split()),
        authors=authors,
    )
