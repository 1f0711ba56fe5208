"""One error hierarchy; each error carries the exit code the CLI ends with.

Exit codes: 0 success; 1 the data does not conform (a result, raised as :class:`NotConforming`
only where a caller wants an exception); 2 bad usage or bad input; 3 store problems
(missing, locked by another writer, corrupt); 4 query errors; 5 remote endpoint errors; 6 nothing matched
(a name that designates nothing in the store).
"""

from __future__ import annotations


class KgError(Exception):
    exit_code = 2

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class NotConforming(KgError):
    exit_code = 1


class InputError(KgError):
    """Bad input: names the file (and line) and the problem."""

    exit_code = 2

    def __init__(self, source: str, problem: str, *, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.line = line
        self.problem = problem


class UsageError(KgError):
    exit_code = 2


class StoreError(KgError):
    exit_code = 3


class StoreBusy(StoreError):
    """Another process holds the store for writing."""


class StoreDamaged(StoreError):
    """The store's files are corrupt (a checksum does not match): its data cannot be read as it was written."""


class QueryError(KgError):
    exit_code = 4


class UnsafeQuery(QueryError):
    """A query would reach the network (SERVICE, LOAD, remote FROM) without the user's opt-in."""


class QueryLimit(QueryError):
    """A query ran past its time limit or its memory limit and was stopped."""


class RemoteError(KgError):
    exit_code = 5


class NothingMatched(KgError):
    """A name or IRI the user gave designates nothing in the store: an answer, not a failure of the input
    (exit 1 stays "some input of a batch failed", as scripts and the scorer read it)."""

    exit_code = 6
