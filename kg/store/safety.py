"""Query safety: refuse queries that would reach the network, bind values without pasting text.

The checks work on SPARQL *tokens* (strings, IRIs, comments, variables and prefixed names are
recognised first), so a label containing the word SERVICE is just text while ``SeRvIcE`` is the
keyword (SPARQL keywords are case-insensitive).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin
from urllib.request import Request

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.errors import QueryError, UnsafeQuery
from kg.namespaces import AIP_NS, ID_NS

# IRIs under this prefix never leave the machine: they name our own graphs (what the vocabulary's and the
# instances' namespaces share, https://w3id.org/aipkg/).
LOCAL_IRI_PREFIX = os.path.commonprefix([AIP_NS, ID_NS])

_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w:%.-]|\\.)*)
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;*+\-/!<>=|^@])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_VARNAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Token:
    kind: str  # comment, string, iri, var, pname, word, number, punct, other
    text: str
    start: int
    end: int


def tokens(sparql: str) -> Iterator[Token]:
    """SPARQL tokens without whitespace and comments; an unterminated string raises QueryError."""
    pos = 0
    while pos < len(sparql):
        m = _TOKEN_RE.match(sparql, pos)
        if m is None:  # pragma: no cover - the `other` branch matches any character
            raise QueryError(f"query: cannot read the text at offset {pos}")
        kind = m.lastgroup or "other"
        if kind == "other" and sparql[pos] in "'\"":
            raise QueryError(f"query: unterminated string at offset {pos}")
        if kind not in ("ws", "comment"):
            yield Token(kind, m.group(), m.start(), m.end())
        pos = m.end()


@lru_cache(maxsize=512)
def _token_list(sparql: str) -> tuple[Token, ...]:
    # the same library query text is checked and bound on every call
    return tuple(tokens(sparql))


def check_query(sparql: str, *, allow_network: bool) -> None:
    """Raise UnsafeQuery if the query could reach the network and the user did not opt in.

    Refused: SERVICE, LOAD, Virtuoso's DEFINE pragmas, and FROM / FROM NAMED naming a graph outside
    ``LOCAL_IRI_PREFIX`` (an IRI that cannot be resolved counts as remote).
    """
    if allow_network:
        return
    _check_local(sparql)


# What follows a keyword, read as loosely as any engine might read it. The grammar's white space is space, tab,
# CR and LF, and comments run to the end of the line.
_GAP = r"(?:[ \t\r\n]|\#[^\r\n]*)*"
_IRIREF = r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"
_PN = r"(?:[^\s{}()\[\]<>\"'#,;=!|&^*+/\\?$]|\\.)"  # a superset of the grammar's name characters and escapes
_PNAME = rf"{_PN}*:{_PN}*"
_VAR = r"[?$]\w+"
_AFTER_SERVICE = re.compile(rf"{_GAP}(?:SILENT{_GAP})?(?:{_VAR}|{_IRIREF}|{_PNAME}){_GAP}\{{", re.IGNORECASE)
_LOAD = re.compile(rf"LOAD(?![^\W\d_]){_GAP}(?:SILENT{_GAP})?(?:{_IRIREF}|{_PNAME})", re.IGNORECASE)
_DEFINE = re.compile(rf"DEFINE{_GAP}{_PNAME}", re.IGNORECASE)
_AFTER_FROM = re.compile(rf"{_GAP}(?:NAMED{_GAP})?(?P<source>{_IRIREF}|{_PNAME})", re.IGNORECASE)
_AFTER_FROM_PLAIN = re.compile(rf"{_GAP}(?P<source>{_IRIREF}|{_PNAME})")  # FROM NAMED:x may be FROM <NAMED:x>
_PREFIX = re.compile(rf"PREFIX{_GAP}(?P<name>{_PN}*):{_GAP}(?P<iri>{_IRIREF})", re.IGNORECASE)
_BASE = re.compile(rf"BASE{_GAP}(?P<iri>{_IRIREF})", re.IGNORECASE)
_SERVICE = re.compile("SERVICE", re.IGNORECASE)
_DATASET_START = re.compile(r"(?:ASK|CONSTRUCT)?FROM", re.IGNORECASE)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_AMBIGUOUS = "\x00"  # a prefix or base declared twice with different IRIs


def _uchar(m: re.Match[str]) -> str:
    code = int(m.group(1) or m.group(2), 16)
    return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group()


def unescape_codepoints(sparql: str) -> str:
    r"""The query with ``\uXXXX`` and ``\UXXXXXXXX`` replaced everywhere, as SPARQL 1.1 (19.2) has engines do
    before parsing (Jena does; Oxigraph only inside IRIs and strings). An escaped backslash is not an escape's
    start: ``\\u0041`` stays as written."""
    if "\\u" not in sparql and "\\U" not in sparql:
        return sparql
    out, pos = [], 0
    while (at := sparql.find("\\", pos)) >= 0:
        m = _UCHAR.match(sparql, at)
        out.append(sparql[pos:at])
        if m is not None:
            out.append(_uchar(m))
            pos = m.end()
        else:
            out.append(sparql[at : at + 2])
            pos = at + 2
    out.append(sparql[pos:])
    return "".join(out)


@lru_cache(maxsize=512)
def _check_local(sparql: str) -> None:
    r""":func:`check_query` without network access, once per query text (a refusal raises, and is not cached).

    Engines do not read SPARQL alike: Oxigraph's parser matches a keyword without a word boundary, so
    ``SERVICE:x``, ``SERVICEex:x``, ``trueSERVICE<…>``, ``ASKFROM:x`` and ``FROMNAMED:x`` are keywords to it
    although the grammar's tokens make them prefixed names or words; Jena replaces ``\u`` escapes before
    parsing. So the text is read as written and with its escapes replaced, and in each reading every place an
    engine could take for SERVICE (anywhere in a word or prefixed name, followed by a graph name and a group),
    for LOAD, DEFINE or a dataset clause (a word or prefixed name that starts with it, followed by a source)
    is looked at. Strings, IRIs, comments and variables are read alike by every engine and are not looked
    into. This refuses a few queries no engine would send anywhere (an object named ``ex:service`` right
    before a group); it lets none through that one would (tests/store/test_store_network_fuzz.py).
    """
    readings = [sparql]
    unescaped = unescape_codepoints(sparql)
    if unescaped != sparql:
        readings.append(unescaped)
    for i, text in enumerate(readings):
        try:
            toks = _token_list(text)
        except QueryError:
            if i == 0:
                raise
            continue  # the replaced escapes leave a string open: an engine replacing them cannot parse it
        _check_reading(text, toks)


def _check_reading(text: str, toks: tuple[Token, ...]) -> None:
    # Case is ignored the Unicode way (more than the ASCII way engines use), and offsets stay in the text.
    prefixes: dict[str, str] = {}
    bases: list[str] = []
    for tok in toks:
        if tok.kind not in ("word", "pname"):
            continue
        for m in _SERVICE.finditer(tok.text):
            if _AFTER_SERVICE.match(text, tok.start + m.end()):
                raise UnsafeQuery("query: SERVICE reaches the network and is refused; opt in to allow network access")
        if _LOAD.match(text, tok.start):  # an update, never run as a query; refused all the same
            raise UnsafeQuery("query: LOAD reaches the network and is refused; opt in to allow network access")
        if _DEFINE.match(text, tok.start):
            raise UnsafeQuery(
                "query: DEFINE pragmas (Virtuoso's) can fetch documents from the network and are refused; "
                "opt in to allow network access"
            )
        if decl := _PREFIX.match(text, tok.start):
            _declare(prefixes, decl["name"], _iri_value(decl["iri"], bases))
        elif decl := _BASE.match(text, tok.start):
            bases.append(_iri_value(decl["iri"], bases))
        elif dataset := _DATASET_START.match(tok.text):
            for after in (_AFTER_FROM, _AFTER_FROM_PLAIN):
                if clause := after.match(text, tok.start + dataset.end()):
                    _check_source(clause["source"], prefixes, bases)


def _declare(prefixes: dict[str, str], name: str, iri: str) -> None:
    # Engines take the last declaration; one that only looks like a declaration to us (a DESCRIBE target named
    # prefixid: before an IRI, say) must not make a name local: two different IRIs make it unresolvable.
    if prefixes.get(name, iri) != iri:
        iri = _AMBIGUOUS
    prefixes[name] = iri


def _iri_value(iriref: str, bases: list[str]) -> str:
    iri = _UCHAR.sub(_uchar, iriref[1:-1])
    if not bases:
        return iri
    if len(set(bases)) > 1 or _AMBIGUOUS in bases:
        return iri if _SCHEME.match(iri) else _AMBIGUOUS
    return urljoin(bases[0], iri)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _check_source(source: str, prefixes: dict[str, str], bases: list[str]) -> None:
    if source.startswith("<"):
        iri: str | None = _iri_value(source, bases)
    else:
        prefix, _, local = source.partition(":")
        ns = prefixes.get(prefix)
        iri = None if ns is None or ns == _AMBIGUOUS else ns + local
    if iri is None or _AMBIGUOUS in iri or not iri.startswith(LOCAL_IRI_PREFIX):
        raise UnsafeQuery(
            f"query: FROM {source} names a graph outside {LOCAL_IRI_PREFIX} that could be "
            "fetched from the network; opt in to allow network access"
        )


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's form (SELECT if it cannot be told), e.g. to ask a server
    for a table or for RDF."""
    for tok in _token_list(sparql):
        if tok.kind == "word" and tok.text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return tok.text.upper()
    return "SELECT"


def serialise_term(term: NamedNode | Literal) -> str:
    """A term in SPARQL syntax, escaped by pyoxigraph (never raw user text)."""
    if isinstance(term, BlankNode):
        raise QueryError("query: a blank node cannot be bound to a variable")
    if not isinstance(term, NamedNode | Literal):
        raise QueryError(f"query: cannot bind {type(term).__name__} values; use NamedNode or Literal")
    return str(term)


def values_block(bindings: Mapping[str, NamedNode | Literal]) -> str:
    names = []
    for name in bindings:
        bare = name[1:] if name[:1] in "?$" else name
        if not _VARNAME_RE.match(bare):
            raise QueryError(f"query: {name!r} is not a valid variable name")
        names.append("?" + bare)
    terms = " ".join(serialise_term(t) for t in bindings.values())
    return f" VALUES ({' '.join(names)}) {{ ({terms}) }} "


def _where_brace(toks: list[Token]) -> Token | None:
    """The opening brace of the query's top-level WHERE group."""
    form_at = next(
        (i for i, t in enumerate(toks)
         if t.kind == "word" and t.text.upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")),
        None,
    )
    if form_at is None:
        return None
    i = form_at + 1
    if toks[form_at].text.upper() == "CONSTRUCT" and i < len(toks) and toks[i].text == "{":
        depth = 0
        while i < len(toks):  # skip the template
            if toks[i].text == "{":
                depth += 1
            elif toks[i].text == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        i += 1
    parens = 0
    while i < len(toks):
        t = toks[i]
        if t.text == "(":
            parens += 1
        elif t.text == ")":
            parens -= 1
        elif t.text == "{" and parens == 0:
            return t
        i += 1
    return None


def _group_end(toks: list[Token], opening: int) -> int:
    """Index of the brace closing the group opened at ``toks[opening]``."""
    depth = 0
    for i in range(opening, len(toks)):
        if toks[i].text == "{":
            depth += 1
        elif toks[i].text == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(toks) - 1


def _is_word(tok: Token | None, word: str) -> bool:
    return tok is not None and tok.kind == "word" and tok.text.upper() == word


def _inner_groups(toks: list[Token], after: int) -> Iterator[int]:
    """Indexes of the opening braces of OPTIONAL, MINUS, (NOT) EXISTS and UNION groups and of subqueries'
    WHERE groups, past token ``after``."""
    for i in range(after + 1, len(toks) - 1):
        word = toks[i].text.upper() if toks[i].kind == "word" else ""
        if word in ("OPTIONAL", "MINUS", "EXISTS", "UNION") and toks[i + 1].text == "{":
            yield i + 1
        elif word == "SELECT":
            brace = _where_brace(toks[i:])
            if brace is not None:
                yield next(j for j in range(i, len(toks)) if toks[j] is brace)
        elif toks[i].text == "{" and not _is_word(toks[i - 1], "UNION"):
            end = _group_end(toks, i)
            if end + 1 < len(toks) and _is_word(toks[end + 1], "UNION"):
                yield i  # the first branch of a UNION


def bind_values(sparql: str, bindings: Mapping[str, NamedNode | Literal]) -> str:
    """The query with a ``VALUES`` block binding the variables at the start of its WHERE group.

    Values are serialised terms, so quotes, braces and keywords in them stay data. A bound variable is
    a constant of the whole query: OPTIONAL, MINUS, EXISTS and UNION groups and subqueries that use it get
    the block too. Their results are the same (they could only join with the bound value), and pyoxigraph,
    which evaluates such a group before joining it, can then start from the constant instead of
    enumerating every value (measured: 0.45 s to nothing at 1M statements).
    """
    if not bindings:
        return sparql
    names = {(k[1:] if k[:1] in "?$" else k): k for k in bindings}
    inserts = [
        (at, values_block({names[n]: bindings[names[n]] for n in used}))
        for at, used in _binding_sites(sparql, tuple(sorted(names)))
    ]
    for at, block in sorted(inserts, reverse=True):
        sparql = sparql[:at] + block + sparql[at:]
    return sparql


@lru_cache(maxsize=512)
def _binding_sites(sparql: str, names: tuple[str, ...]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Where :func:`bind_values` puts VALUES blocks in the query, and which of ``names`` each binds (computed
    once per query text: the library's queries run once an article or more)."""
    toks = list(_token_list(sparql))
    brace = _where_brace(toks)
    if brace is None:
        raise QueryError("query: cannot bind parameters: the query has no WHERE group")
    top = next(i for i, t in enumerate(toks) if t is brace)
    sites = [(brace.end, names)]
    for opening in _inner_groups(toks, top):
        used = {t.text[1:] for t in toks[opening : _group_end(toks, opening)] if t.kind == "var"}
        inner = tuple(n for n in names if n in used)
        if inner:
            sites.append((toks[opening].end, inner))
    return tuple(sites)


# --- rdflib never fetches anything remote in this project -----------------------------------

_rdflib_patched = False


def _refuse_urlopen(request: Request | str, *args: object, **kwargs: object) -> object:
    url = request.full_url if isinstance(request, Request) else str(request)
    raise UnsafeQuery(f"{url}: aipkg does not let rdflib fetch remote documents")


def disable_rdflib_network() -> None:
    """Make rdflib refuse every URL fetch: remote parse sources, JSON-LD contexts, SERVICE.

    Idempotent; applied on import by the modules that use rdflib.
    """
    global _rdflib_patched
    if _rdflib_patched:
        return
    import rdflib._networking as networking
    import rdflib.parser as parser
    import rdflib.plugins.sparql.evaluate as evaluate
    import rdflib.plugins.stores.sparqlconnector as connector

    networking._urlopen = _refuse_urlopen  # type: ignore[assignment]
    parser._urlopen = _refuse_urlopen  # type: ignore[assignment]
    evaluate.urlopen = _refuse_urlopen  # type: ignore[assignment]
    connector.urlopen = _refuse_urlopen  # type: ignore[assignment]
    _rdflib_patched = True
