"""The one home of every namespace and well-known IRI the code uses."""

from __future__ import annotations

from pyoxigraph import NamedNode

AIP_NS = "https://w3id.org/aipkg/ontology#"
ID_NS = "https://w3id.org/aipkg/id/"

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA_NS = "https://schema.org/"
FOAF_NS = "http://xmlns.com/foaf/0.1/"
ORG_NS = "http://www.w3.org/ns/org#"
PROV_NS = "http://www.w3.org/ns/prov#"
DCTERMS_NS = "http://purl.org/dc/terms/"
SH_NS = "http://www.w3.org/ns/shacl#"
WD_NS = "http://www.wikidata.org/entity/"

PREFIXES: dict[str, str] = {
    "aip": AIP_NS,
    "id": ID_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "owl": OWL_NS,
    "xsd": XSD_NS,
    "skos": SKOS_NS,
    "schema": SCHEMA_NS,
    "foaf": FOAF_NS,
    "org": ORG_NS,
    "prov": PROV_NS,
    "dcterms": DCTERMS_NS,
    "sh": SH_NS,
    "wd": WD_NS,
}


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, for queries written in code."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


class _Namespace:
    """Attribute access to IRIs in one namespace: ``AIP.Meeting`` is a pyoxigraph NamedNode."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        node = NamedNode(self._base + name)
        setattr(self, name, node)  # kept: the next access is a plain attribute (ingest uses them per statement)
        return node

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)

    def __str__(self) -> str:
        return self._base


AIP = _Namespace(AIP_NS)
ID = _Namespace(ID_NS)
RDF = _Namespace(RDF_NS)
RDFS = _Namespace(RDFS_NS)
OWL = _Namespace(OWL_NS)
XSD = _Namespace(XSD_NS)
SKOS = _Namespace(SKOS_NS)
SCHEMA = _Namespace(SCHEMA_NS)
FOAF = _Namespace(FOAF_NS)
ORG = _Namespace(ORG_NS)
PROV = _Namespace(PROV_NS)
DCTERMS = _Namespace(DCTERMS_NS)

# The graph and instance IRIs live in kg.iris (one home); these names stay importable from here, looked up when
# asked for (kg.iris imports this module, so an import at the top of it would be a circle).
_FROM_IRIS = frozenset({"INFERRED_GRAPH", "ONTOLOGY_GRAPH", "REFERENCE_GRAPH", "TOPICS_GRAPH", "mint", "slug"})


def __getattr__(name: str) -> object:
    if name in _FROM_IRIS:
        import kg.iris

        return getattr(kg.iris, name)
    raise AttributeError(name)


__all__ = [
    "AIP", "AIP_NS", "DCTERMS", "DCTERMS_NS", "FOAF", "FOAF_NS", "ID", "ID_NS", "ORG", "ORG_NS", "OWL", "OWL_NS",
    "PREFIXES", "PROV", "PROV_NS", "RDF", "RDFS", "RDFS_NS", "RDF_NS", "SCHEMA", "SCHEMA_NS", "SH_NS", "SKOS",
    "SKOS_NS", "WD_NS", "XSD", "XSD_NS", "sparql_prologue",
]
