"""Extraction stage: an Article -> ArticleFacts (people, companies, meetings), each fact with its span."""

from kg.extract.legacy import company_parent, extract, group_by_name, split_sentences

__all__ = ["company_parent", "extract", "group_by_name", "split_sentences"]
