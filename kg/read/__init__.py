"""Stage 1, reading: files -> :class:`kg.model.Article` or :class:`kg.model.ReadFailure`."""

from kg.read.page import (
    MAX_ARTICLE_BYTES,
    NO_DATE_WARNING,
    OUTLETS_BY_HOST,
    date_from_url,
    decode_bytes,
    iter_file,
    parse_date,
    read_file,
    read_html,
    read_paths,
    read_text,
)

__all__ = [
    "MAX_ARTICLE_BYTES",
    "NO_DATE_WARNING",
    "OUTLETS_BY_HOST",
    "date_from_url",
    "decode_bytes",
    "iter_file",
    "parse_date",
    "read_file",
    "read_html",
    "read_paths",
    "read_text",
]
