"""All reports of a meeting -> its resolved graph: the date every report allows and the status."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kg.extract import intersect
from kg.iris import resolved_graph
from kg.model import DateFact, MeetingStatus, PartnershipStatus, Precision
from kg.namespaces import AIP, RDF, XSD


@dataclass(frozen=True)
class Report:
    """What one article says of a meeting's (or a partnership's) date and status."""

    date: DateFact | None
    status: MeetingStatus | PartnershipStatus


def date_literal(value: str, precision: Precision) -> Literal:
    datatype = {Precision.DAY: XSD.date, Precision.MONTH: XSD.gYearMonth, Precision.YEAR: XSD.gYear}[precision]
    return Literal(value, datatype=datatype)


def precision_of(literal: Literal) -> Precision:
    return {XSD.date.value: Precision.DAY, XSD.gYearMonth.value: Precision.MONTH}.get(literal.datatype.value,
                                                                                      Precision.YEAR)


def consolidate(meeting: NamedNode, reports: list[Report]) -> list[Quad]:
    """The meeting's resolved graph: the date all reports allow and its status. Empty when no report is left."""
    if not reports:
        return []
    g = resolved_graph(meeting)
    out = [Quad(g, RDF.type, AIP.ResolvedGraph, g)]
    combined: DateFact | None = None
    for r in reports:
        if r.date is not None and (r.date.value or r.date.earliest):
            combined = r.date if combined is None else (intersect(combined, r.date) or combined)
    if combined is not None:
        if combined.value and combined.precision:
            out.append(Quad(meeting, AIP.date, date_literal(combined.value, combined.precision), g))
        if combined.earliest and combined.latest:
            out.append(Quad(meeting, AIP.earliestDate, Literal(combined.earliest.isoformat(), datatype=XSD.date), g))
            out.append(Quad(meeting, AIP.latestDate, Literal(combined.latest.isoformat(), datatype=XSD.date), g))
    out.append(Quad(meeting, AIP.status, _status(reports), g))
    return out


PARTNERSHIP_STATUS = {PartnershipStatus.ANNOUNCED: AIP.Announced, PartnershipStatus.SIGNED: AIP.Signed,
                      PartnershipStatus.PLANNED: AIP.Planned, PartnershipStatus.ENDED: AIP.Ended}
# what one report can say over another: an end over a signing over an announcement over a plan
_ORDER = (PartnershipStatus.ENDED, PartnershipStatus.SIGNED, PartnershipStatus.ANNOUNCED, PartnershipStatus.PLANNED)


def _status(reports: list[Report]) -> NamedNode:
    statuses = {r.status for r in reports}
    if any(isinstance(s, PartnershipStatus) for s in statuses):
        return PARTNERSHIP_STATUS[next(s for s in _ORDER if s in statuses)]
    return AIP.Occurred if MeetingStatus.OCCURRED in statuses else AIP.Planned
