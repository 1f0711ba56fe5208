"""Asking the store: the .rq query library (headers, typed parameters, running) and fact look-up with citations.

Other packages import from here only; presentation of what these return is :mod:`kg.render`'s.
"""

from kg.query.facts import Citation, EntityFacts, Fact, describe_meeting, facts_about, label_of
from kg.query.library import (
    MAX_QUERY_BYTES,
    STDIN,
    NamedQuery,
    bind_params,
    list_queries,
    load_query,
    parse_query_file,
    parse_query_text,
    read_query_stream,
    run_query,
)
from kg.query.names import find_entities, labels_containing, resolve_entity
from kg.query.params import PARAM_KINDS, QueryParam, convert_value, shorten, to_iri

__all__ = [
    "MAX_QUERY_BYTES",
    "PARAM_KINDS",
    "STDIN",
    "Citation",
    "EntityFacts",
    "Fact",
    "NamedQuery",
    "QueryParam",
    "bind_params",
    "convert_value",
    "describe_meeting",
    "facts_about",
    "find_entities",
    "label_of",
    "labels_containing",
    "list_queries",
    "load_query",
    "parse_query_file",
    "parse_query_text",
    "read_query_stream",
    "resolve_entity",
    "run_query",
    "shorten",
    "to_iri",
]
