"""Asking the store: the .rq query library (headers, typed parameters, running) and fact look-up with citations.

Other packages import from here only; presentation of what these return is :mod:`kg.render`'s.
"""

from kg.query.facts import Citation, EntityFacts, Fact, describe_meeting, facts_about, find_entities, label_of
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
    "list_queries",
    "load_query",
    "parse_query_file",
    "parse_query_text",
    "read_query_stream",
    "run_query",
    "shorten",
    "to_iri",
]
