"""What validation gives back (a report of violations), and the choices of how to run it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from kg.errors import UsageError

_C = TypeVar("_C", bound="_Choice")


class _Choice(str, Enum):
    """A str Enum (``ValidationEngine.FAST == "fast"``) whose unknown values are usage errors listing the choices."""

    @classmethod
    def of(cls: type[_C], value: str) -> _C:
        try:
            return cls(value)
        except ValueError:
            what = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
            choices = ", ".join(e.value for e in cls)
            raise UsageError(f"unknown {what} {value!r}: use {choices}") from None


class ValidationEngine(_Choice):
    """How a whole store is validated: ``fast``, the shapes compiled once and run as pyoxigraph queries; or
    ``pyshacl``, the reference engine, exact but minutes long from about 100k statements. The values are the
    strings ``kg validate --engine`` accepts."""

    FAST = "fast"
    PYSHACL = "pyshacl"


class Evaluation(_Choice):
    """How the compiled shapes check one article: ``python`` over an index of it (ingest's way), or ``sparql``,
    each check as its query (the same results, several times slower: tests compare the two)."""

    PYTHON = "python"
    SPARQL = "sparql"


@dataclass(frozen=True)
class Violation:
    focus: str  # the node that failed, as an IRI (or a blank node id)
    path: str | None  # the property path, "aip:attendee" or a SPARQL-like rendering of a complex path
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: str | None  # the offending value, when there is one

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool  # no result of severity Violation (warnings do not break conformance)
    violations: tuple[Violation, ...]  # every result, warnings included, sorted
    text: str  # human-readable report

    @property
    def errors(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity == "Violation")

    @property
    def warnings(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity != "Violation")
